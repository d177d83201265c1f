// src/cache/results.ts: an entry holds while every file it read, every path found empty and every
// directory listed is as it was; anything else is a miss.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, test } from 'vitest';
import { cacheKey, Dependencies, ResultCache, resultCacheDir } from '../../src/cache/results.js';

const tmp = mkdtempSync(join(tmpdir(), 'kdrift-results-'));
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

describe('ResultCache', () => {
  const dir = join(tmp, 'tree');
  mkdirSync(join(dir, 'inc'), { recursive: true });
  const read = join(dir, 'read.h');
  const empty = join(dir, 'inc', 'probed.h');
  writeFileSync(read, '#define A 1\n');
  const cache = new ResultCache('t', join(tmp, 'store'));
  const deps = () => new Dependencies().add({ files: [read], absent: [empty], dirs: [join(dir, 'inc')] });

  test('a value comes back while nothing it depends on changed', ({ expect }) => {
    const key = cacheKey(['one', 'x']);
    expect(key).not.toBe(cacheKey(['one', 'y']));
    expect(cacheKey(['a', 'b'])).not.toBe(cacheKey(['ab']));
    expect(cacheKey(['a\0', 'b'])).not.toBe(cacheKey(['a', '\0b']));
    expect(key).toMatch(/^[0-9a-f]{28}$/);
    expect(cache.get(key)).toBeUndefined();
    cache.set(key, deps(), { v: 1 });
    expect(cache.get(key)).toEqual({ v: 1 });
    expect(new ResultCache('other', join(tmp, 'store')).get(key)).toBeUndefined();
  });

  test('a file read that changes, even keeping its size, is a miss', ({ expect }) => {
    const key = cacheKey(['file']);
    cache.set(key, deps(), 1);
    writeFileSync(read, '#define A 2\n');
    expect(cache.get(key)).toBeUndefined();
    cache.set(key, deps(), 2);
    expect(cache.get(key)).toBe(2);
  });

  test('a file appearing where include search found none is a miss', ({ expect }) => {
    const key = cacheKey(['absent']);
    const d = new Dependencies().add({ files: [read], absent: [join(dir, 'late.h')] });
    cache.set(key, d, 1);
    expect(cache.get(key)).toBe(1);
    writeFileSync(join(dir, 'late.h'), '\n');
    expect(cache.get(key)).toBeUndefined();
  });

  test('a directory listed that gains an entry is a miss', ({ expect }) => {
    const key = cacheKey(['dir']);
    cache.set(key, deps(), 1);
    writeFileSync(join(dir, 'inc', 'other.h'), '\n');
    expect(cache.get(key)).toBeUndefined();
  });

  test('an incomplete record of dependencies is never stored; no directory, no cache', ({ expect }) => {
    const key = cacheKey(['incomplete']);
    const d = deps();
    d.incomplete = true;
    cache.set(key, d, 1);
    expect(cache.get(key)).toBeUndefined();
    const none = new ResultCache('t', null);
    none.set(key, deps(), 1);
    expect(none.get(key)).toBeUndefined();
  });
});

describe('ResultCache: files are read again only when stat says they changed', () => {
  test('touched but equal bytes still hold; a rewrite to other bytes of the same size does not', async ({ expect }) => {
    const { utimesSync } = await import('node:fs');
    const dir = join(tmp, 'touch');
    mkdirSync(dir, { recursive: true });
    const f = join(dir, 'a.h');
    writeFileSync(f, '#define A 1\n');
    const cache = new ResultCache('touch', join(tmp, 'store'));
    const key = cacheKey(['touch']);
    cache.set(key, new Dependencies().add({ files: [f] }), 'v');
    utimesSync(f, new Date(1000), new Date(1000));
    expect(cache.get(key)).toBe('v');
    writeFileSync(f, '#define A 2\n');
    utimesSync(f, new Date(1000), new Date(1000));
    expect(cache.get(key)).toBeUndefined();
  });
});

describe('fileHash', () => {
  test('names a file by its bytes; a rewrite to the same size at once is seen (racy files are read again)', async ({ expect }) => {
    const { fileHash } = await import('../../src/cache/results.js');
    const f = join(tmp, 'racy.h');
    writeFileSync(f, '#define A 1\n');
    const h1 = fileHash(f);
    expect(h1).toMatch(/^[0-9a-f]{40}$/);
    expect(fileHash(f)).toBe(h1);
    writeFileSync(f, '#define A 2\n');
    expect(fileHash(f)).not.toBe(h1);
    expect(fileHash(join(tmp, 'no-such.h'))).toBeNull();
  });
});

describe('ResultCache.prune', () => {
  test('removes the entries of its kind not written for 60 days, and only those', async ({ expect }) => {
    const { utimesSync, readdirSync: ls } = await import('node:fs');
    const store = join(tmp, 'prune');
    const cache = new ResultCache('p', store);
    const old = cacheKey(['old']);
    const recent = cacheKey(['recent']);
    cache.set(old, new Dependencies(), 1);
    cache.set(recent, new Dependencies(), 2);
    const file = (k: string) => join(store, ls(store)[0]!, k.slice(0, 2), `${k}.json`);
    const longAgo = new Date(Date.now() - 61 * 86_400_000);
    utimesSync(file(old), longAgo, longAgo);
    cache.prune();
    expect(cache.get(old)).toBeUndefined();
    expect(cache.get(recent)).toBe(2);
  });
});
