// One generic check per file in ./checks, each defined through defineCheck and registered in
// ./checks/index.ts. A check reads one family and what the tree says about it elsewhere (the
// tools/ copy, rst literal blocks, tables) and returns findings; it never reads files itself.
import { FINDINGS, type FindingCode } from './codes.js';
import type { DocBlock } from './docs.js';
import type { Constant, Family, Finding } from './types.js';

/** The tools/ copy of the family's header, as constants of that copy. */
export interface ToolsCopy {
  file: string;
  constants: Constant[];
}

/** A table (e.g. a perf beauty string table) that should have one entry per member. */
export interface FamilyTable {
  /** What the table is, e.g. `tools/perf/trace/beauty/kvm_x86_disable_exits.sh`. */
  name: string;
  file: string;
  line: number;
  /** The prefix of the family it is for. */
  prefix: string;
  /** Member names (without the prefix or with it) the table has entries for. */
  entries: string[];
}

export interface CheckContext {
  family: Family;
  /** Every name the family's header defines (constants, other macros, enumerators). */
  defined: ReadonlySet<string>;
  /** Absent when the header has no tools/ copy. */
  tools?: ToolsCopy;
  /** Every literal block with #define lines found under Documentation/. */
  docs: readonly DocBlock[];
  tables: readonly FamilyTable[];
}

export interface Check {
  name: string;
  codes: readonly FindingCode[];
  run(ctx: CheckContext): Finding[];
}

export function defineCheck(check: Check): Check {
  return check;
}

/** A finding whose severity comes from the codes table. */
export function finding(code: FindingCode, family: Family, at: { name?: string; file: string; line: number }, message: string): Finding {
  const f: Finding = { severity: FINDINGS[code].severity, code, family: family.prefix, message, file: at.file, line: at.line };
  if (at.name !== undefined) f.name = at.name;
  return f;
}
