// The closed set of errors kdrift reports to a user. Each kind has one exit code (see
// src/cli/exit-codes.ts) and a message naming the file and line where that is known.
// Anything else escaping to the CLI is a bug and is reported as `internal`.

export type ErrorKind =
  | 'usage' // a malformed option or argument
  | 'missing-file' // a file or directory named on the command line or by the tree is absent
  | 'path-escape' // a path resolves outside the tree it must stay in
  | 'parse' // a header or script kdrift cannot read
  | 'include' // an #include that cannot be found, or an include cycle / nesting too deep
  | 'macro' // macro recursion or expansion beyond the size bound
  | 'io' // reading or writing failed
  | 'internal';

export interface SourcePoint {
  file: string;
  line?: number;
  column?: number;
}

export class KdriftError extends Error {
  readonly kind: ErrorKind;
  readonly at?: SourcePoint;
  readonly hint?: string;
  constructor(kind: ErrorKind, message: string, at?: SourcePoint, hint?: string) {
    super(message);
    this.kind = kind;
    this.at = at;
    this.hint = hint;
  }
}

/** `file:line:col: message` in the voice of gcc, so editors can jump to it. */
export function formatPoint(at: SourcePoint | undefined): string {
  if (!at) return '';
  let s = at.file;
  if (at.line !== undefined) s += `:${at.line}`;
  if (at.line !== undefined && at.column !== undefined) s += `:${at.column}`;
  return s;
}

export function formatError(e: KdriftError): string {
  const where = formatPoint(e.at);
  const head = `kdrift: ${where ? where + ': ' : ''}error: ${e.message}`;
  return e.hint ? `${head}\n  hint: ${e.hint}` : head;
}
