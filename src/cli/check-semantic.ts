// The semantic half of `kdrift check`: each differing pair's semantic diff and table impact.
// Cached results are read first. When two or more pairs must be computed and there is a second
// core, a worker thread shares the work (./parallel.ts).
import type { StampMemo } from '../cache/results.js';
import type { ListWarning } from '../check/types.js';
import type { FileDiff } from '../diff/types.js';
import { KdriftError } from '../errors.js';
import type { FileCache } from '../c/unit.js';
import type { ImpactShared, TableImpact } from '../tables/impact.js';
import { canShare, shareItems } from './parallel.js';

export interface PairWork {
  tools: string;
  kernel: string;
}

export interface PairOutcome {
  semantic?: FileDiff;
  /** Absent when the tools copy feeds no table (or the tree has no Makefile.perf). */
  tables?: TableImpact[];
  notes: ListWarning[];
}

export interface SemanticJob {
  tree: string;
  pairs: PairWork[];
  /** Whether the tree's Makefile.perf is there: without it no pair feeds a table. */
  tables: boolean;
}

/** What the pairs a thread computes in one run share: parsed files, the tools copies' tables. */
export interface PairRun {
  files?: FileCache;
  impact?: ImpactShared;
}

/** One pair, computed (or read from the cache); a pair the model cannot read is a note. */
export async function pairOutcome(job: SemanticJob, p: PairWork, run: PairRun, stamps?: StampMemo): Promise<PairOutcome> {
  const [{ DiffResultCache, diffPair }, { ImpactResultCache, pairTableImpact }] = await Promise.all([import('../diff/cache.js'), import('../tables/impact-cache.js')]);
  const out: PairOutcome = { notes: [] };
  try {
    out.semantic = await diffPair(job.tree, p.tools, p.kernel, { results: new DiffResultCache(undefined, stamps), run });
  } catch (e) {
    if (!(e instanceof KdriftError)) throw e;
    out.notes.push({ file: e.at?.file ?? p.kernel, line: e.at?.line, message: `no semantic diff: ${e.message}` });
  }
  if (job.tables) {
    try {
      const impact = await pairTableImpact(job.tree, p.tools, p.kernel, { results: new ImpactResultCache(undefined, stamps), run });
      if (impact) out.tables = impact;
    } catch (e) {
      if (!(e instanceof KdriftError)) throw e;
      out.notes.push({ file: e.at?.file ?? p.tools, line: e.at?.line, message: `no table impact: ${e.message}` });
    }
  }
  return out;
}

export async function semanticOutcomes(job: SemanticJob, stamps: StampMemo): Promise<PairOutcome[]> {
  const [{ cachedDiff, DiffResultCache }, { cachedTableImpact, ImpactResultCache }] = await Promise.all([import('../diff/cache.js'), import('../tables/impact-cache.js')]);
  const out: (PairOutcome | undefined)[] = job.pairs.map(() => undefined);
  const misses: number[] = [];
  job.pairs.forEach((p, i) => {
    const semantic = cachedDiff(job.tree, p.tools, p.kernel, { results: new DiffResultCache(undefined, stamps) });
    const tables = job.tables ? cachedTableImpact(job.tree, p.tools, p.kernel, { results: new ImpactResultCache(undefined, stamps) }) : { impact: null };
    if (semantic && tables) out[i] = { semantic, ...(tables.impact ? { tables: tables.impact } : {}), notes: [] };
    else misses.push(i);
  });
  if (misses.length) {
    const sub: SemanticJob = { ...job, pairs: misses.map((i) => job.pairs[i]!) };
    const got = await compute(sub, stamps);
    misses.forEach((i, k) => (out[i] = got[k]));
  }
  return out as PairOutcome[];
}

async function compute(job: SemanticJob, stamps: StampMemo): Promise<PairOutcome[]> {
  (await import('./v8-tuning.js')).tuneCompiler();
  const run: PairRun = {};
  return shareItems(job.pairs.length, (i) => pairOutcome(job, job.pairs[i]!, run, stamps), { name: 'check-worker', data: job, share: canShare(job.pairs.length) });
}
