import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { BreError, breToJs, compileBre, requiredLiteral } from '../../src/check/bre.js';

describe('breToJs', () => {
  test.for([
    ['^EXPORT_SYMBOL', '^EXPORT_SYMBOL'],
    ['^SYM_FUNC_START\\(_LOCAL\\)*(memcpy_\\(erms\\|orig\\))', '^SYM_FUNC_START(_LOCAL)*\\(memcpy_(erms|orig)\\)'],
    ['^#include [<"]\\(asm/\\)*msr-index.h', '^#include [<"](asm\\/)*msr-index.h'],
    ['^.*\\/\\*.*__ignore_sync_check__.*\\*\\/.*$', '^.*\\/\\*.*__ignore_sync_check__.*\\*\\/.*$'],
    ['^#\\(ifndef\\|endif\\)\\( \\/\\/\\)* static_assert$', '^#(ifndef|endif)( \\/\\/)* static_assert$'],
    ['isdigit(', 'isdigit\\('],
    ['*a', '\\*a'],
    ['^*a', '^\\*a'],
    ['\\(*a\\)', '(\\*a)'],
    ['a**', '(?:a*)*'],
    ['a\\{2,3\\}', 'a{2,3}'],
    ['a\\{,3\\}', 'a{0,3}'],
    ['a+b?c{1}|d', 'a\\+b\\?c\\{1\\}\\|d'],
    ['a\\+b\\?', 'a+b?'],
    ['a^b$c', 'a\\^b\\$c'],
    ['x\\|^y$\\|z', 'x|^y$|z'],
    ['[]a]', '[\\]a]'],
    ['[^]a]', '[^\\]a]'],
    ['[[:space:][:digit:]]', '[ \\t\\n\\r\\f\\v0-9]'],
    ['[a\\]', '[a\\\\]'],
    ['\\<word\\>', '\\b(?=\\w)word\\b(?<=\\w)'],
    ['\\(a\\)\\1', '(a)\\1'],
    ['\\.', '\\.'],
    ['', ''],
  ])('%s', ([re, js], { expect }) => {
    expect(breToJs(re!)).toBe(js);
  });

  test.for([
    ['\\(a', 'Unmatched ( or \\('],
    ['a\\)', 'Unmatched ) or \\)'],
    ['[a', 'Unmatched [, [^, [:, [., or [='],
    ['a\\{1', 'Unmatched \\{'],
    ['a\\{x\\}', 'Invalid content of \\{\\}'],
    ['[[:nope:]]', 'Invalid character class name'],
    ['\\1', 'Invalid back reference'],
    ['a\\', 'Trailing backslash'],
  ])('rejects %s', ([re, msg], { expect }) => {
    expect(() => breToJs(re!)).toThrow(new BreError(msg));
  });
});

const PATTERNS = [
  '^EXPORT_SYMBOL', '^#include <asm/export.h>', '^SYM_FUNC_START\\(_LOCAL\\)*(memcpy_\\(erms\\|orig\\))',
  '^#include [<"]\\(asm/\\)*msr-index.h', '^.*\\/\\*.*__ignore_sync_check__.*\\*\\/.*$', '^#\\(ifndef\\|endif\\)\\( \\/\\/\\)* static_assert$',
  'isdigit(', '^#include <\\(uapi/\\)*asm-generic/mman-common\\(-tools\\)*.h>', ' ', '+\t\t/*', ' \t/* Finish linking remainder of list b on to tail */',
  '*x', 'a\\{2\\}', '[[:upper:]]\\+_', '\\<int\\>', 'x$', '^$', '\\(ab\\)\\1', 'a.c', '[^a-z]',
];
const LINES = [
  'EXPORT_SYMBOL(memcpy);', ' EXPORT_SYMBOL(x)', '#include <asm/export.h>', 'SYM_FUNC_START(memcpy_orig)', 'SYM_FUNC_START_LOCAL(memcpy_erms)',
  'SYM_FUNC_START_LOCAL_LOCAL(memcpy_orig)', 'SYM_FUNC_START(memcpy_other)', '#include "msr-index.h"', '#include <asm/msr-index.h>',
  '#include <asm/inat.h> /* __ignore_sync_check__ */', '#ifndef static_assert', '#endif // static_assert', '#endif static_assert',
  'static inline int isdigit(int c)', '#include <uapi/asm-generic/mman-common-tools.h>', '#include <asm-generic/mman-common.h>',
  '+\t\t/*', '+\t/*', ' \t/* Finish linking remainder of list b on to tail */', '*x', 'aa', 'a', 'FOO_BAR', 'foo_bar', 'int x', 'print x',
  '', 'abab', 'abc', 'a-c', 'ALLLOWER',
];

describe('compileBre against GNU grep', () => {
  const grep = spawnSync('grep', ['--version'], { encoding: 'utf8' });
  test.skipIf(grep.status !== 0 || !grep.stdout.includes('GNU'))('every pattern selects the lines grep selects', ({ expect }) => {
    const dir = mkdtempSync(join(tmpdir(), 'kdrift-bre-'));
    try {
      const file = join(dir, 'lines');
      writeFileSync(file, LINES.join('\n') + '\n');
      for (const p of PATTERNS) {
        const r = spawnSync('grep', ['-n', '-e', p, file], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
        const theirs = r.stdout.split('\n').filter(Boolean).map((l) => Number(l.split(':')[0]) - 1);
        const re = compileBre(p);
        const ours = LINES.flatMap((l, k) => (re.test(l) ? [k] : []));
        expect(ours, `pattern ${JSON.stringify(p)}`).toEqual(theirs);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('requiredLiteral', () => {
  test.for([
    ['^.*\\/\\*.*__ignore_sync_check__.*\\*\\/.*$', '__ignore_sync_check__'],
    ['^EXPORT_SYMBOL', 'EXPORT_SYMBOL'],
    ['^SYM_FUNC_START\\(_LOCAL\\)*(memcpy_\\(erms\\|orig\\))', 'SYM_FUNC_START'],
    ['^#include [<"]\\(asm/\\)*msr-index.h', '#include '],
    ['a\\(bcdefg\\)h', ''],
    ['x\\|y', ''],
    ['abcd*', 'abc'],
    ['ab\\?cdef', 'cdef'],
    ['a\\{2\\}bcd', 'bcd'],
    ['isdigit(', 'isdigit('],
    ['ab', ''],
  ])('%s', ([re, lit], { expect }) => {
    expect(requiredLiteral(re!)).toBe(lit);
  });
  test('every line a pattern matches holds its literal', ({ expect }) => {
    for (const p of PATTERNS) {
      const lit = requiredLiteral(p);
      const re = compileBre(p);
      for (const l of LINES) if (re.test(l)) expect(l.includes(lit), `${p} on ${l}`).toBe(true);
    }
  });
});
