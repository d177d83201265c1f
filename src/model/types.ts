// The header model: plain, immutable data that every feature (diff, tables, validate, check)
// reads. Built by src/model/build.ts from what src/c/ parses and evaluates.
// Deliberately not modelled: function bodies, initialisers of variables, K&R declarations,
// floating-point values (a float macro evaluates to null with a reason).

import type { Abi } from '../c/abi.js';
import type { MemberLayout, RecordLayout } from '../c/layout.js';
export type { Abi, MemberLayout, RecordLayout };
export { ABIS } from '../c/abi.js';

/** One enclosing preprocessor branch, as the condition that must hold for the entity to exist. */
export interface Condition {
  /** Normalised C text: `defined(__KERNEL__)`, `!defined(__ASSEMBLY__)`, `!(A) && (B)` for an #elif. */
  text: string;
  /** Line of the #if/#ifdef/#ifndef/#elif/#else that opened the branch. */
  line: number;
}

/** Where an entity stands, and under which conditions. The include guard is not listed. */
export interface Place {
  file: string;
  line: number;
  context: Condition[];
}

export interface Macro extends Place {
  name: string;
  kind: 'object' | 'function';
  /** Parameter names of a function-like macro (`...` for variadic). */
  params?: string[];
  /** The replacement list as written, comments removed, whitespace folded to single spaces. */
  body: string;
}

export interface EnumConstant extends Place {
  name: string;
  /** The initialiser as written (folded), absent for an implicit value. */
  body?: string;
}

export interface Enum extends Place {
  /** Tag; absent for an anonymous enum. */
  name?: string;
  constants: EnumConstant[];
}

export interface Member {
  /** Name as a C program reaches it; members of anonymous records are flattened into their parent. */
  name: string;
  /** Type as written after macro expansion, e.g. `__u32`, `struct kvm_regs`, `__u8[16]`. */
  type: string;
  line: number;
  bitWidth?: number;
  context: Condition[];
}

export interface Record extends Place {
  tag: 'struct' | 'union';
  /** Tag name; anonymous records that are reachable only through a typedef take the typedef's name. */
  name: string;
  members: Member[];
  attributes: string[];
  /** The record is anonymous and `name` is the typedef that names it. */
  viaTypedef?: boolean;
  /**
   * Member declarations that could not be read even after macro expansion (a macro call the
   * include path does not define): their members are unknown.
   */
  unread?: UnreadMember[];
}

export interface UnreadMember {
  /** As written after expansion: `__DECLARE_FLEX_ARRAY(__u32, indices)`. */
  text: string;
  line: number;
}

export interface Typedef extends Place {
  name: string;
  /** The aliased type as written after macro expansion. */
  type: string;
}

export interface Declaration extends Place {
  name: string;
  kind: 'function' | 'variable';
  /** The declaration as written (folded). */
  text: string;
}

export interface Include extends Place {
  path: string;
  system: boolean;
}

/** Where tree-sitter could not parse even after macro expansion. Counted and reported, never skipped silently. */
export interface ParseProblem {
  file: string;
  line: number;
  column: number;
  /** `error` (an ERROR node) or `missing` (a MISSING node). */
  kind: 'error' | 'missing';
  /** What kdrift did instead, e.g. "declaration skipped". */
  fallback: string;
  /** Whether macro expansion repaired it (then it is not a problem of the header). */
  repaired: boolean;
}

/** The source-level model of one header: every entity of every branch, no evaluation. */
export interface HeaderModel {
  file: string;
  /** The include guard macro, if the header has the classic #ifndef/#define/#endif guard. */
  guard?: string;
  macros: Macro[];
  enums: Enum[];
  records: Record[];
  typedefs: Typedef[];
  declarations: Declaration[];
  includes: Include[];
  problems: ParseProblem[];
}

// ---- evaluation on one ABI -------------------------------------------------------------

/** The value of an integer constant on one ABI. `value` is the 64-bit value, read as unsigned when `unsigned`. */
export type Evaluated =
  | { ok: true; value: bigint; unsigned: boolean; bits: number }
  | { ok: false; reason: string };

export type Laid = ({ ok: true } & RecordLayout) | { ok: false; reason: string };

/** A header evaluated on one ABI: gives values and layouts by name. */
export interface EvaluatedHeader {
  abi: Abi;
  model: HeaderModel;
  /** Whether the entity's context holds on this ABI (the branch gcc would take). */
  isActive(place: Place): boolean;
  /** Value of a macro as a C program sees it after including the header. */
  macroValue(name: string): Evaluated;
  enumValue(name: string): Evaluated;
  /** A declaration's type as the compiler sees it, parameters included; null where none can be spelled, undefined for no such declaration. */
  declarationCanon(name: string): string | null | undefined;
  /** A typedef's type as the compiler sees it (ctype.ts canonicalType); null where none can be spelled, undefined for no such typedef. */
  typedefCanon(name: string): string | null | undefined;
  /** Layout of `struct NAME` / `union NAME` / typedef NAME; `types`: each member's `canon` too. */
  layout(tag: 'struct' | 'union', name: string, viaTypedef?: boolean, types?: boolean): Laid;
  /**
   * The header's own statement holding a line, when it is macro calls that declare nothing
   * once expanded (`__SYSCALL(nr, f)` where `__SYSCALL` expands to nothing): its lines and the
   * tokens it expanded to, spelled. Undefined for anything else.
   */
  callAt(line: number): { from: number; to: number; expansion: string } | undefined;
  /** Problems met while evaluating (missing includes, unparsable declarations, …). */
  diagnostics: Diagnostic[];
  /** The files the translation unit read, and the paths include search found empty. */
  dependencies: { files: string[]; absent: string[] };
}

export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  col?: number;
  message: string;
}
