// Computes the changes between two evaluated sides: every entity comparison, then the token
// edits none of them accounts for (a member only respelled, or a construct the model has no
// entity for), then the hunks that only touch comments and whitespace.
import { lex, spell } from '../c/lexer.js';
import type { Condition, Declaration, HeaderModel } from '../model/types.js';
import { compilerSpelling } from './classify.js';
import type { Compared, Found } from './compared.js';
import { contextChanges } from './contexts.js';
import { enumChanges } from './enums.js';
import { CHANGE_KIND_ORDER } from './kinds.js';
import { macroChanges } from './macros.js';
import { declarationChanges, guardChanges, includeChanges, sameType, typedefChanges } from './names.js';
import { recordChanges, recordName } from './records.js';
import { enumConstantRenames, macroRenames } from './renames.js';
import { markSentinels } from './sentinels.js';
import type { LineRange, TokenComparison, TokenEdit } from './tokens.js';
import type { Change } from './types.js';

/** Longest `before` / `after` of an unexplained or respelled edit, in characters. */
const MAX_TEXT = 160;

export function computeChanges(c: Compared, tokens: TokenComparison): Change[] {
  const records = recordChanges(c);
  const enums = enumConstantRenames(c, enumChanges(c));
  const typedefs = typedefChanges(c);
  const changed = changedNames(c, [...records.found, ...enums, ...typedefs]);
  const found: Found[] = markSentinels(c, [
    ...guardChanges(c),
    ...macroRenames(c, macroChanges(c, records.sizes, changed)),
    ...enums,
    ...records.found,
    ...typedefs,
    ...declarationChanges(c),
    ...includeChanges(c),
  ]);
  found.push(...contextChanges(c, found));
  const claims = (f: Found, e: TokenEdit) => within(f.oldLine, e.old) || within(f.newLine, e.new) || !!f.alsoNewLines?.some((l) => within(l, e.new));
  const unclaimed = tokens.edits.filter((e) => !found.some((f) => claims(f, e)));
  const respelled = [...respelledMembers(c, tokens, unclaimed), ...rewrittenPrototypes(c, tokens, unclaimed), ...respelledCalls(c, tokens, unclaimed)];
  const lines = { old: entityLines(c.old.model, c.old.guardLines), new: entityLines(c.new.model, c.new.guardLines) };
  // An edit is explained by a change on its lines, a respelling, or an entity it touches; syntax
  // next to an explained edit (`union {` around carved members) is explained with it.
  const explained = new Set<TokenEdit>([...tokens.edits.filter((e) => !unclaimed.includes(e)), ...respelled.map((r) => r.edit)]);
  // an edit on an entity's lines that no comparison claims: the entity stands elsewhere, unchanged
  const touchedOnly: TokenEdit[] = [];
  for (const e of unclaimed) {
    if (explained.has(e)) continue;
    if (e.conditionalOnly) explained.add(e);
    else if (touches(lines.old, e.old) || touches(lines.new, e.new)) {
      explained.add(e);
      touchedOnly.push(e);
    }
  }
  for (const e of unclaimed) if (!explained.has(e) && bracesOfExplainedRecord(c, tokens, e, explained)) explained.add(e);
  const unexplained = unexplainedEdits(tokens.edits, explained);
  return order([
    ...found.map((f) => f.change),
    ...respelled.flatMap((r) => (r.change ? [r.change] : [])),
    ...movedDefinitions(c, touchedOnly),
    ...unexplained.map((e) => unexplainedChange(c, tokens, e)),
    ...commentChanges(c.new.label, tokens),
  ]);
}

/**
 * The records, enum constants and typedefs of the header that changed, and the typedefs that
 * name one of them (`sizeof(foo_t)` changes with `struct foo`): what a macro must mention for
 * its value to change when its own text did not.
 */
function changedNames(c: Compared, found: readonly Found[]): Set<string> {
  const names = new Set(found.map((f) => f.change.name.split('.')[0]!));
  const typedefs = [...c.old.model.typedefs, ...c.new.model.typedefs];
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of typedefs) {
      if (names.has(t.name)) continue;
      const words = lex(t.type, { directives: false }).map((k) => k.text);
      const mentions = [...names].some((n) => {
        const [tag, name] = n.includes(' ') ? n.split(' ') : [undefined, n];
        return words.some((w, i) => w === name && (tag === undefined || words[i - 1] === tag));
      });
      if (mentions) {
        names.add(t.name);
        grew = true;
      }
    }
  }
  return names;
}

