// src/diff/tokens.ts: the two sides as C token streams, dumped compactly: equal or not, the
// token edits as `old lines → new lines` (`-` for none, `c` when only #if/#endif lines changed),
// and the comment-or-whitespace hunks.
import { describe, test } from 'vitest';
import { compareTokens, type LineRange } from '../../src/diff/tokens.js';

const r = (x: LineRange) => (x ? (x.from === x.to ? `${x.from}` : `${x.from}-${x.to}`) : '-');

function dump(oldSource: string, newSource: string): string {
  const t = compareTokens(oldSource, newSource);
  const out = [t.equal ? 'tokens equal' : 'tokens differ'];
  for (const e of t.edits) out.push(`edit ${r(e.old)} → ${r(e.new)}${e.conditionalOnly ? ' c' : ''}`);
  for (const h of t.commentHunks) out.push(`comment ${h.old.from}-${h.old.to} → ${h.new.from}-${h.new.to}`);
  return out.join('\n');
}

describe('compareTokens', () => {
  test.for([
    {
      name: 'a comment reworded',
      old: '#define A 1 /* one */\nint x;\n',
      new: '#define A 1 /* the first */\nint x;\n',
      want: 'tokens equal\ncomment 1-1 → 1-1',
    },
    {
      name: 'a comment reflowed over two lines',
      old: '/* a b c */\n#define A 1\n',
      new: '/* a b\n * c */\n#define A 1\n',
      want: 'tokens equal\ncomment 1-1 → 1-2',
    },
    {
      name: 'whitespace inside a declaration',
      old: 'struct s {\n\t__u32 a, b;\n};\n',
      new: 'struct s {\n\t__u32 a,\n\t      b;\n};\n',
      want: 'tokens equal\ncomment 2-2 → 2-3',
    },
    {
      name: 'a directive joined with the next line is not the same tokens',
      old: '#define A 1\nint x;\n',
      new: '#define A 1 int x;\n',
      want: 'tokens differ\nedit 1-2 → 1',
    },
    {
      name: 'a macro added: one edit at the directive',
      old: '#define A 1\n#define C 3\n',
      new: '#define A 1\n#define B 2\n#define C 3\n',
      want: 'tokens differ\nedit - → 2',
    },
    {
      name: 'a continued macro: the edit starts at its #define',
      old: '#define A \\\n\t(1 << 0)\n',
      new: '#define A \\\n\t(1 << 1)\n',
      want: 'tokens differ\nedit 1-2 → 1-2',
    },
    {
      name: 'a flexible array respelled: several token edits on one line become one',
      old: 'struct s {\n\t__u32 n;\n\t__u32 x[];\n};\n',
      new: 'struct s {\n\t__u32 n;\n\t__DECLARE_FLEX_ARRAY(__u32, x);\n};\n',
      want: 'tokens differ\nedit 3 → 3',
    },
    {
      name: 'an #ifndef guard dropped: only conditional lines change',
      old: '#ifndef X\n#define X 1\n#endif\n',
      new: '#define X 1\n',
      want: 'tokens differ\nedit 1 → - c\nedit 3 → - c',
    },
  ])('$name', ({ old, new: neu, want }, { expect }) => {
    expect(dump(old, neu)).toBe(want);
  });

  test('statement() spells the declaration that starts on a line, to its semicolon', ({ expect }) => {
    const t = compareTokens('int f(int a,\n      int b);\nint g;\n', 'int f(int a,\n      long b);\nint g;\n');
    expect(t.statement('old', 1)).toBe('int f(int a, int b);');
    expect(t.statement('new', 1)).toBe('int f(int a, long b);');
    expect(t.statement('new', 3)).toBe('int g;');
  });
});
