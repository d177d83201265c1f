// C types as plain data. Records and enums are referenced by key into a type environment,
// so that a type can name a record before its definition is complete.
import type { FloatName, IntName } from './abi.js';

export type CType =
  | { k: 'int'; name: IntName }
  | { k: 'float'; name: FloatName }
  | { k: 'void' }
  | { k: 'ptr'; to: CType }
  | { k: 'array'; of: CType; len: number | null }
  | { k: 'record'; key: string }
  | { k: 'enum'; key: string }
  | { k: 'func' }
  /** A typedef name, kept so that alignment attributes on typedefs apply. */
  | { k: 'named'; name: string; of: CType; align?: number };

export interface MemberDef {
  /** Absent for unnamed bitfields and anonymous records. */
  name?: string;
  type: CType;
  bitWidth?: number;
  /** `__attribute__((aligned(N)))` on the member. */
  align?: number;
  packed?: boolean;
  line: number;
}

export interface RecordDef {
  key: string;
  tag: 'struct' | 'union';
  name?: string;
  file: string;
  line: number;
  members: MemberDef[] | null; // null: declared, not defined (or not realisable: see reason)
  reason?: string;
  /** For an anonymous record declared through a typedef: that typedef's name. */
  typedefName?: string;
  packed: boolean;
  align?: number;
  /** `#pragma pack(N)` in force where the record was defined: caps every member's alignment. */
  pack?: number;
  attributes: string[];
}

export interface EnumDef {
  key: string;
  name?: string;
  /** Underlying integer type gcc picks from the values. */
  base: IntName;
  packed: boolean;
}

export const INT_TYPES: Record<IntName, CType> = {
  bool: { k: 'int', name: 'bool' },
  char: { k: 'int', name: 'char' },
  schar: { k: 'int', name: 'schar' },
  uchar: { k: 'int', name: 'uchar' },
  short: { k: 'int', name: 'short' },
  ushort: { k: 'int', name: 'ushort' },
  int: { k: 'int', name: 'int' },
  uint: { k: 'int', name: 'uint' },
  long: { k: 'int', name: 'long' },
  ulong: { k: 'int', name: 'ulong' },
  llong: { k: 'int', name: 'llong' },
  ullong: { k: 'int', name: 'ullong' },
  int128: { k: 'int', name: 'int128' },
  uint128: { k: 'int', name: 'uint128' },
};

/** Strips typedef names. */
export function resolved(t: CType): CType {
  while (t.k === 'named') t = t.of;
  return t;
}

export function isUnsignedInt(name: IntName, charSigned: boolean): boolean {
  switch (name) {
    case 'bool':
    case 'uchar':
    case 'ushort':
    case 'uint':
    case 'ulong':
    case 'ullong':
    case 'uint128':
      return true;
    case 'char':
      return !charSigned;
    default:
      return false;
  }
}

/**
 * Maps a multiset of C type-specifier keywords to a type (C11 6.7.2), e.g.
 * `unsigned long int` → ulong. Returns null for an invalid combination.
 */
export function typeFromKeywords(words: string[]): CType | null {
  let signedness: 'signed' | 'unsigned' | null = null;
  let longs = 0;
  let base: string | null = null;
  for (const w of words) {
    if (w === 'signed' || w === 'unsigned') signedness = w;
    else if (w === 'long') longs++;
    else if (w === 'int' && base === null) base = 'int';
    else if (w === 'int' && (base === 'short' || base === 'int')) continue;
    else if (w === 'short') base = 'short';
    else if (w === 'char' || w === 'void' || w === 'float' || w === 'double' || w === '_Bool' || w === 'bool' || w === '__int128' || w === '__int128_t' || w === '__uint128_t') base = w;
    else if (w === '_Complex' || w === '_Imaginary') continue;
    else return null;
  }
  const u = signedness === 'unsigned';
  switch (base) {
    case 'void':
      return { k: 'void' };
    case 'float':
      return { k: 'float', name: 'float' };
    case 'double':
      return { k: 'float', name: longs ? 'ldouble' : 'double' };
    case '_Bool':
    case 'bool':
      return INT_TYPES.bool;
    case 'char':
      return INT_TYPES[signedness === null ? 'char' : u ? 'uchar' : 'schar'];
    case 'short':
      return INT_TYPES[u ? 'ushort' : 'short'];
    case '__int128':
      return INT_TYPES[u ? 'uint128' : 'int128'];
    case '__int128_t':
      return INT_TYPES.int128;
    case '__uint128_t':
      return INT_TYPES.uint128;
    default:
      if (longs >= 2) return INT_TYPES[u ? 'ullong' : 'llong'];
      if (longs === 1) return INT_TYPES[u ? 'ulong' : 'long'];
      if (base === 'int' || signedness !== null) return INT_TYPES[u ? 'uint' : 'int'];
      return null;
  }
}

export const TYPE_KEYWORDS = new Set([
  'void', 'char', 'short', 'int', 'long', 'float', 'double', 'signed', 'unsigned', '_Bool', 'bool',
  '_Complex', '_Imaginary', '__int128', '__int128_t', '__uint128_t',
]);
export const QUALIFIERS = new Set(['const', 'volatile', 'restrict', '_Atomic', 'register', 'static', 'extern', 'inline', 'auto', '_Noreturn', '_Thread_local', '__thread']);

/**
 * A type as the compiler sees it: through typedefs (an alignment a typedef adds kept, as `@N`),
 * so that `__u32` and `unsigned int` are one type. Null where only the spelling can tell: an
 * anonymous record or enum (its key is its place), a function type (its parameters are not kept).
 */
export function canonicalType(t: CType): string | null {
  switch (t.k) {
    case 'int':
    case 'float':
      return t.name;
    case 'void':
      return 'void';
    case 'ptr': {
      const to = canonicalType(t.to);
      return to === null ? null : `${to}*`;
    }
    case 'array': {
      const of = canonicalType(t.of);
      return of === null ? null : `${of}[${t.len ?? ''}]`;
    }
    case 'record':
    case 'enum':
      return t.key.includes('<anonymous') ? null : t.key;
    case 'func':
      return null;
    case 'named': {
      const of = canonicalType(t.of);
      return of === null ? null : t.align !== undefined ? `${of}@${t.align}` : of;
    }
  }
}