/** Only comments and whitespace differ: one change per hunk of the line diff. */
export function commentChanges(label: string, tokens: TokenComparison): Change[] {
  return tokens.commentHunks.map((h) => {
    const empty = h.new.to < h.new.from;
    const r = empty ? h.old : h.new;
    const name = `${empty ? 'old ' : ''}${r.from === r.to ? r.from : `${r.from}-${r.to}`}`;
    return { kind: 'comment-or-whitespace', name, file: label, line: empty ? Math.max(1, h.new.from - 1) : h.new.from };
  });
}

/** The names a header defines, each at its line: what can stand elsewhere in the file, unchanged. */
function definitions(m: HeaderModel): Map<string, number> {
  const out = new Map<string, number>();
  const put = (name: string | undefined, line: number) => {
    if (name !== undefined && !out.has(name)) out.set(name, line);
  };
  for (const x of m.macros) put(x.name, x.line);
  for (const r of m.records) put(recordName(r), r.line);
  for (const e of m.enums) put(e.name ? `enum ${e.name}` : e.constants[0] ? `enum { ${e.constants[0].name}, … }` : undefined, e.line);
  for (const t of m.typedefs) put(t.name, t.line);
  for (const d of m.declarations) put(d.name, d.line);
  for (const i of m.includes) put(i.system ? `<${i.path}>` : `"${i.path}"`, i.line);
  return out;
}

/**
 * Definitions that edits no comparison claims fall on, present on both sides: they moved (two
 * macros swapped, a struct defined further down) and compare equal. One change each, with both lines.
 */
function movedDefinitions(c: Compared, edits: readonly TokenEdit[]): Change[] {
  if (!edits.length) return [];
  const od = definitions(c.old.model);
  const nd = definitions(c.new.model);
  const out = new Map<string, Change>();
  const note = (name: string, oldLine: number, newLine: number) => {
    if (!out.has(name)) out.set(name, { kind: 'definition-moved', name, before: `line ${oldLine}`, after: `line ${newLine}`, file: c.new.label, line: newLine });
  };
  for (const e of edits) {
    for (const [name, line] of nd) if (within(line, e.new) && od.has(name) && od.get(name) !== line) note(name, od.get(name)!, line);
    for (const [name, line] of od) if (within(line, e.old) && nd.has(name) && nd.get(name) !== line) note(name, line, nd.get(name)!);
  }
  return [...out.values()];
}

/** Tokens that only shape a record's body: an edit of nothing else changes no member by itself. */
const STRUCTURE = new Set(['{', '}', ';', ',']);

/**
 * An edit of braces and semicolons only (the `};` that closes a new `union {` around members),
 * inside a record on that side in which another edit is explained: the members it regroups are
 * compared by layout, so it says nothing more.
 */
function bracesOfExplainedRecord(c: Compared, tokens: TokenComparison, e: TokenEdit, explained: ReadonlySet<TokenEdit>): boolean {
  const side = e.new ? 'new' : 'old';
  const r = e.new ?? e.old!;
  const toks = lex(tokens.spell(side, r), { directives: false });
  if (!toks.length || !toks.every((t) => STRUCTURE.has(t.text))) return false;
  for (const rec of (side === 'new' ? c.new : c.old).model.records) {
    const st = tokens.statementTokens(side, rec.line);
    const end = st.head[st.head.length - 1]?.line ?? rec.line;
    if (r.from < rec.line || r.to > end) continue;
    for (const x of explained) {
      const xr = side === 'new' ? x.new : x.old;
      if (x !== e && xr && xr.from >= rec.line && xr.to <= end) return true;
    }
  }
  return false;
}

/** Edits not explained, after explaining every run of adjacent edits that holds an explained one. */
function unexplainedEdits(edits: readonly TokenEdit[], explained: ReadonlySet<TokenEdit>): TokenEdit[] {
  const adjacent = (p: TokenEdit, q: TokenEdit) =>
    p.new && q.new ? q.new.from <= p.new.to + 1 : p.old && q.old ? q.old.from <= p.old.to + 1 : false;
  const out: TokenEdit[] = [];
  let run: TokenEdit[] = [];
  const flush = () => {
    if (!run.some((e) => explained.has(e))) out.push(...run);
    run = [];
  };
  for (const e of edits) {
    if (run.length && !adjacent(run[run.length - 1]!, e)) flush();
    run.push(e);
  }
  flush();
  return out;
}

