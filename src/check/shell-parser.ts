// Parses shell source (lexShell's tokens) into the syntax tree of shell-ast.ts: lists, and-or
// lists, pipelines, simple commands with assignments and redirections, if/for/while/until/case,
// { } and ( ) groups, and function definitions. Never evaluates anything.
import type { AndOr, Assign, Command, List, Pipeline, Redirect, Word } from './shell-ast.js';
import { ShellSyntaxError, lexShell, type Token } from './shell-lexer.js';

export { ShellSyntaxError };

export function parseShell(src: string, firstLine = 1): List {
  const p = new Parser(lexShell(src, firstLine));
  const list = p.list();
  p.expectEof();
  return list;
}

/** The text of a word that is one unquoted, unescaped literal (a reserved word, a name), else null. */
export function plainText(w: Word): string | null {
  if (w.parts.length !== 1) return null;
  const p = w.parts[0]!;
  return p.kind === 'lit' && !p.escaped ? p.text : null;
}

const TERMINATORS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);
const ASSIGN_PREFIX = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;

class Parser {
  private k = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token {
    return this.toks[this.k]!;
  }
  private next(): Token {
    return this.toks[this.k++]!;
  }
  private line(): number {
    const t = this.peek();
    return t.t === 'word' ? t.word.line : t.line;
  }
  private isOp(op: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.op === op;
  }
  private isReserved(text: string): boolean {
    const t = this.peek();
    return t.t === 'word' && plainText(t.word) === text;
  }
  private expectReserved(text: string, what: string): void {
    if (!this.isReserved(text)) throw new ShellSyntaxError(`expected '${text}' ${what}, found ${this.describe()}`, this.line());
    this.k++;
  }
  private expectOp(op: string, what: string): void {
    if (!this.isOp(op)) throw new ShellSyntaxError(`expected '${op}' ${what}, found ${this.describe()}`, this.line());
    this.k++;
  }
  private describe(): string {
    const t = this.peek();
    if (t.t === 'eof') return 'the end of the script';
    if (t.t === 'word') return `'${t.word.raw}'`;
    if (t.t === 'op' && t.op === '\n') return 'a newline';
    return `'${t.op}'`;
  }
  private skipNewlines(): void {
    while (this.isOp('\n')) this.k++;
  }

  expectEof(): void {
    if (this.peek().t !== 'eof') throw new ShellSyntaxError(`unexpected ${this.describe()}`, this.line());
  }

  /** A list of and-or lists, up to a terminator word, `)`, `;;` or the end. */
  list(): List {
    const out: List = [];
    for (;;) {
      while (this.isOp('\n') || this.isOp(';')) this.k++;
      const t = this.peek();
      if (t.t === 'eof') break;
      if (t.t === 'op' && (t.op === ')' || t.op === ';;')) break;
      if (t.t === 'word' && TERMINATORS.has(plainText(t.word) ?? '')) break;
      const ao = this.andOr();
      if (this.isOp('&')) {
        this.k++;
        ao.background = true;
      }
      out.push(ao);
    }
    return out;
  }

