// `kdrift check` without the command line: find the tree and its pair list (the tree's own
// tools/perf/check-headers.sh, or a manifest), apply the script's early exit, compare each pair
// and hand the results, in the script's order, to whoever reports them.
import { readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { cacheKey, codeStamp, Dependencies, ResultCache } from '../cache/results.js';
import { KdriftError } from '../errors.js';
import { comparePair, type CompareOptions } from './compare.js';
import { readManifest } from './manifest.js';
import { readCheckHeadersScript } from './script-reader.js';
import type { CheckRun, PairList, PairResult } from './types.js';

/** Where check-headers.sh lives in a tree, and the directory it runs from. */
export const SCRIPT_DIR = 'tools/perf';
export const SCRIPT_PATH = `${SCRIPT_DIR}/check-headers.sh`;

export interface CheckRequest {
  /** Absolute tree root. */
  tree: string;
  /** A manifest to read instead of the tree's script (path as given, resolved against cwd). */
  manifest?: string;
  /** The directory check-headers.sh is read from and starts in (default: TREE/tools/perf). */
  scriptDir?: string;
  cwd: string;
  strict: boolean;
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function readText(path: string, shown: string, hint?: string): string {
  try {
    return readFileSync(path, 'latin1');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new KdriftError('missing-file', `${shown}: no such file`, { file: shown }, hint);
    throw new KdriftError('io', `${shown}: ${(e as Error).message}`, { file: shown });
  }
}

/** Reads the pair list: the manifest when given, else the tree's check-headers.sh. */
export function loadPairList(req: CheckRequest): PairList {
  if (req.manifest !== undefined) {
    return readManifest(readText(resolve(req.cwd, req.manifest), req.manifest), req.manifest);
  }
  const dir = req.scriptDir ?? join(req.tree, SCRIPT_DIR);
  const startDir = relative(req.tree, dir).split(sep).join('/');
  const file = startDir ? `${startDir}/check-headers.sh` : 'check-headers.sh';
  const text = readText(join(dir, 'check-headers.sh'), file, 'this tree has no check-headers.sh; give its pairs with --manifest FILE');
  // the list is a function of the script's text alone: read once per version of the script
  const cache = new ResultCache('pairs');
  const key = cache.dir ? cacheKey([codeStamp(['check']), file, startDir, text]) : null;
  const hit = cache.get<PairList>(key);
  if (hit) return hit;
  const list = readCheckHeadersScript(text, { file, startDir });
  cache.set(key, new Dependencies(), list);
  return list;
}

/** The run a reporter is told about, with the script's skip message when its guard fails. */
export function describeRun(req: CheckRequest, list: PairList): CheckRun {
  const run: CheckRun = { tree: req.tree, source: list.source, warnings: list.warnings, strict: req.strict };
  if (list.guard && !isDirectory(join(req.tree, list.guard.dir))) run.skipped = `Warning: Skipped check-headers due to missing ${list.guard.shown}`;
  return run;
}

/** Compares every pair, in the order the list names them. */
export function* comparePairs(tree: string, list: PairList, opts: CompareOptions = { detail: true }): Generator<PairResult> {
  for (const spec of list.pairs) yield comparePair(tree, spec, opts);
}
