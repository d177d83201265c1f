// Table impact of check's pairs, kept between runs like their semantic diffs
// (src/cache/results.ts). This file loads no model: a run whose pairs are all cached never
// parses a header.
import { join, resolve } from 'node:path';
import { cacheKey, codeStamp, Dependencies, fileHash, ResultCache, type StampMemo } from '../cache/results.js';
import type { FileCache } from '../c/unit.js';
import type { ImpactShared, TableImpact } from './impact.js';
import { GENERATOR_MAKEFILES } from './makefile.js';

export class ImpactResultCache extends ResultCache {
  constructor(dir?: string | null, stamps?: StampMemo) {
    super('impact', dir, stamps);
  }
}

export interface PairImpactOptions {
  results?: ImpactResultCache;
  /**
   * One per run (made on the first miss): the tools copies' own tables are generated once for
   * every pair, and the files parsed once (shared with the run's semantic diffs).
   */
  run?: { files?: FileCache; impact?: ImpactShared };
}

/** The srcarch the tables of a tools copy are built for (impact.ts's rule, without loading it). */
function srcarchOf(tools: string): string {
  const parts = tools.split('/');
  return parts[0] === 'tools' && parts[1] === 'arch' && parts[2] ? parts[2] : 'x86';
}

function impactKey(results: ImpactResultCache, tree: string, tools: string, kernel: string): string | null {
  if (!results.dir) return null;
  const bytes = (f: string) => fileHash(join(tree, f)) ?? 'missing';
  return cacheKey([codeStamp(['c', 'model', 'tables', 'cache']), resolve(tree), srcarchOf(tools), tools, bytes(tools), kernel, bytes(kernel), ...GENERATOR_MAKEFILES.map(bytes)]);
}

/** The cached table impact of a pair: `{ impact }` (null: it feeds no table), or undefined. */
export function cachedTableImpact(tree: string, tools: string, kernel: string, opts: PairImpactOptions = {}): { impact: TableImpact[] | null } | undefined {
  const results = opts.results ?? new ImpactResultCache();
  return results.get<{ impact: TableImpact[] | null }>(impactKey(results, tree, tools, kernel));
}

/**
 * What syncing one pair (tree-relative, tools copy first) would change in perf's tables: null
 * when the tools copy feeds no generator of the tree's Makefile.perf.
 */
export async function pairTableImpact(tree: string, tools: string, kernel: string, opts: PairImpactOptions = {}): Promise<TableImpact[] | null> {
  const results = opts.results ?? new ImpactResultCache();
  const srcarch = srcarchOf(tools);
  const key = impactKey(results, tree, tools, kernel);
  const hit = results.get<{ impact: TableImpact[] | null }>(key);
  if (hit) return hit.impact;
  const [{ generatorsFedBy, ImpactShared, tableImpact }, { FileCache }] = await Promise.all([import('./impact.js'), import('../c/unit.js')]);
  const dependencies = new Dependencies();
  const run = opts.run ?? {};
  const shared = (run.impact ??= new ImpactShared((run.files ??= new FileCache())));
  const impact = generatorsFedBy(tree, tools, { srcarch }).length ? tableImpact(tree, { [tools]: resolve(tree, kernel) }, { srcarch, shared, dependencies }) : null;
  results.set(key, dependencies, { impact });
  return impact;
}
