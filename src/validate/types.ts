// The plain data validate's stages hand to each other: constants read from one header, the
// families found among them, and findings. Built once by src/validate/constants.ts from an
// EvaluatedHeader; everything after that is pure functions over these types.
import type { FindingCode, Severity } from './codes.js';

/** What a constant is to family detection, decided by the small predicates of roles.ts. */
export type Role =
  | 'member' // a candidate member of a family
  | 'mask' // a valid-bits mask, `*_MASK`, `*_ALL`, or an OR of other constants
  | 'alias' // its body is one identifier naming another constant
  | 'sentinel' // `*_MAX`, `__*`, `NR_*`, `*_COUNT`, `*_SHIFT`: bounds and field positions, not members
  | 'ioctl'; // `_IO*(…)` numbers: grouped by their type argument, not by prefix

/** One integer constant (object-like macro or enumerator) active in a header. */
export interface Constant {
  name: string;
  /** Its value on the session's ABI, or null when it is not an integer constant. */
  value: bigint | null;
  /** Why value is null. */
  reason?: string;
  file: string;
  line: number;
  source: 'macro' | 'enum';
  /** The enum it belongs to (tag, or `<anonymous@LINE>`), for enumerators. */
  enumName?: string;
  /** Folded replacement text or initialiser; empty for an implicit enumerator. */
  body: string;
  /** Identifiers the body names, in order (from the lexer). */
  refs: string[];
  /** The body's top-level operators: `|` only, for an OR of constants. */
  orOfRefs: boolean;
  /** For an `_IO*(T, …)` body: T's spelling, which groups ioctl numbers. */
  ioctlType?: string;
  /** Macros written `#define   NAME` (more than one blank after define) nest under the one before. */
  nested: boolean;
  /** The top-level macro a nested macro follows, in source order. */
  parent?: string;
}

/** Constants of one header, in source order, plus the other names it defines (they break runs). */
export interface HeaderConstants {
  /** Path relative to the tree root (what findings print). */
  file: string;
  constants: Constant[];
  /** Lines of every other macro (function-like, non-integer), for contiguity. */
  breakers: { name: string; line: number; nested: boolean }[];
  /** Lines (1-based, sorted) that are blank: paragraph breaks. */
  blank: number[];
}

export interface FamilyMember {
  name: string;
  value: bigint;
  file: string;
  line: number;
}

export interface FamilyMask extends FamilyMember {
  /** `valid`: must cover every member (named *VALID*); `partial`: may cover a subset (*_MASK, *_ALL, an OR of some). */
  kind: 'valid' | 'partial';
  /** Member names the mask's body ORs, when it is written as an OR of constants. */
  refs: string[];
  /** `or`: an OR of constants; `other`: a literal or another expression. */
  written: 'or' | 'other';
}

export type FamilyKind = 'bits' | 'values';

export interface Family {
  /** The common prefix of its members, e.g. `KVM_X86_DISABLE_EXITS_`; or `enum NAME`, or `_IO(T, …)` for ioctl numbers. */
  prefix: string;
  header: string;
  kind: FamilyKind;
  members: FamilyMember[];
  masks: FamilyMask[];
  /** How it was found. */
  origin: 'prefix' | 'enum' | 'ioctl' | 'declared';
  /** Constants with the prefix that are not members, and why (sentinels, aliases, unevaluable). */
  excluded: { name: string; why: string }[];
}

export interface Finding {
  severity: Severity;
  code: FindingCode;
  family: string;
  name?: string;
  message: string;
  file: string;
  line: number;
}