function within(line: number | undefined, r: LineRange): boolean {
  return line !== undefined && !!r && line >= r.from && line <= r.to;
}

function touches(lines: ReadonlySet<number>, r: LineRange): boolean {
  if (!r) return false;
  for (let l = r.from; l <= r.to; l++) if (lines.has(l)) return true;
  return false;
}

function clip(s: string): string {
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT - 1) + '…' : s;
}

/** Members on both sides, unchanged in layout and type, whose lines an unclaimed edit rewrote. */
function respelledMembers(c: Compared, tokens: TokenComparison, edits: readonly TokenEdit[]): { edit: TokenEdit; change: Change }[] {
  const out: { edit: TokenEdit; change: Change }[] = [];
  const oldMembers = new Map<string, number>();
  for (const r of c.old.model.records) for (const m of r.members) oldMembers.set(`${recordName(r)}.${m.name}`, m.line);
  for (const e of edits) {
    for (const r of c.new.model.records) {
      for (const m of r.members) {
        const name = `${recordName(r)}.${m.name}`;
        const oldLine = oldMembers.get(name);
        if (oldLine === undefined || m.name.startsWith('__empty_')) continue;
        if (!within(m.line, e.new) && !within(oldLine, e.old)) continue;
        const before = clip(tokens.statement('old', oldLine));
        const after = clip(tokens.statement('new', m.line));
        // spelled alike: the member did not change, its record moved (movedDefinitions)
        if (before === after) continue;
        out.push({ edit: e, change: { kind: 'member-respelled', name, before, after, file: c.new.label, line: m.line } });
      }
    }
  }
  return dedupe(out);
}

/**
 * Declarations and typedefs whose lines an unclaimed edit rewrote. Where the model's types
 * differ, the declaration or typedef is reported as changed by its name (./names.ts) and the
 * edit is that change. Where they are equal the prototype was respelled (a parameter renamed):
 * no change when it reads the same to gcc (`inline` for `__inline__`); a function definition
 * whose prototype stayed has only its body changed.
 */
function rewrittenPrototypes(c: Compared, tokens: TokenComparison, edits: readonly TokenEdit[]): { edit: TokenEdit; change?: Change }[] {
  const out: { edit: TokenEdit; change?: Change }[] = [];
  const kinds = [
    {
      kind: 'declaration-respelled' as const,
      olds: c.old.model.declarations.map(typed),
      news: c.new.model.declarations.map(typed),
      same: (name: string) => c.abis.every((abi) => sameType(c, abi, 'declaration', name)),
    },
    // a typedef the compiler sees as the same type on every ABI (`unsigned int` → `__u32`)
    { kind: 'typedef-respelled' as const, olds: c.old.model.typedefs, news: c.new.model.typedefs, same: (name: string) => c.abis.every((abi) => sameType(c, abi, 'typedef', name)) },
  ];
  for (const e of edits) {
    for (const { kind, olds, news, same } of kinds) {
      for (const n of news) {
        const o = olds.find((x) => x.name === n.name);
        if (!o) continue;
        const so = tokens.statementTokens('old', o.line);
        const sn = tokens.statementTokens('new', n.line);
        // the statement's lines: a prototype may start above its name (`static inline __u64\nf(...)`), a body runs below
        const spans = (st: typeof so, line: number, r: LineRange) => {
          const last = (st.body ?? st.head)[(st.body ?? st.head).length - 1];
          return !!r && r.from <= Math.max(line, last?.line ?? line) && r.to >= Math.min(line, st.head[0]?.line ?? line);
        };
        if (!spans(sn, n.line, e.new) && !spans(so, o.line, e.old)) continue;
        const at = { name: n.name, file: c.new.label, line: n.line };
        if (o.type !== n.type && !same(n.name)) out.push({ edit: e });
        else if (compilerSpelling(so.head) !== compilerSpelling(sn.head)) {
          out.push({ edit: e, change: { kind, before: clip(spell(so.head)), after: clip(spell(sn.head)), ...at } });
        } else if (compilerSpelling(so.body ?? []) !== compilerSpelling(sn.body ?? [])) {
          out.push({ edit: e, change: { kind: 'function-body-changed', before: clip(spell(so.body ?? [])), after: clip(spell(sn.body ?? [])), ...at } });
        } else out.push({ edit: e });
      }
    }
  }
  return dedupe(out);
}

