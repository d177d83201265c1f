// A persistent store of results kdrift can always compute again (semantic diffs, table impact),
// so that `kdrift check` on every perf build costs about what a text diff costs.
//
// As ccache's direct mode: an entry is found by a key the caller makes from what it knows
// before computing (kdrift's code, the compared files' bytes, the options), and holds the
// dependencies the computation met: every file it read (with a hash of its bytes), every path
// include search probed and found empty, every directory it listed. The entry is used only
// while all of them still hold, so a result is never stale, whatever changed in the tree.
// Each entry is small (a few KB); one write in 256 also removes the entries of its kind that
// were not written for PRUNE_DAYS (a result used since is computed once more).
import type * as Crypto from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { BUILD_ID, ROOT } from '../paths.js';
// The tree's files are looked at through ../fs.js (a run watching what it reads sees them);
// the cache's own entries through node:fs.
import * as tree from '../fs.js';

/** Bumped when the stored shape of an entry changes. */
const ENTRY_VERSION = 3;

const PRUNE_DAYS = 60;

/** What a computation read of the file system. */
export class Dependencies {
  readonly files = new Set<string>();
  readonly absent = new Set<string>();
  /** Directories listed. */
  readonly dirs = new Set<string>();
  /** Directories only found to be there. */
  readonly directories = new Set<string>();
  /** Set when the computation cannot say all it read: its result is not stored. */
  incomplete = false;

  add(d: { files?: Iterable<string>; absent?: Iterable<string>; dirs?: Iterable<string>; directories?: Iterable<string>; incomplete?: boolean }): this {
    if (d.incomplete) this.incomplete = true;
    for (const f of d.files ?? []) this.files.add(resolve(f));
    for (const f of d.absent ?? []) this.absent.add(resolve(f));
    for (const f of d.dirs ?? []) this.dirs.add(resolve(f));
    for (const f of d.directories ?? []) this.directories.add(resolve(f));
    return this;
  }
}

/**
 * [kind, path, hash, stat]: f a file, its bytes' hash and what stat said of it (while stat says
 * the same, the file is not read again); a a path where no file was; d a directory and a hash
 * of its names; e a directory that is there (whatever it holds).
 */
type Stamp = ['f', string, string, string] | ['a' | 'd' | 'e', string, string];
interface Entry<T> {
  version: number;
  stamps: Stamp[];
  value: T;
}

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

/**
 * What was seen of paths, by kind and path: caches of one run share one, so that a header many
 * entries depend on is looked at once. A run that changes files must not share it across.
 */
export type StampMemo = Map<string, Seen>;

export class ResultCache {
  /** `dir` null: a cache that never holds anything. `kind` names the results' subdirectory. */
  constructor(
    readonly kind: string,
    readonly dir: string | null = resultCacheDir(),
    readonly stamps?: StampMemo,
  ) {}

  private see(kind: Stamp[0], path: string): Seen {
    if (!this.stamps) return see(kind, path);
    const k = kind + path;
    let s = this.stamps.get(k);
    if (s === undefined) this.stamps.set(k, (s = see(kind, path)));
    return s;
  }

  private holds(st: Stamp): boolean {
    const seen = this.see(st[0], st[1]);
    if (st[0] !== 'f') return seen.sig === st[2];
    if (seen.sig === NONE) return false;
    return seen.sig === st[3] || contentHash(st[1], seen) === st[2];
  }

  /** The stored value of `key`, when every dependency it was computed from still holds. */
  get<T>(key: string | null): T | undefined {
    if (!key || !this.dir) return undefined;
    let e: Entry<T>;
    try {
      e = JSON.parse(readFileSync(this.entry(key), 'utf8')) as Entry<T>;
    } catch {
      return undefined;
    }
    if (e.version !== ENTRY_VERSION || !Array.isArray(e.stamps)) return undefined;
    for (const st of e.stamps) if (!this.holds(st)) return undefined;
    return e.value;
  }

