// Boots a worker thread on a TypeScript entry (tsx registers per thread).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';
register();
await import(workerData.entry);
