// What a generator's pattern misses and what it takes that is not in its family: every name a
// family selects is either an entry, a deliberate exclusion (with the spec's reason), or a
// finding. Findings are plain records; the CLI renders them.
import type { Evaluated, EvaluatedHeader } from '../model/types.js';
import type { Generated, Table } from './generate.js';
import { cInteger, ilog2, matchesExclusion, type Entry, type FamilyRun, type Row } from './family.js';
import type { HeaderStore } from './headers.js';
import type { Exclusion, Family, IndexRule, Member, WholeFamily } from './spec.js';
import { spellDefine } from './spelling.js';
import { lex } from '../c/lexer.js';
import { join } from 'node:path';

export type FindingKind =
  | 'miss' //        in the family, not excluded, the pattern does not see it
  | 'extra' //       the pattern takes it, it is not in the family
  | 'misindexed' //  taken, but the index its written value gives is not the one its value gives
  | 'shadowed' //    two entries of one table get one index: C keeps the later
  | 'verbatim' //    a sed-printing script prints the line as it is, not as an entry
  | 'stale-exclusion' // an exclusion of the spec that matches nothing
  | 'uncovered' //   in the generator's whole family, in no table
  | 'dropped-duplicate'; // arch_errno_names: `sort -nu` keeps one name per value

export const FINDING_KINDS: Record<FindingKind, { title: string; description: string }> = {
  miss: { title: 'missed', description: "belongs to the family by name, context and value, but the script's pattern does not pick it up" },
  extra: { title: 'extra', description: 'the script picks it up, but it is not in the family' },
  misindexed: { title: 'mis-indexed', description: 'the script picks it up at an index its value does not give' },
  shadowed: { title: 'shadowed', description: 'another entry of the table has the same index; C keeps the later one' },
  verbatim: { title: 'printed as written', description: "the script's sed cannot rewrite the line its grep took, and prints it as it is" },
  'stale-exclusion': { title: 'stale exclusion', description: 'an exclusion in the spec that matches no name of the header' },
  uncovered: { title: 'in no table', description: "belongs to the generator's whole family but no table takes it" },
  'dropped-duplicate': { title: 'dropped duplicate', description: 'shares its value with a name the table keeps' },
};

export interface Finding {
  kind: FindingKind;
  /** The table (C array) it concerns. */
  table: string;
  name: string;
  file: string;
  line: number;
  /** The value on the ABI, when known. */
  value?: bigint;
  /** The value as written in the header (folded). */
  written?: string;
  detail: string;
}

export interface Excluded {
  table: string;
  name: string;
  file: string;
  line: number;
  reason: string;
}

/** A name kdrift could not decide on: its value does not evaluate on the ABI. */
export interface Unchecked {
  table: string;
  name: string;
  file: string;
  line: number;
  /** Whether the script prints it. */
  picked: boolean;
  reason: string;
}

export interface TableCoverage {
  table: string;
  entries: number;
  findings: Finding[];
  excluded: Excluded[];
  unchecked: Unchecked[];
}

export interface Coverage {
  generator: string;
  tables: TableCoverage[];
  /** Findings not tied to one table (stale exclusions, the whole family). */
  findings: Finding[];
}

interface RowView {
  row: Row;
  active: boolean;
  value: Evaluated | null;
  /** `unknown`: the value does not evaluate, so membership cannot be told. */
  member: boolean | 'unknown';
  /** Why it is not a member (when not), or why it is unknown. */
  why?: string;
  /** Where a member belongs in the table, by its value (ioctls: their number). */
  index?: bigint;
  /** The value read as the bits of its type (so `(1<<31)` is 0x80000000). */
  bits?: bigint;
}

