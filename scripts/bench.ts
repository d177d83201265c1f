// `npm run bench`: kdrift against the kernel's own scripts on the same tree, in the same run: median wall time, peak RSS, ratios.
//
//   npm run bench -- [--runs N] [--warmup N] [--tree T] [--only a,b]
//
// --runs N     measured runs per command (default 5); the table shows medians. Runs of kdrift
//              and of its baseline alternate, so drift of a noisy machine hits both alike.
// --warmup N   unmeasured runs first (default 1: file cache, tsx's transform cache)
// --tree T     kernel source tree; default KDRIFT_KERNEL_SRC, else scripts/kernel-tree.sh is run
//              and <repo>/.cache/kernel/linux used
// --only a,b   sections to run (names as in the table)
//
// A section is data: a kdrift command line, the baseline command(s) it replaces, and a target
// (a time ratio kdrift/baseline, or absolute seconds and MB when there is no baseline). A section
// whose kdrift command (or option) is not in `kdrift --help` yet is skipped and says so.
// Peak RSS: GNU time's %M (see scripts/bench/measure.ts); without /usr/bin/time (Debian package
// `time`) RSS is not measured. NODE_EXTRA_CA_CERTS is removed from the environment of every
// command (it costs each node start ~90 ms; kdrift makes no TLS connection).
// Exit code: 0 when every section that ran met its target, 1 when one missed or failed, 2 usage.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asScript, display, hasGnuTime, measure, median, medianSample, type BenchCommand, type Sample } from './bench/measure.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KDRIFT = join(REPO, 'bin', 'kdrift');

interface Target {
  /** kdrift median time / baseline median time must be at most this. */
  ratio?: number;
  seconds?: number;
  rssMB?: number;
}

interface Section {
  name: string;
  /** The kdrift command that must be listed in `kdrift --help`. */
  command: string;
  /** Options that must be listed in `kdrift <command> --help`. */
  options?: string[];
  /** kdrift's arguments (after `node bin/kdrift`), given the tree and a fresh output dir. */
  kdrift(tree: string, out: string): { args: string[]; cwd: string };
  /** Exit codes of kdrift that mean it worked (findings are not failures here). */
  okCodes?: number[];
  /** What kdrift replaces, given the tree and a fresh output dir; throw Skip when not available. */
  baseline?(tree: string, out: string): Promise<BenchCommand[]>;
  target: Target;
  /**
   * kdrift's result cache (src/cache/results.ts): 'off' computes everything in every run;
   * 'warm' gives the section its own cache directory, filled by the warm-up runs, as a
   * maintainer's repeated builds find it. Default 'off'.
   */
  cache?: 'off' | 'warm';
  /** stderr lines of kdrift's median run to echo. */
  echo?: RegExp;
  /**
   * A reference command measured in the same runs, reported next to the ratio: what no
   * implementation of the section on the model can go below (scripts/bench/parse-floor.mjs),
   * and what it parses. The same script with no file (node and tree-sitter loaded, nothing
   * parsed) is measured with it.
   */
  floor?(tree: string): Promise<Floor | null>;
}

interface Floor {
  cmd: BenchCommand;
  what: string;
}

class Skip extends Error {}

/** Every *.h under `dir` (relative to `root`), sorted. */
function headers(root: string, dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.h')) found.push(relative(root, p));
    }
  };
  walk(join(root, dir));
  return found.sort();
}

/**
 * The kernel's USERINCLUDE for x86 (top Makefile), relative to the tree: the uapi dirs plus the
 * headers that headers_install generated in scripts/kernel-tree.sh's O= dir (asm/unistd_64.h,
 * which asm/unistd.h includes, exists only there), when that dir is there.
 */
function uapiIncludes(tree: string): string[] {
  const obj = join(tree, '..', 'build-x86');
  const dirs = ['arch/x86/include/uapi', join(obj, 'arch/x86/include/generated/uapi'), 'include/uapi', join(obj, 'include/generated/uapi')];
  return dirs.filter((d) => existsSync(resolve(tree, d))).flatMap((d) => ['-I', d]);
}

