// The C text of each table of a tree, kept between runs (src/cache/results.ts): a table is made
// again only when its script, its spec or a header it read changed. This file loads no model: a
// run whose tables are all cached never parses a header.
import { resolve } from 'node:path';
import { cacheKey, codeStamp, fileHash, ResultCache } from '../cache/results.js';
import type { FileCache } from '../c/unit.js';
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

/** What is stored of a table (its run is the Makefile's). */
export type MadeTable = Omit<TableText, 'run'> | { unknown: true };

export class TableResultCache extends ResultCache {
  constructor(dir?: string | null) {
    super('tables', dir);
  }
}

function tableKey(results: ResultCache, tree: string, srcarch: string, run: GeneratorRun): string | null {
  if (!results.dir) return null;
  return cacheKey([codeStamp(['c', 'model', 'tables', 'cache']), resolve(tree), srcarch, run.name, run.args.join('\0'), fileHash(run.scriptPath) ?? 'missing']);
}

/**
 * Makes one table (and keeps it): `{ unknown }` when no spec knows its script. `shared` holds
 * the files parsed for the tables one thread makes in one run (made on first use).
 */
export async function makeTable(tree: string, srcarch: string, run: GeneratorRun, shared: { files?: FileCache } = {}, results = new TableResultCache()): Promise<MadeTable> {
  const [{ runGenerator }, { FileCache }] = await Promise.all([import('./tree.js'), import('../c/unit.js')]);
  const made = runGenerator(tree, srcarch, run, { fileCache: (shared.files ??= new FileCache()), index: false });
  if (!made) return { unknown: true };
  const t = { text: made.generated.text, missing: made.generated.missing, ...(made.warning ? { warning: made.warning } : {}) };
  results.set(tableKey(results, tree, srcarch, run), made.dependencies, t);
  return t;
}

/** What to make: a tree's generators, for a worker thread to take from. */
export interface TablesJob {
  tree: string;
  srcarch: string;
  runs: GeneratorRun[];
}

/**
 * The C text of every generator Makefile.perf runs (or of `only`), in its order; `unknown` are
 * generators no spec describes. Tables not in the cache are made here, or `make` makes them
 * (two threads: src/cli/parallel.ts).
 */
export async function tableTexts(
  tree: string,
  opts: { srcarch: string; only?: string[]; results?: TableResultCache; make?: (job: TablesJob) => Promise<MadeTable[]> },
): Promise<{ tables: TableText[]; unknown: GeneratorRun[] }> {
  const results = opts.results ?? new TableResultCache();
  const runs = readGenerators(tree, { srcarch: opts.srcarch }).filter((r) => !opts.only || opts.only.includes(r.name));
  const made: (MadeTable | undefined)[] = runs.map((run) => results.get<Omit<TableText, 'run'>>(tableKey(results, tree, opts.srcarch, run)));
  const missing = runs.filter((_, i) => !made[i]);
  if (missing.length) {
    const job: TablesJob = { tree, srcarch: opts.srcarch, runs: missing };
    const shared = {};
    const got = opts.make ? await opts.make(job) : await Promise.all(missing.map((run) => makeTable(tree, opts.srcarch, run, shared, results)));
    let k = 0;
    runs.forEach((_, i) => {
      if (!made[i]) made[i] = got[k++];
    });
  }
  const out: { tables: TableText[]; unknown: GeneratorRun[] } = { tables: [], unknown: [] };
  runs.forEach((run, i) => {
    const m = made[i]!;
    if ('unknown' in m) out.unknown.push(run);
    else out.tables.push({ run, ...m });
  });
  return out;
}
