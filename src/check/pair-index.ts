// Comparisons kept between runs as git keeps its index: each pair's result with what stat said
// of its files (inode, size, mtime, ctime). A pair whose files stat the same is not read again;
// any other is compared afresh. One entry per tree and pair list.
import { join } from 'node:path';
import { cacheKey, codeStamp, Dependencies, ResultCache, see } from '../cache/results.js';
import type { CompareOptions } from './compare.js';
import type { PairList, PairResult, PairSpec } from './types.js';

type Stored = Omit<PairResult, 'spec'>;
interface Index {
  pairs: { sigs: string[]; result: Stored }[];
}

/** The files a pair's comparison reads. */
function filesOf(tree: string, spec: PairSpec): string[] {
  return [join(tree, spec.tools), join(tree, spec.kernel), ...(spec.ignoreHunks ? [join(tree, spec.ignoreHunks.file)] : [])];
}

/** comparePairs, with unchanged pairs taken from the index of the previous run. */
export async function comparePairsIndexed(tree: string, list: PairList, opts: CompareOptions, cache = new ResultCache('index')): Promise<PairResult[]> {
  const key = cache.dir ? cacheKey([codeStamp(['check']), tree, JSON.stringify(opts), JSON.stringify(list.pairs)]) : null;
  const old = cache.get<Index>(key);
  // a racy signature (a file changed just now) is not kept: that pair is compared again next time
  const sigs = list.pairs.map((spec) => filesOf(tree, spec).map((f) => see('f', f)));
  const stored = (s: { sig: string; racy?: boolean }) => (s.racy ? '' : s.sig);
  const kept = list.pairs.map((_, i) => {
    const was = old?.pairs[i];
    return was && was.sigs.length === sigs[i]!.length && was.sigs.every((s, k) => s !== '' && s === sigs[i]![k]!.sig) ? was.result : undefined;
  });
  // the comparison code is loaded only when a pair's files changed
  const compare = kept.every((k) => k !== undefined) ? undefined : (await import('./compare.js')).comparePair;
  const index: Index = { pairs: [] };
  const out = list.pairs.map((spec, i) => {
    let result = kept[i];
    if (!result) {
      const { spec: _, ...rest } = compare!(tree, spec, opts);
      result = rest;
    }
    index.pairs.push({ sigs: sigs[i]!.map(stored), result });
    return { spec, ...result } as PairResult;
  });
  if (compare) cache.set(key, new Dependencies(), index);
  return out;
}
