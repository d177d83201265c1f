// Kernel tier of `kdrift check` on a second, older real tree: Debian's linux-source-6.1
// (CACHE/linux-6.1, test/helpers/kernel.ts olderKernelTree()). Its check-headers.sh is an older
// script — no ignore-hunks, and the old warning format ("Warning: Kernel ABI header at 'X'
// differs from latest version at 'Y'" on stderr, then `diff -u X Y` on stdout, per pair) — run
// by bash against kdrift reading it, on a copy of the parts of the tree it reads: as it is, then
// after mutations chosen from the tree's own pair list (so that no file name or content of one
// release is assumed). Both must list the same pairs, in the same order, after every one.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadPairList } from '../../src/check/run.js';
import type { PairSpec } from '../../src/check/types.js';
import { requireOlderKernelTree, tempDir } from '../helpers/kernel.js';
import { runKdrift, runScript } from '../helpers/run.js';
import { agree, copyCheckedParts, kdriftListed, listed, mutated, randomEdits, scriptListed, type Edit } from './kernel-check.js';

let src: string;
let tmp: string;
let tree: string;
/** What the script lists on the pristine copy: `tools kernel` per pair. */
let pristine: string[];
let pairs: readonly PairSpec[];

beforeAll(async () => {
  src = requireOlderKernelTree();
  tmp = tempDir('kdrift-check-6.1-');
  tree = copyCheckedParts(src, join(tmp, 'linux'));
  pristine = await scriptListed(tree);
  pairs = loadPairList({ tree, cwd: tree, strict: false }).pairs;
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const both = (p: PairSpec) => existsSync(join(tree, p.tools)) && existsSync(join(tree, p.kernel));
const isWarned = (p: PairSpec) => pristine.includes(`${p.tools} ${p.kernel}`);
const onlyB = (p: PairSpec) => p.diff.argv.join(' ') === '-B';
/** The first pair of the script that `want` accepts; fails the test when there is none. */
function pick(what: string, want: (p: PairSpec) => boolean): PairSpec {
  const p = pairs.find((x) => both(x) && want(x));
  expect(p, `a pair of the 6.1 script: ${what}`).toBeDefined();
  return p!;
}

describe('kdrift check on the 6.1 tree (old check-headers.sh)', () => {
  test('the script is the old one: a Warning line per pair on stderr, `diff -u` on stdout', async () => {
    const r = await runScript('bash ./check-headers.sh', join(tree, 'tools', 'perf'), { env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => /^Warning: Kernel ABI header at '\S+' differs from latest version at '\S+'$/.test(l));
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.length).toBe(listed(r.stdout).length);
    expect(existsSync(join(src, 'tools/perf/check-header_ignore_hunks'))).toBe(false);
  });

  test('the pristine tree: the same pairs as check-headers.sh, in the same order, read without warnings', async () => {
    expect(pristine.length).toBeGreaterThan(0);
    const ours = await kdriftListed(tree);
    expect(ours.listed).toEqual(pristine);
    expect(ours.stderr).toBe('');
  });

  test('the real binary, run without arguments in tools/perf, lists the same pairs', async () => {
    const r = await runKdrift(['check', '--no-semantic'], { cwd: join(tree, 'tools', 'perf'), env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(listed(r.stdout)).toEqual(pristine);
  });

  // Each mutation names the pair it edits by what it is in the script, not by a file name; the
  // expectation on the script's own list makes sure the mutation did what it is named after.
  const mutations: [string, () => { rel: string; edit: Edit; listedAfter: (before: string[], p: string) => boolean }][] = [
    ['a tools copy of an identical -B pair deleted', () => {
      const p = pick('-B, not warned', (x) => onlyB(x) && !isWarned(x));
      return { rel: p.tools, edit: 'delete', listedAfter: (l, k) => l.includes(k) };
    }],
    ['a kernel original of a warned pair deleted', () => {
      const p = pick('warned', isWarned);
      return { rel: p.kernel, edit: 'delete', listedAfter: (l, k) => !l.includes(k) };
    }],
    ['a comment changed in a differing pair', () => {
      const p = pick('warned, a C file with a /* comment', (x) => isWarned(x) && /\.[ch]$/.test(x.tools) && readFileSync(join(tree, x.tools), 'latin1').includes('/* '));
      return { rel: p.tools, edit: (t) => t.replace('/* ', '/* kdrift: '), listedAfter: (l, k) => l.includes(k) };
    }],
    ['a line added to an identical -B copy', () => {
      const p = pick('-B, not warned', (x) => onlyB(x) && !isWarned(x) && x.tools.endsWith('.h'));
      return { rel: p.tools, edit: (t) => t + '#define KDRIFT_NOT_IN_THE_KERNEL 1\n', listedAfter: (l, k) => l.includes(k) };
    }],
    ['a blank line added to an identical -B copy', () => {
      const p = pick('-B, not warned', (x) => onlyB(x) && !isWarned(x) && x.tools.endsWith('.h'));
      return { rel: p.tools, edit: (t) => t.replace('\n', '\n\n'), listedAfter: (l, k) => !l.includes(k) };
    }],
    ['a line matching an -I regex added to an identical copy', () => {
      const p = pick('-I "^EXPORT_SYMBOL", not warned', (x) => x.diff.ignoreMatching.includes('^EXPORT_SYMBOL') && !isWarned(x));
      return { rel: p.tools, edit: (t) => t + 'EXPORT_SYMBOL(kdrift_extra)\n', listedAfter: (l, k) => !l.includes(k) };
    }],
    ['a __ignore_sync_check__ line changed in an identical copy', () => {
      const p = pick('-I __ignore_sync_check__, not warned, with such a line', (x) =>
        x.diff.ignoreMatching.some((re) => re.includes('__ignore_sync_check__')) && !isWarned(x) && readFileSync(join(tree, x.tools), 'latin1').includes('__ignore_sync_check__'));
      return {
        rel: p.tools,
        edit: (t) => t.replace(/^(.*)(\/\*.*__ignore_sync_check__)/m, '$1 /* kdrift */ $2'),
        listedAfter: (l, k) => !l.includes(k),
      };
    }],
  ];

  test.for(mutations)('after a mutation: %s', async ([what, make]) => {
    const { rel, edit, listedAfter } = make();
    const pair = pairs.find((p) => p.tools === rel || p.kernel === rel)!;
    await mutated(tree, rel, edit, async () => {
      const theirs = await agree(tree, what);
      expect(listedAfter(theirs, `${pair.tools} ${pair.kernel}`), `${what}: ${rel}: the script lists ${theirs.length} pairs`).toBe(true);
    });
  });

  test('after random edits to the pairs, one at a time', async () => {
    await randomEdits(tree, 12, 61);
  });

  test('the copy, not the cache, was changed', async () => {
    expect(await scriptListed(tree)).toEqual(pristine);
    expect(await scriptListed(src)).toEqual(pristine);
  });
});