  /** Stores a value; a cache that cannot be written is no error (the next run computes again). */
  set<T>(key: string | null, deps: Dependencies, value: T): void {
    if (!key || !this.dir || deps.incomplete) return;
    const stamps: Stamp[] = [];
    for (const f of deps.files) {
      const seen = this.see('f', f);
      stamps.push(['f', f, knownHash(f, seen), seen.racy ? '' : seen.sig]);
    }
    for (const f of deps.absent) if (!deps.files.has(f)) stamps.push(['a', f, this.see('a', f).sig]);
    for (const d of deps.dirs) stamps.push(['d', d, this.see('d', d).sig]);
    for (const d of deps.directories) if (!deps.dirs.has(d)) stamps.push(['e', d, this.see('e', d).sig]);
    const file = this.entry(key);
    try {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version: ENTRY_VERSION, stamps, value } satisfies Entry<T>));
      renameSync(tmp, file);
    } catch {
      // read-only or full: not fatal
    }
    if (key.startsWith('00')) this.prune();
  }

  /** Removes entries of this kind older than PRUNE_DAYS. */
  prune(now = Date.now()): void {
    if (!this.dir) return;
    const top = join(this.dir, `${this.kind}-${ENTRY_VERSION}`);
    let subdirs: string[];
    try {
      subdirs = readdirSync(top);
    } catch {
      return;
    }
    for (const d of subdirs) {
      let names: string[];
      try {
        names = readdirSync(join(top, d));
      } catch {
        continue;
      }
      for (const n of names) {
        const p = join(top, d, n);
        const st = statSync(p, { throwIfNoEntry: false });
        if (st && now - st.mtimeMs > PRUNE_DAYS * 86_400_000) rmSync(p, { force: true });
      }
    }
  }

  private entry(key: string): string {
    return join(this.dir!, `${this.kind}-${ENTRY_VERSION}`, key.slice(0, 2), `${key}.json`);
  }
}

/**
 * node:crypto, loaded on first use: a run whose results are all cached hashes no file, and
 * loading the module costs more than that whole run's own work (~5 ms).
 */
function createHash(algorithm: string): Crypto.Hash {
  return (process.getBuiltinModule('node:crypto') as typeof Crypto).createHash(algorithm);
}

/**
 * A key from its parts, in order. Parts are short (names, hashes of files' bytes), so a 106-bit
 * hash computed here does, without loading node:crypto: two rounds of cyrb53 (a public-domain
 * string hash) with different seeds. Keys only find entries; the entries' stamps decide.
 */
export function cacheKey(parts: readonly string[]): string {
  // each part with its length: no two lists of parts make the same string
  const s = parts.map((p) => `${p.length}:${p}`).join('');
  return hash53(s, 1) + hash53(s, 2);
}

