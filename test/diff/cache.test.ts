// src/diff/cache.ts: diffPair's results are kept, and found again only while the pair's files,
// the headers they include and the include search they made are unchanged.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, test } from 'vitest';
import { DiffResultCache, diffPair } from '../../src/diff/cache.js';
import { pairSides } from '../../src/diff/pair.js';
import { REPO } from '../helpers/run.js';

const tmp = mkdtempSync(join(tmpdir(), 'kdrift-diff-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(tree: string, rel: string, text: string) {
  mkdirSync(dirname(join(tree, rel)), { recursive: true });
  writeFileSync(join(tree, rel), text);
}

describe('DiffResultCache', () => {
  test('the key names the compared files, their bytes and the ABIs', ({ expect }) => {
    const tree = join(tmp, 'key');
    write(tree, 'a.h', '#define A 1\n');
    write(tree, 'b.h', '#define A 2\n');
    const side = (f: string) => ({ path: join(tree, f), includeDirs: [tree] });
    const c = new DiffResultCache(join(tmp, 'k'));
    const k = c.key(side('a.h'), side('b.h'), ['x86_64']);
    expect(c.key(side('a.h'), side('b.h'), ['x86_64'])).toBe(k);
    expect(c.key(side('a.h'), side('b.h'), ['x86_64', 'i386'])).not.toBe(k);
    expect(c.key(side('b.h'), side('a.h'), ['x86_64'])).not.toBe(k);
    write(tree, 'b.h', '#define A 3\n');
    expect(c.key(side('a.h'), side('b.h'), ['x86_64'])).not.toBe(k);
    expect(new DiffResultCache(null).key(side('a.h'), side('b.h'), ['x86_64'])).toBeNull();
  });
});

describe('diffPair', () => {
  // tools copy and kernel original both include <linux/width.h>, which only the kernel's uapi
  // has: tools/include/uapi and tools/include are searched first, and found empty.
  const tree = join(tmp, 'tree');
  write(tree, 'tools/include/uapi/linux/demo.h', '#include <linux/width.h>\n#define DEMO_A WIDTH\n');
  write(tree, 'include/uapi/linux/demo.h', '#include <linux/width.h>\n#define DEMO_A WIDTH\n#define DEMO_B 2\n');
  write(tree, 'include/uapi/linux/width.h', '#define WIDTH 8\n');
  const pair = ['tools/include/uapi/linux/demo.h', 'include/uapi/linux/demo.h'] as const;
  const results = new DiffResultCache(join(tmp, 'pairs'));
  const s = pairSides(tree, ...pair);
  const stored = () => results.get(results.key(s.old, s.new, s.abis));

  test('computed once, then read back; an included header or one added earlier in the search path makes it a miss', async ({ expect }) => {
    const first = await diffPair(tree, ...pair, { results });
    expect(first.verdict).toBe('additive');
    expect(stored()).toEqual(first);
    expect(readdirSync(join(tmp, 'pairs'), { recursive: true }).filter((f) => String(f).endsWith('.json'))).toHaveLength(1);

    write(tree, 'include/uapi/linux/width.h', '#define WIDTH 16\n');
    expect(stored()).toBeUndefined();
    expect(await diffPair(tree, ...pair, { results })).toEqual(first);
    expect(stored()).toEqual(first);

    // a tools copy of the included header now comes first in the search
    write(tree, 'tools/include/linux/width.h', '#define WIDTH 4\n');
    expect(stored()).toBeUndefined();
    await diffPair(tree, ...pair, { results });
    expect(stored()).toBeDefined();
  });

  test('the demo tree: a pair is computed once', async ({ expect }) => {
    const demo = join(tmp, 'demo');
    cpSync(join(REPO, 'fixtures', 'demo-tree'), demo, { recursive: true });
    const r = new DiffResultCache(join(tmp, 'demo-results'));
    const first = await diffPair(demo, 'tools/include/uapi/linux/demo_vcpu.h', 'include/uapi/linux/demo_vcpu.h', { results: r });
    expect(first.verdict).toBe('additive');
    expect(await diffPair(demo, 'tools/include/uapi/linux/demo_vcpu.h', 'include/uapi/linux/demo_vcpu.h', { results: r })).toEqual(first);
    expect(readdirSync(join(tmp, 'demo-results'), { recursive: true }).filter((f) => String(f).endsWith('.json'))).toHaveLength(1);
  });
});
