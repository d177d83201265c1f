// Worker thread entry of `kdrift check`'s semantic half (./check-semantic.ts, ./parallel.ts).
import { pairOutcome, type SemanticJob } from './check-semantic.js';
import { serveItems } from './parallel.js';

await serveItems((job: SemanticJob, i) => pairOutcome(job, job.pairs[i]!));
