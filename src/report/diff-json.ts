// The JSON wire type of the semantic diff (`kdrift diff --format json`, and the `verdict` and
// `changes` of check's JSON pairs). Versioned and written out field by field: never a dump of
// the internal records, so that they may change without breaking a consumer.
import type { Change, FileDiff, Verdict } from '../diff/types.js';

export const DIFF_JSON_SCHEMA_VERSION = 1;

/** One change: `{"kind","name","before"?,"after"?,"file","line"}`, plus the ABIs and the cause when there are. */
export interface ChangeJsonV1 {
  kind: string;
  name: string;
  before?: string;
  after?: string;
  file: string;
  line: number;
  /** Only when the change does not hold on every ABI compared. */
  abis?: string[];
  /** Why a value changed when its own text did not: `sizeof(struct x): 16 bytes → 24 bytes`. */
  cause?: string;
}

export interface DiffJsonV1 {
  schemaVersion: typeof DIFF_JSON_SCHEMA_VERSION;
  old: string;
  new: string;
  /** `header`: compared on the model; `text`: compared by lines. */
  compared: 'header' | 'text';
  verdict: Verdict;
  /** header: the ABIs values and layouts were compared on. */
  abis?: string[];
  changes?: ChangeJsonV1[];
  /** text: lines deleted plus lines inserted. */
  changedLines?: number;
  /** Why a header was compared as text. */
  fallback?: string;
  /** Errors met evaluating the compared files. */
  diagnostics?: { side: 'old' | 'new'; file: string; line: number; message: string; abis: string[] }[];
}

export function changeJson(c: Change): ChangeJsonV1 {
  const before = 'before' in c ? c.before : undefined;
  const after = 'after' in c ? c.after : undefined;
  const j: ChangeJsonV1 = {
    kind: c.kind,
    name: c.name,
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
    file: c.file,
    line: c.line,
  };
  if (c.abis) j.abis = [...c.abis];
  if ('cause' in c && c.cause) j.cause = c.cause;
  return j;
}

export function diffJson(d: FileDiff): DiffJsonV1 {
  const base = { schemaVersion: DIFF_JSON_SCHEMA_VERSION, old: d.old, new: d.new } as const;
  if (d.kind === 'text') {
    return { ...base, compared: 'text', verdict: d.verdict, changedLines: d.changedLines, ...(d.fallback ? { fallback: d.fallback } : {}) };
  }
  return {
    ...base,
    compared: 'header',
    verdict: d.verdict,
    abis: [...d.abis],
    changes: d.changes.map(changeJson),
    ...(d.diagnostics.length
      ? { diagnostics: d.diagnostics.map((x) => ({ side: x.side, file: x.file, line: x.line, message: x.message, abis: [...x.abis] })) }
      : {}),
  };
}
