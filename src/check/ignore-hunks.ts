// check_ignore_some_hunks without a pipeline: the lines of `diff -u TOOLS KERNEL` that no line
// of the hunks file matches (`grep -vf HUNKS`), counted as `wc -l` would. Each line of the
// hunks file is a GNU BRE searched anywhere in a diff line, as grep -f reads it: a pattern that
// is one blank, like the blank context lines a saved hunk holds, matches every line with a
// blank in it, header lines included. A malformed pattern makes grep fail with no output, so
// nothing is counted: the result says so and the caller warns.
import { statSync } from '../fs.js';
import { BreError, compileBre } from './bre.js';
import { unifiedDiff, type Lines } from './gnu-diff.js';
import type { DiffOptions } from './types.js';

export interface HunkFilterResult {
  /** diff -u lines no pattern matches. */
  unfiltered: number;
  /** Unified hunks, and those whose every line a pattern matched. */
  hunks: number;
  ignoredHunks: number;
  /** 1-based line of the hunks file grep rejects, with grep's reason. */
  badPattern?: { line: number; message: string };
}

/** Compiled patterns of a hunks file, or the line grep would reject. */
export function readPatterns(text: string): { patterns: RegExp[] } | { bad: { line: number; message: string } } {
  const rows = text.split('\n');
  if (text.endsWith('\n')) rows.pop();
  const patterns: RegExp[] = [];
  for (let k = 0; k < rows.length; k++) {
    try {
      patterns.push(compileBre(rows[k]!));
    } catch (e) {
      if (e instanceof BreError) return { bad: { line: k + 1, message: e.message } };
      throw e;
    }
  }
  return { patterns };
}

export function filterUnifiedDiff(
  tools: Lines,
  kernel: Lines,
  options: DiffOptions,
  labels: { tools: string; kernel: string },
  hunksText: string,
): HunkFilterResult {
  const { header, hunks } = unifiedDiff(tools, kernel, options, labels.tools, labels.kernel);
  const read = readPatterns(hunksText);
  if ('bad' in read) return { unfiltered: 0, hunks: hunks.length, ignoredHunks: 0, badPattern: read.bad };
  const kept = (line: string) => !read.patterns.some((p) => p.test(line));
  if (hunks.length === 0) return { unfiltered: 0, hunks: 0, ignoredHunks: 0 };
  let unfiltered = header.filter(kept).length;
  let ignoredHunks = 0;
  for (const h of hunks) {
    const n = h.lines.filter(kept).length;
    unfiltered += n;
    if (n === 0) ignoredHunks++;
  }
  return { unfiltered, hunks: hunks.length, ignoredHunks };
}

/** The label `diff -u` prints for a file: its name, a tab, its mtime in local time with nanoseconds. */
export function unifiedLabel(name: string, absPath: string): string {
  let when = '';
  try {
    const st = statSync(absPath, { bigint: true });
    const ns = st.mtimeNs;
    const ms = Number(ns / 1000000n);
    const d = new Date(ms);
    const pad = (v: number, w = 2) => String(v).padStart(w, '0');
    const tz = -d.getTimezoneOffset();
    const tzs = `${tz < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(tz) / 60))}${pad(Math.abs(tz) % 60)}`;
    const frac = String(ns % 1000000000n).padStart(9, '0');
    when = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${frac} ${tzs}`;
  } catch {
    /* the caller only diffs files it has read */
  }
  return `${name}\t${when}`;
}
