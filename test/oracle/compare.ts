// Compares gcc's answers with kdrift's JSON for one header: counts per category and the disagreements.
//
// Verdicts, per thing kdrift lists:
//   same        both give a value and the values are equal
//   neither     neither gives a value (gcc: undefined, not an integer, rejected; kdrift: null)
//   differ      a disagreement: different values, a value only gcc computes, or something the
//               header defines (macro, record) that kdrift does not list
//   kdrift-only gcc rejects a macro or enum constant that kdrift evaluates (fails: KDRIFT_ONLY_FAILS)
// For records and members there is no kdrift-only: gcc rejecting sizeof/offsetof of a record or
// member kdrift lays out means kdrift sees a record or member that C does not.
import type { DumpHeader, DumpMacro, DumpMember, DumpRecord } from './dump-json.js';
import { recordSpelling } from './dump-json.js';
import { TYPE_CLASSES, type GccAnswers, type GccMember, type GccRecord, type GccValue } from './gcc.js';
import type { Abi } from './toolchain.js';

/** `header`: whether each side reads the header at all (name `#include`). */
export const CATEGORIES = ['header', 'macro', 'enum', 'record', 'member'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Disagreement {
  abi: Abi;
  /** As `#include <…>` names it. */
  header: string;
  kind: Category;
  /** Macro or enum constant name, `struct foo` (or a typedef name), `struct foo.member`; `#include` for the header itself. */
  name: string;
  gcc: string;
  kdrift: string;
}

export interface Counts {
  same: number;
  neither: number;
  differ: number;
  kdriftOnly: number;
}

export interface Comparison {
  counts: Record<Category, Counts>;
  disagreements: Disagreement[];
  /** Macros and enum constants gcc rejects and kdrift evaluates. */
  kdriftOnly: Disagreement[];
  /** Headers gcc cannot compile on their own (nothing of theirs was checked). */
  uncompilable: { abi: Abi; header: string; error: string }[];
  /** Every (abi, header, name) that was compared, whatever the verdict: to tell a stale known disagreement from one that does not apply. */
  compared: Set<string>;
}

/**
 * Whether a value only kdrift computes fails the oracle (unless listed as a known disagreement).
 * It does: every identifier a uapi header's macro needs is either in its includes, where gcc
 * finds it too, or nowhere (kernel-only: PAGE_SIZE), where kdrift must not invent a value either;
 * the one common exception, `offsetof` used without <stddef.h>, the unit's prologue supplies.
 * So a value gcc rejects means kdrift accepts what C does not. They are counted apart all the same.
 */
export const KDRIFT_ONLY_FAILS = true;

export function emptyComparison(): Comparison {
  const counts = {} as Record<Category, Counts>;
  for (const c of CATEGORIES) counts[c] = { same: 0, neither: 0, differ: 0, kdriftOnly: 0 };
  return { counts, disagreements: [], kdriftOnly: [], uncompilable: [], compared: new Set() };
}

export function comparedKey(abi: Abi | undefined, header: string, name: string): string {
  return `${abi ?? '*'}\0${header}\0${name}`;
}

export const HEADER_NAME = '#include';

type Add = (kind: Category, name: string, verdict: keyof Counts, gcc?: string, kdrift?: string) => void;

function adder(into: Comparison, abi: Abi, header: string): Add {
  return (kind, name, verdict, gccText = '', kdriftText = '') => {
    into.counts[kind][verdict]++;
    into.compared.add(comparedKey(abi, header, name));
    if (verdict === 'differ') into.disagreements.push({ abi, header, kind, name, gcc: gccText, kdrift: kdriftText });
    if (verdict === 'kdriftOnly') into.kdriftOnly.push({ abi, header, kind, name, gcc: gccText, kdrift: kdriftText });
  };
}

/** A header `kdrift dump` gave no JSON for: a disagreement unless gcc cannot compile it alone either. */
export function compareMissingDump(
  abi: Abi,
  header: string,
  gccError: string | null,
  kdriftError: string,
  into: Comparison = emptyComparison(),
): Comparison {
  if (gccError !== null) {
    into.uncompilable.push({ abi, header, error: gccError });
    adder(into, abi, header)('header', HEADER_NAME, 'neither');
  } else adder(into, abi, header)('header', HEADER_NAME, 'differ', 'compiles', `no JSON: ${kdriftError}`);
  return into;
}

/** Adds the comparison of one header on one ABI to `into`. */
export function compareHeader(gcc: GccAnswers, dump: DumpHeader, into: Comparison = emptyComparison()): Comparison {
  const { abi, include: header } = gcc;
  const add = adder(into, abi, header);
  if (!gcc.compiled) {
    // kdrift reading what gcc cannot is not checked further, and not a disagreement
    into.uncompilable.push({ abi, header, error: gcc.error ?? '' });
    add('header', HEADER_NAME, 'neither');
    return into;
  }
  add('header', HEADER_NAME, 'same');

  const macros = macrosByName(dump);
  for (const [name, entries] of macros) {
    const g = gcc.macros.get(name);
    if (!g) continue;
    const k = effectiveMacro(entries);
    const where = gcc.defines?.macros.get(name);
    if (g.state !== 'undefined' && where && where.file !== gcc.defines!.header && k?.value === null) {
      // the header's own definition is inactive (`#ifndef X`) and another file's is in force
      add('macro', name, 'neither');
      continue;
    }
    compareValue('macro', name, g, k ? { value: k.value, unsigned: k.unsigned, reason: k.reason } : null, add);
  }
  // silent drops: every macro the header leaves defined is listed, object-like or function-like
  const listed = new Set(dump.macros.map((m) => m.name));
  for (const [name, where] of gcc.defines?.macros ?? []) {
    if (where.file === gcc.defines!.header && !listed.has(name) && name !== dump.guard) add('macro', name, 'differ', `defined at line ${where.line}`, 'not listed');
  }
  for (const e of dump.enums) {
    for (const c of e.constants) {
      const g = gcc.enums.get(c.name);
      if (!g) continue;
      compareValue('enum', c.name, g, { value: c.value, unsigned: null, reason: c.reason }, add);
    }
  }
  const seen = new Set<string>();
  for (const r of dump.records) {
    const spelling = recordSpelling(r);
    if (seen.has(spelling)) continue;
    seen.add(spelling);
    const g = gcc.records.get(spelling);
    if (!g) continue;
    compareRecord(spelling, g, r, add);
  }
  // silent drops: a record the header's text defines that gcc has complete and kdrift does not list
  for (const [spelling, g] of gcc.records) {
    if (!seen.has(spelling) && g.size !== undefined) add('record', spelling, 'differ', `size ${g.size} align ${g.align}`, 'not listed');
  }
  return into;
}

/** Object-like macros by name, in the order of the header. */
function macrosByName(dump: DumpHeader): Map<string, DumpMacro[]> {
  const by = new Map<string, DumpMacro[]>();
  for (const m of dump.macros) {
    if (m.kind !== 'object') continue;
    const list = by.get(m.name);
    if (list) list.push(m);
    else by.set(m.name, [m]);
  }
  return by;
}

/** The definition of a name that holds kdrift's value (the last one evaluated), else the last one not merely inactive. */
function effectiveMacro(entries: DumpMacro[]): DumpMacro | null {
  const valued = entries.filter((m) => m.value !== null);
  if (valued.length) return valued[valued.length - 1];
  return entries[entries.length - 1] ?? null;
}

function compareValue(
  kind: 'macro' | 'enum',
  name: string,
  g: GccValue,
  k: { value: string | null; unsigned: boolean | null; reason?: string } | null,
  add: Add,
): void {
  const kText = !k ? 'not listed' : k.value === null ? `null (${k.reason ?? 'no reason'})` : `${k.value}${k.unsigned ? 'u' : ''}`;
  if (g.state !== 'integer') {
    if (!k || k.value === null) return add(kind, name, 'neither');
    return add(kind, name, g.state === 'error' ? 'kdriftOnly' : 'differ', gccText(g), kText);
  }
  if (!k || k.value === null) return add(kind, name, 'differ', gccText(g), kText);
  // enum constants carry no signedness in the contract: their value is read in gcc's type
  const same = k.value === g.value.toString() && (k.unsigned === null || k.unsigned === g.unsigned);
  add(kind, name, same ? 'same' : 'differ', gccText(g), kText);
}

function gccText(g: GccValue): string {
  switch (g.state) {
    case 'integer':
      return `${g.value}${g.unsigned ? 'u' : ''}`;
    case 'not-integer':
      return `not an integer (${TYPE_CLASSES[g.typeClass] ?? `type class ${g.typeClass}`})`;
    case 'undefined':
      return 'undefined';
    case 'error':
      return 'rejected';
  }
}

function compareRecord(spelling: string, g: GccRecord, r: DumpRecord, add: Add): void {
  const gText = g.size === undefined ? 'rejected' : `size ${g.size} align ${g.align}`;
  const kText = r.size === null ? `null (${r.reason ?? 'no reason'})` : `size ${r.size} align ${r.align}`;
  if (g.size === undefined && r.size === null) add('record', spelling, 'neither');
  else add('record', spelling, gText === kText ? 'same' : 'differ', gText, kText);
  for (const m of r.members) {
    if (!m.name) continue;
    const gm = g.members.get(m.name);
    if (!gm) continue;
    const [gm1, km1] = [memberText(gm, m), memberText(null, m)];
    add('member', `${spelling}.${m.name}`, gm1 === km1 ? 'same' : 'differ', gm1, km1);
  }
}

/**
 * A member as text, gcc's (from `g`) or kdrift's (g null): `offset O size S`, or `bits O+W` for
 * a bitfield. A flexible array member has no sizeof in C; kdrift gives it size 0, and that is
 * taken as agreement when gcc rejects exactly that sizeof.
 */
function memberText(g: GccMember | null, m: DumpMember): string {
  if (m.bit_size !== undefined) {
    if (!g) return `bits ${m.bit_offset}+${m.bit_size}`;
    if (g.bits === undefined) return 'rejected';
    return g.bits === null ? 'bits: no single run of set bits' : `bits ${g.bits.offset}+${g.bits.width}`;
  }
  if (!g) return `offset ${m.offset} size ${m.size}`;
  if (g.offset === undefined) return 'rejected';
  const size = g.size ?? (m.size === 0 ? 0 : 'rejected');
  return `offset ${g.offset} size ${size}`;
}

/** Adds `b` into `a`. */
export function mergeComparisons(a: Comparison, b: Comparison): Comparison {
  for (const c of CATEGORIES) for (const k of Object.keys(a.counts[c]) as (keyof Counts)[]) a.counts[c][k] += b.counts[c][k];
  a.disagreements.push(...b.disagreements);
  a.kdriftOnly.push(...b.kdriftOnly);
  a.uncompilable.push(...b.uncompilable);
  for (const k of b.compared) a.compared.add(k);
  return a;
}
