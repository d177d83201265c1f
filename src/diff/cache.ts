// A persistent cache of semantic diffs, so that `kdrift check` on every perf build costs what a
// text diff costs: a header pair is evaluated once, and again only when something it may depend
// on changes. The key is a hash of all of it: kdrift's own code (src/c, src/model, src/diff), the
// bytes of both files, the ABIs, each side's include path and, for every include directory and
// the directory of each file (not its subdirectories), the path, size and mtime of every file
// under it (so a header added earlier in a search path counts too). Content-addressed, so never
// stale; entries are not pruned.
// This file loads no model: a run whose pairs are all cached never loads tree-sitter.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileCache } from '../c/unit.js';
import type { Abi } from '../model/types.js';
import { isHeaderPath } from './classify.js';
import { pairSides, type PairEnvironment } from './pair.js';
import type { HeaderSide } from './sides.js';
import { diffText } from './text.js';
import type { FileDiff } from './types.js';

/** Bumped when the stored shape of a result changes. */
const ENTRY_VERSION = 1;

/**
 * Where results are kept: $KDRIFT_CACHE_DIR (empty or `off`: no cache), else
 * $XDG_CACHE_HOME/kdrift, else ~/.cache/kdrift.
 */
export function resultCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const own = env.KDRIFT_CACHE_DIR;
  if (own !== undefined) return own === '' || own === 'off' ? null : resolve(own);
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'kdrift');
}

let codeStampMemo: string | undefined;

/** A stamp of the code a result comes from: the files of c/, model/ and diff/ next to this one (src/ or dist/). */
function codeStamp(): string {
  codeStampMemo ??= ['c', 'model', 'diff'].map((sub) => dirStamp(join(dirname(fileURLToPath(import.meta.url)), '..', sub))).join(':');
  return codeStampMemo;
}

function listFiles(dir: string, recursive = true): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (recursive) walk(p);
      } else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Stamps of include directories, per process: the files under them do not change during a run. */
const dirStamps = new Map<string, string>();

function dirStamp(dir: string, recursive = true): string {
  const memo = `${recursive ? 'r' : 'f'}:${dir}`;
  let s = dirStamps.get(memo);
  if (s === undefined) {
    const h = createHash('sha256');
    for (const f of listFiles(dir, recursive)) {
      try {
        const st = statSync(f);
        h.update(`${f}\0${st.size}\0${st.mtimeMs}\n`);
      } catch {
        // vanished while listed: leave it out
      }
    }
    s = h.digest('hex');
    dirStamps.set(memo, s);
  }
  return s;
}

export class DiffResultCache {
  /** `dir` null: a cache that never holds anything. */
  constructor(readonly dir: string | null = resultCacheDir()) {}

  /** The key of a comparison, or null when there is no cache. */
  key(old: HeaderSide, neu: HeaderSide, abis: readonly Abi[]): string | null {
    if (!this.dir) return null;
    const h = createHash('sha256');
    h.update(`kdrift-diff-${ENTRY_VERSION}\0${codeStamp()}\0${abis.join(',')}\n`);
    const dirs = new Set<string>();
    for (const s of [old, neu]) {
      const file = resolve(s.path);
      h.update(`${file}\0${s.label ?? s.path}\0`).update(readFileSync(file)).update('\n');
      // `#include "x.h"` looks beside the file first
      h.update(`${dirname(file)}\0${dirStamp(dirname(file), false)}\n`);
      for (const abi of abis) {
        const list = (typeof s.includeDirs === 'function' ? s.includeDirs(abi) : s.includeDirs).map((d) => resolve(d));
        h.update(`${abi}\0${list.join('\0')}\n`);
        for (const d of list) dirs.add(d);
      }
    }
    // a directory inside another one is stamped with it
    const sorted = [...dirs].sort();
    const tops = sorted.filter((d) => !sorted.some((o) => o !== d && d.startsWith(o + '/')));
    for (const d of tops) h.update(`${d}\0${dirStamp(d)}\n`);
    return h.digest('hex');
  }

  get(key: string | null): FileDiff | undefined {
    if (!key || !this.dir) return undefined;
    try {
      return JSON.parse(readFileSync(this.entry(key), 'utf8')) as FileDiff;
    } catch {
      return undefined;
    }
  }

  /** Stores a result; a cache that cannot be written is no error (the next run computes again). */
  set(key: string | null, d: FileDiff): void {
    if (!key || !this.dir) return;
    const file = this.entry(key);
    try {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(d));
      renameSync(tmp, file);
    } catch {
      // read-only or full: not fatal
    }
  }

  private entry(key: string): string {
    return join(this.dir!, `diff-${ENTRY_VERSION}`, key.slice(0, 2), `${key}.json`);
  }
}

export interface DiffPairOptions {
  /** Default: a cache in resultCacheDir(); `new DiffResultCache(null)` for none. */
  results?: DiffResultCache;
  environment?: PairEnvironment;
}

let parseCache: FileCache | undefined;

/**
 * The semantic diff of one pair of a kernel tree (tree-relative paths, tools copy first): a
 * header by the model, any other file by its lines. Cached results are returned without loading
 * the model; on a miss it is loaded, once per process, with one parse cache for every pair.
 */
export async function diffPair(tree: string, tools: string, kernel: string, opts: DiffPairOptions = {}): Promise<FileDiff> {
  if (!isHeaderPath(kernel) || !isHeaderPath(tools)) return diffText(join(tree, tools), join(tree, kernel), { old: tools, new: kernel });
  const s = pairSides(tree, tools, kernel, opts.environment);
  const results = opts.results ?? new DiffResultCache();
  const key = results.key(s.old, s.new, s.abis);
  const hit = results.get(key);
  if (hit) return hit;
  const [{ diffFile }, { FileCache }] = await Promise.all([import('./index.js'), import('../c/unit.js')]);
  parseCache ??= new FileCache();
  const d = diffFile(s.old, s.new, { abis: s.abis, cache: parseCache });
  results.set(key, d);
  return d;
}
