// Compares one pair as check-headers.sh's `diff` would, without running it: a missing file on
// either side, byte-identical files (decided on the bytes alone), then GNU diff's hunks with the
// script's -B / -I options, or check_ignore_some_hunks' `diff -u | grep -vf` filter.
import { readFileSync } from '../fs.js';
import { join } from 'node:path';
import { BreError, compileBre } from './bre.js';
import { diffHunks, keptLinesDiffer, looksBinary, middles, splitLines } from './gnu-diff.js';
import { filterUnifiedDiff, unifiedLabel } from './ignore-hunks.js';
import type { PairList, PairResult, PairSpec, PairStatus, WarnReason } from './types.js';

/** Reads a regular file; null when it is absent or not a regular file (`[ -f ]` is false). */
export function readRegular(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw e;
  }
}

export interface CompareOptions {
  /**
   * Count the hunks of every differing pair (JSON, SARIF). Without it a pair whose kept lines
   * differ is decided without a line diff and its `hunks` are left out.
   */
  detail: boolean;
}

export function comparePair(root: string, spec: PairSpec, opts: CompareOptions = { detail: true }): PairResult {
  const kernel = readRegular(join(root, spec.kernel));
  const tools = readRegular(join(root, spec.tools));
  return spec.ignoreHunks ? compareIgnoringHunks(root, spec, tools, kernel) : comparePlain(spec, tools, kernel, opts);
}

function base(tools: Buffer | null, kernel: Buffer | null): { status: PairStatus; bytesIdentical: boolean } | null {
  if (!kernel) return { status: 'missing-kernel', bytesIdentical: false };
  if (!tools) return { status: 'missing-tools', bytesIdentical: false };
  if (tools.equals(kernel)) return { status: 'identical', bytesIdentical: true };
  return null;
}

function result(spec: PairSpec, status: PairStatus, warned: WarnReason | undefined, extra: Partial<PairResult> = {}): PairResult {
  const r: PairResult = { spec, status, warned: warned !== undefined, bytesIdentical: false, ...extra };
  if (warned) r.reason = warned;
  return r;
}

function comparePlain(spec: PairSpec, tools: Buffer | null, kernel: Buffer | null, opts: CompareOptions): PairResult {
  const o = spec.diff;
  // `[ -f KERNEL ] && ! eval "diff ..."`: without the kernel file the script skips the pair.
  if (!kernel) return result(spec, 'missing-kernel', spec.requiresKernel ? undefined : 'missing-kernel');
  // diff stops with status 2, before comparing, on an option or a regex it rejects ...
  const problem = optionProblem(spec);
  const trouble: WarnReason | undefined = problem ? 'diff-trouble' : undefined;
  const usable = problem ? { ...o, ignoreMatching: o.ignoreMatching.filter(valid) } : o;
  const extra: Partial<PairResult> = problem ? { problem } : {};
  // ... and on a missing file.
  if (!tools) return result(spec, 'missing-tools', trouble ?? 'missing-tools', extra);
  if (tools.equals(kernel)) return result(spec, 'identical', trouble, { ...extra, bytesIdentical: true });
  if (!o.text && (looksBinary(tools) || looksBinary(kernel))) return result(spec, 'differs', trouble ?? 'differs', { ...extra, binary: true, hunks: { total: 1, ignored: 0 } });
  // Only the lines between the common first and last lines matter (to the verdict and the diff).
  const [mt, mk] = middles(tools, kernel);
  const lt = splitLines(mt);
  const lk = splitLines(mk);
  if (!opts.detail && keptLinesDiffer(lt, lk, usable)) return result(spec, 'differs', trouble ?? 'differs', extra);
  const hunks = count(diffHunks(lt, lk, usable).ignored);
  const differs = hunks.ignored < hunks.total;
  return result(spec, differs ? 'differs' : 'identical', trouble ?? (differs ? 'differs' : undefined), { ...extra, hunks });
}

function valid(re: string): boolean {
  try {
    compileBre(re);
    return true;
  } catch (e) {
    if (e instanceof BreError) return false;
    throw e;
  }
}

/** What makes diff stop before comparing: an option or an -I regex it rejects. */
function optionProblem(spec: PairSpec): PairResult['problem'] {
  const o = spec.diff;
  const at = { file: spec.origin.file, line: spec.origin.callLine ?? spec.origin.line };
  if (o.invalid.length) return { ...at, message: `diff rejects ${o.invalid.join(' ')}` };
  for (const re of o.ignoreMatching) {
    try {
      compileBre(re);
    } catch (e) {
      if (!(e instanceof BreError)) throw e;
      return { ...at, message: `diff rejects the regex -I '${re}': ${e.message}` };
    }
  }
  return undefined;
}

function count(ignored: boolean[]): { total: number; ignored: number } {
  return { total: ignored.length, ignored: ignored.filter(Boolean).length };
}

function compareIgnoringHunks(root: string, spec: PairSpec, tools: Buffer | null, kernel: Buffer | null): PairResult {
  const ih = spec.ignoreHunks!;
  const b = base(tools, kernel);
  const hunksText = readRegular(join(root, ih.file));
  if (!hunksText) {
    // The script's guard comes first: it lists the pair without diffing.
    const status = b?.status ?? 'differs';
    return result(spec, status, ih.missing.warns ? 'ignore-hunks-missing' : undefined, { bytesIdentical: b?.bytesIdentical ?? false });
  }
  if (!kernel && spec.requiresKernel) return result(spec, 'missing-kernel', undefined);
  // A missing file: diff -u prints nothing on stdout, so nothing is left to count.
  if (b) return result(spec, b.status, undefined, { bytesIdentical: b.bytesIdentical, unfilteredLines: 0 });
  const f = filterUnifiedDiff(
    splitLines(tools!),
    splitLines(kernel!),
    spec.diff,
    { tools: unifiedLabel(spec.tools, join(root, spec.tools)), kernel: unifiedLabel(spec.kernel, join(root, spec.kernel)) },
    hunksText.toString('latin1'),
  );
  const extra: Partial<PairResult> = { unfilteredLines: f.unfiltered, hunks: { total: f.hunks, ignored: f.badPattern ? 0 : f.ignoredHunks } };
  if (f.badPattern) extra.problem = { file: ih.file, line: f.badPattern.line, message: `grep rejects this pattern (${f.badPattern.message}), so the pair is never reported` };
  if (f.unfiltered > 0) return result(spec, 'differs', 'differs', extra);
  return result(spec, f.badPattern ? 'differs' : 'identical', undefined, extra);
}

/** Compares every pair, in the order the list names them. */
export function* comparePairs(tree: string, list: PairList, opts: CompareOptions = { detail: true }): Generator<PairResult> {
  for (const spec of list.pairs) yield comparePair(tree, spec, opts);
}
