// Where a check's pairs come from (the tree's check-headers.sh, or a manifest) and the run a
// reporter is told about. Light on purpose: a run whose pair list and comparisons are cached
// loads neither the script's reader nor the comparison code.
import { readFileSync, statSync } from '../fs.js';
import { join, relative, resolve, sep } from 'node:path';
import { cacheKey, codeStamp, Dependencies, fileHash, ResultCache } from '../cache/results.js';
import { KdriftError } from '../errors.js';
import type { CheckRun, PairList } from './types.js';

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

/** The text of the pair list and how to read it: a manifest, or the tree's check-headers.sh. */
export type ListSource = { kind: 'manifest'; text: string; shown: string } | { kind: 'script'; text: string; file: string; startDir: string };

/** Where the pair list is: the file, how messages name it, and (for a script) where it starts. */
type ListPlace = { kind: 'manifest'; path: string; shown: string } | { kind: 'script'; path: string; file: string; startDir: string };

function listPlace(req: CheckRequest): ListPlace {
  if (req.manifest !== undefined) return { kind: 'manifest', path: resolve(req.cwd, req.manifest), shown: req.manifest };
  const dir = req.scriptDir ?? join(req.tree, SCRIPT_DIR);
  const startDir = relative(req.tree, dir).split(sep).join('/');
  return { kind: 'script', path: join(dir, 'check-headers.sh'), file: startDir ? `${startDir}/check-headers.sh` : 'check-headers.sh', startDir };
}

function readPlace(p: ListPlace): ListSource {
  if (p.kind === 'manifest') return { kind: 'manifest', text: readText(p.path, p.shown), shown: p.shown };
  return { kind: 'script', text: readText(p.path, p.file, 'this tree has no check-headers.sh; give its pairs with --manifest FILE'), file: p.file, startDir: p.startDir };
}

export function readListSource(req: CheckRequest): ListSource {
  return readPlace(listPlace(req));
}

/**
 * The pair list, read once per version of its text (a function of the text alone): kept between
 * runs, the script's reader is loaded only when the text is new.
 */
export async function loadPairListCached(req: CheckRequest, cache = new ResultCache('pairs')): Promise<PairList> {
  const place = listPlace(req);
  const hash = cache.dir ? fileHash(place.path) : null;
  const key = hash ? cacheKey([codeStamp(['check']), JSON.stringify({ ...place, path: undefined }), hash]) : null;
  const hit = cache.get<PairList>(key);
  if (hit) return hit;
  const src = readPlace(place);
  const { parseListSource } = await import('./run.js');
  const list = parseListSource(src);
  cache.set(key, new Dependencies(), list);
  return list;
}

/** The run a reporter is told about, with the script's skip message when its guard fails. */
export function describeRun(req: CheckRequest, list: PairList): CheckRun {
  const run: CheckRun = { tree: req.tree, source: list.source, warnings: list.warnings, strict: req.strict };
  if (list.guard && !isDirectory(join(req.tree, list.guard.dir))) run.skipped = `Warning: Skipped check-headers due to missing ${list.guard.shown}`;
  return run;
}
