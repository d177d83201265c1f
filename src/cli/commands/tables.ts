// `kdrift tables`: every perf beauty string table of a tree, made from declarative specs and
// byte-identical to the generator scripts; their coverage; and beauty-style tables for any family.
import { Option, type Command } from 'commander';
import { existsSync, statSync, writeFileAtomic } from '../../fs.js';
import { join, relative, resolve } from 'node:path';
import { KdriftError } from '../../errors.js';
import type { FamilyStyle } from '../../tables/family-table.js';
import type { Generated } from '../../tables/generate.js';
import type { TablesJob } from '../../tables/tree-cache.js';
import { checkGeneratorNames, MAKEFILE_PERF, readGenerators, type GeneratorRun } from '../../tables/makefile.js';
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

// The model (tree-sitter and all) is loaded only when a table is made, not read from the cache.
const EXTENSION: Record<Lang, string> = { c: '.c', ts: '.ts', json: '.json' };

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
    .action(async (o: TablesOptions) => {
      setExit(await runTables(o));
    });
};

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

async function runTables(o: TablesOptions): Promise<number> {
  const tree = resolve(o.tree);
  if (!existsSync(tree) || !statSync(tree).isDirectory()) throw new KdriftError('missing-file', `no such directory: ${o.tree}`, { file: o.tree });
  if (o.family !== undefined) return runFamily(tree, o);
  if (o.header !== undefined) throw new KdriftError('usage', '--header goes with --family', undefined, 'kdrift tables --family PREFIX --header H');
  const only = o.table.length ? o.table : undefined;
  const runs = readGenerators(tree, { srcarch: o.arch });
  if (only) checkGeneratorNames(tree, runs, only);
  // a build whose rules kdrift cannot find makes nothing: say so rather than exit quietly
  if (!runs.length) {
    process.stderr.write(`kdrift: ${join(relative(process.cwd(), tree) || '.', MAKEFILE_PERF)}: warning: no rule of Makefile.perf or trace/beauty/Build runs a beauty generator: nothing made\n`);
  }
  const warn = (x: { run: GeneratorRun; missing: string[]; warning?: string }) => {
    if (x.warning) process.stderr.write(`kdrift: warning: ${x.warning}\n`);
    for (const m of x.missing) process.stderr.write(`kdrift: warning: ${x.run.name}: ${m}: no such file (the script finds none either: a grep goes on without it, syscalltbl.sh stops there)\n`);
  };
  const unknown = (u: GeneratorRun) => process.stderr.write(`kdrift: ${u.makefile}:${u.line}: warning: no spec for the generator ${u.script}: not made\n`);
  if (o.lang === 'c' && !o.coverage) {
    // what Makefile.perf makes: the texts alone, kept between runs
    const [{ makeTable, tableTexts }, { canShare, shareItems }] = await Promise.all([import('../../tables/tree-cache.js'), import('../parallel.js')]);
    // tables to make are shared with a worker thread when there are a few
    const make = async (job: TablesJob) => {
      (await import('../v8-tuning.js')).tuneCompiler();
      const shared = {};
      return shareItems(job.runs.length, (i) => makeTable(job.tree, job.srcarch, job.runs[i]!, shared), { name: 'tables-worker', data: job, share: canShare(job.runs.length, 4) });
    };
    const r = await tableTexts(tree, { srcarch: o.arch, only, make });
    r.unknown.forEach(unknown);
    r.tables.forEach(warn);
    for (const t of r.tables) write(t.run.name + EXTENSION.c, t.text, 'latin1', o);
    return EXIT.ok;
  }
  (await import('../v8-tuning.js')).tuneCompiler();
  const [{ coverage }, { coverageJson, coverageText, hasDrops }, { toolsIncludeDirs, treeTables }, { abiForSrcarch, HeaderStore }] = await Promise.all([
    import('../../tables/coverage.js'),
    import('../../tables/report.js'),
    import('../../tables/tree.js'),
    import('../../tables/headers.js'),
  ]);
  const r = treeTables(tree, { srcarch: o.arch, only, index: o.coverage || o.lang !== 'c' });
  r.unknown.forEach(unknown);
  for (const { run, generated, warning } of r.results) warn({ run, missing: generated.missing, ...(warning ? { warning } : {}) });
  if (o.coverage) {
    const store = new HeaderStore(abiForSrcarch(o.arch), toolsIncludeDirs(tree, o.arch));
    const all = r.results.map(({ generated }) => coverage(generated, store));
    process.stdout.write(o.format === 'json' ? JSON.stringify(coverageJson(all, tree), null, 2) + '\n' : coverageText(all, tree, { verbose: o.verbose }));
    return o.strict && hasDrops(all) ? EXIT.findings : EXIT.ok;
  }
  await emitAll(r.results.map((x) => x.generated), tree, o);
  return EXIT.ok;
}

async function emitAll(gs: Generated[], tree: string, o: TablesOptions) {
  const [{ emitC }, { emitTs }, { emitJson }] = await Promise.all([import('../../tables/emit/c.js'), import('../../tables/emit/ts.js'), import('../../tables/emit/json.js')]);
  for (const g of gs) {
    const text = o.lang === 'c' ? emitC(g) : o.lang === 'ts' ? emitTs(g, tree) : emitJson(g, tree);
    // the C text holds the header's bytes as latin1 strings: write them back as bytes
    write(g.spec.name + EXTENSION[o.lang], text, o.lang === 'c' ? 'latin1' : 'utf8', o);
  }
}

function write(name: string, text: string, encoding: BufferEncoding, o: TablesOptions) {
  if (o.out) writeFileAtomic(join(o.out, name), text, encoding);
  else process.stdout.write(Buffer.from(text, encoding));
}

async function runFamily(tree: string, o: TablesOptions): Promise<number> {
  const [{ familyTable }, { abiForSrcarch, HeaderStore }, { toolsIncludeDirs }] = await Promise.all([
    import('../../tables/family-table.js'),
    import('../../tables/headers.js'),
    import('../../tables/tree.js'),
  ]);
  if (!o.header) {
    throw new KdriftError('usage', '--family needs --header', undefined, `the header that defines it, relative to the tree: kdrift tables --family ${o.family} --header arch/x86/include/uapi/asm/kvm.h`);
  }
  const header = existsSync(resolve(tree, o.header)) ? resolve(tree, o.header) : resolve(o.header);
  if (!existsSync(header)) throw new KdriftError('missing-file', `no such header: ${o.header}`, { file: o.header });
  const dirs = [...toolsIncludeDirs(tree, o.arch)];
  const store = new HeaderStore(abiForSrcarch(o.arch), [join(tree, 'include/uapi'), join(tree, `arch/${o.arch}/include/uapi`), ...dirs]);
  const { generated, leftOut } = familyTable(store, { header, prefix: o.family!, style: o.style });
  for (const l of leftOut) process.stderr.write(`kdrift: ${o.header}:${l.line}: note: ${l.name} left out: ${l.reason}\n`);
  if (!generated.tables[0]?.entries.length) process.stderr.write(`kdrift: warning: ${o.header} has no ${o.family}* with a value\n`);
  await emitAll([generated], tree, o);
  return EXIT.ok;
}