const SECTIONS: Section[] = [
  {
    // (a) The whole uapi of x86: include/uapi (933 headers in 6.12) and arch/x86/include/uapi (49),
    // with the include path the kernel's own build gives them.
    name: 'dump uapi',
    command: 'dump',
    options: ['--stats', '--format'],
    kdrift: (tree) => ({
      args: [
        'dump', '--stats', '--format', 'json', ...uapiIncludes(tree),
        ...headers(tree, 'include/uapi'), ...headers(tree, 'arch/x86/include/uapi'),
      ],
      cwd: tree,
    }),
    // Exit 3 (bad input) is measured too: the source tree's uapi has headers that include
    // non-uapi ones (xen/privcmd.h: <xen/interface/xen.h>), which no -I of uapi resolves; dump
    // still goes through every header. Its error lines are echoed.
    okCodes: [0, 1, 3],
    target: { seconds: 2, rssMB: 400 },
    echo: /^stats:|: error: /,
  },
  // (b) check-headers.sh as Makefile.perf runs it (`./check-headers.sh` in tools/perf), with
  // semantic diffs and table impact: every one computed (the first build after every header
  // changed), then with the result cache the warm-up filled (every later perf build).
  ...(['off', 'warm'] as const).map(
    (cache): Section => ({
      name: cache === 'off' ? 'check cold' : 'check',
      command: 'check',
      kdrift: (tree) => ({ args: ['check', '--tree', tree], cwd: tree }),
      okCodes: [0, 1],
      baseline: async (tree) => [{ argv: ['./check-headers.sh'], cwd: join(tree, 'tools', 'perf') }],
      target: { ratio: 0.5 },
      cache,
      ...(cache === 'off' ? { floor: checkParseFloor } : {}),
    }),
  ),
  // (c) Every beauty table generator, as tools/perf/Makefile.perf runs them (scripts/bench/tables.ts),
  // cold and warm as above.
  ...(['off', 'warm'] as const).map(
    (cache): Section => ({
      name: cache === 'off' ? 'tables cold' : 'tables',
      command: 'tables',
      kdrift: (tree, out) => ({ args: ['tables', '--tree', tree, '--out', out], cwd: tree }),
      baseline: async (tree, out) => (await import('./bench/tables.ts')).beautyGenerators(tree, out),
      target: { ratio: 0.2 },
      cache,
      ...(cache === 'off' ? { floor: tablesParseFloor } : {}),
    }),
  ),
];

/**
 * node, tree-sitter and one parse of both sides of every C pair check finds differing (read
 * from `kdrift check --format json` on the tree): the floor of a cold check.
 */
async function checkParseFloor(tree: string): Promise<Floor | null> {
  const r = spawnSync(process.execPath, [KDRIFT, 'check', '--tree', tree, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, KDRIFT_CACHE_DIR: 'off' }, maxBuffer: 64 << 20 });
  if (r.status !== 0 && r.status !== 1) return null;
  const pairs = (JSON.parse(r.stdout) as { pairs: { tools: string; kernel: string; status: string }[] }).pairs;
  const files = pairs.filter((p) => p.status === 'differs' && p.tools.endsWith('.h')).flatMap((p) => [p.tools, p.kernel]).map((f) => resolve(tree, f));
  return files.length ? { cmd: parseFloor(tree, files), what: `the ${files.length} files of the differing C pairs` } : null;
}

/**
 * node, tree-sitter and one parse of every header the tables read (as the model reads a header:
 * whole; kdrift's tables parse only the declarations that hold enums): the floor of cold tables.
 */
