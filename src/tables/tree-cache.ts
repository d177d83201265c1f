// The C text of each table of a tree, kept between runs (src/cache/results.ts): a table is made
// again only when its script, its spec or a header it read changed. This file loads no model: a
// run whose tables are all cached never parses a header.
import { resolve } from 'node:path';
import { cacheKey, codeStamp, fileHash, ResultCache } from '../cache/results.js';
import { readGenerators, type GeneratorRun } from './makefile.js';

export interface TableText {
  run: GeneratorRun;
  /** What the script prints. */
  text: string;
  /** Headers the script reads that are not there. */
  missing: string[];
  /** The script is a version no spec knows: made from the newest spec. */
  warning?: string;
}

export class TableResultCache extends ResultCache {
  constructor(dir?: string | null) {
    super('tables', dir);
  }
}

/**
 * The C text of every generator Makefile.perf runs (or of `only`), in its order; `unknown` are
 * generators no spec describes.
 */
export async function tableTexts(
  tree: string,
  opts: { srcarch: string; only?: string[]; results?: TableResultCache },
): Promise<{ tables: TableText[]; unknown: GeneratorRun[] }> {
  const results = opts.results ?? new TableResultCache();
  const runs = readGenerators(tree, { srcarch: opts.srcarch }).filter((r) => !opts.only || opts.only.includes(r.name));
  const out: { tables: TableText[]; unknown: GeneratorRun[] } = { tables: [], unknown: [] };
  let model: { runGenerator: typeof import('./tree.js').runGenerator; fileCache: import('../c/unit.js').FileCache } | undefined;
  for (const run of runs) {
    let key: string | null = null;
    if (results.dir) {
      key = cacheKey([codeStamp(['c', 'model', 'tables', 'cache']), resolve(tree), opts.srcarch, run.name, run.args.join('\0'), fileHash(run.scriptPath) ?? 'missing']);
    }
    const hit = results.get<Omit<TableText, 'run'>>(key);
    if (hit) {
      out.tables.push({ run, ...hit });
      continue;
    }
    if (!model) {
      const [{ runGenerator }, { FileCache }] = await Promise.all([import('./tree.js'), import('../c/unit.js')]);
      model = { runGenerator, fileCache: new FileCache() };
    }
    const made = model.runGenerator(tree, opts.srcarch, run, { fileCache: model.fileCache, index: false });
    if (!made) {
      out.unknown.push(run);
      continue;
    }
    const t: Omit<TableText, 'run'> = { text: made.generated.text, missing: made.generated.missing, ...(made.warning ? { warning: made.warning } : {}) };
    results.set(key, made.dependencies, t);
    out.tables.push({ run, ...t });
  }
  return out;
}
