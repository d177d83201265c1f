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

const entries = (dir: string) => readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.json')).length;

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
  expect(entries(join(cache, 'pairs-2'))).toBe(1);
  expect(entries(join(cache, 'diff-2'))).toBe(6);

  // the pairs' layouts come from an included header: make __u32 wider in the tools include path
  const types = join(tree, 'tools/include/uapi/linux/types.h');
  const json = (dir: string) => runKdrift(['check', '--tree', tree, '--format', 'json'], { env: { KDRIFT_CACHE_DIR: dir } });
  const before = (await json(cache)).stdout;
  writeFileSync(types, readFileSync(types, 'latin1').replace('typedef unsigned int __u32;', 'typedef unsigned long long __u32;'));
  const plain = (await json('off')).stdout;
  expect(plain).not.toBe(before);
  expect((await json(cache)).stdout).toBe(plain);
});
