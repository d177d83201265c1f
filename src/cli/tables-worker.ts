// Worker thread entry of `kdrift tables`: tables the cache does not hold (./parallel.ts).
import { makeTable, type TablesJob } from '../tables/tree-cache.js';
import { serveItems } from './parallel.js';

await serveItems((job: TablesJob, i) => makeTable(job.tree, job.srcarch, job.runs[i]!));
