// GNU diff's semantics for the options check-headers.sh uses, without running diff:
// - lines compare as GNU diff compares them (-b, -w, -i, --strip-trailing-cr; a last line
//   without its newline differs from the same line with one, unless -b or -w);
// - the edit script is cut into hunks, and with -B / -I a hunk is ignored only when every line
//   it inserts or deletes is blank (empty; whitespace-only too under -b/-w) or matches one of
//   the -I regexes. In diff's normal output, which the script uses, every change (a run of
//   deleted and inserted lines between two common lines) is its own hunk; diff exits 1 when
//   any hunk is not ignored;
// - `diff -u` text (3 lines of context, changes closer than 7 lines share a hunk), for the
//   check_ignore_some_hunks filter.
import { compileBre, requiredLiteral } from './bre.js';
import { diffSequences, type Change } from './line-diff.js';
import type { DiffOptions } from './types.js';

export type { Change };

/** A file cut into lines, bytes kept as latin1 characters so any byte round-trips. */
export interface Lines {
  lines: string[];
  /** The last line ends with a newline (true for an empty file). */
  endsWithNewline: boolean;
}

export function splitLines(buf: Buffer): Lines {
  if (buf.length === 0) return { lines: [], endsWithNewline: true };
  const text = buf.toString('latin1');
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();
  return { lines, endsWithNewline };
}

/** GNU diff treats a file holding a NUL byte as binary (unless -a). */
export function looksBinary(buf: Buffer): boolean {
  return buf.indexOf(0) >= 0;
}

const WS_RUN = /[ \t\v\f\r]+/g;

/** The text a line compares by under the options; `last` marks a last line without newline. */
function lineKey(line: string, last: boolean, o: DiffOptions): string {
  let s = o.stripTrailingCr && line.endsWith('\r') ? line.slice(0, -1) : line;
  if (o.ignoreAllSpace) s = s.replace(WS_RUN, '');
  else if (o.ignoreSpaceChange) s = s.replace(WS_RUN, ' ').replace(/ $/, '');
  if (o.ignoreCase) s = s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  // Without -b/-w an incomplete last line never equals a complete one.
  return last && !o.ignoreAllSpace && !o.ignoreSpaceChange ? s + '\n' : s;
}

/** Line classes of both files: equal numbers for lines that compare equal. */
function classify(a: Lines, b: Lines, o: DiffOptions): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const one = (f: Lines): Int32Array => {
    const out = new Int32Array(f.lines.length);
    const n = f.lines.length;
    for (let i = 0; i < n; i++) {
      const key = lineKey(f.lines[i]!, i === n - 1 && !f.endsWithNewline, o);
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      out[i] = id;
    }
    return out;
  };
  return [one(a), one(b)];
}

export function lineChanges(a: Lines, b: Lines, o: DiffOptions): Change[] {
  const [ca, cb] = classify(a, b, o);
  return diffSequences(ca, cb);
}

/** Whether a line is one that -B / -I let diff ignore. */
export function ignorableLine(o: DiffOptions): ((line: string) => boolean) | null {
  if (!o.ignoreBlankLines && o.ignoreMatching.length === 0) return null;
  const skipWhite = o.ignoreSpaceChange || o.ignoreAllSpace;
  const regexes = o.ignoreMatching.map((re) => ({ r: compileBre(re, o.ignoreCase), needs: o.ignoreCase ? '' : requiredLiteral(re) }));
  return (raw) => {
    const line = o.stripTrailingCr && raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (o.ignoreBlankLines && (line.length === 0 || (skipWhite && /^[ \t\v\f\r]*$/.test(line)))) return true;
    for (const { r, needs } of regexes) if ((!needs || line.includes(needs)) && r.test(line)) return true;
    return false;
  };
}

/**
 * Whether the lines -B / -I do not ignore differ between the two files, stopping at the first
 * difference. When they do, every edit script changes one of them, so diff reports a
 * difference whichever script it picks. When they do not, only the edit script can tell
 * (diffHunks). Give it the middles of the files (`middles`): their common lines cancel out.
 */
export function keptLinesDiffer(a: Lines, b: Lines, o: DiffOptions): boolean {
  const ignorable = ignorableLine(o) ?? (() => false);
  const na = a.lines.length;
  const nb = b.lines.length;
  const key = (f: Lines, i: number, n: number) => lineKey(f.lines[i]!, i === n - 1 && !f.endsWithNewline, o);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < na && ignorable(a.lines[i]!)) i++;
    while (j < nb && ignorable(b.lines[j]!)) j++;
    if (i >= na || j >= nb) return i < na || j < nb;
    if (key(a, i, na) !== key(b, j, nb)) return true;
    i++;
    j++;
  }
}

