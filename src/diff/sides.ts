// One side of a comparison: a header evaluated on each ABI compared, with its own include path,
// its source-level model and its source text. A side that cannot be evaluated on an ABI (an
// include cycle, macro recursion) is recorded, not thrown: the diff falls back to text.
import { resolve } from 'node:path';
import { KdriftError } from '../errors.js';
import type { FileCache } from '../c/unit.js';
import { createSession } from '../model/session.js';
import type { Abi, EvaluatedHeader, HeaderModel } from '../model/types.js';

/** A header to compare, and how to evaluate it. */
export interface HeaderSide {
  /** The file (absolute, or relative to the current directory). */
  path: string;
  /** `-I` directories in search order: one list for every ABI, or one per ABI. */
  includeDirs: readonly string[] | ((abi: Abi) => readonly string[]);
  /** How changes name the file (default: `path` as given). */
  label?: string;
}

export interface EvaluatedSide {
  label: string;
  /** Absolute path, as the model names the header's own file. */
  file: string;
  source: string;
  /** The source-level model (every branch), from the first ABI that evaluated. */
  model: HeaderModel;
  /** Evaluations by ABI, in the order compared; ABIs that failed are absent. */
  on: ReadonlyMap<Abi, EvaluatedHeader>;
  /** ABIs on which the header could not be evaluated at all, with the reason. */
  failed: ReadonlyMap<Abi, string>;
  /** Lines of the include guard's `#ifndef` and `#define`, when the header has one. */
  guardLines: readonly number[];
}

export function evaluateSide(side: HeaderSide, abis: readonly Abi[], cache: FileCache): EvaluatedSide | { unevaluated: string } {
  const file = resolve(side.path);
  const on = new Map<Abi, EvaluatedHeader>();
  const failed = new Map<Abi, string>();
  for (const abi of abis) {
    const includeDirs = typeof side.includeDirs === 'function' ? side.includeDirs(abi) : side.includeDirs;
    const session = createSession({ abi, includeDirs: [...includeDirs], cache });
    try {
      on.set(abi, session.header(file));
    } catch (e) {
      if (!(e instanceof KdriftError)) throw e;
      if (e.kind === 'missing-file') throw e;
      failed.set(abi, e.message);
    }
  }
  const first = on.values().next().value;
  if (!first) return { unevaluated: [...failed].map(([abi, why]) => `${abi}: ${why}`).join('; ') };
  const parsed = cache.get(file);
  return { label: side.label ?? side.path, file, source: parsed.source, model: first.model, on, failed, guardLines: guardLines(parsed) };
}

function guardLines(parsed: ReturnType<FileCache['get']>): number[] {
  if (!parsed.guard) return [];
  const cond = parsed.items[0];
  if (cond?.kind !== 'cond') return [];
  const branch = cond.branches[0];
  const define = branch?.items[0];
  return [branch!.line, ...(define ? [define.line] : [])];
}
