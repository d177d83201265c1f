// One family of a spec run over its header: every candidate the name selects, whether the
// script's pattern sees it (spelling.ts), whether the spec excludes it, and what the model
// says it is (context, value). The rows are what both the C text and the coverage read.
import type { Condition, Evaluated } from '../model/types.js';
import { printf, printfNumber, sortLines, xargsWords } from './coreutils.js';
import type { HeaderStore, ReadHeader } from './headers.js';
import type { Exclusion, Family, HeaderRef, IndexRule, When } from './spec.js';
import { grepTakes, spellDefine, spellEnumerator, type Spelled } from './spelling.js';
import { join } from 'node:path';

/** A name the family's select reaches. */
export interface Row {
  /** The full name (`CLONE_NEWNS`) and the printed part (`NEWNS`). */
  full: string;
  name: string;
  file: string;
  line: number;
  /** `commented`: a `#define` line inside a block comment, which only the script's grep sees. */
  kind: 'object' | 'function' | 'enumerator' | 'commented';
  /** The value as the model has it written (folded). */
  body: string;
  /** Whether a sed-printing grep takes the line at all (always true for printf families). */
  grepped: boolean;
  spelled: Spelled;
  excludedBy?: Exclusion;
  /** The #if conditions around it (coverage evaluates them). */
  context: Condition[];
}

/** One entry the script prints. */
export interface Entry {
  full: string;
  name: string;
  /** The value as the script captured it (`0x00000100`). */
  written: string;
  /** The index C gives it, by the family's index rule; null when C would not compile it. */
  index: bigint | null;
  file: string;
  line: number;
}

export interface FamilyRun {
  family: Family;
  header: string;
  /** Whether the script reads the header at all (`when` holds and it exists). */
  read: boolean;
  missing: boolean;
  rows: Row[];
  entries: Entry[];
  text: string;
  problems: string[];
}

export interface RunContext {
  store: HeaderStore;
  /** Script argument name → directory. */
  dirs: Record<string, string>;
  /** Constants the text has defined so far (x86_msr's offsets), as written. */
  constants: Map<string, string>;
  /** Whether to compute entries' C indices (see GenerateOptions.index). */
  index: boolean;
}

export function headerPath(ref: HeaderRef, ctx: RunContext): string {
  const d = ctx.dirs[ref.dir];
  if (d === undefined) throw new Error(`spec names a script argument "${ref.dir}" that the Makefile does not pass`);
  return join(d, ref.file);
}

function whenHolds(w: When | { any: When[] }, ctx: RunContext): boolean {
  if ('any' in w) return w.any.some((x) => whenHolds(x, ctx));
  if ('exists' in w) return ctx.store.get(headerPath(w.exists, ctx)).ok;
  if ('notExists' in w) return !ctx.store.get(headerPath(w.notExists, ctx)).ok;
  const h = ctx.store.get(headerPath(w.includes, ctx));
  if (!h.ok) return false;
  return h.header.model.includes.some((inc) => {
    const i = inc.path.indexOf(w.contains);
    if (i < 0) return false;
    return !w.angle || (inc.system && i + w.contains.length === inc.path.length);
  });
}

function excludedBy(full: string, written: string | undefined, ex: Exclusion[] | undefined): Exclusion | undefined {
  return ex?.find(
    (e) =>
      (e.name === undefined || e.name === full) &&
      (e.prefix === undefined || full.startsWith(e.prefix)) &&
      (e.suffix === undefined || full.endsWith(e.suffix)) &&
      (e.contains === undefined || full.includes(e.contains)) &&
      (e.written === undefined || e.written === written),
  );
}

export function matchesExclusion(full: string, written: string | undefined, e: Exclusion): boolean {
  return excludedBy(full, written, [e]) !== undefined;
}