export function coverage(g: Generated, store: HeaderStore): Coverage {
  const out: Coverage = { generator: g.spec.name, tables: [], findings: [] };
  const exclusionHits = new Map<string, { e: Exclusion; n: number }>();
  for (const t of g.tables) {
    const tc: TableCoverage = { table: t.array, entries: t.entries.length, findings: [], excluded: [], unchecked: [] };
    out.tables.push(tc);
    if (!t.runs.length) {
      errnoCoverage(g, t, tc);
      continue;
    }
    // a name is judged once per table: a family of the table that picks or excludes it settles it
    const views: { run: FamilyRun; row: Row; v: RowView; picked: boolean; ev: EvaluatedHeader }[] = [];
    for (const run of t.runs) {
      if (!run.read) continue;
      const got = store.get(run.header);
      if (!got.ok) continue;
      const f = run.family;
      const ev = f.member.includer ? got.header.evaluatedAfter(f.member.includer.headers) : got.header.evaluated();
      for (const e of f.exclude ?? []) {
        const key = JSON.stringify([e.name, e.prefix, e.suffix, e.written]);
        const hit = exclusionHits.get(key) ?? { e, n: 0 };
        hit.n += run.rows.filter((r) => r.excludedBy === e).length;
        exclusionHits.set(key, hit);
      }
      const names = new Set(run.rows.map((r) => r.full));
      for (const row of run.rows) views.push({ run, row, v: view(row, f, ev, got.header.lines, names), picked: row.grepped && row.spelled.ok, ev });
    }
    const whys = new Map<string, string[]>();
    for (const x of views) if (!x.row.spelled.ok) whys.set(x.row.full, [...new Set([...(whys.get(x.row.full) ?? []), x.row.spelled.why])]);
    const settled = new Set<string>();
    for (const x of views) if ((x.picked || x.row.excludedBy) && x.v.active) settled.add(x.row.full);
    const judged = new Set<string>();
    for (const { run, row, v, picked, ev } of views) {
      const f = run.family;
      const at = { table: t.array, name: row.full, file: row.file, line: row.line, written: row.body, ...(v.value?.ok ? { value: v.value.value } : {}) };
      if (row.excludedBy) {
        if ((picked || v.member) && !judged.has(row.full)) tc.excluded.push({ table: t.array, name: row.full, file: row.file, line: row.line, reason: row.excludedBy.reason });
        judged.add(row.full);
        continue;
      }
      if ((f.emit?.by ?? 'printf') === 'sed' && row.grepped && !row.spelled.ok) {
        tc.findings.push({ ...at, kind: 'verbatim', detail: row.spelled.why });
        continue;
      }
      if (v.member === 'unknown') {
        if (!judged.has(row.full) && (picked || !settled.has(row.full))) tc.unchecked.push({ table: t.array, name: row.full, file: row.file, line: row.line, picked, reason: v.why ?? '' });
        judged.add(row.full);
      } else if (v.member && !picked) {
        if (!settled.has(row.full) && !judged.has(row.full)) tc.findings.push({ ...at, kind: 'miss', detail: row.spelled.ok ? 'its line is not one the grep takes' : (whys.get(row.full) ?? [row.spelled.why]).join('; and ') });
        judged.add(row.full);
      } else if (picked && !v.member) {
        tc.findings.push({ ...at, kind: 'extra', detail: v.why ?? 'not a member' });
      } else if (picked && v.member && v.value?.ok) {
        const e = run.entries.find((x) => x.line === row.line && x.full === row.full);
        const want = v.index ?? expectedIndex(f.index, v.bits ?? v.value.value, ev, g);
        if (e && want !== null && e.index !== null && e.index !== want) {
          tc.findings.push({ ...at, kind: 'misindexed', detail: `written ${JSON.stringify(e.written)}, the table puts it at [${e.index}]; its value ${hex(v.value.value)} belongs at [${want}]` });
        }
      }
    }
    tc.findings.push(...shadowed(t.array, t.entries));
  }
  for (const { e, n } of exclusionHits.values()) {
    if (n === 0) out.findings.push({ kind: 'stale-exclusion', table: '', name: e.name ?? e.prefix ?? e.suffix ?? '', file: '', line: 0, detail: `matches nothing: ${e.reason}` });
  }
  for (const w of g.spec.whole ?? []) out.findings.push(...uncovered(w, g, store));
  return out;
}

