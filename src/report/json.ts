// JSON output: the wire type below, version 1, written once at the end. It is the contract
// (`tree`, `pairs[].tools|kernel|status|options`, `summary`); fields may be added, never
// renamed. Built from the check records field by field, never a dump of internal objects.
import { changeJson, type ChangeJsonV1 } from './diff-json.js';
import { oneSided } from './diff-text.js';
import type { CheckRun, CheckSummary, PairResult, PairStatus, WarnReason } from '../check/types.js';
import type { Reporter, ReporterEnv } from './reporter.js';

export const JSON_SCHEMA_VERSION = 1;

export interface JsonWarningV1 {
  file: string;
  line?: number;
  message: string;
}

/** A table a pair's tools copy feeds: the entries (define names) a sync would add, remove or re-index. */
export interface JsonTableImpactV1 {
  table: string;
  generator: string;
  added: string[];
  removed: string[];
  changed: string[];
}

export interface JsonPairV1 {
  /** The semantic diff's verdict (pairs that differ): identical, equivalent, additive, differs, incompatible. */
  verdict?: string;
  changes?: ChangeJsonV1[];
  /**
   * What the model could not read in one of the compared files and not in the other (absent
   * when nothing): the verdict rests on the rest. Problems both sides share weigh on neither.
   */
  diagnostics?: { side: 'tools' | 'kernel'; file: string; line: number; severity: 'error' | 'warning'; message: string; abis: string[] }[];
  /** Files compared as text: how many lines changed. */
  changedLines?: number;
  /** Differing pairs whose tools copy feeds generated tables: every such table, regenerated from the kernel's version. */
  tables?: JsonTableImpactV1[];
  tools: string;
  kernel: string;
  status: PairStatus;
  /** diff's options as the script passes them (argv). */
  options: string[];
  /** The script would list the pair in its warning block. */
  warned: boolean;
  reason?: WarnReason;
  /** The construct that named the pair (`check`, `check_2`, `beauty_check`, ..., `manifest`). */
  via: string;
  /** Line of the pair's entry in the script (or its index + 1 in a manifest), and of the call. */
  line?: number;
  callLine?: number;
  bytesIdentical: boolean;
  /** Absent when no line diff was made (missing or byte-identical files). */
  hunks?: { total: number; ignored: number };
  ignoreHunks?: string;
  unfilteredLines?: number;
  binary?: boolean;
  problem?: JsonWarningV1;
}

export interface JsonReportV1 {
  schemaVersion: typeof JSON_SCHEMA_VERSION;
  tool: { name: 'kdrift'; version: string };
  tree: string;
  source: { kind: 'script' | 'manifest'; path: string };
  /** Present when the check did not run (the script's early exit). */
  skipped?: string;
  strict: boolean;
  pairs: JsonPairV1[];
  warnings: JsonWarningV1[];
  summary: CheckSummary;
}

export function toJsonPair(r: PairResult): JsonPairV1 {
  const p: JsonPairV1 = {
    tools: r.spec.tools,
    kernel: r.spec.kernel,
    status: r.status,
    options: [...r.spec.diff.argv],
    warned: r.warned,
    via: r.spec.origin.via,
    bytesIdentical: r.bytesIdentical,
  };
  if (r.hunks) p.hunks = { total: r.hunks.total, ignored: r.hunks.ignored };
  if (r.reason) p.reason = r.reason;
  if (r.spec.origin.line) p.line = r.spec.origin.line;
  if (r.spec.origin.callLine !== undefined) p.callLine = r.spec.origin.callLine;
  if (r.spec.ignoreHunks) p.ignoreHunks = r.spec.ignoreHunks.file;
  if (r.unfilteredLines !== undefined) p.unfilteredLines = r.unfilteredLines;
  if (r.binary) p.binary = true;
  if (r.problem) p.problem = warning(r.problem);
  if (r.semantic) {
    p.verdict = r.semantic.verdict;
    p.changes = r.semantic.kind === 'header' ? r.semantic.changes.map(changeJson) : [];
    if (r.semantic.kind === 'text') p.changedLines = r.semantic.changedLines;
    const problems = r.semantic.kind === 'header' ? oneSided(r.semantic.diagnostics) : [];
    if (problems.length) {
      p.diagnostics = problems.map((d) => ({
        side: d.side === 'old' ? 'tools' : 'kernel',
        file: d.file,
        line: d.line,
        severity: d.severity,
        message: d.message,
        abis: [...d.abis],
      }));
    }
  }
  if (r.tables) {
    p.tables = r.tables.map((t) => ({ table: t.table, generator: t.generator, added: [...t.added], removed: [...t.removed], changed: [...t.changed] }));
  }
  return p;
}

function warning(w: { file: string; line?: number; message: string }): JsonWarningV1 {
  return w.line !== undefined ? { file: w.file, line: w.line, message: w.message } : { file: w.file, message: w.message };
}

export function jsonReporter(env: ReporterEnv): Reporter {
  let report: JsonReportV1 | undefined;
  return {
    begin(run: CheckRun) {
      report = {
        schemaVersion: JSON_SCHEMA_VERSION,
        tool: { name: 'kdrift', version: env.version },
        tree: run.tree,
        source: { kind: run.source.kind, path: run.source.path },
        strict: run.strict,
        pairs: [],
        warnings: run.warnings.map(warning),
        summary: { pairs: 0, identical: 0, differs: 0, missingKernel: 0, missingTools: 0, warned: 0, ignoredHunks: 0 },
      };
      if (run.skipped) report.skipped = run.skipped;
    },
    add(r: PairResult) {
      report!.pairs.push(toJsonPair(r));
    },
    end(summary: CheckSummary) {
      report!.summary = { ...summary };
      env.write(JSON.stringify(report, null, 2) + '\n');
    },
  };
}
