// Kept runs (src/cache/runs.ts): a run of `check` or `tables` is replayed while every path it
// looked at looks the same, and prints and writes exactly what a run without a cache does;
// whatever it depended on changes, the next run is computed again.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { keepRun, RUN_ENVIRONMENT, RunResultCache } from '../../src/cache/runs.js';
import { existsSync, outOfSight, readdirSync, readFileSync as watchedRead, statSync, writeFileAtomic } from '../../src/fs.js';
import { REPO, runKdrift } from '../helpers/run.js';

const tmp = mkdtempSync(join(tmpdir(), 'kdrift-runs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The kept runs' entry files. */
function keptRuns(cache: string): string[] {
  if (!existsSync(cache)) return [];
  return readdirSync(cache)
    .filter((d) => d.startsWith('run-'))
    .flatMap((d) => readdirSync(join(cache, d), { recursive: true, encoding: 'utf8' }).map((f) => join(cache, d, f)))
    .filter((f) => f.endsWith('.json'));
}

const shown = (r: { code: number; stdout: string; stderr: string }) => `${r.code}\n${r.stdout}\n[stderr]\n${r.stderr}`;

describe('kdrift check, kept whole', () => {
  const tree = join(tmp, 'demo');
  cpSync(join(REPO, 'fixtures', 'demo-tree'), tree, { recursive: true });
  const cache = join(tmp, 'check-cache');
  const args = ['check', '--tree', tree, '--format', 'json'];
  const plain = async () => shown(await runKdrift(args, { env: { KDRIFT_CACHE_DIR: 'off' } }));
  const cached = async () => shown(await runKdrift(args, { env: { KDRIFT_CACHE_DIR: cache } }));

  test('a kept run is replayed, and prints what a run without a cache prints', async ({ expect }) => {
    const want = await plain();
    // the first run may share its work with a worker thread (not kept); the second reads every
    // part from the caches and is kept; the third is replayed
    for (let i = 0; i < 3; i++) expect(await cached()).toBe(want);
    const kept = keptRuns(cache);
    expect(kept).toHaveLength(1);
    // replayed, not computed: what the entry says is what is printed
    const entry = JSON.parse(readFileSync(kept[0]!, 'utf8'));
    entry.value.printed = [[1, Buffer.from('replayed\n').toString('base64')]];
    writeFileSync(kept[0]!, JSON.stringify(entry));
    expect((await runKdrift(args, { env: { KDRIFT_CACHE_DIR: cache } })).stdout).toBe('replayed\n');
    rmSync(kept[0]!);
    expect(await cached()).toBe(want);
  }, 120_000);

  test.each([
    ['a header the pairs include changes', () => {
      const types = join(tree, 'tools/include/uapi/linux/types.h');
      writeFileSync(types, readFileSync(types, 'latin1').replace('typedef unsigned int __u32;', 'typedef unsigned long long __u32;'));
    }],
    ['a tools copy goes away', () => rmSync(join(tree, 'tools/include/uapi/linux/demo_kvm.h'))],
    ['a copy is synced', () => writeFileSync(join(tree, 'tools/include/uapi/linux/demo_stat.h'), readFileSync(join(tree, 'include/uapi/linux/demo_stat.h')))],
    ["the kernel's include directory goes away (the script's skip)", () => rmSync(join(tree, 'include'), { recursive: true })],
  ])('computed again when %s', async (_, change) => {
    const before = await cached();
    expect(await cached()).toBe(before);
    change();
    const want = await plain();
    expect(want).not.toBe(before);
    expect(await cached()).toBe(want);
  }, 120_000);
});

describe('kdrift tables --out, kept whole', () => {
  test('a replayed run writes the files a run without a cache writes; a changed header is made again', async ({ expect }) => {
    const tree = join(tmp, 'mini');
    cpSync(join(REPO, 'fixtures/tables/mini-tree'), tree, { recursive: true });
    const cache = join(tmp, 'tables-cache');
    // the same --out each time (another directory is another command line)
    const out = join(tmp, 'out');
    const run = async (dir: string) => {
      rmSync(out, { recursive: true, force: true });
      const r = await runKdrift(['tables', '--tree', tree, '--out', out], { env: { KDRIFT_CACHE_DIR: dir } });
      const files = readdirSync(out)
        .sort()
        .map((f) => `== ${f}\n${readFileSync(join(out, f), 'latin1')}`);
      return `${shown(r)}\n${files.join('\n')}`;
    };
    const want = await run('off');
    expect(want).toContain('== kvm_ioctl.c');
    for (let i = 0; i < 3; i++) expect(await run(cache)).toBe(want);
    expect(keptRuns(cache)).toHaveLength(1);
    const kvm = join(tree, 'tools/include/uapi/linux/kvm.h');
    writeFileSync(kvm, readFileSync(kvm, 'latin1') + '#define KVM_DEMO_KEPT           _IO(KVMIO,   0xfd)\n');
    const changed = await run('off');
    expect(changed).toContain('[0xfd] = "DEMO_KEPT"');
    expect(await run(cache)).toBe(changed);
    // a kept run that cannot write its files again is run, and says why, as any run does
    rmSync(out, { recursive: true, force: true });
    writeFileSync(out, 'a file where the directory was');
    const r = await runKdrift(['tables', '--tree', tree, '--out', out], { env: { KDRIFT_CACHE_DIR: cache } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/error: cannot write /);
    expect(r.stderr).not.toContain('internal error');
    rmSync(out);
  }, 120_000);
});

describe('what is kept', () => {
  const cache = new RunResultCache(join(tmp, 'unit-cache'));
  const tty = { stdout: false, stderr: false };
  const file = join(tmp, 'input.txt');
  writeFileSync(file, 'x');

  test('keys: only check and tables, and everything their output depends on', ({ expect }) => {
    const key = (argv: string[], cwd = '/t', env: NodeJS.ProcessEnv = {}, t = tty) => cache.key(argv, cwd, env, t);
    expect(key(['dump', 'a.h'])).toBeNull();
    expect(key(['diff', 'a.h', 'b.h'])).toBeNull();
    expect(new RunResultCache(null).key(['check'], '/t', {}, tty)).toBeNull();
    const base = key(['check', '--tree', 'x']);
    expect(base).toMatch(/^[0-9a-f]+$/);
    expect(key(['check', '--tree', 'x'])).toBe(base);
    for (const other of [
      key(['check', '--tree', 'y']),
      key(['check', '--tree', 'x'], '/u'),
      key(['check', '--tree', 'x'], '/t', { NO_COLOR: '1' }),
      key(['check', '--tree', 'x'], '/t', { TZ: 'UTC' }),
      key(['check', '--tree', 'x'], '/t', {}, { stdout: true, stderr: false }),
    ])
      expect(other).not.toBe(base);
  });

  const kept = async (key: string, body: () => Promise<number>) => {
    await keepRun(cache, key, body);
    return cache.get(key) !== undefined;
  };

  test('a run that read and printed is kept; one that failed, used another thread or wrote what it read is not', async ({ expect }) => {
    expect(await kept('a1', async () => (watchedRead(file), 0))).toBe(true);
    expect(await kept('a2', async () => (watchedRead(file), 1))).toBe(true);
    expect(await kept('a3', async () => (watchedRead(file), 3))).toBe(false);
    expect(await kept('a4', async () => (outOfSight('a worker'), 0))).toBe(false);
    expect(await kept('a5', async () => (watchedRead(file), writeFileAtomic(file, 'y'), 0))).toBe(false);
    // changed by someone else while the run went on: what it printed is not what is there now
    expect(await kept('a6', async () => (watchedRead(file), writeFileSync(file, 'changed meanwhile'), 0))).toBe(false);
    expect(await kept('a7', async () => (existsSync(`${file}.new`), writeFileSync(`${file}.new`, ''), 0))).toBe(false);
    // what it read changed: the kept run no longer holds
    writeFileSync(file, 'changed');
    expect(cache.get('a1')).toBeUndefined();
  });

  test.each([
    ['a path found empty', (d: string) => existsSync(d), (d: string) => mkdirSync(d)],
    ['a path found empty, then a file', (d: string) => existsSync(d), (d: string) => writeFileSync(d, '')],
    ['a directory found', (d: string) => (mkdirSync(d), statSync(d).isDirectory()), (d: string) => rmSync(d, { recursive: true })],
    ['a directory listed', (d: string) => (mkdirSync(d), readdirSync(d)), (d: string) => writeFileSync(join(d, 'new.h'), '')],
  ])('%s: kept until it changes', async (name, look, change) => {
    const d = join(tmp, name.replace(/\W+/g, '-'));
    expect(await kept(name, async () => (look(d), 0))).toBe(true);
    expect(cache.get(name)).toBeDefined();
    change(d);
    expect(cache.get(name)).toBeUndefined();
  });
});

describe('src/ looks at files through src/fs.ts', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const files = sources(join(REPO, 'src')).map((f) => ({ rel: relative(join(REPO, 'src'), f), text: readFileSync(f, 'utf8') }));
  // the cache's own entries, and validate's scratch files, are not the tree's
  const allowed: Record<string, string[]> = { 'fs.ts': ['*'], 'cache/results.ts': ['*'], 'validate/run.ts': ['mkdtempSync', 'rmSync', 'writeFileSync'] };

  test('no other module reads with node:fs', ({ expect }) => {
    const offending: string[] = [];
    for (const { rel, text } of files) {
      for (const m of text.matchAll(/import\s+(?:\{([^}]*)\}|\*\s+as\s+\w+|\w+)\s+from\s+'(?:node:)?fs(?:\/promises)?'/g)) {
        const names = m[1] ? m[1].split(',').map((n) => n.trim().split(/\s+as\s+/)[0]!).filter(Boolean) : ['*'];
        const ok = allowed[rel] ?? [];
        for (const n of names) if (!ok.includes('*') && !ok.includes(n)) offending.push(`${rel}: ${n}`);
      }
    }
    expect(offending).toEqual([]);
  });

  test("every environment variable src/ reads is in a kept run's key", ({ expect }) => {
    const read = new Set(files.flatMap(({ text }) => [...text.matchAll(/process\.env\.([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]!)));
    // where the cache is decides which cache is read, not what a run prints
    for (const where of ['KDRIFT_CACHE_DIR', 'XDG_CACHE_HOME', 'HOME']) read.delete(where);
    expect([...read].filter((v) => !(RUN_ENVIRONMENT as readonly string[]).includes(v))).toEqual([]);
  });
});