async function tablesParseFloor(tree: string): Promise<Floor | null> {
  const [{ readGenerators }, { runGenerator }, { FileCache }] = await Promise.all([
    import('../src/tables/makefile.ts'),
    import('../src/tables/tree.ts'),
    import('../src/c/unit.ts'),
  ]);
  const fileCache = new FileCache();
  const files = new Set<string>();
  for (const run of readGenerators(tree, { srcarch: 'x86' })) {
    for (const f of runGenerator(tree, 'x86', run, { fileCache, index: false })?.dependencies.files ?? []) if (f.endsWith('.h')) files.add(f);
  }
  return files.size ? { cmd: parseFloor(tree, [...files].sort()), what: `the ${files.size} headers the tables read` } : null;
}

function parseFloor(cwd: string, files: string[]): BenchCommand {
  return { argv: [process.execPath, join(REPO, 'scripts', 'bench', 'parse-floor.mjs'), ...files], cwd };
}

interface Options {
  runs: number;
  warmup: number;
  tree?: string;
  only?: string[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = { runs: 5, warmup: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') o.runs = positive(a, value());
    else if (a === '--warmup') o.warmup = positive(a, value(), true);
    else if (a === '--tree') o.tree = resolve(value());
    else if (a === '--only') o.only = value().split(',');
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  return o;
}

function positive(flag: string, v: string, zeroOk = false): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1)) usage(`${flag} takes a ${zeroOk ? 'non-negative' : 'positive'} integer, not ${v}`);
  return n;
}

function usage(msg?: string): never {
  if (msg) console.error(`bench: ${msg}`);
  console.error('usage: npm run bench -- [--runs N] [--warmup N] [--tree T] [--only ' + SECTIONS.map((s) => s.name.replace(' ', '\\ ')).join(',') + ']');
  process.exit(msg ? 2 : 0);
}

