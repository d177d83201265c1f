// Table impact of a header sync: regenerate the tables a tools copy feeds from another
// version of the header (the kernel's), and say which entries a sync would add, remove or
// change. A pure function of the files: `check` calls it for each differing pair.
import { isAbsolute, join, resolve } from 'node:path';
import { existsSync } from '../fs.js';
import type { Dependencies } from '../cache/results.js';
import type { FileCache } from '../c/unit.js';
import { generate, type Generated } from './generate.js';
import { abiForSrcarch, HeaderStore } from './headers.js';
import { GENERATOR_MAKEFILES, readGenerators, type GeneratorRun } from './makefile.js';
import { SPEC_BY_NAME } from './specs/index.js';
import type { GeneratorSpec } from './spec.js';
import { chooseSpec, toolsIncludeDirs } from './tree.js';

export interface TableImpact {
  /** The C array. */
  table: string;
  /** The generator (script basename) that makes it. */
  generator: string;
  added: string[];
  removed: string[];
  /** Define names (KVM_RUN) whose index would change; added and removed are define names too. */
  changed: string[];
}

export interface ImpactOptions {
  srcarch?: string;
  /** Shared by the calls of one run on one tree: the tables the tools copies make now. */
  shared?: ImpactShared;
  /** Told every file the impact was computed from. */
  dependencies?: Dependencies;
}

/**
 * What the pairs of one run share: the tables as the tools copies make them (per tree and
 * SRCARCH), and the parsed files every store reads.
 */
export class ImpactShared {
  readonly before = new Map<string, { store: HeaderStore; generated: Map<string, Generated> }>();
  constructor(readonly files?: FileCache) {}
}

/** The SRCARCH a tools copy belongs to: `tools/arch/arm64/...` is arm64's; any other is read as x86's, perf's default build. */
export function srcarchOfTools(tools: string): string {
  const parts = tools.split('/');
  return parts[0] === 'tools' && parts[1] === 'arch' && parts[2] ? parts[2] : 'x86';
}

/** Every header a spec reads when run with these arguments (absolute paths). */
export function headersOf(spec: GeneratorSpec, args: string[]): string[] {
  const dirs: Record<string, string> = {};
  spec.args.forEach((a, i) => (dirs[a] = args[i] ?? ''));
  const out = new Set<string>();
  for (const p of spec.parts) {
    if (p.kind === 'table') for (const f of p.families) out.add(resolve(join(dirs[f.header.dir], f.header.file)));
    if (p.kind === 'first-value') out.add(resolve(join(dirs[p.family.header.dir], p.family.header.file)));
    if (p.kind === 'grep') out.add(resolve(join(dirs[p.header.dir], p.header.file)));
    if (p.kind === 'syscalltbl') for (const s of p.steps) if ('table' in s) out.add(resolve(join(dirs[p.dir], s.table)));
  }
  return [...out];
}

/** The generators of the tree that read a tools copy (path relative to the tree, or absolute). */
export function generatorsFedBy(tree: string, toolsPath: string, opts: ImpactOptions = {}): GeneratorRun[] {
  const target = isAbsolute(toolsPath) ? resolve(toolsPath) : resolve(tree, toolsPath);
  return readGenerators(tree, { srcarch: opts.srcarch }).filter((run) => {
    const spec = SPEC_BY_NAME.get(run.name);
    return spec !== undefined && headersOf(spec, run.args).includes(target);
  });
}

/**
 * What syncing tools copies would do to the tables: `replace` maps each tools copy (relative to
 * the tree or absolute) to the file that would replace it. Tables no replaced header feeds are
 * not listed; a listed table with nothing added, removed or changed is one the sync leaves as is.
 */
export function tableImpact(tree: string, replace: Record<string, string>, opts: ImpactOptions = {}): TableImpact[] {
  const srcarch = opts.srcarch ?? 'x86';
  const overrides = new Map<string, string>();
  for (const [from, to] of Object.entries(replace)) overrides.set(isAbsolute(from) ? resolve(from) : resolve(tree, from), resolve(to));
  const runs = readGenerators(tree, { srcarch }).filter((run) => {
    const spec = SPEC_BY_NAME.get(run.name);
    return spec !== undefined && headersOf(spec, run.args).some((h) => overrides.has(h));
  });
  for (const f of GENERATOR_MAKEFILES) {
    const path = join(tree, f);
    opts.dependencies?.add(existsSync(path) ? { files: [path] } : { absent: [path] });
  }
  if (!runs.length) return [];
  const abi = abiForSrcarch(srcarch);
  const dirs = toolsIncludeDirs(tree, srcarch);
  const shared = opts.shared ?? new ImpactShared();
  const sharedKey = `${resolve(tree)}\0${srcarch}`;
  let before = shared.before.get(sharedKey);
  if (!before) shared.before.set(sharedKey, (before = { store: new HeaderStore(abi, dirs, new Map(), shared.files), generated: new Map() }));
  const after = new HeaderStore(abi, dirs, overrides, shared.files);
  const out: TableImpact[] = [];
  for (const run of runs) {
    const spec = chooseSpec(run)?.spec ?? SPEC_BY_NAME.get(run.name)!;
    let a = before.generated.get(run.name);
    if (!a) before.generated.set(run.name, (a = generate(spec, { args: run.args, store: before.store })));
    const b = generate(spec, { args: run.args, store: after });
    opts.dependencies?.add({ files: [run.scriptPath] });
    out.push(...diffTables(run.name, a, b));
  }
  // the shared store read more than these tables did: more than needed, never less
  opts.dependencies?.add(before.store.dependencies).add(after.dependencies);
  return out;
}

/** Entry by entry, by name: what the second generation adds, removes and re-indexes. */
export function diffTables(generator: string, a: Generated, b: Generated): TableImpact[] {
  const out: TableImpact[] = [];
  const names = [...new Set([...a.tables.map((t) => t.array), ...b.tables.map((t) => t.array)])];
  for (const table of names) {
    const ia = indexByName(a, table);
    const ib = indexByName(b, table);
    const added = [...ib.keys()].filter((n) => !ia.has(n));
    const removed = [...ia.keys()].filter((n) => !ib.has(n));
    const changed = [...ib.keys()].filter((n) => ia.has(n) && ia.get(n) !== ib.get(n));
    out.push({ table, generator, added, removed, changed });
  }
  return out;
}

function indexByName(g: Generated, table: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of g.tables.find((t) => t.array === table)?.entries ?? []) m.set(e.full, `${e.index ?? e.written}`);
  return m;
}
