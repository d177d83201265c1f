// Worker thread entry of `kdrift check`'s semantic half: pairs taken from the shared counter,
// each outcome posted as it is made.
import { parentPort, workerData } from 'node:worker_threads';
import { drain, type SemanticJob } from './check-semantic.js';

const { job, counter } = workerData as { job: SemanticJob; counter: Int32Array };
await drain(job, counter, (i, outcome) => parentPort!.postMessage({ i, outcome }));
parentPort!.postMessage({ done: true });
