// Expands shell words against variables that kdrift has read, as bash would: parameters,
// "${A[@]}" / "$@" into one field per element, word splitting of unquoted expansions on blanks
// and newlines. Each field remembers the script line its text came from (a list entry's line).
// Deliberately not evaluated: command substitution, arithmetic, ${x:-y} and other modifiers,
// globbing; each is reported through `problem` and expands to nothing (or stays literal).
import type { DqPart, ParamRef, Word, WordPart } from './shell-ast.js';

export interface Field {
  text: string;
  /** Script line of the text: the line of a list entry, or of the word. */
  line?: number;
}

export type Value = { kind: 'scalar'; value: Field } | { kind: 'array'; items: Field[] };

export interface Scope {
  lookup(name: string): Value | undefined;
  positional(): readonly Field[];
}

export type Problem = (message: string) => void;

const IFS_WS = /[ \t\n]/;

/** Expands a word into fields (command arguments, `for` items, array elements). */
export function expandFields(word: Word, scope: Scope, problem: Problem): Field[] {
  // The common words: one literal, one quoted literal.
  if (word.parts.length === 1) {
    const p = word.parts[0]!;
    if (p.kind === 'lit' || p.kind === 'sq') return [{ text: p.text, line: word.line }];
  }
  const b = new FieldBuilder(word.line);
  for (const part of word.parts) expandPart(part, scope, problem, b, false);
  return b.finish();
}

/** Expands a word into one string, without splitting (the right side of an assignment). */
export function expandString(word: Word, scope: Scope, problem: Problem): Field {
  const b = new FieldBuilder(word.line);
  for (const part of word.parts) expandPart(part, scope, problem, b, true);
  const fields = b.finish();
  const line = fields.find((f) => f.line !== undefined)?.line ?? word.line;
  return { text: fields.map((f) => f.text).join(' '), line };
}

function expandPart(part: WordPart, scope: Scope, problem: Problem, b: FieldBuilder, noSplit: boolean): void {
  switch (part.kind) {
    case 'lit':
    case 'sq':
      b.quoted(part.text, undefined);
      return;
    case 'dq': {
      const only = part.parts.length === 1 ? part.parts[0]! : undefined;
      // "" is an empty field, not nothing; "$@" and "${A[@]}" of nothing are nothing.
      if (!(only?.kind === 'param' && isEach(only.ref))) b.quoted('', undefined);
      for (const p of part.parts) expandDq(p, scope, problem, b);
      return;
    }
    case 'param': {
      const v = resolve(part.ref, scope, problem);
      v.forEach((f, k) => {
        if (noSplit) b.quoted(k ? ' ' + f.text : f.text, f.line);
        else {
          if (k) b.breakField();
          b.split(f.text, f.line);
        }
      });
      return;
    }
    case 'subst':
      problem(`\`${part.text}\` is not evaluated: kdrift reads the script, it does not run it`);
      return;
  }
}

function expandDq(p: DqPart, scope: Scope, problem: Problem, b: FieldBuilder): void {
  if (p.kind === 'lit') return b.quoted(p.text, undefined);
  if (p.kind === 'subst') return problem(`\`${p.text}\` is not evaluated: kdrift reads the script, it does not run it`);
  const ref = p.ref;
  const v = resolve(ref, scope, problem);
  if (isEach(ref)) {
    // "$@", "${A[@]}": one field per element.
    v.forEach((f, k) => {
      if (k) b.breakField();
      b.quoted(f.text, f.line);
    });
  } else {
    b.quoted(v.map((f) => f.text).join(' '), v[0]?.line);
  }
}

function isEach(ref: ParamRef): boolean {
  return !ref.length && !ref.modifier && (ref.name === '@' || ref.index === '@');
}

/** The values a parameter reference stands for (several for `@` and `*`). */
function resolve(ref: ParamRef, scope: Scope, problem: Problem): Field[] {
  if (ref.modifier !== undefined) {
    problem(`\${${ref.name}${ref.index !== undefined ? `[${ref.index}]` : ''}${ref.modifier}} is not evaluated`);
    return [];
  }
  const pos = scope.positional();
  if (ref.length) {
    if (ref.name === '@' || ref.name === '*' || ref.name === '#') return [{ text: String(pos.length) }];
    const v = scope.lookup(ref.name);
    if (!v) return [{ text: '0' }];
    if (v.kind === 'array') return [{ text: String(ref.index === '@' || ref.index === '*' ? v.items.length : (v.items[Number(ref.index ?? 0)]?.text.length ?? 0)) }];
    return [{ text: String(ref.index === '@' || ref.index === '*' ? 1 : v.value.text.length) }];
  }
  if (ref.name === '@' || ref.name === '*') return [...pos];
  if (ref.name === '#') return [{ text: String(pos.length) }];
  if (/^[0-9]+$/.test(ref.name)) {
    const n = Number(ref.name);
    if (n === 0) return [{ text: 'check-headers.sh' }];
    const f = pos[n - 1];
    return f ? [f] : [];
  }
  if (!/^[A-Za-z_]/.test(ref.name)) {
    problem(`$${ref.name} is not evaluated`);
    return [];
  }
  const v = scope.lookup(ref.name);
  if (!v) return [];
  if (v.kind === 'scalar') {
    if (ref.index === undefined || ref.index === '0' || ref.index === '@' || ref.index === '*') return [v.value];
    return [];
  }
  if (ref.index === '@' || ref.index === '*') return [...v.items];
  if (ref.index === undefined) return v.items.length ? [v.items[0]!] : [];
  if (!/^[0-9]+$/.test(ref.index)) {
    problem(`\${${ref.name}[${ref.index}]} is not evaluated`);
    return [];
  }
  const f = v.items[Number(ref.index)];
  return f ? [f] : [];
}

/** Accumulates fields: quoted text joins the current field, unquoted expansions split it. */
class FieldBuilder {
  private readonly fields: Field[] = [];
  private text = '';
  private started = false;
  private line: number | undefined;
  constructor(private readonly wordLine: number) {}

  quoted(s: string, line: number | undefined): void {
    this.text += s;
    this.started = true;
    if (line !== undefined && this.line === undefined) this.line = line;
  }

  /** Unquoted expansion text: blanks and newlines separate fields. `line` is where the text starts. */
  split(s: string, line: number | undefined): void {
    let l = line;
    for (let k = 0; k < s.length; k++) {
      const c = s[k]!;
      if (IFS_WS.test(c)) {
        this.breakField();
        if (c === '\n' && l !== undefined) l++;
      } else {
        if (!this.started || this.line === undefined) this.line = l;
        this.text += c;
        this.started = true;
      }
    }
  }

  breakField(): void {
    if (this.started) this.fields.push({ text: this.text, line: this.line ?? this.wordLine });
    this.text = '';
    this.started = false;
    this.line = undefined;
  }

  finish(): Field[] {
    this.breakField();
    return this.fields;
  }
}
