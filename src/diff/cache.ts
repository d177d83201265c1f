// Semantic diffs of check's pairs, kept between runs (src/cache/results.ts): a pair is
// evaluated once, and again only when a file it read, or the include search it made, changed.
// This file loads no model: a run whose pairs are all cached never loads tree-sitter.
import { join, resolve } from 'node:path';
import { cacheKey, codeStamp, Dependencies, fileHash, ResultCache, type StampMemo } from '../cache/results.js';
import type { FileCache } from '../c/unit.js';
import type { Abi } from '../model/types.js';
import { isHeaderPath } from './classify.js';
import { pairSides, type PairEnvironment } from './pair.js';
import type { HeaderSide } from './sides.js';
import { diffText } from './text.js';
import type { FileDiff } from './types.js';

export { resultCacheDir } from '../cache/results.js';

export class DiffResultCache extends ResultCache {
  constructor(dir?: string | null, stamps?: StampMemo) {
    super('diff', dir, stamps);
  }

  /**
   * The key of a comparison (null when there is no cache): kdrift's code, both files' names and
   * bytes, the ABIs and each side's include path. What else the result depends on is checked
   * against the entry's dependencies.
   */
  key(old: HeaderSide, neu: HeaderSide, abis: readonly Abi[]): string | null {
    if (!this.dir) return null;
    const parts: string[] = [codeStamp(['c', 'model', 'diff']), abis.join(',')];
    for (const s of [old, neu]) {
      const file = resolve(s.path);
      parts.push(file, s.label ?? s.path, fileHash(file) ?? 'missing');
      for (const abi of abis) {
        const list = (typeof s.includeDirs === 'function' ? s.includeDirs(abi) : s.includeDirs).map((d) => resolve(d));
        parts.push(`${abi}:${list.join(':')}`);
      }
    }
    return cacheKey(parts);
  }
}

export interface DiffPairOptions {
  /** Default: a cache in resultCacheDir(); `new DiffResultCache(null)` for none. */
  results?: DiffResultCache;
  environment?: PairEnvironment;
  /**
   * Parsed files shared by the pairs of one run (made on the first miss): files both sides and
   * several pairs include are parsed once. The parses are not checked against the files again:
   * a run that changes files must not share it across.
   */
  run?: { files?: FileCache };
}

/** A cached semantic diff of a pair (a file that is not a header is compared at once), or undefined. */
export function cachedDiff(tree: string, tools: string, kernel: string, opts: DiffPairOptions = {}): FileDiff | undefined {
  if (!isHeaderPath(kernel) || !isHeaderPath(tools)) return diffText(join(tree, tools), join(tree, kernel), { old: tools, new: kernel });
  const s = pairSides(tree, tools, kernel, opts.environment);
  const results = opts.results ?? new DiffResultCache();
  return results.get<FileDiff>(results.key(s.old, s.new, s.abis));
}

/**
 * The semantic diff of one pair of a kernel tree (tree-relative paths, tools copy first): a
 * header by the model, any other file by its lines. Cached results are returned without loading
 * the model only on a miss.
 */
export async function diffPair(tree: string, tools: string, kernel: string, opts: DiffPairOptions = {}): Promise<FileDiff> {
  if (!isHeaderPath(kernel) || !isHeaderPath(tools)) return diffText(join(tree, tools), join(tree, kernel), { old: tools, new: kernel });
  const s = pairSides(tree, tools, kernel, opts.environment);
  const results = opts.results ?? new DiffResultCache();
  const key = results.key(s.old, s.new, s.abis);
  const hit = results.get<FileDiff>(key);
  if (hit) return hit;
  const [{ diffFile }, { FileCache }] = await Promise.all([import('./index.js'), import('../c/unit.js')]);
  const files = opts.run ? (opts.run.files ??= new FileCache()) : new FileCache();
  const dependencies = new Dependencies();
  const d = diffFile(s.old, s.new, { abis: s.abis, cache: files, dependencies });
  results.set(key, dependencies, d);
  return d;
}
