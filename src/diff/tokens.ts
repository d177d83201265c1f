// The two sides as C token streams: whether anything but comments and whitespace differs, where
// tokens changed (as line ranges of each side), and which hunks of the line diff hold no changed
// token at all (comment-or-whitespace hunks). Tokens come from the model's lexer: no C is read
// here beyond what the lexer gives.
// Deliberately not modelled: what the tokens mean. That is the model's job (see ./changes.ts).
import { diffArrays } from 'diff';
import { lex, spell, type Token } from '../c/lexer.js';

/** Lines `from..to` (1-based, inclusive) of one side; `null` when the side has none. */
export type LineRange = { from: number; to: number } | null;

/** A run of changed tokens: deleted from the old side, inserted into the new side. */
export interface TokenEdit {
  old: LineRange;
  new: LineRange;
  /**
   * Every changed token belongs to an `#if`, `#ifdef`, `#ifndef`, `#elif`, `#else` or `#endif`
   * line: what it changes, the model sees in the conditions of the entities it encloses.
   */
  conditionalOnly: boolean;
}

export interface TokenComparison {
  /** The C token streams are equal: only comments and whitespace differ. */
  equal: boolean;
  /** In file order. Each edit's ranges start at the line where the statement or directive it touches begins. */
  edits: readonly TokenEdit[];
  /** Hunks of the line diff in which no token changed. */
  commentHunks: readonly LineHunk[];
  /** The tokens on lines `from..to` of a side, spelled on one line (for `before` / `after`). */
  spell(side: 'old' | 'new', range: NonNullable<LineRange>): string;
  /** The statement or directive that starts on a line of a side, to its `;` or its end, spelled on one line. */
  statement(side: 'old' | 'new', line: number): string;
  /**
   * The tokens of that statement: `head` up to its `;`, or up to the body of a function
   * definition (`static inline int f(int x)`), and then `body`, from `{` to its `}`.
   */
  statementTokens(side: 'old' | 'new', line: number): { head: Token[]; body: Token[] | null };
}

/** A hunk of the line diff: lines `from..to` of each side; an empty side has `to === from - 1`. */
export interface LineHunk {
  old: { from: number; to: number };
  new: { from: number; to: number };
}

/** Beyond this many edit steps a diff is not worth its cost: the whole files count as one edit. */
const MAX_EDIT_LENGTH = 5000;

interface Stream {
  /** A token's text, or a whole directive spelled on one line (comments and continuations folded away). */
  keys: string[];
  /** Line of each key (its first), the line it ends on, and the line its statement or directive starts on. */
  lines: number[];
  ends: number[];
  anchors: number[];
  /** The tokens of each key. */
  toks: Token[][];
  /** The key is a conditional directive (`#if` … `#endif`). */
  conditional: boolean[];
}

const CONDITIONAL = new Set(['if', 'ifdef', 'ifndef', 'elif', 'elifdef', 'elifndef', 'else', 'endif']);

function stream(source: string): Stream {
  const toks: Token[] = lex(source, { directives: false });
  const s: Stream = { keys: [], lines: [], ends: [], anchors: [], toks: [], conditional: [] };
  let anchor = 1;
  let startNext = true;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.bol && t.text === '#') {
      // a directive is one key: a macro added or changed is one edit, whatever its tokens
      const d: Token[] = [t];
      while (i + 1 < toks.length && !toks[i + 1]!.bol) d.push(toks[++i]!);
      s.keys.push(spell(d.map((x) => ({ ...x, bol: false }))));
      s.lines.push(t.line);
      s.ends.push(d[d.length - 1]!.line);
      s.anchors.push(t.line);
      s.toks.push(d);
      s.conditional.push(CONDITIONAL.has(d[1]?.text ?? ''));
      startNext = true;
      continue;
    }
    if (startNext) {
      anchor = t.line;
      startNext = false;
    }
    s.keys.push(t.text);
    s.lines.push(t.line);
    s.ends.push(t.line);
    s.anchors.push(anchor);
    s.toks.push([t]);
    s.conditional.push(false);
    if (t.text === ';' || t.text === '{' || t.text === '}' || t.text === ',') startNext = true;
  }
  return s;
}

