// The hand-off of `kdrift check`: what the pair list reader produces (PairSpec), what the
// comparison produces (PairResult), and the run around them (CheckRun). Reporters read only
// these types. Plain, immutable data: no file contents, no presentation state.
// Deliberately not modelled: the text of a difference (a later stage re-reads the files when
// it wants one), and anything of check-headers.sh beyond the pairs it checks and how.

/** How a pair compares under the options the script gives `diff`. */
export type PairStatus = 'identical' | 'differs' | 'missing-kernel' | 'missing-tools';

/** Which construct of the script (or the manifest) named the pair. */
export type PairVia = 'check' | 'check_2' | 'beauty_check' | 'check_ignore_some_hunks' | 'manifest' | (string & {});

/** Why the script lists a pair in its warning block. */
export type WarnReason =
  | 'differs' // diff found a change it does not ignore
  | 'missing-tools' // the tools copy is absent: diff fails
  | 'missing-kernel' // the kernel file is absent and the script does not test for it first
  | 'ignore-hunks-missing' // check_ignore_some_hunks without its hunks file
  | 'diff-trouble'; // diff would stop with an error (an invalid -I regex, an unknown option)

/** The `diff` options the script passes, as written and as understood. */
export interface DiffOptions {
  /** The argv between `diff` and the two files, after the script's own quoting is undone. */
  argv: readonly string[];
  /** -B, --ignore-blank-lines */
  ignoreBlankLines: boolean;
  /** -I RE, --ignore-matching-lines=RE: GNU basic regular expressions, as written. */
  ignoreMatching: readonly string[];
  /** -b, --ignore-space-change */
  ignoreSpaceChange: boolean;
  /** -w, --ignore-all-space */
  ignoreAllSpace: boolean;
  /** -i, --ignore-case */
  ignoreCase: boolean;
  /** --strip-trailing-cr */
  stripTrailingCr: boolean;
  /** -a, --text: never compare as binary */
  text: boolean;
  /** GNU diff options kdrift does not model; the pair is compared without them. */
  unmodelled: readonly string[];
  /** Options GNU diff rejects: diff stops with status 2, so the script warns for the pair. */
  invalid: readonly string[];
}

/** The check_ignore_some_hunks variant: `diff -u TOOLS KERNEL | grep -vf HUNKS | wc -l` must be 0. */
export interface IgnoreHunks {
  /** Tree-relative path of the file of grep patterns (one GNU BRE a line). */
  file: string;
  /**
   * What the script does when the hunks file is absent: with its `[ ! -f ... ]` guard it prints
   * `message` and lists the pair; without one, grep fails silently and the pair passes.
   */
  missing: { warns: boolean; message?: string };
}

/** Where a pair was named: the line of the list entry when known, else of the call. */
export interface PairOrigin {
  file: string;
  line: number;
  /** The line of the call that checked it, when that differs (a `for` loop over a list). */
  callLine?: number;
  via: PairVia;
}

/** One pair to compare: paths relative to the tree root, as the script's `diff -u` line shows them. */
export interface PairSpec {
  tools: string;
  kernel: string;
  diff: DiffOptions;
  ignoreHunks?: IgnoreHunks;
  /** The script tests `-f KERNEL` before diffing: a missing kernel file is skipped, not warned. */
  requiresKernel: boolean;
  origin: PairOrigin;
}

/** What comparing one pair found. */
import type { FileDiff } from '../diff/types.js';
import type { TableImpact } from '../tables/impact.js';

export interface PairResult {
  spec: PairSpec;
  status: PairStatus;
  /** The script would list this pair in its warning block. */
  warned: boolean;
  reason?: WarnReason;
  /** Both files exist and are byte-for-byte equal (decided without reading lines). */
  bytesIdentical: boolean;
  /**
   * Hunks of the line diff (GNU diff's grouping) and how many the options ignore; absent when
   * no line diff was needed (missing or identical files, or a difference decided on the bytes).
   */
  hunks?: { total: number; ignored: number };
  /** check_ignore_some_hunks: diff -u lines left after the grep filter (0 means clean). */
  unfilteredLines?: number;
  /** One of the files holds NUL bytes: GNU diff compares it as binary, ignoring -B/-I. */
  binary?: boolean;
  /** Something diff or grep would stop on (an invalid -I regex, a bad hunks pattern). */
  problem?: ListWarning;
  /** What the difference means for userspace (src/diff), for pairs that differ. */
  semantic?: FileDiff;
  /**
   * For a differing pair whose tools copy feeds perf's generated tables: each table fed by it,
   * regenerated from the kernel's version, with the entries a sync would add, remove or change
   * (all empty: the sync leaves that table as is). Absent when no table reads the tools copy.
   */
  tables?: TableImpact[];
}

/** A construct of the pair list kdrift did not understand, or a problem in it. Never fatal. */
export interface ListWarning {
  file: string;
  line?: number;
  message: string;
}

/** Where the pair list came from. */
export interface PairSource {
  kind: 'script' | 'manifest';
  /** Path as kdrift reports it: tree-relative for the script, as given for a manifest. */
  path: string;
}

/** What the reader of a pair list hands on. */
export interface PairList {
  source: PairSource;
  pairs: readonly PairSpec[];
  warnings: readonly ListWarning[];
  /**
   * The script's early exit when the kernel headers are absent (`if ! [ -d ../../include ]`),
   * as a tree-relative directory and the line of the test.
   */
  guard?: { dir: string; shown: string; line: number };
}

/** Everything a reporter is told before the first pair. */
export interface CheckRun {
  /** Absolute path of the tree root. */
  tree: string;
  source: PairSource;
  warnings: readonly ListWarning[];
  /** Set when the check did not run: the script's own skip message (without colour). */
  skipped?: string;
  /** --strict: differences are failures. */
  strict: boolean;
}

export interface CheckSummary {
  pairs: number;
  identical: number;
  differs: number;
  missingKernel: number;
  missingTools: number;
  /** Pairs the script would list in its warning block. */
  warned: number;
  /** Hunks ignored under -B/-I across all pairs. */
  ignoredHunks: number;
}

export function summarize(results: readonly PairResult[]): CheckSummary {
  const s: CheckSummary = { pairs: 0, identical: 0, differs: 0, missingKernel: 0, missingTools: 0, warned: 0, ignoredHunks: 0 };
  for (const r of results) {
    s.pairs++;
    if (r.status === 'identical') s.identical++;
    else if (r.status === 'differs') s.differs++;
    else if (r.status === 'missing-kernel') s.missingKernel++;
    else s.missingTools++;
    if (r.warned) s.warned++;
    s.ignoredHunks += r.hunks?.ignored ?? 0;
  }
  return s;
}
