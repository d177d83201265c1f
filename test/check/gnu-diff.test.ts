import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, test } from 'vitest';
import { parseDiffArgv } from '../../src/check/diff-options.js';
import { commonPrefixLines, diffHunks, keptLinesDiffer, middles, splitLines, unifiedDiff } from '../../src/check/gnu-diff.js';

const lines = (s: string) => splitLines(Buffer.from(s, 'latin1'));
/** diff's exit status for two texts under an argv of options: 0 same, 1 different. */
function status(a: string, b: string, argv: string[]): number {
  return diffHunks(lines(a), lines(b), parseDiffArgv(argv).options).ignored.some((x) => !x) ? 1 : 0;
}

describe('splitLines', () => {
  test.for([
    ['', [], true],
    ['a\n', ['a'], true],
    ['a\nb', ['a', 'b'], false],
    ['\n\n', ['', ''], true],
    ['a\r\n\xff\n', ['a\r', '\xff'], true],
  ])('%j', ([s, l, nl], { expect }) => {
    expect(lines(s as string)).toEqual({ lines: l, endsWithNewline: nl });
  });
});

describe('diffHunks: GNU diff -B / -I / -b / -w semantics', () => {
  // [tools, kernel, options, exit status of GNU diff 3.8]
  test.for([
    ['a\n', 'a\n\n', ['-B'], 0],
    ['a\n\n', 'a\n', ['-B'], 0],
    ['a\n', 'a\n  \n', ['-B'], 1], // whitespace-only is not blank for -B alone
    ['a\n', 'a\n\t\n', ['-B'], 1],
    ['a\n', 'a\n  \n', ['-B', '-b'], 0], // ... but is with -b or -w
    ['a\n', 'a\n  \n', ['-B', '-w'], 0],
    ['a\n', 'a\n\r\n', ['-B'], 1],
    ['a\r\n', 'a\n', ['--strip-trailing-cr'], 0],
    ['x\n\n', '\nx\n', ['-B'], 1], // the x moves: a non-blank line changes
    ['a\nb\n', 'a\n\nb\n', ['-B'], 0],
    ['a\nb\n', 'a\nc\n\n', ['-B'], 1],
    ['a\n', 'a', [], 1], // an incomplete last line differs ...
    ['a\n', 'a', ['-b'], 0], // ... except under -b / -w
    ['a\n', 'a', ['-w'], 0],
    ['a b\n', 'a  b\n', ['-b'], 0],
    ['a b \n', 'a b\n', ['-b'], 0],
    [' a\n', 'a\n', ['-b'], 1],
    [' a\n', 'a\n', ['-w'], 0],
    ['a\tb\n', 'a b\n', ['-b'], 0],
    ['A\n', 'a\n', ['-i'], 0],
    ['a\n', 'a\nfoo\n', ['-I', 'foo'], 0],
    ['a\n', 'a\nfoo', ['-I', 'foo'], 0],
    ['a', 'a\nfoo', ['-I', 'foo'], 1], // the hunk also holds `a` against `a<newline>`
    ['a', 'a\n', ['-I', 'a'], 0],
    ['x\nEXPORT_SYMBOL(x);\n', 'x\n', ['-I', '^EXPORT_SYMBOL'], 0],
    ['x\nEXPORT_SYMBOL(x);\ny\n', 'x\nz\n', ['-I', '^EXPORT_SYMBOL'], 1], // one hunk, one line not ignorable
    ['x\n\nEXPORT_SYMBOL(x);\n', 'x\n', ['-B', '-I', '^EXPORT_SYMBOL'], 0], // blank or matching, mixed in one hunk
    ['FOO\n', 'foo\n', ['-I', 'foo'], 1],
    ['FOO\n', 'foo\n', ['-i', '-I', 'foo'], 0],
  ])('%j vs %j with %j: %i', ([a, b, argv, want], { expect }) => {
    expect(status(a as string, b as string, argv as string[])).toBe(want);
  });

  test('hunks are the changes of the normal format, each judged alone', ({ expect }) => {
    const v = diffHunks(lines('a\nb\nc\nd\n'), lines('a\n\nb\nc\nD\n'), parseDiffArgv(['-B']).options);
    expect(v.changes).toEqual([
      { a0: 1, deleted: 0, b0: 1, inserted: 1 },
      { a0: 3, deleted: 1, b0: 4, inserted: 1 },
    ]);
    expect(v.ignored).toEqual([true, false]);
  });
});