/**
 * Edits inside statements that declare nothing once expanded (unistd.h's `__SYSCALL(nr, f)`
 * lines), where what the statements expanded to is the same on both sides on every ABI. An edit
 * that only adds or only removes lines needs its statement to expand to nothing.
 */
function respelledCalls(c: Compared, tokens: TokenComparison, edits: readonly TokenEdit[]): { edit: TokenEdit; change: Change }[] {
  const out: { edit: TokenEdit; change: Change }[] = [];
  const covering = (side: 'old' | 'new', abi: Compared['abis'][number], r: NonNullable<LineRange>) => {
    const s = (side === 'old' ? c.old : c.new).on.get(abi)!.callAt(r.from);
    // a `;` alone declares nothing: `CALL(x);` expanding to nothing leaves one
    return s && s.to >= r.to ? compilerSpelling(lex(s.expansion, { directives: false }).filter((t) => t.text !== ';')) : undefined;
  };
  for (const e of edits) {
    if (!c.abis.length) continue;
    const same = c.abis.every((abi) => {
      const o = e.old ? covering('old', abi, e.old) : '';
      const n = e.new ? covering('new', abi, e.new) : '';
      return o !== undefined && n !== undefined && o === n;
    });
    if (!same) continue;
    const before = e.old ? tokens.spell('old', e.old) : undefined;
    const after = e.new ? tokens.spell('new', e.new) : undefined;
    const r = e.new ?? e.old!;
    const at = e.new ? { file: c.new.label, line: e.new.from } : { file: c.old.label, line: e.old!.from };
    // one line: the macro it calls; several: their lines, as an unexplained edit is named
    const called = r.from === r.to ? lex(after ?? before ?? '', { directives: false }).find((t) => t.kind === 'id')?.text : undefined;
    out.push({
      edit: e,
      change: {
        kind: 'macro-call-respelled',
        name: called ?? `${e.new ? '' : 'old '}${r.from === r.to ? r.from : `${r.from}-${r.to}`}`,
        before: before !== undefined ? clip(before) : NO_CALL,
        after: after !== undefined ? clip(after) : NO_CALL,
        ...at,
      },
    });
  }
  return out;
}

/** The side of a macro-call-respelled edit that only added or only removed lines. */
const NO_CALL = '(no call)';

/** A declaration with its type as a typedef has it: the text the model compares. */
const typed = (d: Declaration) => ({ name: d.name, line: d.line, type: d.text });

function dedupe<T extends { change?: Change }>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    if (!x.change) return true;
    const k = `${x.change.name}@${x.change.line}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function unexplainedChange(c: Compared, tokens: TokenComparison, e: TokenEdit): Change {
  const r = e.new ?? e.old!;
  const name = `${e.new ? '' : 'old '}${r.from === r.to ? r.from : `${r.from}-${r.to}`}`;
  return {
    kind: 'unexplained',
    name,
    ...(e.old ? { before: clip(tokens.spell('old', e.old)) } : {}),
    ...(e.new ? { after: clip(tokens.spell('new', e.new)) } : {}),
    file: e.new ? c.new.label : c.old.label,
    line: r.from,
  };
}

/** Every line the model places an entity or a condition on. */
function entityLines(m: HeaderModel, guardLines: readonly number[]): Set<number> {
  const s = new Set<number>(guardLines);
  const ctx = (cs: readonly Condition[]) => cs.forEach((k) => s.add(k.line));
  for (const x of [...m.macros, ...m.typedefs, ...m.declarations, ...m.includes]) {
    s.add(x.line);
    ctx(x.context);
  }
  for (const e of m.enums) {
    s.add(e.line);
    ctx(e.context);
    for (const k of e.constants) {
      s.add(k.line);
      ctx(k.context);
    }
  }
  for (const r of m.records) {
    s.add(r.line);
    ctx(r.context);
    for (const k of r.members) {
      s.add(k.line);
      ctx(k.context);
    }
  }
  return s;
}

/** By kind (the table's order), then by line. */
function order(changes: Change[]): Change[] {
  const rank = new Map(CHANGE_KIND_ORDER.map((k, i) => [k, i]));
  return changes.sort((a, b) => rank.get(a.kind)! - rank.get(b.kind)! || a.line - b.line || a.name.localeCompare(b.name));
}
