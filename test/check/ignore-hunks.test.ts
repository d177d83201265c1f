import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, test } from 'vitest';
import { parseDiffArgv } from '../../src/check/diff-options.js';
import { splitLines } from '../../src/check/gnu-diff.js';
import { filterUnifiedDiff, readPatterns, unifiedLabel } from '../../src/check/ignore-hunks.js';

const lines = (s: string) => splitLines(Buffer.from(s, 'latin1'));
const NONE = parseDiffArgv([]).options;
const LABELS = { tools: 'tools/lib/x.c\t2024-01-01 00:00:00.000000000 +0000', kernel: 'lib/x.c\t2024-01-01 00:00:00.000000000 +0000' };

describe('filterUnifiedDiff', () => {
  const tools = '#include <linux/kernel.h>\n#include <linux/compiler.h>\n\nint f(void)\n{\n\treturn 0;\n}\n';
  const kernel = '#include <linux/kernel.h>\n#include <linux/bug.h>\n#include <linux/compiler.h>\n\nint f(void)\n{\n\treturn 0;\n}\n';
  const hunk = '@@ -1,4 +1,5 @@\n #include <linux/kernel.h>\n+#include <linux/bug.h>\n #include <linux/compiler.h>\n \n int f(void)\n';

  test('a saved hunk with a blank context line filters everything with a blank in it, headers too', ({ expect }) => {
    expect(filterUnifiedDiff(lines(tools), lines(kernel), NONE, LABELS, hunk)).toEqual({ unfiltered: 0, hunks: 1, ignoredHunks: 1 });
  });
  test('without the blank pattern the two header lines remain, and the blank context line', ({ expect }) => {
    const noBlank = hunk.replace(' \n', '');
    expect(filterUnifiedDiff(lines(tools), lines(kernel), NONE, LABELS, noBlank)).toEqual({ unfiltered: 3, hunks: 1, ignoredHunks: 0 });
  });
  test('a line no pattern matches is counted', ({ expect }) => {
    const k2 = kernel.replace('\treturn 0;', '\treturn 0;\n\tBUG();');
    const f = filterUnifiedDiff(lines(tools), lines(k2), NONE, LABELS, hunk);
    expect(f.unfiltered).toBe(1); // +\tBUG(); has no blank; its context lines do
    expect(f.hunks).toBe(1);
  });
  test('identical files give no output at all', ({ expect }) => {
    expect(filterUnifiedDiff(lines(tools), lines(tools), NONE, LABELS, '')).toEqual({ unfiltered: 0, hunks: 0, ignoredHunks: 0 });
  });
  test('an empty pattern line matches every line', ({ expect }) => {
    expect(filterUnifiedDiff(lines(tools), lines(kernel), NONE, LABELS, 'x\n\ny\n').unfiltered).toBe(0);
  });
  test('a malformed pattern: grep fails, nothing is counted, the line is named', ({ expect }) => {
    expect(filterUnifiedDiff(lines(tools), lines(kernel), NONE, LABELS, 'ok\n\\(open\n')).toEqual({
      unfiltered: 0,
      hunks: 1,
      ignoredHunks: 0,
      badPattern: { line: 2, message: 'Unmatched ( or \\(' },
    });
  });
});

describe('readPatterns', () => {
  test('one pattern per line, the last newline ends the last one', ({ expect }) => {
    const r = readPatterns('a\nb\n');
    expect('patterns' in r && r.patterns.length).toBe(2);
  });
});

// `diff -u T K | grep -vf H | wc -l` run for real on generated pairs, H made of a random part
// of that same diff -u output (as the kernel's hunks files are): kdrift must count the same.
describe('against diff -u | grep -vf | wc -l', () => {
  const tools = spawnSync('sh', ['-c', 'diff --version && grep --version'], { encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), 'kdrift-hunks-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  test.skipIf(tools.status !== 0 || !tools.stdout.includes('GNU diffutils') || !tools.stdout.includes('GNU grep'))('150 generated pairs', ({ expect }) => {
    let seed = 11;
    const r = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
    const ALPHA = ['', '#include <a.h>', '\treturn 0;', '}', '{', 'int x;', '/* c */', '\tu8 count = 0;', 'x', '\t\tbreak;'];
    let same = 0;
    const N = 150;
    for (let t = 0; t < N; t++) {
      const a = Array.from({ length: 4 + Math.floor(r() * 20) }, () => ALPHA[Math.floor(r() * ALPHA.length)]!);
      const b = a.map((x) => (r() < 0.12 ? ALPHA[Math.floor(r() * ALPHA.length)]! : x)).filter(() => r() > 0.08);
      if (r() < 0.3) b.splice(Math.floor(r() * b.length), 0, 'EXPORT_SYMBOL(x);');
      const ta = a.join('\n') + '\n';
      const tb = b.join('\n') + '\n';
      const fa = join(dir, 'tools.c');
      const fb = join(dir, 'kernel.c');
      const fh = join(dir, 'hunks');
      writeFileSync(fa, ta);
      writeFileSync(fb, tb);
      const u = spawnSync('diff', ['-u', 'tools.c', 'kernel.c'], { cwd: dir, encoding: 'latin1' }).stdout.split('\n').slice(2, -1);
      writeFileSync(fh, u.filter(() => r() < 0.85).map((l) => l + '\n').join(''));
      const theirs = Number(spawnSync('sh', ['-c', 'diff -u tools.c kernel.c | grep -vf hunks | wc -l'], { cwd: dir, encoding: 'utf8' }).stdout.trim());
      const labels = { tools: unifiedLabel('tools.c', fa), kernel: unifiedLabel('kernel.c', fb) };
      const hunks = spawnSync('cat', [fh], { encoding: 'latin1' }).stdout;
      const ours = filterUnifiedDiff(lines(ta), lines(tb), NONE, labels, hunks).unfiltered;
      expect(ours === 0, `decision on ${JSON.stringify(ta)} vs ${JSON.stringify(tb)}`).toBe(theirs === 0);
      if (ours === theirs) same++;
    }
    expect(same / N).toBeGreaterThan(0.97);
  });
});
