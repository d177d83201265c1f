// The C translation unit that asks gcc, as initialised constants, every value kdrift claims for one header.
//
// One query is one droppable group of lines holding one object named `__kdo_<id>`: when gcc
// rejects a line, the query on it is dropped and the unit rebuilt (gcc.ts). Nothing is run: the
// values are read back from the assembly of `gcc -S` (asm.ts).
import { recordSpelling, type DumpHeader } from './dump-json.js';

/** What one object of the unit holds. Every query knows the kdrift entry it answers. */
export type Query =
  /** `__kdo_<id>` = {value, type class, unsigned} of an object-like macro; `__kdo_<id>_u` exists when it is undefined. */
  | { kind: 'macro'; id: number; name: string }
  /** `__kdo_<id>` = {value, type class, unsigned} of an enum constant. */
  | { kind: 'enum'; id: number; name: string }
  /** `__kdo_<id>` = {sizeof, _Alignof} of a record. */
  | { kind: 'record'; id: number; record: string }
  /** `__kdo_<id>` = offsetof of a member. */
  | { kind: 'offset'; id: number; record: string; member: string }
  /** `__kdo_<id>` = sizeof of a member. */
  | { kind: 'size'; id: number; record: string; member: string }
  /** `__kdo_<id>` = the record with this bitfield set to all ones: its set bits are the field. */
  | { kind: 'bits'; id: number; record: string; member: string };

export const LABEL_PREFIX = '__kdo_';

/**
 * {value as unsigned long long, __builtin_classify_type, is the type unsigned}. The value and the
 * signedness go through __builtin_choose_expr so that a pointer, string, float or struct (type
 * class outside 1..4: integer, char, enum, bool) yields zeros instead of an error; the type class
 * tells them apart. The argument is used only in this one macro: passing it on to another macro
 * would split an expansion that holds commas. The prologue comes after the #include, so it
 * changes nothing the header decides.
 */
const PROLOGUE = [
  'typedef unsigned long long __kdo_u64;',
  // headers that use offsetof without including <stddef.h> get what a program including it would
  '#ifndef offsetof',
  '#define offsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)',
  '#endif',
  '#define __KDO_INT(x) { (__kdo_u64)__builtin_choose_expr(__builtin_classify_type(x) - 1u < 4u, (x), 0), ' +
    '(__kdo_u64)__builtin_classify_type(x), ' +
    '(__typeof__(__builtin_choose_expr(__builtin_classify_type(x) - 1u < 4u, (x), 0)))-1 > 0 }',
];

/** Number of lines before the first query: the #include and the prologue. */
export const PROLOGUE_LINES = 1 + PROLOGUE.length;

/**
 * One query per thing kdrift lists for the header: macros (object-like, once per name), enum
 * constants, records and members; plus a record query for each of `moreRecords` (C spellings)
 * kdrift does not list.
 */
export function queriesFor(dump: DumpHeader, moreRecords: readonly string[] = []): Query[] {
  const qs: Query[] = [];
  let id = 0;
  const macroNames = new Set<string>();
  for (const m of dump.macros) {
    if (m.kind !== 'object' || macroNames.has(m.name)) continue;
    macroNames.add(m.name);
    qs.push({ kind: 'macro', id: id++, name: m.name });
  }
  for (const e of dump.enums) for (const c of e.constants) qs.push({ kind: 'enum', id: id++, name: c.name });
  const records = new Set<string>();
  for (const r of dump.records) {
    const record = recordSpelling(r);
    if (records.has(record)) continue;
    records.add(record);
    qs.push({ kind: 'record', id: id++, record });
    for (const m of r.members) {
      if (!m.name) continue;
      if (m.bit_size !== undefined) {
        qs.push({ kind: 'bits', id: id++, record, member: m.name });
      } else {
        qs.push({ kind: 'offset', id: id++, record, member: m.name });
        qs.push({ kind: 'size', id: id++, record, member: m.name });
      }
    }
  }
  for (const record of moreRecords) if (!records.has(record)) qs.push({ kind: 'record', id: id++, record });
  return qs;
}

function queryLines(q: Query): string[] {
  const obj = `${LABEL_PREFIX}${q.id}`;
  switch (q.kind) {
    case 'macro':
      return [`#ifdef ${q.name}`, `const __kdo_u64 ${obj}[3] = __KDO_INT(${q.name});`, '#else', `const char ${obj}_u = 1;`, '#endif'];
    case 'enum':
      // a macro of the same name (`#define __FOO_MAX (__FOO_MAX - 1)`) must not stand in for the constant
      return unmacro(q.name, `const __kdo_u64 ${obj}[3] = __KDO_INT(${q.name});`);
    case 'record':
      return [`const __kdo_u64 ${obj}[2] = { sizeof(${q.record}), _Alignof(${q.record}) };`];
    case 'offset':
      return unmacro(q.member, `const __kdo_u64 ${obj} = __builtin_offsetof(${q.record}, ${q.member});`);
    case 'size':
      return unmacro(q.member, `const __kdo_u64 ${obj} = sizeof(((${q.record} *)0)->${q.member});`);
    case 'bits':
      // `.io.flags = -1`: a member of a named member of anonymous record type
      return unmacro(q.member, `const ${q.record} ${obj} = { .${q.member} = -1 };`);
  }
}

/**
 * `line` with no macro named `name` in force: a member is asked for by the name it was declared
 * with, which a later `#define sa_handler _u._sa_handler` would otherwise turn into another one.
 */
function unmacro(member: string, line: string): string[] {
  // `io.flags` is two names, either of which a macro could stand for
  const names = member.split('.');
  return [...names.flatMap((n) => [`#pragma push_macro("${n}")`, `#undef ${n}`]), line, ...names.reverse().map((n) => `#pragma pop_macro("${n}")`)];
}

export interface Unit {
  text: string;
  /** 1-based line of the unit -> the query whose group holds it. */
  queryAt: Map<number, Query>;
}

/** The unit for `#include <include>` with these queries. */
export function renderUnit(include: string, queries: readonly Query[]): Unit {
  const lines = [`#include <${include}>`, ...PROLOGUE];
  const queryAt = new Map<number, Query>();
  for (const q of queries) {
    for (const l of queryLines(q)) {
      lines.push(l);
      queryAt.set(lines.length, q);
    }
  }
  return { text: lines.join('\n') + '\n', queryAt };
}
