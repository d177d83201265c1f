// `kdrift check` with its result cache (src/cache/results.ts): a second run reads every semantic
// diff, table impact and the pair list back and prints exactly what a run without a cache prints;
// a header the pairs include that changes is noticed.
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, test } from 'vitest';
import { REPO, runKdrift } from '../../helpers/run.js';

const tmp = mkdtempSync(join(tmpdir(), 'kdrift-check-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Entries of one kind of result (`diff`, `pairs`, …), whatever the version of their format. */
const entries = (cache: string, kind: string) =>
  readdirSync(cache)
    .filter((d) => d.startsWith(kind + '-'))
    .flatMap((d) => readdirSync(join(cache, d), { recursive: true, encoding: "utf8" }))
    .filter((f) => String(f).endsWith('.json')).length;

test('cached runs print what uncached runs print, in every format', async ({ expect }) => {
  const tree = join(tmp, 'demo');
  cpSync(join(REPO, 'fixtures', 'demo-tree'), tree, { recursive: true });
  const cache = join(tmp, 'cache');
  for (const format of ['text', 'json']) {
    const args = ['check', '--tree', tree, '--format', format];
    const plain = await runKdrift(args, { env: { KDRIFT_CACHE_DIR: 'off' } });
    const first = await runKdrift(args, { env: { KDRIFT_CACHE_DIR: cache } });
    const second = await runKdrift(args, { env: { KDRIFT_CACHE_DIR: cache } });
    expect(first.code).toBe(plain.code);
    expect(first.stdout).toBe(plain.stdout);
    expect(second.stdout).toBe(plain.stdout);
    expect(second.stderr).toBe(plain.stderr);
  }
  // the pair list, and a semantic diff per differing pair
  expect(entries(cache, 'pairs')).toBe(1);
  expect(entries(cache, 'diff')).toBe(6);

  // the pairs' layouts come from an included header: make __u32 wider in the tools include path
  const types = join(tree, 'tools/include/uapi/linux/types.h');
  const json = (dir: string) => runKdrift(['check', '--tree', tree, '--format', 'json'], { env: { KDRIFT_CACHE_DIR: dir } });
  const before = (await json(cache)).stdout;
  writeFileSync(types, readFileSync(types, 'latin1').replace('typedef unsigned int __u32;', 'typedef unsigned long long __u32;'));
  const plain = (await json('off')).stdout;
  expect(plain).not.toBe(before);
  expect((await json(cache)).stdout).toBe(plain);
});

test('a pair whose file changed is compared again; the others come from the index', async ({ expect }) => {
  const tree = join(tmp, 'index');
  cpSync(join(REPO, 'fixtures', 'demo-tree'), tree, { recursive: true });
  const cache = join(tmp, 'index-cache');
  const run = async (dir: string) => (await runKdrift(['check', '--tree', tree, '--no-semantic', '--format', 'json'], { env: { KDRIFT_CACHE_DIR: dir } })).stdout;
  const plain = await run('off');
  expect(await run(cache)).toBe(plain);
  expect(await run(cache)).toBe(plain);
  expect(entries(cache, 'index')).toBe(1);
  // the copy of demo_stat.h made identical, demo_kvm.h's copy removed
  writeFileSync(join(tree, 'tools/include/uapi/linux/demo_stat.h'), readFileSync(join(tree, 'include/uapi/linux/demo_stat.h')));
  rmSync(join(tree, 'tools/include/uapi/linux/demo_kvm.h'));
  const after = await run('off');
  expect(after).not.toBe(plain);
  expect(await run(cache)).toBe(after);
});