function kernelSource(o: Options): string {
  const given = o.tree ?? process.env.KDRIFT_KERNEL_SRC;
  if (given) {
    if (!existsSync(join(given, 'tools', 'perf', 'check-headers.sh'))) {
      console.error(`bench: ${given} is not a kernel tree (no tools/perf/check-headers.sh)`);
      process.exit(2);
    }
    return resolve(given);
  }
  console.log('KDRIFT_KERNEL_SRC is unset: running scripts/kernel-tree.sh');
  const r = spawnSync('bash', [join(REPO, 'scripts', 'kernel-tree.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error('bench: scripts/kernel-tree.sh failed');
    process.exit(1);
  }
  return join(REPO, '.cache', 'kernel', 'linux');
}

/** `kdrift [command] --help` text, or the reason there is none. */
function kdriftHelp(env: NodeJS.ProcessEnv, command?: string): { text: string } | { error: string } {
  const r = spawnSync(process.execPath, [KDRIFT, ...(command ? [command] : []), '--help'], { cwd: REPO, env, encoding: 'utf8' });
  if (r.status === 0) return { text: r.stdout };
  const why = (r.stderr || r.stdout).split('\n').find((l) => l.trim()) ?? `exit ${r.status}`;
  return { error: `\`kdrift ${command ? command + ' ' : ''}--help\` failed (exit ${r.status}): ${why.trim()}` };
}

function listedCommands(help: string): Set<string> {
  const at = help.indexOf('\nCommands:\n');
  if (at < 0) return new Set();
  const names = new Set<string>();
  for (const l of help.slice(at + 11).split('\n')) {
    if (!/^\s/.test(l)) break;
    const m = /^ {2}(\S+)/.exec(l);
    if (m) names.add(m[1]!);
  }
  return names;
}

interface Result {
  name: string;
  status: 'ok' | 'missed' | 'failed' | 'skipped';
  note: string;
  kdrift?: { seconds: number; rssMB: number | null; cpuSeconds: number | null };
  baseline?: { seconds: number; rssMB: number | null; cpuSeconds: number | null };
  ratio?: number;
  /** The floor's time over the baseline's (sections with a floor). */
  floorRatio?: number;
  target: string;
}

const fmtS = (s: number): string => `${s.toFixed(3)} s`;
const fmtMB = (m: number | null): string => (m === null ? 'n/a' : `${m.toFixed(0)} MB`);
const fmtCpu = (c: number | null): string => (c === null ? 'n/a' : `${c.toFixed(2)} s`);

function targetText(t: Target): string {
  const parts: string[] = [];
  if (t.ratio !== undefined) parts.push(`ratio <= ${t.ratio}`);
  if (t.seconds !== undefined) parts.push(`<= ${t.seconds} s`);
  if (t.rssMB !== undefined) parts.push(`<= ${t.rssMB} MB`);
  return parts.join(', ');
}

async function runSection(s: Section, tree: string, o: Options, env: NodeJS.ProcessEnv, commands: Set<string>): Promise<Result> {
  const base: Result = { name: s.name, status: 'skipped', note: '', target: targetText(s.target) };
  if (!commands.has(s.command)) return { ...base, note: `kdrift has no \`${s.command}\` command yet` };
  if (s.options?.length) {
    const h = kdriftHelp(env, s.command);
    if ('error' in h) return { ...base, note: h.error };
    const missing = s.options.filter((opt) => !h.text.includes(opt));
    if (missing.length) return { ...base, note: `\`kdrift ${s.command}\` has no ${missing.join(', ')} yet` };
  }

  const scratch = mkdtempSync(join(tmpdir(), 'kdrift-bench-out-'));
  let n = 0;
  const fresh = (): string => mkdtempSync(join(scratch, `${n++}-`));
  const kenv: NodeJS.ProcessEnv = { ...env, KDRIFT_CACHE_DIR: s.cache === 'warm' ? fresh() : 'off' };
  // warm, every run writes where the one before wrote, as a build writes into its own output
  // directory each time; cold, each run writes into an empty directory
  const outDir = (): string => (s.cache === 'warm' ? join(scratch, 'out') : fresh());
  try {
    const kdriftCmd = (): BenchCommand => {
      const k = s.kdrift(tree, outDir());
      return { argv: [process.execPath, KDRIFT, ...k.args], cwd: k.cwd };
    };
    let baselineCmd: (() => Promise<BenchCommand>) | undefined;
    if (s.baseline) {
      const b = s.baseline;
      try {
        await b(tree, fresh()); // may throw Skip
      } catch (e) {
        if (e instanceof Skip) return { ...base, note: e.message };
        throw e;
      }
      baselineCmd = async () => asScript(await b(tree, fresh()));
    }

    const first = kdriftCmd();
    console.log(`\n== ${s.name}: ${s.target ? targetText(s.target) : ''}; result cache ${s.cache === 'warm' ? 'warm (filled by the warm-up runs)' : 'off'}`);
    console.log(`   kdrift:   ${display({ ...first, argv: ['kdrift', ...first.argv.slice(2)] })}  (in ${first.cwd})`);
    if (baselineCmd) {
      const b = await baselineCmd();
      console.log(`   baseline: ${display(b)}  (in ${b.cwd})`);
    }

    const ok = s.okCodes ?? [0];
    const check = (who: string, smp: Sample, okCodes: number[]): string | null =>
      okCodes.includes(smp.code) ? null : `${who} exited ${smp.code}: ${smp.stderr.trim().split('\n').slice(-3).join(' | ')}`;

    const floor = (await s.floor?.(tree)) ?? null;
    const floorCmd = floor?.cmd ?? null;
    const startCmd = floorCmd ? parseFloor(floorCmd.cwd, []) : null;
    if (floor) {
      console.log(`   floor:    node + tree-sitter parse of ${floor.what}, nothing else (scripts/bench/parse-floor.mjs)`);
      console.log('   start:    node + tree-sitter loaded, nothing parsed (the same script, no file)');
    }
    const ks: Sample[] = [];
    const bs: Sample[] = [];
    const fs: Sample[] = [];
    const ss: Sample[] = [];
    // a warm cache may need two runs to fill it: where the first computes parts with a worker
    // thread (three cores or more), the run as a whole is not kept; the second reads the parts
    // and is
    const warmup = s.cache === 'warm' ? Math.max(2, o.warmup) : o.warmup;
    for (let i = 0; i < warmup + o.runs; i++) {
      const k = await measure(kdriftCmd(), kenv);
      const bad = check('kdrift', k, ok);
      if (bad) return { ...base, status: 'failed', note: bad };
      const b = baselineCmd ? await measure(await baselineCmd(), env) : undefined;
      if (b) {
        const bbad = check('baseline', b, [0]);
        if (bbad) return { ...base, status: 'failed', note: bbad };
      }
      const f = floorCmd ? await measure(floorCmd, env) : undefined;
      if (f && f.code !== 0) return { ...base, status: 'failed', note: `the floor command exited ${f.code}: ${f.stderr.trim().split('\n').slice(-1)[0]}` };
      const st = startCmd ? await measure(startCmd, env) : undefined;
      if (i < warmup) continue;
      ks.push(k);
      if (b) bs.push(b);
      if (f) fs.push(f);
      if (st) ss.push(st);
      process.stdout.write(
        `   run ${i - warmup + 1}/${o.runs}: kdrift ${fmtS(k.seconds)} (cpu ${fmtCpu(k.cpuSeconds)}) ${fmtMB(k.rssMB)}` +
          (b ? `, baseline ${fmtS(b.seconds)} (cpu ${fmtCpu(b.cpuSeconds)}) ${fmtMB(b.rssMB)}` : '') + (f ? `, floor ${fmtS(f.seconds)}` : '') + (st ? `, start ${fmtS(st.seconds)}` : '') + '\n',
      );
    }

    const rss = (xs: Sample[]): number | null => (xs.every((x) => x.rssMB !== null) ? median(xs.map((x) => x.rssMB!)) : null);
    const cpu = (xs: Sample[]): number | null => (xs.every((x) => x.cpuSeconds !== null) ? median(xs.map((x) => x.cpuSeconds!)) : null);
    const kd = { seconds: median(ks.map((x) => x.seconds)), rssMB: rss(ks), cpuSeconds: cpu(ks) };
    const bl = bs.length ? { seconds: median(bs.map((x) => x.seconds)), rssMB: rss(bs), cpuSeconds: cpu(bs) } : undefined;
    if (s.echo) {
      const lines = [...new Set(medianSample(ks).stderr.split('\n').filter((l) => s.echo!.test(l)))];
      const stats = lines.filter((l) => l.startsWith('stats:'));
      const other = lines.filter((l) => !l.startsWith('stats:'));
      for (const l of other.slice(0, 5)) console.log(`   kdrift stderr: ${l}`);
      if (other.length > 5) console.log(`   kdrift stderr: ... and ${other.length - 5} more such lines`);
      for (const l of stats) console.log(`   kdrift stderr: ${l}`);
    }

    const misses: string[] = [];
    const ratio = bl ? kd.seconds / bl.seconds : undefined;
    let floorRatio: number | undefined;
    if (fs.length && bl) {
      const fl = median(fs.map((x) => x.seconds));
      floorRatio = fl / bl.seconds;
      const above = (x: number) => (s.target.ratio !== undefined && x / bl.seconds > s.target.ratio ? ' is above the target' : '');
      console.log(`   floor: ${fmtS(fl)}, ratio ${(fl / bl.seconds).toFixed(2)} against the baseline: loading tree-sitter and parsing ${floor!.what} alone${above(fl)}`);
      if (ss.length) {
        const sl = median(ss.map((x) => x.seconds));
        console.log(`   start: ${fmtS(sl)}, ratio ${(sl / bl.seconds).toFixed(2)}: node and tree-sitter loaded, nothing read${above(sl)}`);
      }
    }
    if (s.target.ratio !== undefined && ratio !== undefined && ratio > s.target.ratio) misses.push(`ratio ${ratio.toFixed(2)} > ${s.target.ratio}`);
    if (s.target.seconds !== undefined && kd.seconds > s.target.seconds) misses.push(`${fmtS(kd.seconds)} > ${s.target.seconds} s`);
    if (s.target.rssMB !== undefined) {
      if (kd.rssMB === null) misses.push('RSS not measured (no GNU time)');
      else if (kd.rssMB > s.target.rssMB) misses.push(`${fmtMB(kd.rssMB)} > ${s.target.rssMB} MB`);
    }
    return { ...base, status: misses.length ? 'missed' : 'ok', note: misses.join('; '), kdrift: kd, baseline: bl, ratio, floorRatio };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const env: NodeJS.ProcessEnv = { ...process.env };
  const ca = env.NODE_EXTRA_CA_CERTS;
  delete env.NODE_EXTRA_CA_CERTS;
  delete process.env.NODE_EXTRA_CA_CERTS;

  // bin/kdrift runs dist/ only when it is newer than src/: measure the build, not tsx
  const build = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) {
    console.error('bench: scripts/build.mjs failed');
    return 1;
  }
  const tree = kernelSource(o);
  // From the Makefile, not `make kernelversion`: nothing runs make inside the pristine tree.
  const mk = readFileSync(join(tree, 'Makefile'), 'utf8');
  const version = ['VERSION', 'PATCHLEVEL', 'SUBLEVEL'].map((k) => new RegExp(`^${k} = (\\S*)`, 'm').exec(mk)?.[1] ?? '?').join('.');
  console.log(`kdrift bench: tree ${tree} (${version}), node ${process.version}, ${cpus().length} cores, ${o.runs} runs + ${o.warmup} warm-up, medians`);
  console.log(ca ? `NODE_EXTRA_CA_CERTS was set (${ca}): unset for every command measured` : 'NODE_EXTRA_CA_CERTS: not set');
  console.log(hasGnuTime() ? 'peak RSS: GNU time %M (largest single process of each command); cpu: GNU time %U + %S (every thread and child)' : 'peak RSS and cpu: not measured (no /usr/bin/time; apt-get install time)');

  const help = kdriftHelp(env);
  const commands = 'text' in help ? listedCommands(help.text) : new Set<string>();
  if ('error' in help) console.log(`every section skipped: ${help.error}`);

  const chosen = o.only ? SECTIONS.filter((s) => o.only!.includes(s.name)) : SECTIONS;
  if (o.only) for (const n of o.only) if (!SECTIONS.some((s) => s.name === n)) usage(`no section ${n}`);
  const results: Result[] = [];
  for (const s of chosen) {
    const r = await runSection(s, tree, o, env, commands);
    if (r.status === 'skipped') console.log(`\n== ${s.name}: skipped: ${r.note}`);
    if (r.status === 'failed') console.log(`\n== ${s.name}: FAILED: ${r.note}`);
    results.push(r);
  }

  console.log('');
  const rows = [['section', 'kdrift', 'kdrift cpu', 'kdrift RSS', 'baseline', 'baseline cpu', 'baseline RSS', 'ratio', 'floor', 'target', 'verdict']];
  for (const r of results) {
    rows.push([
      r.name,
      r.kdrift ? fmtS(r.kdrift.seconds) : '-',
      r.kdrift ? fmtCpu(r.kdrift.cpuSeconds) : '-',
      r.kdrift ? fmtMB(r.kdrift.rssMB) : '-',
      r.baseline ? fmtS(r.baseline.seconds) : '-',
      r.baseline ? fmtCpu(r.baseline.cpuSeconds) : '-',
      r.baseline ? fmtMB(r.baseline.rssMB) : '-',
      r.ratio !== undefined ? r.ratio.toFixed(2) : '-',
      r.floorRatio !== undefined ? r.floorRatio.toFixed(2) : '-',
      r.target,
      r.status === 'ok' ? 'ok' : r.status === 'missed' ? `MISSED: ${r.note}` : r.status === 'failed' ? 'FAILED' : `skipped: ${r.note}`,
    ]);
  }
  console.log(table(rows));
  return results.some((r) => r.status === 'missed' || r.status === 'failed') ? 1 : 0;
}

process.exitCode = await main();
