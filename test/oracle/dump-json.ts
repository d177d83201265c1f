// The part of `kdrift dump --format json` the oracle reads: its own copy of the wire contract, not src/'s types.
//
// The oracle checks the contract as a user's script would see it, so it declares the fields it
// relies on here instead of importing the lead's internal types: a renamed field in src/ must
// fail the oracle, not silently follow it.

export interface DumpMacro {
  name: string;
  kind: 'object' | 'function';
  /** Decimal string of the 64-bit value (negative only when signed); null when not evaluated. */
  value: string | null;
  unsigned: boolean;
  reason?: string;
  file: string;
  line: number;
  context: string[];
}

export interface DumpEnumConstant {
  name: string;
  value: string | null;
  reason?: string;
}

export interface DumpEnum {
  name?: string;
  constants: DumpEnumConstant[];
}

export interface DumpMember {
  /** The name `offsetof` takes: members of anonymous records are flattened into their parent. */
  name: string;
  offset: number;
  size: number;
  /** Bitfields only: from the start of the record, and the width; offset/size are the storage unit's. */
  bit_offset?: number;
  bit_size?: number;
}

export interface DumpRecord {
  tag: 'struct' | 'union';
  /** The tag, or the typedef name of an anonymous record (then `typedef` is true). */
  name: string;
  typedef?: boolean;
  size: number | null;
  align: number | null;
  reason?: string;
  members: DumpMember[];
}

export interface DumpHeader {
  header: string;
  /** The include guard macro, which `macros` does not list (kdrift prints it; the contract does not name it). */
  guard?: string;
  macros: DumpMacro[];
  enums: DumpEnum[];
  records: DumpRecord[];
}

/** How C code names a record: `struct foo`, or the typedef name of an anonymous one. */
export function recordSpelling(r: Pick<DumpRecord, 'tag' | 'name' | 'typedef'>): string {
  return r.typedef ? r.name : `${r.tag} ${r.name}`;
}

/** Parses one JSON Lines record of `kdrift dump`, checking the fields the oracle uses. */
export function parseDumpLine(line: string): DumpHeader {
  const j = JSON.parse(line) as DumpHeader;
  const where = typeof j?.header === 'string' ? j.header : '(no "header" field)';
  const fail = (what: string): never => {
    throw new Error(`kdrift dump JSON for ${where}: ${what}`);
  };
  if (typeof j.header !== 'string') fail('"header" is not a string');
  if (!Array.isArray(j.macros) || !Array.isArray(j.enums) || !Array.isArray(j.records)) fail('"macros", "enums" or "records" is not an array');
  for (const m of j.macros) {
    if (typeof m.name !== 'string' || (m.kind !== 'object' && m.kind !== 'function')) fail(`macro ${JSON.stringify(m.name)} has no name or kind`);
    if (m.value !== null && !/^-?\d+$/.test(m.value)) fail(`macro ${m.name}: value ${JSON.stringify(m.value)} is not a decimal string`);
  }
  for (const e of j.enums) {
    for (const c of e.constants) {
      if (c.value !== null && !/^-?\d+$/.test(c.value)) fail(`enum constant ${c.name}: value ${JSON.stringify(c.value)} is not a decimal string`);
    }
  }
  for (const r of j.records) {
    if (r.tag !== 'struct' && r.tag !== 'union') fail(`record ${r.name}: tag ${JSON.stringify(r.tag)}`);
    if (!Array.isArray(r.members)) fail(`record ${r.name}: "members" is not an array`);
  }
  return j;
}