function view(row: Row, f: Family | WholeFamily, ev: EvaluatedHeader, lines: string[], names: ReadonlySet<string>): RowView {
  if (row.kind === 'commented') return { row, active: false, value: null, member: false, why: 'inside a comment: the compiler never sees it' };
  let active = ev.isActive({ file: row.file, line: row.line, context: row.context });
  // a kernel-internal header: which CONFIG_ options hold is the kernel's build, not the ABI
  if (!active && f.member.anyConfig && row.context.every((c) => ev.isActive({ file: row.file, line: row.line, context: [c] }) || c.text.includes('CONFIG_'))) active = true;
  const base: RowView = { row, active, value: null, member: false };
  if (!active) return { ...base, why: `not on ${ev.abi}: ${row.context.map((c) => c.text).join(' && ') || 'inactive'}` };
  const not = notMember(row, f.member, lines, names, new Set(ev.model.macros.map((x) => x.name)));
  if (not) return { ...base, why: not };
  if (row.kind === 'function') return { ...base, member: 'unknown', why: 'a function-like macro: its value depends on its arguments' };
  let value = row.kind === 'enumerator' ? ev.enumValue(row.full) : ev.macroValue(row.full);
  if (!value.ok && f.member.anyConfig) {
    // defined under a CONFIG_ option the ABI does not set: a literal still tells its value
    const lit = literalValue(row.body);
    if (lit !== null) value = { ok: true, value: lit, unsigned: false, bits: 64 };
  }
  const withValue = { ...base, value };
  if (!value.ok) return { ...withValue, member: 'unknown', why: value.reason };
  const m = f.member;
  // as the bits of its type: (1<<31) is a flag, not a negative number
  const v = value.value < 0n ? value.value + (1n << BigInt(value.bits)) : value.value;
  if (m.style === 'bit' && (v <= 0n || (v & (v - 1n)) !== 0n)) return { ...withValue, why: `${hex(v)} is not a single bit` };
  if (m.style === 'ioctl') {
    const type = ioctlType(m.ioctlType ?? '', ev);
    if (type === null) return { ...withValue, member: 'unknown', why: `the ioctl type ${m.ioctlType} does not evaluate` };
    const t = (v >> 8n) & 0xffn;
    if (t !== type) return { ...withValue, why: `${hex(v)} is not an ioctl of type ${m.ioctlType} (${hex(type)}): its type byte is ${hex(t)}` };
    const dir = (['none', 'write', 'read', 'both'] as const)[Number((v >> 30n) & 3n)];
    if (m.ioctlDirs && !m.ioctlDirs.includes(dir)) return { ...withValue, why: `an ioctl that ${dir === 'none' ? 'passes no data' : dir === 'both' ? 'reads and writes' : dir + 's'}: the other table` };
    return { ...withValue, member: true, index: v & 0xffn, bits: v };
  }
  if (m.range && (v < m.range[0] || v > m.range[1])) return { ...withValue, why: `${hex(v)} is outside ${hex(m.range[0])}…${hex(m.range[1])}` };
  return { ...withValue, member: true, bits: v };
}

/** The value of a body that is one integer literal (suffixes allowed), else null. */
function literalValue(body: string): bigint | null {
  const toks = lex(body, { directives: false });
  if (toks.length !== 1 || toks[0].kind !== 'num') return null;
  let t = toks[0].text;
  while (t.length > 1 && 'uUlL'.includes(t[t.length - 1])) t = t.slice(0, -1);
  return cInteger(t);
}

function ioctlType(text: string, ev: EvaluatedHeader): bigint | null {
  if (text.length === 3 && text[0] === "'" && text[2] === "'") return BigInt(text.charCodeAt(1));
  const v = ev.macroValue(text);
  return v.ok ? v.value : null;
}