describe('unifiedDiff', () => {
  test('three lines of context, nearby changes share a hunk, GNU range forms', ({ expect }) => {
    const a = Array.from({ length: 20 }, (_, k) => `l${k + 1}`).join('\n') + '\n';
    const b = a.replace('l2\n', '').replace('l8\n', 'l8\nnew\n').replace('l20\n', 'L20');
    const u = unifiedDiff(lines(a), lines(b), parseDiffArgv([]).options, 'a', 'b');
    expect([...u.header, ...u.hunks.flatMap((h) => h.lines)].join('\n')).toBe(
      [
        '--- a', '+++ b',
        '@@ -1,11 +1,11 @@', ' l1', '-l2', ' l3', ' l4', ' l5', ' l6', ' l7', ' l8', '+new', ' l9', ' l10', ' l11',
        '@@ -17,4 +17,4 @@', ' l17', ' l18', ' l19', '-l20', '+L20', '\\ No newline at end of file',
      ].join('\n'),
    );
  });
  test('an empty side: the range is `0,0`', ({ expect }) => {
    const u = unifiedDiff(lines(''), lines('x\n'), parseDiffArgv([]).options, 'a', 'b');
    expect(u.hunks[0]!.lines).toEqual(['@@ -0,0 +1 @@', '+x']);
  });
});

