// Reads reStructuredText literal blocks (a paragraph ending in `::`, a blank line, then lines
// indented deeper) and the `#define NAME VALUE` lines inside them. The rst is read line by
// line; the #define lines are C and go through the C lexer, never through a pattern.
// Deliberately not read: tables, `.. code-block::` directives, prose mentions of names.
import { lex, spell } from '../c/lexer.js';

export interface DocDefine {
  name: string;
  /** The replacement text as written, folded. */
  body: string;
  line: number;
  /** Filled in by the runner, which evaluates bodies with the model; null when it cannot. */
  value?: bigint | null;
}

export interface DocBlock {
  file: string;
  /** Line of the paragraph that ends in `::`. */
  line: number;
  /** That paragraph's last line, trimmed (e.g. `Valid bits in args[0] are::`). */
  intro: string;
  defines: DocDefine[];
}

function indentOf(s: string): number {
  let n = 0;
  for (const ch of s) {
    if (ch === ' ') n++;
    else if (ch === '\t') n = (Math.floor(n / 8) + 1) * 8;
    else break;
  }
  return n;
}

const isBlank = (s: string) => s.trim().length === 0;

/** Every literal block of the text that holds at least one #define line. */
export function readLiteralBlocks(file: string, text: string): DocBlock[] {
  const lines = text.split(/\r?\n/);
  const out: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l.trimEnd().endsWith('::') || l.trim().startsWith('..')) continue;
    const base = indentOf(l);
    let j = i + 1;
    if (j >= lines.length || !isBlank(lines[j])) continue;
    while (j < lines.length && isBlank(lines[j])) j++;
    const body: { text: string; line: number }[] = [];
    while (j < lines.length && (isBlank(lines[j]) || indentOf(lines[j]) > base)) {
      body.push({ text: lines[j], line: j + 1 });
      j++;
    }
    const defines = definesIn(body);
    if (defines.length) out.push({ file, line: i + 1, intro: l.trim(), defines });
    i = j - 1;
  }
  return out;
}

/** `#define NAME BODY` lines of a block (with backslash continuations), through the C lexer. */
function definesIn(body: { text: string; line: number }[]): DocDefine[] {
  const out: DocDefine[] = [];
  for (let k = 0; k < body.length; k++) {
    let text = body[k].text;
    const line = body[k].line;
    while (text.trimEnd().endsWith('\\') && k + 1 < body.length) {
      text = text.trimEnd().slice(0, -1) + ' ' + body[++k].text;
    }
    const toks = lex(text, { directives: false });
    if (toks.length < 3 || toks[0].text !== '#' || toks[1].text !== 'define' || toks[2].kind !== 'id') continue;
    // a function-like macro: the name is directly followed by '('
    if (toks[3] && toks[3].text === '(' && !toks[3].space) continue;
    out.push({ name: toks[2].text, body: spell(toks.slice(3).map((t, n) => (n === 0 ? { ...t, space: false } : t))), line });
  }
  return out;
}