function allConditional(s: Stream, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!s.conditional[i]) return false;
  return true;
}

function range(s: Stream, from: number, to: number): LineRange {
  if (to <= from) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i < to; i++) {
    lo = Math.min(lo, s.anchors[i]!, s.lines[i]!);
    hi = Math.max(hi, s.ends[i]!);
  }
  return { from: lo, to: hi };
}

export function compareTokens(oldSource: string, newSource: string): TokenComparison {
  const a = stream(oldSource);
  const b = stream(newSource);
  const edits: TokenEdit[] = [];
  const changedOld = new Set<number>();
  const changedNew = new Set<number>();
  const parts = diffArrays(a.keys, b.keys, { maxEditLength: MAX_EDIT_LENGTH });
  if (!parts) {
    edits.push({ old: range(a, 0, a.keys.length), new: range(b, 0, b.keys.length), conditionalOnly: false });
    for (let k = 0; k < a.keys.length; k++) for (let l = a.lines[k]!; l <= a.ends[k]!; l++) changedOld.add(l);
    for (let k = 0; k < b.keys.length; k++) for (let l = b.lines[k]!; l <= b.ends[k]!; l++) changedNew.add(l);
  } else {
    for (const r of changedRuns(parts, 0)) {
      edits.push({
        old: range(a, r.i0, r.i1),
        new: range(b, r.j0, r.j1),
        conditionalOnly: allConditional(a, r.i0, r.i1) && allConditional(b, r.j0, r.j1),
      });
      for (let k = r.i0; k < r.i1; k++) for (let l = a.lines[k]!; l <= a.ends[k]!; l++) changedOld.add(l);
      for (let k = r.j0; k < r.j1; k++) for (let l = b.lines[k]!; l <= b.ends[k]!; l++) changedNew.add(l);
    }
  }
  return {
    equal: edits.length === 0,
    edits: mergeTouching(edits),
    commentHunks: commentHunks(oldSource, newSource, a, b, changedOld, changedNew),
    spell: (side, r) => spellLines(side === 'old' ? a : b, r),
    statement: (side, line) => {
      const st = statementAt(side === 'old' ? a : b, line);
      return st.directive ?? spell([...st.head, ...(st.body ?? [])]);
    },
    statementTokens: (side, line) => statementAt(side === 'old' ? a : b, line),
  };
}

/** Edits on the same line become one: `x[]` to `__DECLARE_FLEX_ARRAY(T, x)` is several token edits. */
function mergeTouching(edits: TokenEdit[]): TokenEdit[] {
  const out: TokenEdit[] = [];
  const overlaps = (p: LineRange, q: LineRange) => !!p && !!q && q.from <= p.to;
  const join = (p: LineRange, q: LineRange): LineRange => (!p ? q : !q ? p : { from: Math.min(p.from, q.from), to: Math.max(p.to, q.to) });
  for (const e of edits) {
    const prev = out[out.length - 1];
    if (prev && (overlaps(prev.old, e.old) || overlaps(prev.new, e.new))) {
      out[out.length - 1] = { old: join(prev.old, e.old), new: join(prev.new, e.new), conditionalOnly: prev.conditionalOnly && e.conditionalOnly };
    } else out.push(e);
  }
  return out;
}

