// Boots a worker thread on its entry module; a TypeScript entry needs tsx in this thread too.
import { workerData } from 'node:worker_threads';
if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