/** The rows of a family in the header, in line order. */
export function familyRows(f: Family, h: ReadHeader): Row[] {
  const model = h.model;
  const { prefix = '', suffix = '' } = f.select;
  const nameOf = (full: string): string | null => {
    if (!full.startsWith(prefix) || !full.endsWith(suffix) || full.length < prefix.length + suffix.length) return null;
    if (f.select.endsWith !== undefined && !full.endsWith(f.select.endsWith)) return null;
    return full.slice(prefix.length, full.length - suffix.length);
  };
  const substituted = f.substitute ? substitution(f.substitute, h) : null;
  const lineText = (n: number) => {
    const l = h.lines[n - 1] ?? '';
    return substituted === null ? l : l.split(f.substitute!).join(substituted);
  };
  const rows: Row[] = [];
  if (f.select.of === 'define') {
    const commented = h.commented.map((c) => ({ name: c.name, kind: 'commented' as const, body: '', file: h.path, line: c.line, context: [] }));
    const defines = [...model.macros, ...commented].sort((a, b) => a.line - b.line);
    for (const m of defines) {
      const name = nameOf(m.name);
      if (name === null) continue;
      const line = lineText(m.line);
      const emit = f.emit ?? { by: 'printf' };
      const grepped = emit.by === 'sed' ? grepTakes(line, m.name, name, emit.grep) : true;
      const spelled = f.spelled.of === 'define' ? spellDefine(line, m.name, name, f.spelled) : ({ ok: false, why: 'spec reads enumerators' } as const);
      rows.push({
        full: m.name,
        name,
        file: m.file,
        line: m.line,
        kind: m.kind,
        body: m.body,
        grepped,
        spelled,
        excludedBy: spelled.ok ? excludedBy(m.name, spelled.value, f.exclude) : excludedBy(m.name, undefined, f.exclude),
        context: m.context,
      });
    }
  } else {
    for (const e of model.enums) {
      for (const c of e.constants) {
        const name = nameOf(c.name);
        if (name === null) continue;
        const spelled = f.spelled.of === 'enumerator' ? spellEnumerator(lineText(c.line), c.name, f.spelled) : ({ ok: false, why: 'spec reads defines' } as const);
        rows.push({
          full: c.name,
          name,
          file: c.file,
          line: c.line,
          kind: 'enumerator',
          body: c.body ?? '',
          grepped: true,
          spelled,
          excludedBy: excludedBy(c.name, spelled.ok ? spelled.value : undefined, f.exclude),
          context: c.context,
        });
      }
    }
    rows.sort((a, b) => a.line - b.line);
  }
  return rows;
}

/** x86_irq_vectors: the text of `#define NAME 0x…` (the script's `sed s/NAME/0x…/g`), or '' when the line is not there. */
function substitution(name: string, h: ReadHeader): string {
  for (const m of h.model.macros) {
    if (m.name !== name) continue;
    const s = spellDefine(h.lines[m.line - 1] ?? '', name, name, { of: 'define', hash: 'tight', afterDefine: 'blanks', rest: 'word', gap: 'blanks', value: { form: 'hex' }, after: 'end' });
    if (s.ok) return s.value;
  }
  return '';
}

/** The line the script's sed prints for a row: the fields, then what its pattern left. */
export function sedLine(f: Family, r: Row): string {
  const s = r.spelled as Extract<Spelled, { ok: true }>;
  return f.line.map((k) => (k === 'value' ? s.value : k === 'name' ? r.name : r.full)).join(' ') + s.rest;
}