  private andOr(): AndOr {
    const line = this.line();
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.next() as { op: '&&' | '||' }).op;
      this.skipNewlines();
      rest.push({ op, pipeline: this.pipeline() });
    }
    return { line, first, rest, background: false };
  }

  private pipeline(): Pipeline {
    const line = this.line();
    let negated = false;
    while (this.isReserved('!')) {
      this.k++;
      negated = !negated;
    }
    const commands = [this.command()];
    while (this.isOp('|')) {
      this.k++;
      this.skipNewlines();
      commands.push(this.command());
    }
    return { line, negated, commands };
  }

  private command(): Command {
    const t = this.peek();
    const line = this.line();
    if (t.t === 'op' && t.op === '(') {
      this.k++;
      const body = this.list();
      this.expectOp(')', 'to close the subshell');
      this.trailingRedirects();
      return { type: 'group', line, subshell: true, body };
    }
    if (t.t !== 'word' && t.t !== 'redir') throw new ShellSyntaxError(`expected a command, found ${this.describe()}`, line);
    const text = t.t === 'word' ? plainText(t.word) : null;
    switch (text) {
      case 'if':
        return this.ifClause();
      case 'for':
        return this.forClause();
      case 'while':
      case 'until':
        return this.loop(text === 'until');
      case 'case':
        return this.caseClause();
      case '{': {
        this.k++;
        const body = this.list();
        this.expectReserved('}', 'to close the group');
        this.trailingRedirects();
        return { type: 'group', line, subshell: false, body };
      }
      case 'function': {
        this.k++;
        const nt = this.next();
        if (nt.t !== 'word' || plainText(nt.word) === null) throw new ShellSyntaxError('expected a function name after `function`', line);
        if (this.isOp('(')) {
          this.k++;
          this.expectOp(')', 'after the function name');
        }
        return this.functionBody(plainText(nt.word)!, line);
      }
    }
    const after = this.toks[this.k + 1];
    if (text !== null && after?.t === 'op' && after.op === '(' && /^[A-Za-z_][A-Za-z0-9_.:-]*$/.test(text)) {
      this.k += 2;
      this.expectOp(')', `in the definition of ${text}`);
      return this.functionBody(text, line);
    }
    return this.simple();
  }

  private functionBody(name: string, line: number): Command {
    this.skipNewlines();
    const body = this.command();
    if (body.type === 'simple' || body.type === 'function') throw new ShellSyntaxError(`the body of function ${name} is not a compound command`, line);
    return { type: 'function', line, name, body };
  }

  private trailingRedirects(): void {
    while (this.peek().t === 'redir') {
      this.k++;
      if (this.peek().t === 'word') this.k++;
    }
  }

  private simple(): Command {
    const line = this.line();
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (t.t === 'redir') {
        this.k++;
        const target = this.next();
        if (target.t !== 'word') throw new ShellSyntaxError(`expected a file name after '${t.op}'`, t.line);
        redirects.push(t.fd === undefined ? { op: t.op, target: target.word } : { op: t.op, fd: t.fd, target: target.word });
        continue;
      }
      if (t.t !== 'word') break;
      this.k++;
      const w = t.word;
      if (words.length === 0) {
        const a = asAssign(w);
        if (a) {
          assigns.push(a);
          continue;
        }
      }
      words.push(w);
      if (words.length === 1 && plainText(w) === '[[') {
        // `[[ ... ]]`: its && || < > are operands, not shell operators.
        while (this.peek().t !== 'eof') {
          const u = this.next();
          if (u.t === 'word') {
            words.push(u.word);
            if (plainText(u.word) === ']]') break;
          } else if (u.t !== 'eof') {
            const op = u.op;
            words.push({ parts: [{ kind: 'lit', text: op }], raw: op, line: u.line });
          }
        }
      }
    }
    if (assigns.length === 0 && words.length === 0 && redirects.length === 0) throw new ShellSyntaxError(`expected a command, found ${this.describe()}`, line);
    return { type: 'simple', line, assigns, words, redirects };
  }

  private ifClause(): Command {
    const line = this.line();
    this.k++; // if
    const clauses: { cond: List; body: List }[] = [];
    let elseBody: List | undefined;
    for (;;) {
      const cond = this.list();
      this.expectReserved('then', 'after the condition of `if`');
      const body = this.list();
      clauses.push({ cond, body });
      if (this.isReserved('elif')) {
        this.k++;
        continue;
      }
      if (this.isReserved('else')) {
        this.k++;
        elseBody = this.list();
      }
      this.expectReserved('fi', `to close the \`if\` of line ${line}`);
      break;
    }
    this.trailingRedirects();
    return elseBody ? { type: 'if', line, clauses, elseBody } : { type: 'if', line, clauses };
  }

  private forClause(): Command {
    const line = this.line();
    this.k++; // for
    const nt = this.next();
    const name = nt.t === 'word' ? plainText(nt.word) : null;
    if (name === null || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ShellSyntaxError('expected a variable name after `for` (arithmetic for loops are not read)', line);
    this.skipNewlines();
    let items: Word[] | undefined;
    if (this.isReserved('in')) {
      this.k++;
      items = [];
      for (;;) {
        const t = this.peek();
        if (t.t !== 'word') break;
        items.push(t.word);
        this.k++;
      }
      if (this.isOp(';')) this.k++;
    } else if (this.isOp(';')) this.k++;
    this.skipNewlines();
    this.expectReserved('do', 'in the `for` loop');
    const body = this.list();
    this.expectReserved('done', `to close the \`for\` of line ${line}`);
    this.trailingRedirects();
    return items ? { type: 'for', line, name, items, body } : { type: 'for', line, name, body };
  }

  private loop(until: boolean): Command {
    const line = this.line();
    this.k++;
    const cond = this.list();
    this.expectReserved('do', `in the \`${until ? 'until' : 'while'}\` loop`);
    const body = this.list();
    this.expectReserved('done', `to close the loop of line ${line}`);
    this.trailingRedirects();
    return { type: 'loop', line, until, cond, body };
  }

  private caseClause(): Command {
    const line = this.line();
    this.k++;
    const st = this.next();
    if (st.t !== 'word') throw new ShellSyntaxError('expected a word after `case`', line);
    this.skipNewlines();
    this.expectReserved('in', 'after the word of `case`');
    const arms: { patterns: Word[]; body: List }[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.isReserved('esac')) {
        this.k++;
        break;
      }
      if (this.isOp('(')) this.k++;
      const patterns: Word[] = [];
      for (;;) {
        const t = this.next();
        if (t.t !== 'word') throw new ShellSyntaxError('expected a pattern in `case`', line);
        patterns.push(t.word);
        if (this.isOp('|')) this.k++;
        else break;
      }
      this.expectOp(')', 'after the `case` pattern');
      const body = this.list();
      arms.push({ patterns, body });
      if (this.isOp(';;')) this.k++;
      else {
        this.skipNewlines();
        this.expectReserved('esac', `to close the \`case\` of line ${line}`);
        break;
      }
    }
    this.trailingRedirects();
    return { type: 'case', line, subject: st.word, arms };
  }
}

/** `NAME=value`, `NAME+=value` or `NAME=(...)` as an assignment, else null. */
export function asAssign(w: Word): Assign | null {
  if (w.arrayAssign) return { name: w.arrayAssign.name, append: w.arrayAssign.append, line: w.line, items: w.arrayAssign.items };
  const first = w.parts[0];
  if (!first || first.kind !== 'lit' || first.escaped) return null;
  const m = ASSIGN_PREFIX.exec(first.text);
  if (!m) return null;
  const rest = first.text.slice(m[0].length);
  const parts = rest ? [{ kind: 'lit' as const, text: rest }, ...w.parts.slice(1)] : w.parts.slice(1);
  const a: Assign = { name: m[1]!, append: m[2] === '+', line: w.line };
  if (parts.length) a.value = { parts, raw: w.raw.slice(m[0].length), line: w.line };
  return a;
}
