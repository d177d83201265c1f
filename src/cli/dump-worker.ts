// Worker thread entry of `kdrift dump`: one job in, its results out.
import { parentPort, workerData } from 'node:worker_threads';
import { runDumpJob, type DumpJob } from './dump-run.js';

parentPort!.postMessage(runDumpJob((workerData as { job: DumpJob }).job));