/** Runs one family: its rows, its entries in the script's order, and the text the script prints. */
export function runFamily(f: Family, ctx: RunContext): FamilyRun {
  const header = headerPath(f.header, ctx);
  const run: FamilyRun = { family: f, header, read: false, missing: false, rows: [], entries: [], text: '', problems: [] };
  if (f.when && !f.when.every((w) => whenHolds(w, ctx))) return run;
  const got = ctx.store.get(header);
  run.missing = !got.ok;
  run.read = got.ok;
  if (got.ok) run.rows = familyRows(f, got.header);
  const emit = f.emit ?? { by: 'printf' };
  const seen = run.rows.filter((r) => r.grepped && (emit.by === 'sed' || r.spelled.ok));
  if (f.guarded && !seen.some((r) => r.spelled.ok)) return run;
  const kept = seen.filter((r) => !r.excludedBy);
  const h = got.ok ? got.header : null;
  if (emit.by === 'sed') {
    for (const r of kept) {
      if (r.spelled.ok) {
        const words = f.line.map((k) => (k === 'value' ? (r.spelled as { value: string }).value : k === 'name' ? r.name : r.full));
        const p = printf(f.format, words);
        run.text += p.text.endsWith('\n') && r.spelled.rest ? p.text.slice(0, -1) + r.spelled.rest + '\n' : p.text + r.spelled.rest;
        run.entries.push(entryOf(f, r, h, ctx));
      } else {
        run.text += (h?.lines[r.line - 1] ?? '') + '\n';
        run.problems.push(`${r.file}:${r.line}: ${r.full}: printed as it is written: ${r.spelled.why}`);
      }
    }
    return run;
  }
  const ordered = f.order === 'file' ? kept : sortLines(kept, (r) => sedLine(f, r), f.order);
  const input = ordered.map((r) => sedLine(f, r)).join('\n');
  const { words, error } = xargsWords(input);
  if (error) run.problems.push(`${header}: ${error}`);
  const p = printf(f.format, words);
  run.text = p.text;
  for (const e of p.errors) run.problems.push(`${header}: ${e}`);
  const perEntry = f.line.length;
  // entries are the rows whose words printf consumed one entry's worth at a time
  if (words.length === ordered.length * perEntry) run.entries = ordered.map((r) => entryOf(f, r, h, ctx));
  else if (ordered.length) run.problems.push(`${header}: the rows make ${words.length} words for xargs, not ${ordered.length * perEntry}: printf's entries are shifted`);
  return run;
}

function entryOf(f: Family, r: Row, h: ReadHeader | null, ctx: RunContext): Entry {
  const written = r.spelled.ok ? r.spelled.value : '';
  return { full: r.full, name: r.name, written, index: ctx.index ? indexOf(f.index, written, r, h, ctx.constants) : null, file: r.file, line: r.line };
}

/** The index C gives an entry, from the written value and the index rule. */
export function indexOf(rule: IndexRule, written: string, r: Pick<Row, 'full' | 'kind'>, h: ReadHeader | null, constants?: Map<string, string>): bigint | null {
  if (rule.of === 'name') {
    const v: Evaluated | undefined = h ? (r.kind === 'enumerator' ? h.evaluated().enumValue(r.full) : h.evaluated().macroValue(r.full)) : undefined;
    return v?.ok ? v.value : null;
  }
  const v = cInteger(written);
  if (v === null) return null;
  switch (rule.of) {
    case 'value':
      return v;
    case 'ilog2+1':
      return ilog2(v) + 1n;
    case 'ilog2+1-or-0':
      return v ? ilog2(v) + 1n : 0n;
    case 'plus1':
      return v + 1n;
    case 'minus':
      return v - rule.offset;
    case 'minus-constant': {
      const c = constants?.get(rule.constant);
      const cv = c === undefined ? null : cInteger(c);
      return cv === null ? null : v - cv;
    }
    case 'plus': {
      const base = h?.evaluated().macroValue(rule.macro);
      return base?.ok ? base.value + v : null;
    }
  }
}

/** tools/include/linux/log2.h: ilog2(0) is fls(0) - 1 = -1. */
export function ilog2(v: bigint): bigint {
  if (v <= 0n) return -1n;
  return BigInt(v.toString(2).length - 1);
}

/** A C integer constant without suffix, as C reads it: 0x… hex, 0… octal, else decimal. */
export function cInteger(text: string): bigint | null {
  const errors: string[] = [];
  const v = printfNumber(text, errors);
  return errors.length || text === '' ? null : v;
}
