// identifiers() and scanTokens() are lex() without its token objects: they must see the same tokens.
import { describe, expect, it } from 'vitest';
import { identifiers, lex, scanTokens, type Token } from '../../src/c/lexer.js';

const TEXTS = [
  "struct a { int b; char c[N + 1]; } __attribute__((aligned(8)));",
  "L'x' u8\"s\" Lx u8x U'y' u'z' ...5abc .5e+x 1e+x x.5 0x1p-3f",
  '#define X\n  # if y\nz /* a \n #w */ v\n#x /* \n y */ q\nw // c\n',
  'a\\\nb #c\n#d\\\ne f\n  %:%: g ## h',
  '#if a /* unterminated\n',
  "x'a' \"s\\\"t\" 'q",
  '$x \xe9t\xe9 _y9',
  'a\\\r\nb /**/ c\r\n#e /* x */ f // g\n#h',
];

function viaLex(text: string, opts = {}): Token[] {
  return lex(text, opts);
}

function viaScan(text: string, opts = {}): Token[] {
  const out: Token[] = [];
  scanTokens(text, opts, (kind, s, start, end, line, col, space, bol) => out.push({ kind, text: s.slice(start, end), line, col, space, bol }), (t) => out.push(t));
  return out;
}

describe('token scans without token objects', () => {
  it('identifiers() lists the id tokens of lex(), first occurrence first', () => {
    for (const t of TEXTS) {
      const ids = [...new Set(viaLex(t).filter((x) => x.kind === 'id').map((x) => x.text))];
      expect(identifiers(t)).toEqual(ids);
    }
  });

  it('lex() is scanTokens() collected, with and without directives, from any line', () => {
    for (const t of TEXTS) {
      for (const opts of [{}, { directives: false }, { lineBase: 4 }, { maxTokens: 3 }]) {
        expect(viaLex(t, opts)).toEqual(viaScan(t, opts));
      }
    }
  });

  it('a directive runs to the end of the last line a comment in it reaches', () => {
    const toks = lex('#x /* a\nb */ c\nd');
    expect(toks.map((t) => [t.kind, t.text, t.line, t.endLine])).toEqual([
      ['directive', '#x   c', 1, 2],
      ['id', 'd', 3, undefined],
    ]);
  });
});
