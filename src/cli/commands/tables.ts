// `kdrift tables`: every perf beauty string table of a tree, made from declarative specs and
// byte-identical to the generator scripts; their coverage; and beauty-style tables for any family.
import { Option, type Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KdriftError } from '../../errors.js';
import { coverage } from '../../tables/coverage.js';
import { C_EXTENSION, emitC } from '../../tables/emit/c.js';
import { emitJson, JSON_EXTENSION } from '../../tables/emit/json.js';
import { emitTs, TS_EXTENSION } from '../../tables/emit/ts.js';
import { familyTable, type FamilyStyle } from '../../tables/family-table.js';
import type { Generated } from '../../tables/generate.js';
import { abiForSrcarch, HeaderStore } from '../../tables/headers.js';
import { MAKEFILE_PERF } from '../../tables/makefile.js';
import { coverageJson, coverageText, hasDrops } from '../../tables/report.js';
import { toolsIncludeDirs, treeTables } from '../../tables/tree.js';
import { writeFileAtomic } from '../../tables/write.js';
import { EXIT } from '../exit-codes.js';
import type { RegisterCommand } from './index.js';

type Lang = 'c' | 'ts' | 'json';

interface TablesOptions {
  tree: string;
  out?: string;
  table: string[];
  arch: string;
  lang: Lang;
  coverage?: boolean;
  format: 'text' | 'json';
  strict?: boolean;
  verbose?: boolean;
  family?: string;
  style: FamilyStyle;
  header?: string;
}

const EXTENSION: Record<Lang, string> = { c: C_EXTENSION, ts: TS_EXTENSION, json: JSON_EXTENSION };

export const registerTables: RegisterCommand = (program: Command, setExit) => {
  program
    .command('tables')
    .description("make perf's beauty string tables from declarative specs, byte-identical to tools/perf/trace/beauty/*.sh, and report what their patterns miss")
    .option('--tree <dir>', 'kernel source tree whose tools/perf/Makefile.perf says which generators run', '.')
    .option('--out <dir>', 'write OUT/<generator>.c (.ts, .json) instead of printing to stdout')
    .option('--table <name>', 'only this generator (script basename, e.g. kvm_ioctl); repeatable', collect, [])
    .option('--arch <srcarch>', "perf's SRCARCH, for the directories Makefile.perf passes", 'x86')
    .addOption(new Option('--lang <lang>', 'c: as the scripts print; ts: an ES module, one typed const per table; json').choices(['c', 'ts', 'json']).default('c'))
    .option('--coverage', 'report, per table, the defines the pattern misses and what it takes that is not in the family')
    .addOption(new Option('--format <format>', 'coverage report format').choices(['text', 'json']).default('text'))
    .option('--strict', 'with --coverage: exit 1 when a table misses a define or takes one outside its family')
    .option('--verbose', 'with --coverage: list exclusions and unchecked names too')
    .option('--family <prefix>', 'a beauty-style table for any family of --header (e.g. KVM_X86_QUIRK_)')
    .addOption(new Option('--style <style>', 'with --family: enum (index = value) or bitmask (index = bit + 1)').choices(['enum', 'bitmask']).default('enum'))
    .option('--header <path>', 'with --family: the header (relative to the tree, or a path)')
    .addHelpText(
      'after',
      `
The generators and their arguments come from the tree's ${MAKEFILE_PERF}, read as data
(SRCARCH from --arch). Output is byte-identical to running each script as Makefile.perf does.

Examples:
  kdrift tables --tree ~/linux --out /tmp/beauty
  kdrift tables --tree ~/linux --table kvm_ioctl --lang ts
  kdrift tables --tree ~/linux --coverage
  kdrift tables --tree ~/linux --family KVM_X86_QUIRK_ --header include/uapi/asm/kvm.h --style bitmask`,
    )
    .action((o: TablesOptions) => {
      setExit(runTables(o));
    });
};

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

function runTables(o: TablesOptions): number {
  const tree = resolve(o.tree);
  if (!existsSync(tree) || !statSync(tree).isDirectory()) throw new KdriftError('missing-file', `no such directory: ${o.tree}`, { file: o.tree });
  if (o.family !== undefined) return runFamily(tree, o);
  if (o.header !== undefined) throw new KdriftError('usage', '--header goes with --family', undefined, 'kdrift tables --family PREFIX --header H');
  const r = treeTables(tree, { srcarch: o.arch, only: o.table.length ? o.table : undefined, index: o.coverage || o.lang !== 'c' });
  for (const u of r.unknown) process.stderr.write(`kdrift: ${MAKEFILE_PERF}:${u.line}: warning: no spec for the generator ${u.script}: not made\n`);
  for (const { generated, warning } of r.results) {
    if (warning) process.stderr.write(`kdrift: warning: ${warning}\n`);
    for (const m of generated.missing) process.stderr.write(`kdrift: warning: ${generated.spec.name}: ${m}: no such file (the script's grep says so and goes on)\n`);
  }
  if (o.coverage) {
    const store = new HeaderStore(abiForSrcarch(o.arch), toolsIncludeDirs(tree, o.arch));
    const all = r.results.map(({ generated }) => coverage(generated, store));
    process.stdout.write(o.format === 'json' ? JSON.stringify(coverageJson(all, tree), null, 2) + '\n' : coverageText(all, tree, { verbose: o.verbose }));
    return o.strict && hasDrops(all) ? EXIT.findings : EXIT.ok;
  }
  emitAll(r.results.map((x) => x.generated), tree, o);
  return EXIT.ok;
}

function emitAll(gs: Generated[], tree: string, o: TablesOptions) {
  for (const g of gs) {
    const text = o.lang === 'c' ? emitC(g) : o.lang === 'ts' ? emitTs(g, tree) : emitJson(g, tree);
    // the C text holds the header's bytes as latin1 strings: write them back as bytes
    const encoding: BufferEncoding = o.lang === 'c' ? 'latin1' : 'utf8';
    if (o.out) writeFileAtomic(join(o.out, g.spec.name + EXTENSION[o.lang]), text, encoding);
    else process.stdout.write(Buffer.from(text, encoding));
  }
}

function runFamily(tree: string, o: TablesOptions): number {
  if (!o.header) throw new KdriftError('usage', '--family needs --header', undefined, 'kdrift tables --family KVM_X86_QUIRK_ --header include/uapi/asm/kvm.h');
  const header = existsSync(resolve(tree, o.header)) ? resolve(tree, o.header) : resolve(o.header);
  if (!existsSync(header)) throw new KdriftError('missing-file', `no such header: ${o.header}`, { file: o.header });
  const dirs = [...toolsIncludeDirs(tree, o.arch)];
  const store = new HeaderStore(abiForSrcarch(o.arch), [join(tree, 'include/uapi'), join(tree, `arch/${o.arch}/include/uapi`), ...dirs]);
  const { generated, leftOut } = familyTable(store, { header, prefix: o.family!, style: o.style });
  for (const l of leftOut) process.stderr.write(`kdrift: ${o.header}:${l.line}: note: ${l.name} left out: ${l.reason}\n`);
  if (!generated.tables[0]?.entries.length) process.stderr.write(`kdrift: warning: ${o.header} has no ${o.family}* with a value\n`);
  emitAll([generated], tree, o);
  return EXIT.ok;
}
