// The tables of a tree: the generators its Makefile.perf runs, each matched with its spec and
// run on the directories the Makefile passes it.
import { join, resolve } from 'node:path';
import { generate, type Generated } from './generate.js';
import { abiForSrcarch, HeaderStore } from './headers.js';
import { checkGeneratorNames, readGenerators, type GeneratorRun } from './makefile.js';
import { SPEC_BY_NAME, specForScript } from './specs/index.js';
import { createHash } from 'node:crypto';
import { readFileSync } from '../fs.js';
import type { GeneratorSpec } from './spec.js';
import { Dependencies } from '../cache/results.js';
import { FileCache } from '../c/unit.js';

export interface TreeOptions {
  srcarch?: string;
  /** Only these generators (by basename). */
  only?: string[];
  /** Compute entries' C indices (default true; the C text does not need them). */
  index?: boolean;
}

export interface TreeTables {
  tree: string;
  srcarch: string;
  /** Generators the Makefile runs, in its order, with what kdrift made of each. */
  results: { run: GeneratorRun; generated: Generated; warning?: string }[];
  /** Generators the Makefile runs that no spec describes. */
  unknown: GeneratorRun[];
}

/**
 * Include path for evaluating the tools copies: where perf's own build finds them, then the
 * kernel's own uapi headers for what perf takes from the system's (asm-generic/ioctl.h,
 * asm-generic/int-ll64.h are not copied under tools/).
 */
export function toolsIncludeDirs(tree: string, srcarch: string): string[] {
  const t = resolve(tree);
  return [
    // perf's INC_FLAGS, in its order (tools/perf/Makefile.config)
    join(t, 'tools/include'),
    join(t, `tools/arch/${srcarch}/include/uapi`),
    join(t, 'tools/include/uapi'),
    join(t, `tools/arch/${srcarch}/include`),
    join(t, 'tools/perf/trace/beauty/include/uapi'),
    join(t, 'tools/perf/trace/beauty/include'),
    join(t, 'include/uapi'),
    join(t, `arch/${srcarch}/include/uapi`),
  ];
}

export function treeTables(tree: string, opts: TreeOptions = {}): TreeTables {
  const srcarch = opts.srcarch ?? 'x86';
  const runs = readGenerators(tree, { srcarch });
  if (opts.only) checkGeneratorNames(tree, runs, opts.only);
  const fileCache = new FileCache();
  const out: TreeTables = { tree, srcarch, results: [], unknown: [] };
  for (const run of runs) {
    if (opts.only && !opts.only.includes(run.name)) continue;
    const made = runGenerator(tree, srcarch, run, { fileCache, index: opts.index });
    if (!made) out.unknown.push(run);
    else out.results.push({ run, generated: made.generated, ...(made.warning ? { warning: made.warning } : {}) });
  }
  return out;
}

/**
 * One generator of the tree, on stores of its own (over parsed files shared by the run), so
 * that `dependencies` are what this table was made from. Null when no spec knows the script.
 */
export function runGenerator(
  tree: string,
  srcarch: string,
  run: GeneratorRun,
  opts: { fileCache?: FileCache; index?: boolean } = {},
): { generated: Generated; warning?: string; dependencies: Dependencies } | null {
  const chosen = chooseSpec(run);
  if (!chosen) return null;
  const abi = abiForSrcarch(srcarch);
  const fileCache = opts.fileCache ?? new FileCache();
  const store = new HeaderStore(abi, toolsIncludeDirs(tree, srcarch), undefined, fileCache);
  const stores = new Map<string, HeaderStore>();
  const storeFor = (dirs: string[]) => {
    const key = dirs.join('\0');
    let s = stores.get(key);
    if (!s) stores.set(key, (s = new HeaderStore(abi, dirs, undefined, fileCache)));
    return s;
  };
  const generated = generate(chosen.spec, { args: run.args, store, storeFor, index: opts.index });
  if (chosen.warning) generated.problems.unshift(chosen.warning);
  const dependencies = new Dependencies().add(store.dependencies).add({ files: [run.scriptPath] });
  for (const s of stores.values()) dependencies.add(s.dependencies);
  return { generated, ...(chosen.warning ? { warning: chosen.warning } : {}), dependencies };
}

/**
 * The spec of a generator: the one that knows this version of the script, else the newest
 * with a warning (the output may then differ from the script's).
 */
export function chooseSpec(run: GeneratorRun): { spec: GeneratorSpec; warning?: string } | null {
  const newest = SPEC_BY_NAME.get(run.name);
  if (!newest) return null;
  let hash = '';
  try {
    hash = createHash('sha256').update(readFileSync(run.scriptPath)).digest('hex');
  } catch {
    return { spec: newest, warning: `${run.script} is not in the tree: made from the spec of its newest version` };
  }
  const known = specForScript(run.name, hash);
  if (known) return { spec: known };
  return { spec: newest, warning: `${run.script} (sha256 ${hash.slice(0, 16)}) is no version the spec knows (${Object.values(newest.scripts).join(', ')}): its output may differ` };
}
