// The comparison of files the model does not read (`.tbl`, `.S`, `.awk`, `.txt`, `.c`), and the
// fallback for a header it cannot evaluate: identical bytes, or the number of changed lines.
import { readFileSync } from '../fs.js';
import { diffArrays } from 'diff';
import { KdriftError } from '../errors.js';
import type { TextDiff } from './types.js';

/** Reads a file to compare; a missing one is a `missing-file` error naming it as shown. */
export function readCompared(path: string, label: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') throw new KdriftError('missing-file', `no such file: ${label}`, { file: label });
    throw new KdriftError('io', `${label}: ${(e as Error).message}`, { file: label });
  }
}

/** Compares any file by lines: identical bytes, or the number of lines deleted and inserted. */
export function diffText(oldPath: string, newPath: string, labels: { old?: string; new?: string } = {}): TextDiff {
  const lo = labels.old ?? oldPath;
  const ln = labels.new ?? newPath;
  return textDiff(readCompared(oldPath, lo), readCompared(newPath, ln), lo, ln);
}

export function textDiff(a: Buffer, b: Buffer, old: string, neu: string): TextDiff {
  if (a.equals(b)) return { kind: 'text', old, new: neu, verdict: 'identical', changedLines: 0 };
  const la = splitLines(a.toString('latin1'));
  const lb = splitLines(b.toString('latin1'));
  let changed = 0;
  const parts = diffArrays(la, lb, { maxEditLength: 20000 });
  if (!parts) changed = la.length + lb.length;
  else for (const p of parts) if (p.added || p.removed) changed += p.count ?? p.value.length;
  return { kind: 'text', old, new: neu, verdict: 'differs', changedLines: changed };
}

function splitLines(s: string): string[] {
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