function notMember(row: Row, m: Member, lines: string[], names: ReadonlySet<string>, macroNames: ReadonlySet<string>): string | null {
  const nm = m.notMembers?.find((e) => matchesExclusion(row.full, undefined, e));
  if (nm) return nm.reason;
  const toks = lex(row.body, { directives: false });
  // `#define AF_ROUTE AF_NETLINK`: another name for an entry, not an entry
  if (toks.length === 1 && toks[0].kind === 'id' && names.has(toks[0].text)) return `another name for ${toks[0].text}`;
  if (m.literalsOnly && !(toks.length === 1 && toks[0].kind === 'num')) return m.literalsOnly;
  if (m.pairedWith && !macroNames.has(m.pairedWith.prefix + row.name)) return m.pairedWith.reason;
  if (m.convention && row.kind !== 'enumerator') {
    const line = lines[row.line - 1] ?? '';
    // the convention only looks at how `#define` is written
    const probe = spellDefine(line, row.full, row.name || row.full, { of: 'define', hash: m.convention.hash, afterDefine: 'any', rest: 'word', gap: 'any', value: { form: 'xdigits' }, after: 'anything' });
    if (!probe.ok && probe.why.includes('#')) return `not written as the header writes members (${m.convention.hash} #define)`;
  }
  return null;
}

function expectedIndex(rule: IndexRule, v: bigint, ev: EvaluatedHeader, g: Generated): bigint | null {
  switch (rule.of) {
    case 'value':
    case 'name':
      return v;
    case 'ilog2+1':
    case 'plus1':
      return ilog2(v) + 1n;
    case 'ilog2+1-or-0':
      return v ? ilog2(v) + 1n : 0n;
    case 'minus':
      return v - rule.offset;
    case 'minus-constant': {
      const c = g.constants.find((x) => x.name === rule.constant);
      const cv = c ? cInteger(c.written) : null;
      return cv === null ? null : v - cv;
    }
    case 'plus': {
      const b = ev.macroValue(rule.macro);
      return b.ok ? b.value + v : null;
    }
  }
}

function shadowed(table: string, entries: Entry[]): Finding[] {
  const out: Finding[] = [];
  const last = new Map<bigint, Entry>();
  for (const e of entries) {
    if (e.index === null) continue;
    const prev = last.get(e.index);
    if (prev) out.push({ kind: 'shadowed', table, name: prev.full, file: prev.file, line: prev.line, detail: `[${e.index}] is also ${e.full} (${e.file.split('/').pop()}:${e.line}), which C keeps` });
    last.set(e.index, e);
  }
  return out;
}

function uncovered(w: WholeFamily, g: Generated, store: HeaderStore): Finding[] {
  const run = g.tables.flatMap((t) => t.runs).find((r) => r.family.header.dir === w.header.dir && r.family.header.file === w.header.file);
  if (!run) return [];
  const got = store.get(join(run.header));
  if (!got.ok) return [];
  const ev = got.header.evaluated();
  const taken = new Set(g.tables.flatMap((t) => t.entries.map((e) => e.full)));
  const out: Finding[] = [];
  const { prefix = '', suffix = '' } = w.select;
  for (const m of got.header.model.macros) {
    if (!m.name.startsWith(prefix) || !m.name.endsWith(suffix) || taken.has(m.name)) continue;
    const row: Row = { full: m.name, name: m.name.slice(prefix.length, m.name.length - suffix.length), file: m.file, line: m.line, kind: m.kind, body: m.body, grepped: true, spelled: { ok: false, why: '' }, context: m.context };
    const v = view(row, w, ev, got.header.lines, new Set());
    if (v.member !== true) continue;
    const excluded = g.tables.flatMap((t) => t.runs).some((r) => r.rows.some((x) => x.full === m.name && x.excludedBy));
    if (excluded) continue;
    out.push({ kind: 'uncovered', table: '', name: m.name, file: m.file, line: m.line, written: m.body, ...(v.value?.ok ? { value: v.value.value } : {}), detail: `${w.about}; no table's range takes ${v.value?.ok ? hex(v.value.value) : m.body}` });
  }
  return out;
}

/** arch_errno_names: a value `sort -nu` keeps one name of. */
function errnoCoverage(g: Generated, t: Table, tc: TableCoverage) {
  for (const d of g.errnoDropped.filter((x) => x.table === t.array)) {
    tc.findings.push({ kind: 'dropped-duplicate', table: t.array, name: d.name, file: d.file, line: d.line, value: d.value, detail: `shares ${d.value} with ${d.kept}, which the table keeps` });
  }
}

export function hex(v: bigint): string {
  return v < 0n ? '-0x' + (-v).toString(16) : '0x' + v.toString(16);
}
