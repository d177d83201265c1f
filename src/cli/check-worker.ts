// Worker thread entry of `kdrift check`'s semantic half (./check-semantic.ts, ./parallel.ts).
import { pairOutcome, type PairRun, type SemanticJob } from './check-semantic.js';
import { serveItems } from './parallel.js';

// one job per worker: what its pairs share lives as long as the thread
const run: PairRun = {};
await serveItems((job: SemanticJob, i) => pairOutcome(job, job.pairs[i]!, run));
