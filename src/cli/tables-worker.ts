// Worker thread entry of `kdrift tables`: tables the cache does not hold (./parallel.ts).
import { makeTable, type TablesJob } from '../tables/tree-cache.js';
import { serveItems } from './parallel.js';

// one job per worker: the files it parses live as long as the thread
const shared = {};
await serveItems((job: TablesJob, i) => makeTable(job.tree, job.srcarch, job.runs[i]!, shared));