// Differential test against the real GNU diff on generated pairs: same exit status under -B /
// -I / -b / -w, always; the same `diff -u` text in nearly every case (GNU also discards very
// frequent lines provisionally before its search, which kdrift does not model: on a tie between
// equally short scripts the two may then choose differently; the exit status never depends on it).
describe('against GNU diff', () => {
  const gnu = spawnSync('diff', ['--version'], { encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), 'kdrift-gnudiff-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ALPHA = ['', 'a', 'b', 'c', 'x', '  ', 'EXPORT_SYMBOL(x);', '#include <a.h>', 'a ', '\t}', '/* x */'];
  const OPTS = [['-B'], ['-I', '^EXPORT'], ['-B', '-I', 'include'], ['-b', '-B'], ['-w'], ['-I', 'a\\|b'], []];
  let seed = 7;
  const r = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
  const gen = () => {
    const n = Math.floor(r() * 14);
    const l = Array.from({ length: n }, () => ALPHA[Math.floor(r() * ALPHA.length)]!);
    return l.join('\n') + (n && r() < 0.9 ? '\n' : '');
  };
  const pairs = Array.from({ length: 400 }, () => {
    const a = gen();
    const bl = a.split('\n');
    for (let k = 1 + Math.floor(r() * 3); k > 0; k--) {
      const p = Math.floor(r() * (bl.length + 1));
      const x = r();
      if (x < 0.4) bl.splice(p, 0, ALPHA[Math.floor(r() * ALPHA.length)]!);
      else if (x < 0.7) bl.splice(p, 1);
      else bl[p] = ALPHA[Math.floor(r() * ALPHA.length)]!;
    }
    return { a, b: r() < 0.6 ? bl.join('\n') : gen(), argv: OPTS[Math.floor(r() * OPTS.length)]! };
  });

  test.skipIf(gnu.status !== 0 || !gnu.stdout.includes('GNU diffutils'))('400 generated pairs', ({ expect }) => {
    const fa = join(dir, 'a');
    const fb = join(dir, 'b');
    let sameText = 0;
    for (const { a, b, argv } of pairs) {
      writeFileSync(fa, a, 'latin1');
      writeFileSync(fb, b, 'latin1');
      const theirs = spawnSync('diff', [...argv, fa, fb]);
      expect(status(a, b, argv), `diff ${argv.join(' ')} ${JSON.stringify(a)} ${JSON.stringify(b)}`).toBe(theirs.status);
      if (keptLinesDiffer(lines(a), lines(b), parseDiffArgv(argv).options)) expect(theirs.status, `kept: diff ${argv.join(" ")} ${JSON.stringify(a)} ${JSON.stringify(b)}`).toBe(1);
      const u = spawnSync('diff', ['-u', fa, fb]).stdout.toString('latin1').split('\n').slice(2).join('\n');
      const ours = unifiedDiff(lines(a), lines(b), parseDiffArgv([]).options, 'a', 'b').hunks.map((h) => h.lines.join('\n') + '\n').join('');
      if (ours === u) sameText++;
    }
    expect(sameText / pairs.length).toBeGreaterThan(0.97);
  });
});

describe('keptLinesDiffer', () => {
  // When it says the kept lines differ, diff surely reports a difference; compared with diffHunks.
  test.for([
    ['a\nb\n', 'a\n\nb\n', ['-B'], false],
    ['a\nb\n', 'a\nc\n', ['-B'], true],
    ['x\n\n', '\nx\n', ['-B'], false], // diff still differs here: only the line diff can tell
    ['a\n', 'a', ['-B'], true],
    ['a\n', 'a\nfoo', ['-I', 'foo'], false],
    ['a', 'a\nfoo', ['-I', 'foo'], true],
    ['a  b\n\n', 'a b\n', ['-B', '-b'], false],
    ['A\n', 'a\n', ['-i', '-B'], false],
    ['EXPORT_SYMBOL(x);\ny\n', 'y\nEXPORT_SYMBOL(z);\n', ['-I', '^EXPORT_SYMBOL'], false],
  ])('%j vs %j with %j: %s', ([a, b, argv, want], { expect }) => {
    const o = parseDiffArgv(argv as string[]).options;
    expect(keptLinesDiffer(lines(a as string), lines(b as string), o)).toBe(want);
    if (want) expect(status(a as string, b as string, argv as string[])).toBe(1);
  });
});

describe('commonPrefixLines', () => {
  test.for([
    ['abc\ndef\n', 'abc\ndxf\n', 4],
    ['abc\n', 'abd\n', 0],
    ['abc\n', 'abc\n', 4],
    ['abc\nd', 'abc\n', 4],
    ['abc', 'abc\n', 0],
    ['', 'x', 0],
  ])('%j %j', ([a, b, want], { expect }) => {
    expect(commonPrefixLines(Buffer.from(a as string), Buffer.from(b as string))).toBe(want);
  });
  test('past a chunk', ({ expect }) => {
    const a = Buffer.from('x\n'.repeat(5000) + 'y\n');
    const b = Buffer.from('x\n'.repeat(5000) + 'z\n');
    expect(commonPrefixLines(a, b)).toBe(10000);
  });
});

describe('middles', () => {
  const m = (a: string, b: string) => middles(Buffer.from(a), Buffer.from(b)).map((x) => x.toString());
  test.for([
    ['a\nb\nc\n', 'a\nX\nc\n', ['b\n', 'X\n']],
    ['a\nb\nc\n', 'a\nb\nc\nd\n', ['', 'd\n']],
    ['a\nbc\n', 'a\nc\n', ['bc\n', 'c\n']],
    ['x\nab', 'x\nb', ['ab', 'b']],
    ['a\n', 'a', ['a\n', 'a']],
    ['same\n', 'same\n', ['', '']],
  ])('%j %j', ([a, b, want], { expect }) => {
    expect(m(a as string, b as string)).toEqual(want);
  });
  test('the verdict on the middles is the verdict on the whole (generated)', ({ expect }) => {
    let seed = 5;
    const r = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
    const ALPHA = ['', 'a', 'b', 'EXPORT_SYMBOL(x);', '  '];
    for (let t = 0; t < 300; t++) {
      const gen = () => Array.from({ length: Math.floor(r() * 10) }, () => ALPHA[Math.floor(r() * ALPHA.length)]!).join('\n') + (r() < 0.8 ? '\n' : '');
      const a = gen();
      const b = r() < 0.5 ? gen() : a.replace(/\n/, '\n\n');
      for (const argv of [['-B'], ['-I', '^EXPORT'], ['-b', '-B']]) {
        const [ma, mb] = middles(Buffer.from(a), Buffer.from(b));
        const mid = diffHunks(splitLines(ma), splitLines(mb), parseDiffArgv(argv).options).ignored.some((x) => !x) ? 1 : 0;
        expect(mid, `${JSON.stringify(a)} ${JSON.stringify(b)} ${argv}`).toBe(status(a, b, argv));
      }
    }
  });
});
