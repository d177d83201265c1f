import { describe, test } from 'vitest';
import { expandFields, expandString, type Field, type Value } from '../../src/check/shell-expand.js';
import { parseShell } from '../../src/check/shell-parser.js';
import type { Word } from '../../src/check/shell-ast.js';

const vars: Record<string, Value> = {
  FILES: { kind: 'array', items: [{ text: 'a.h', line: 10 }, { text: 'b c.h', line: 11 }] },
  EMPTY: { kind: 'array', items: [] },
  LIST: { kind: 'scalar', value: { text: '\ninclude/x.h\n  include/y.h\n', line: 4 } },
  opts: { kind: 'scalar', value: { text: '-I "a  b"', line: 7 } },
  file: { kind: 'scalar', value: { text: 'include/z.h', line: 20 } },
};
const positional: Field[] = [{ text: 'p1', line: 30 }, { text: '-I "x  y"', line: 30 }];
const scope = { lookup: (n: string) => vars[n], positional: () => positional };

/** The words of `: WORDS` (a command whose arguments are the words under test). */
function words(src: string): Word[] {
  const list = parseShell(`: ${src}\n`, 1);
  const c = list[0]!.first.commands[0]!;
  if (c.type !== 'simple') throw new Error('not simple');
  return c.words.slice(1);
}

function fields(src: string): string {
  const problems: string[] = [];
  const out = words(src).flatMap((w) => expandFields(w, scope, (m) => problems.push(m)));
  return out.map((f) => `${JSON.stringify(f.text)}@${f.line}`).join(' ') + (problems.length ? ` !${problems.join('; ')}` : '');
}

describe('expandFields', () => {
  test.for([
    ['"${FILES[@]}"', '"a.h"@10 "b c.h"@11'],
    ['${FILES[@]}', '"a.h"@10 "b"@11 "c.h"@11'],
    ['"${FILES[*]}"', '"a.h b c.h"@10'],
    ['"${EMPTY[@]}"', ''],
    ['""', '""@1'],
    ['$LIST', '"include/x.h"@5 "include/y.h"@6'],
    ['$FILES', '"a.h"@10'],
    ['${#FILES[@]}', '"2"@1'],
    ['"tools/$file"', '"tools/include/z.h"@20'],
    ['$opts', '"-I"@7 "\\"a"@7 "b\\""@7'],
    ['"$@"', '"p1"@30 "-I \\"x  y\\""@30'],
    ['$*', '"p1"@30 "-I"@30 "\\"x"@30 "y\\""@30'],
    ['"$*"', '"p1 -I \\"x  y\\""@30'],
    ['$1 $9', '"p1"@30'],
    ['$#', '"2"@1'],
    ["'$file'", '"$file"@1'],
    ['$(ls)', ' !`$(ls)` is not evaluated: kdrift reads the script, it does not run it'],
    ['${file:-x}', ' !${file:-x} is not evaluated'],
  ])('%s', ([src, want], { expect }) => {
    expect(fields(src!)).toBe(want);
  });
});

describe('expandString', () => {
  test('joins "$*" and keeps the first line known', ({ expect }) => {
    const [w] = words('"diff $* $file > /dev/null"');
    expect(expandString(w!, scope, () => {})).toEqual({ text: 'diff p1 -I "x  y" include/z.h > /dev/null', line: 30 });
  });
  test('a scalar keeps its own line', ({ expect }) => {
    const [w] = words('$file');
    expect(expandString(w!, scope, () => {})).toEqual({ text: 'include/z.h', line: 20 });
  });
});
