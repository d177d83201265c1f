// src/diff/cache.ts: where results are kept, what their key depends on, and diffPair's round trip.
import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, test } from 'vitest';
import { DiffResultCache, diffPair, resultCacheDir } from '../../src/diff/cache.js';
import type { HeaderSide } from '../../src/diff/sides.js';
import { REPO } from '../helpers/run.js';

const tmp = mkdtempSync(join(tmpdir(), 'kdrift-diff-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('resultCacheDir', () => {
  test.for([
    [{ KDRIFT_CACHE_DIR: '/c' }, '/c'],
    [{ KDRIFT_CACHE_DIR: '' }, null],
    [{ KDRIFT_CACHE_DIR: 'off' }, null],
    [{ XDG_CACHE_HOME: '/x', HOME: '/h' }, '/x/kdrift'],
    [{ HOME: '/h' }, '/h/.cache/kdrift'],
  ] as [NodeJS.ProcessEnv, string | null][])('%j → %s', ([env, want], { expect }) => {
    expect(resultCacheDir(env)).toBe(want);
  });
});

describe('DiffResultCache', () => {
  const tree = join(tmp, 'tree');
  cpSync(join(REPO, 'fixtures', 'diff', 'macro-added'), join(tree, 'case'), { recursive: true });
  cpSync(join(REPO, 'fixtures', 'diff', 'include'), join(tree, 'include'), { recursive: true });
  const side = (v: 'old' | 'new'): HeaderSide => ({ path: join(tree, 'case', v, 'demo_quirks.h'), label: `${v}/demo_quirks.h`, includeDirs: [join(tree, 'include')] });
  const cache = () => new DiffResultCache(join(tmp, 'results'));

  test('the key is stable while nothing changes, and a result comes back as stored', ({ expect }) => {
    const k = cache().key(side('old'), side('new'), ['x86_64']);
    expect(cache().key(side('old'), side('new'), ['x86_64'])).toBe(k);
    expect(cache().key(side('old'), side('new'), ['x86_64', 'i386'])).not.toBe(k);
    const d = { kind: 'text', old: 'a', new: 'b', verdict: 'differs', changedLines: 2 } as const;
    cache().set(k, d);
    expect(cache().get(k)).toEqual(d);
    expect(new DiffResultCache(null).key(side('old'), side('new'), ['x86_64'])).toBeNull();
  });

  // Stamps of include directories are taken once per process: each case is checked in a new one.
  test('the key changes with a compared file, a header of the include path, or a header added there', async ({ expect }) => {
    const { execFileSync } = await import('node:child_process');
    const keyNow = () =>
      execFileSync(process.execPath, ['--import', 'tsx', '-e', `
        const { DiffResultCache } = await import(${JSON.stringify(join(REPO, 'src/diff/cache.ts'))});
        const side = (v) => ({ path: ${JSON.stringify(join(tree, 'case'))} + '/' + v + '/demo_quirks.h', includeDirs: [${JSON.stringify(join(tree, 'include'))}] });
        process.stdout.write(new DiffResultCache(${JSON.stringify(join(tmp, 'results'))}).key(side('old'), side('new'), ['x86_64']));
      `], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    const k0 = keyNow();
    expect(keyNow()).toBe(k0);
    writeFileSync(join(tree, 'case', 'new', 'demo_quirks.h'), '#define KVM_X86_QUIRK_X 1\n');
    const k1 = keyNow();
    expect(k1).not.toBe(k0);
    utimesSync(join(tree, 'include', 'linux', 'types.h'), new Date(0), new Date(0));
    const k2 = keyNow();
    expect(k2).not.toBe(k1);
    writeFileSync(join(tree, 'include', 'linux', 'new.h'), '\n');
    expect(keyNow()).not.toBe(k2);
  });
});

test('diffPair: computed once, then read from the cache', async ({ expect }) => {
  const tree = join(REPO, 'fixtures', 'demo-tree');
  const results = new DiffResultCache(join(tmp, 'pairs'));
  const first = await diffPair(tree, 'tools/include/uapi/linux/demo_vcpu.h', 'include/uapi/linux/demo_vcpu.h', { results });
  expect(first.verdict).toBe('additive');
  const files = readdirSync(join(tmp, 'pairs'), { recursive: true }).filter((f) => String(f).endsWith('.json'));
  expect(files).toHaveLength(1);
  expect(await diffPair(tree, 'tools/include/uapi/linux/demo_vcpu.h', 'include/uapi/linux/demo_vcpu.h', { results })).toEqual(first);
  expect(readdirSync(join(tmp, 'pairs'), { recursive: true }).filter((f) => String(f).endsWith('.json'))).toHaveLength(1);
});
