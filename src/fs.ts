// Every path kdrift looks at goes through here (a test holds src/ to it), so that a run can
// say all it read: `kdrift check` and `kdrift tables` keep their whole output between runs
// (src/cache/runs.ts), and use it while every path the run looked at still looks the same.
// Each function returns exactly what node:fs returns; with no watcher it only forwards.
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KdriftError } from './errors.js';

/** What a run looked at, and what it wrote, as it happens. */
export interface FsWatcher {
  /** Read, or stat'ed and found a file (or anything that is not a directory). */
  file(path: string): void;
  /** Looked for and not there. */
  absent(path: string): void;
  /** Stat'ed and found a directory. */
  directory(path: string): void;
  /** Listed. */
  listed(path: string): void;
  /** Written whole (writeFileAtomic). */
  wrote(path: string, data: Buffer): void;
  /** Looked at in a way the watcher cannot stamp (an error other than "no such file"). */
  unknown(path: string): void;
}

let watcher: FsWatcher | null = null;

/** Starts (or, with null, stops) telling `w` what is looked at. */
export function watchFs(w: FsWatcher | null): void {
  watcher = w;
}

/** Another thread is about to read files this one's watcher cannot see. */
export function outOfSight(what: string): void {
  watcher?.unknown(what);
}

function failed(path: fs.PathLike, e: unknown): void {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') watcher!.absent(String(path));
  else watcher!.unknown(String(path));
}

function stated(path: fs.PathLike, st: fs.Stats | fs.BigIntStats | undefined): void {
  if (!st) watcher!.absent(String(path));
  else if (st.isDirectory()) watcher!.directory(String(path));
  else watcher!.file(String(path));
}

export const readFileSync = ((path: fs.PathOrFileDescriptor, options?: unknown) => {
  if (!watcher || typeof path === 'number') return fs.readFileSync(path, options as BufferEncoding);
  try {
    const r = fs.readFileSync(path, options as BufferEncoding);
    watcher.file(String(path));
    return r;
  } catch (e) {
    failed(path as fs.PathLike, e);
    throw e;
  }
}) as typeof fs.readFileSync;

export const statSync = ((path: fs.PathLike, options?: fs.StatSyncOptions) => {
  if (!watcher) return fs.statSync(path, options);
  try {
    const st = fs.statSync(path, options);
    stated(path, st);
    return st;
  } catch (e) {
    failed(path, e);
    throw e;
  }
}) as typeof fs.statSync;

export function existsSync(path: fs.PathLike): boolean {
  if (!watcher) return fs.existsSync(path);
  try {
    const st = fs.statSync(path, { throwIfNoEntry: false });
    stated(path, st);
    return st !== undefined;
  } catch (e) {
    failed(path, e);
    return false;
  }
}

export const readdirSync = ((path: fs.PathLike, options?: unknown) => {
  if (!watcher) return fs.readdirSync(path, options as BufferEncoding);
  try {
    const r = fs.readdirSync(path, options as BufferEncoding);
    watcher.listed(String(path));
    return r;
  } catch (e) {
    failed(path, e);
    throw e;
  }
}) as typeof fs.readdirSync;

function holds(path: string, bytes: Buffer): boolean {
  try {
    const st = fs.statSync(path, { throwIfNoEntry: false });
    return !!st?.isFile() && st.size === bytes.length && fs.readFileSync(path).equals(bytes);
  } catch {
    return false;
  }
}

/**
 * Writes a file whole or not at all: a temporary file in the same directory, then a rename. A
 * file that already holds exactly these bytes is left alone, as Kbuild's filechk does: what
 * depends on it is not made again.
 */
export function writeFileAtomic(path: string, data: string | Buffer, encoding: BufferEncoding = 'utf8'): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, encoding) : data;
  if (holds(path, bytes)) {
    watcher?.wrote(path, bytes);
    return;
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, path);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // there was no directory to write the temporary file in
    }
    throw new KdriftError('io', `cannot write ${path}: ${(e as Error).message}`, { file: path });
  }
  watcher?.wrote(path, bytes);
}