/**
 * The two buffers without the whole lines they share at the start and at the end. An optimal
 * edit script of the middles is one of the whole files (GNU diff trims them the same way), so
 * the verdict of -B / -I is the same on the middles.
 */
export function middles(a: Buffer, b: Buffer): [Buffer, Buffer] {
  const p = commonPrefixLines(a, b);
  const room = Math.min(a.length, b.length) - p;
  let k = 0;
  while (k < room && a[a.length - 1 - k] === b[b.length - 1 - k]) k++;
  // The suffix starts after a newline inside the common bytes, so both middles end on a line end.
  const nl = k ? a.indexOf(10, a.length - k) : -1;
  const suffix = nl < 0 ? 0 : a.length - (nl + 1);
  return [a.subarray(p, a.length - suffix), b.subarray(p, b.length - suffix)];
}

/** Byte offset where the first line that differs between the buffers starts. */
export function commonPrefixLines(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  const CHUNK = 4096;
  let i = 0;
  while (i + CHUNK <= n && a.compare(b, i, i + CHUNK, i, i + CHUNK) === 0) i += CHUNK;
  while (i < n && a[i] === b[i]) i++;
  return i === 0 ? 0 : a.lastIndexOf(10, i - 1) + 1;
}

export interface HunkVerdicts {
  changes: Change[];
  /** Per change: every inserted and deleted line is ignorable. */
  ignored: boolean[];
}

/** The changes of a normal-format diff and which of them -B / -I ignore. Throws BreError. */
export function diffHunks(a: Lines, b: Lines, o: DiffOptions): HunkVerdicts {
  const changes = lineChanges(a, b, o);
  const ignorable = ignorableLine(o);
  const ignored = changes.map((c) => {
    if (!ignorable) return false;
    for (let i = c.a0; i < c.a0 + c.deleted; i++) if (!ignorable(a.lines[i]!)) return false;
    for (let j = c.b0; j < c.b0 + c.inserted; j++) if (!ignorable(b.lines[j]!)) return false;
    return true;
  });
  return { changes, ignored };
}

export interface UnifiedHunk {
  /** The `@@ -a,b +c,d @@` line and the body lines, each without its newline. */
  lines: string[];
}

/** `diff -u` output: the two header lines, then the hunks. */
export function unifiedDiff(a: Lines, b: Lines, o: DiffOptions, labelA: string, labelB: string, context = 3): { header: string[]; hunks: UnifiedHunk[] } {
  const changes = lineChanges(a, b, o);
  const header = [`--- ${labelA}`, `+++ ${labelB}`];
  const hunks: UnifiedHunk[] = [];
  const n = a.lines.length;
  const m = b.lines.length;
  const NO_NEWLINE = '\\ No newline at end of file';
  const emit = (out: string[], prefix: string, f: Lines, i: number) => {
    out.push(prefix + f.lines[i]!);
    if (i === f.lines.length - 1 && !f.endsWithNewline) out.push(NO_NEWLINE);
  };
  for (let k = 0; k < changes.length; ) {
    let e = k;
    while (e + 1 < changes.length && changes[e + 1]!.a0 - (changes[e]!.a0 + changes[e]!.deleted) < 2 * context + 1) e++;
    const first = changes[k]!;
    const last = changes[e]!;
    const pre = Math.min(context, first.a0, first.b0);
    const aStart = first.a0 - pre;
    const bStart = first.b0 - pre;
    const post = Math.min(context, n - (last.a0 + last.deleted), m - (last.b0 + last.inserted));
    const aEnd = last.a0 + last.deleted + post;
    const bEnd = last.b0 + last.inserted + post;
    const lines = [`@@ -${range(aStart, aEnd)} +${range(bStart, bEnd)} @@`];
    let i = aStart;
    for (let c = k; c <= e; c++) {
      const ch = changes[c]!;
      for (; i < ch.a0; i++) emit(lines, ' ', a, i);
      for (let d = ch.a0; d < ch.a0 + ch.deleted; d++) emit(lines, '-', a, d);
      for (let j = ch.b0; j < ch.b0 + ch.inserted; j++) emit(lines, '+', b, j);
      i = ch.a0 + ch.deleted;
    }
    for (; i < aEnd; i++) emit(lines, ' ', a, i);
    hunks.push({ lines });
    k = e + 1;
  }
  return { header, hunks };
}

/** GNU's unified range: `L` for one line, `L,N` for N lines, `L-1,0` for none. */
function range(start: number, end: number): string {
  const count = end - start;
  if (count === 0) return `${start},0`;
  if (count === 1) return `${start + 1}`;
  return `${start + 1},${count}`;
}