function hash53(s: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * What a path is now: for a file, its stat signature; for a directory, a hash of its names.
 * `racy`: the file changed too recently for its signature to be trusted later (the file system
 * keeps times in ticks of a few ms: a rewrite within the same tick, to the same size, keeps the
 * signature), so it is not recorded as a shortcut; git treats its index the same way.
 */
export interface Seen {
  sig: string;
  racy?: boolean;
}

/** A file whose times are this recent is racy. */
const RACY_MS = 3000;

/** No file (or no directory) there. */
const NONE = '-';

export function see(kind: Stamp[0], path: string): Seen {
  // most paths of an entry are include probes that found nothing: no exception for those
  const st = tree.statSync(path, { bigint: true, throwIfNoEntry: false });
  if (kind === 'e') return { sig: st?.isDirectory() ? 'directory' : NONE };
  if (kind === 'd') {
    if (!st?.isDirectory()) return { sig: NONE };
    try {
      // a listing's hash is for this table alone: no need to load node:crypto for it
      return { sig: cacheKey(tree.readdirSync(path).sort()) };
    } catch {
      return { sig: NONE };
    }
  }
  // an absence holds while nothing is there: a directory appearing (an include directory
  // created) undoes it as a file does
  if (kind === 'a') return { sig: !st ? NONE : st.isDirectory() ? 'directory' : 'present' };
  if (!st?.isFile()) return { sig: NONE };
  const racy = Number(st.mtimeMs > st.ctimeMs ? st.mtimeMs : st.ctimeMs) > Date.now() - RACY_MS;
  return { sig: `${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`, ...(racy ? { racy } : {}) };
}

/**
 * The hash of a file's bytes (null: no such file), read only when its stat signature is not one
 * a previous run hashed: kdrift's keys name files by their contents without reading them.
 */
export function fileHash(path: string): string | null {
  const h = knownHash(path, see('f', path));
  return h === NONE ? null : h;
}

/** The hash of a file stat has just seen: from the persistent table when it knows the signature. */
function knownHash(path: string, seen: Seen): string {
  if (seen.sig === NONE) return NONE;
  const known = persistentHashes().get(path);
  if (known && known[0] === seen.sig) return known[1];
  const h = contentHash(path, seen);
  if (h !== NONE && !seen.racy) rememberHash(path, seen.sig, h);
  return h;
}

// Hashes of files by path and signature, kept between runs in one file of the cache directory.
let hashFile: string | null | undefined;
let hashTable: Map<string, [string, string]> | undefined;
let hashesChanged = false;

function persistentHashes(): Map<string, [string, string]> {
  if (hashTable) return hashTable;
  hashTable = new Map();
  hashFile = resultCacheDir() && join(resultCacheDir()!, `hashes-${ENTRY_VERSION}.json`);
  if (!hashFile) return hashTable;
  try {
    for (const [p, sig, h] of JSON.parse(readFileSync(hashFile, 'utf8')) as [string, string, string][]) hashTable.set(p, [sig, h]);
  } catch {
    // none yet, or unreadable: hashed again
  }
  return hashTable;
}

const MAX_HASHES = 50_000;

function rememberHash(path: string, sig: string, hash: string) {
  const table = persistentHashes();
  if (!hashFile) return;
  table.delete(path);
  table.set(path, [sig, hash]);
  if (!hashesChanged) {
    hashesChanged = true;
    process.once('exit', () => {
      try {
        mkdirSync(dirname(hashFile!), { recursive: true });
        const tmp = `${hashFile}.${process.pid}.tmp`;
        // the most recently hashed files, at most MAX_HASHES of them
        writeFileSync(tmp, JSON.stringify([...table].slice(-MAX_HASHES).map(([p, [s, h]]) => [p, s, h])));
        renameSync(tmp, hashFile!);
      } catch {
        // not fatal: hashed again next time
      }
    });
  }
}

/** Hashes of file contents, per process and stat signature: a file rewritten during the process is hashed again. */
const hashes = new Map<string, string>();

function contentHash(path: string, seen: Seen): string {
  if (seen.sig === NONE) return NONE;
  const memo = `${path}\0${seen.sig}`;
  let h = hashes.get(memo);
  if (h === undefined) {
    try {
      h = createHash('sha1').update(tree.readFileSync(path)).digest('hex');
    } catch {
      return NONE;
    }
    if (!seen.racy) hashes.set(memo, h);
  }
  return h;
}

const codeStamps = new Map<string, string>();

/**
 * A stamp of kdrift's code under these folders of src/: a result computed by other code is
 * another result. Sizes and mtimes of the files, read once per process; a bundle's build id.
 */
export function codeStamp(folders: readonly string[]): string {
  if (BUILD_ID !== undefined) return BUILD_ID;
  const key = folders.join(',');
  let s = codeStamps.get(key);
  if (s === undefined) {
    const root = join(ROOT, 'src');
    const h = createHash('sha256');
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
        if (e.isDirectory()) walk(p);
        else if (e.isFile()) {
          const st = statSync(p);
          h.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
        }
      }
    };
    for (const f of folders) walk(join(root, f));
    s = h.digest('hex');
    codeStamps.set(key, s);
  }
  return s;
}
