// Splits shell source into words (quoting kept as parts), operators, redirections and newlines.
// Handles comments, line continuations, '...', "...", $'...', $x, ${...}, $(...), `...`,
// NAME=(...) array assignments spanning lines, and here-documents (their bodies are skipped).
import type { ArrayAssign, DqPart, ParamRef, Word, WordPart } from './shell-ast.js';

export type Token =
  | { t: 'word'; word: Word }
  | { t: 'op'; op: string; line: number }
  | { t: 'redir'; op: string; fd?: number; line: number }
  | { t: 'eof'; line: number };

/** A syntax error in the shell source: the reader turns it into a located KdriftError. */
export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
/** A run of characters with no special meaning in an unquoted word / in double quotes. */
const PLAIN_RUN = /[^ \t\n;&|()<>\r\\'"$`]+/y;
const DQ_RUN = /[^"\\$`\n]+/y;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '$', '!', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
const ASSIGN_HEAD = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=$/;

export function lexShell(src: string, firstLine = 1): Token[] {
  return new Lexer(src, firstLine).run();
}

class Lexer {
  private i = 0;
  private line: number;
  private readonly out: Token[] = [];
  private pendingHeredocs: { delim: string; stripTabs: boolean }[] = [];

  constructor(
    private readonly src: string,
    firstLine: number,
  ) {
    this.line = firstLine;
  }

  run(): Token[] {
    const s = this.src;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\r') {
        this.i++;
      } else if (c === '\\' && s[this.i + 1] === '\n') {
        this.i += 2;
        this.line++;
      } else if (c === '#') {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else if (c === '\n') {
        this.out.push({ t: 'op', op: '\n', line: this.line });
        this.i++;
        this.line++;
        if (this.pendingHeredocs.length) this.skipHeredocs();
      } else if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
        this.operator();
      } else if (c === '<' || c === '>') {
        this.redirection(undefined);
      } else {
        this.wordOrAssignment();
      }
    }
    if (this.pendingHeredocs.length) throw new ShellSyntaxError(`here-document delimited by '${this.pendingHeredocs[0]!.delim}' is not closed`, this.line);
    this.out.push({ t: 'eof', line: this.line });
    return this.out;
  }

  private operator(): void {
    const s = this.src;
    const two = s.slice(this.i, this.i + 2);
    if (two === ';;' || two === '&&' || two === '||') {
      this.out.push({ t: 'op', op: two, line: this.line });
      this.i += 2;
    } else if (two === '&>') {
      this.redirection(undefined);
    } else {
      this.out.push({ t: 'op', op: s[this.i]!, line: this.line });
      this.i++;
    }
  }

  private redirection(fd: number | undefined): void {
    const s = this.src;
    const m = /^(<<-|<<<|<<|>>|>&|<&|&>>|&>|>\||<>|<|>)/.exec(s.slice(this.i, this.i + 3));
    const op = m![1]!;
    this.i += op.length;
    this.out.push({ t: 'redir', op, fd, line: this.line });
    if (op === '<<' || op === '<<-') {
      while (s[this.i] === ' ' || s[this.i] === '\t') this.i++;
      const w = this.word();
      const delim = w.parts.map((p) => (p.kind === 'dq' ? p.parts.map((q) => (q.kind === 'lit' ? q.text : '')).join('') : 'text' in p ? p.text : '')).join('');
      this.out.push({ t: 'word', word: w });
      this.pendingHeredocs.push({ delim, stripTabs: op === '<<-' });
    }
  }

  private skipHeredocs(): void {
    const s = this.src;
    for (const h of this.pendingHeredocs) {
      for (;;) {
        if (this.i >= s.length) throw new ShellSyntaxError(`here-document delimited by '${h.delim}' is not closed`, this.line);
        let end = s.indexOf('\n', this.i);
        if (end < 0) end = s.length;
        let text = s.slice(this.i, end);
        if (h.stripTabs) text = text.replace(/^\t+/, '');
        this.i = end + 1;
        this.line++;
        if (text === h.delim) break;
      }
    }
    this.pendingHeredocs = [];
  }

  private wordOrAssignment(): void {
    const s = this.src;
    // `2>file`: a number directly before a redirection operator is its file descriptor.
    const fdm = /^([0-9]+)[<>]/.exec(s.slice(this.i, this.i + 12));
    if (fdm) {
      this.i += fdm[1]!.length;
      this.redirection(Number(fdm[1]));
      return;
    }
    const start = this.i;
    const w = this.word();
    const head = w.parts.length === 1 && w.parts[0]!.kind === 'lit' && !w.parts[0]!.escaped ? ASSIGN_HEAD.exec(w.parts[0]!.text) : null;
    if (head && s[this.i] === '(') {
      w.arrayAssign = this.arrayItems(head[1]!, head[2] === '+', w.line);
      w.raw = s.slice(start, this.i);
    }
    this.out.push({ t: 'word', word: w });
  }

  private arrayItems(name: string, append: boolean, line: number): ArrayAssign {
    const s = this.src;
    this.i++; // (
    const items: Word[] = [];
    for (;;) {
      if (this.i >= s.length) throw new ShellSyntaxError(`array assignment to ${name} is not closed with ')'`, line);
      const c = s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\r') this.i++;
      else if (c === '\n') {
        this.i++;
        this.line++;
      } else if (c === '\\' && s[this.i + 1] === '\n') {
        this.i += 2;
        this.line++;
      } else if (c === '#') {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else if (c === ')') {
        this.i++;
        return { name, append, items, line };
      } else if (META.has(c)) {
        throw new ShellSyntaxError(`unexpected '${c}' in the array assignment to ${name}`, this.line);
      } else {
        items.push(this.word());
      }
    }
  }

  /** Reads one word starting at a non-metacharacter. */
  private word(): Word {
    const s = this.src;
    const start = this.i;
    const line = this.line;
    const parts: WordPart[] = [];
    let lit = '';
    let escaped = false;
    const flush = () => {
      if (lit) parts.push(escaped ? { kind: 'lit', text: lit, escaped: true } : { kind: 'lit', text: lit });
      lit = '';
      escaped = false;
    };
    while (this.i < s.length) {
      PLAIN_RUN.lastIndex = this.i;
      if (PLAIN_RUN.test(s)) {
        lit += s.slice(this.i, PLAIN_RUN.lastIndex);
        this.i = PLAIN_RUN.lastIndex;
        continue;
      }
      const c = s[this.i]!;
      if (META.has(c) || c === '\r') break;
      if (c === '\\') {
        const n = s[this.i + 1];
        if (n === undefined) {
          lit += '\\';
          this.i++;
        } else if (n === '\n') {
          this.i += 2;
          this.line++;
        } else {
          lit += n;
          escaped = true;
          this.i += 2;
        }
      } else if (c === "'") {
        flush();
        const end = s.indexOf("'", this.i + 1);
        if (end < 0) throw new ShellSyntaxError("single quote is not closed", line);
        const text = s.slice(this.i + 1, end);
        this.line += countNewlines(text);
        parts.push({ kind: 'sq', text });
        this.i = end + 1;
      } else if (c === '"') {
        flush();
        parts.push({ kind: 'dq', parts: this.doubleQuoted() });
      } else if (c === '$' && s[this.i + 1] === "'") {
        flush();
        parts.push({ kind: 'sq', text: this.ansiC() });
      } else if (c === '$' && s[this.i + 1] === '"') {
        flush();
        this.i++;
        parts.push({ kind: 'dq', parts: this.doubleQuoted() });
      } else if (c === '$' || c === '`') {
        const p = this.dollar();
        if (p === null) lit += c, this.i++;
        else {
          flush();
          parts.push(p.kind === 'param' ? { kind: 'param', ref: p.ref } : p);
        }
      } else {
        lit += c;
        this.i++;
      }
    }
    flush();
    return { parts, raw: s.slice(start, this.i), line };
  }

  private doubleQuoted(): DqPart[] {
    const s = this.src;
    const line = this.line;
    this.i++; // "
    const parts: DqPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ kind: 'lit', text: lit });
      lit = '';
    };
    for (;;) {
      if (this.i >= s.length) throw new ShellSyntaxError('double quote is not closed', line);
      DQ_RUN.lastIndex = this.i;
      if (DQ_RUN.test(s)) {
        lit += s.slice(this.i, DQ_RUN.lastIndex);
        this.i = DQ_RUN.lastIndex;
        continue;
      }
      const c = s[this.i]!;
      if (c === '"') {
        this.i++;
        break;
      }
      if (c === '\\') {
        const n = s[this.i + 1];
        if (n === '\n') {
          this.i += 2;
          this.line++;
        } else if (n === '$' || n === '`' || n === '"' || n === '\\') {
          lit += n;
          this.i += 2;
        } else {
          lit += '\\';
          this.i++;
        }
      } else if (c === '$' || c === '`') {
        const p = this.dollar();
        if (p === null) lit += c, this.i++;
        else {
          flush();
          parts.push(p);
        }
      } else {
        if (c === '\n') this.line++;
        lit += c;
        this.i++;
      }
    }
    flush();
    return parts;
  }

  /** At `$` or a backquote: an expansion, or null when the `$` is a literal dollar. */
  private dollar(): { kind: 'param'; ref: ParamRef } | { kind: 'subst'; text: string } | null {
    const s = this.src;
    if (s[this.i] === '`') {
      let j = this.i + 1;
      while (j < s.length && s[j] !== '`') j += s[j] === '\\' ? 2 : 1;
      if (j >= s.length) throw new ShellSyntaxError('backquote is not closed', this.line);
      const text = s.slice(this.i, j + 1);
      this.line += countNewlines(text);
      this.i = j + 1;
      return { kind: 'subst', text };
    }
    const n = s[this.i + 1];
    if (n === '(') {
      const end = this.balanced(this.i + 1, '(', ')');
      const text = s.slice(this.i, end);
      this.line += countNewlines(text);
      this.i = end;
      return { kind: 'subst', text };
    }
    if (n === '{') {
      const end = this.balanced(this.i + 1, '{', '}');
      const inner = s.slice(this.i + 2, end - 1);
      this.line += countNewlines(inner);
      this.i = end;
      return { kind: 'param', ref: parseBraced(inner) };
    }
    if (n !== undefined && SPECIAL_PARAMS.has(n)) {
      this.i += 2;
      return { kind: 'param', ref: { name: n } };
    }
    if (n !== undefined && NAME_START.test(n)) {
      let j = this.i + 1;
      while (j < s.length && NAME_CHAR.test(s[j]!)) j++;
      const name = s.slice(this.i + 1, j);
      this.i = j;
      return { kind: 'param', ref: { name } };
    }
    return null;
  }

  /** Index just past the bracket closing the one at `open`, skipping quoted text. */
  private balanced(open: number, o: string, c: string): number {
    const s = this.src;
    let depth = 0;
    for (let j = open; j < s.length; j++) {
      const ch = s[j]!;
      if (ch === '\\') j++;
      else if (ch === "'" && o === '(') {
        const e = s.indexOf("'", j + 1);
        if (e < 0) break;
        j = e;
      } else if (ch === o) depth++;
      else if (ch === c && --depth === 0) return j + 1;
    }
    throw new ShellSyntaxError(`'${o}' is not closed with '${c}'`, this.line);
  }

  private ansiC(): string {
    const s = this.src;
    const line = this.line;
    let j = this.i + 2;
    let out = '';
    const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"' };
    for (;;) {
      if (j >= s.length) throw new ShellSyntaxError("$' quote is not closed", line);
      const c = s[j]!;
      if (c === "'") break;
      if (c === '\\' && j + 1 < s.length) {
        const n = s[j + 1]!;
        const oct = /^[0-7]{1,3}/.exec(s.slice(j + 1, j + 4));
        const hex = n === 'x' ? /^[0-9A-Fa-f]{1,2}/.exec(s.slice(j + 2, j + 4)) : null;
        if (esc[n] !== undefined) (out += esc[n]), (j += 2);
        else if (oct) (out += String.fromCharCode(parseInt(oct[0], 8))), (j += 1 + oct[0].length);
        else if (hex) (out += String.fromCharCode(parseInt(hex[0], 16))), (j += 2 + hex[0].length);
        else (out += '\\' + n), (j += 2);
      } else {
        if (c === '\n') this.line++;
        out += c;
        j++;
      }
    }
    this.i = j + 1;
    return out;
  }
}

function parseBraced(inner: string): ParamRef {
  let m = /^#([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\])?$/.exec(inner);
  if (m) return m[2] !== undefined ? { name: m[1]!, index: m[2], length: true } : { name: m[1]!, length: true };
  if (/^#[@*#?$!0-9]$/.test(inner)) return { name: inner[1]!, length: true };
  m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])(?:\[([^\]]*)\])?(.*)$/s.exec(inner);
  if (!m) return { name: '', modifier: inner };
  const ref: ParamRef = { name: m[1]! };
  if (m[2] !== undefined) ref.index = m[2];
  if (m[3]) ref.modifier = m[3];
  return ref;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let k = s.indexOf('\n'); k >= 0; k = s.indexOf('\n', k + 1)) n++;
  return n;
}