/** The tokens of the statement (or directive, also spelled) starting on a line (see TokenComparison). */
function statementAt(s: Stream, line: number): { head: Token[]; body: Token[] | null; directive?: string } {
  let i = s.lines.findIndex((l) => l >= line);
  if (i < 0) return { head: [], body: null };
  if (s.toks[i]![0]!.text === '#' && s.toks[i]![0]!.bol) return { head: s.toks[i]!, body: null, directive: s.keys[i]! };
  const anchor = s.anchors[i]!;
  while (i > 0 && s.anchors[i - 1] === anchor && s.toks[i - 1]!.length === 1) i--;
  const head: Token[] = [];
  let body: Token[] | null = null;
  let depth = 0;
  for (; i < s.keys.length; i++) {
    const t = s.toks[i]!;
    if (t.length !== 1 || (t[0]!.text === '#' && t[0]!.bol)) break;
    const tok = t[0]!;
    const x = tok.text;
    if (body) {
      body.push(tok);
      if (x === '{') depth++;
      else if (x === '}' && --depth === 0) break;
      continue;
    }
    if (x === '{' && depth === 0 && head[head.length - 1]?.text === ')') {
      body = [tok];
      depth = 1;
      continue;
    }
    head.push(tok);
    if (x === '(' || x === '{' || x === '[') depth++;
    else if (x === ')' || x === '}' || x === ']') depth--;
    else if (x === ';' && depth <= 0) break;
  }
  return { head, body };
}

function spellLines(s: Stream, r: NonNullable<LineRange>): string {
  const parts: string[] = [];
  let run: Token[] = [];
  const flush = () => {
    if (run.length) parts.push(spell(run));
    run = [];
  };
  for (let i = 0; i < s.keys.length; i++) {
    if (s.lines[i]! < r.from || s.lines[i]! > r.to) continue;
    const t = s.toks[i]!;
    if (t.length === 1 && !(t[0]!.text === '#' && t[0]!.bol)) run.push(t[0]!);
    else {
      flush();
      parts.push(s.keys[i]!);
    }
  }
  flush();
  return parts.join(' ');
}

/** Hunks of the line diff whose lines hold the same tokens on both sides, none of them changed. */
function commentHunks(oldSource: string, newSource: string, a: Stream, b: Stream, changedOld: Set<number>, changedNew: Set<number>): LineHunk[] {
  const la = oldSource.split('\n');
  const lb = newSource.split('\n');
  const parts = diffArrays(la, lb, { maxEditLength: MAX_EDIT_LENGTH });
  if (!parts) return [];
  const out: LineHunk[] = [];
  for (const h of changedRuns(parts, 1)) {
    let clean = true;
    for (let k = h.i0; k < h.i1 && clean; k++) if (changedOld.has(k)) clean = false;
    for (let k = h.j0; k < h.j1 && clean; k++) if (changedNew.has(k)) clean = false;
    if (clean && keysOn(a, h.i0, h.i1 - 1) === keysOn(b, h.j0, h.j1 - 1)) out.push({ old: { from: h.i0, to: h.i1 - 1 }, new: { from: h.j0, to: h.j1 - 1 } });
  }
  return out;
}

/**
 * The runs of an edit script between two kept runs: old items `i0..i1`, new items `j0..j1`
 * (end exclusive), counted from `base` (0 for token indices, 1 for line numbers).
 */
function changedRuns(parts: readonly { count?: number; value: unknown[]; added?: boolean; removed?: boolean }[], base: number) {
  const out: { i0: number; i1: number; j0: number; j1: number }[] = [];
  let i = base;
  let j = base;
  let run: { i0: number; i1: number; j0: number; j1: number } | null = null;
  for (const p of parts) {
    const n = p.count ?? p.value.length;
    if (!p.added && !p.removed) {
      if (run) out.push(run);
      run = null;
      i += n;
      j += n;
      continue;
    }
    run ??= { i0: i, i1: i, j0: j, j1: j };
    if (p.removed) run.i1 = i += n;
    else run.j1 = j += n;
  }
  if (run) out.push(run);
  return out;
}

/** The keys that start on lines `from..to`, joined. */
function keysOn(s: Stream, from: number, to: number): string {
  const out: string[] = [];
  for (let i = 0; i < s.keys.length; i++) {
    const l = s.lines[i]!;
    if (l > to) break;
    if (l >= from) out.push(s.keys[i]!);
  }
  return out.join('\0');
}
