// Whole runs of `kdrift check` and `kdrift tables`, kept between runs: perf's build runs them on
// every `make`, and most builds change no header. A run is kept with every path it looked at
// (src/fs.ts watches the tree's files, stats and listings as they happen) and what it printed,
// wrote and returned; the next run with the same command line, directory and environment
// replays it while every one of those paths still looks the same (./results.ts's stamps), and
// loads nothing else. A run is not kept when it could not see all it read (a worker thread did
// part of the work, a path it could not stamp), when it wrote what it also read, or when it
// ended in an error.
import { resolve } from 'node:path';
import { watchFs, writeFileAtomic, type FsWatcher } from '../fs.js';
import { BUILD_ID } from '../paths.js';
import { cacheKey, codeStamp, Dependencies, ResultCache, see, type StampMemo } from './results.js';

/** Commands worth keeping: what a build runs every time. */
const KEPT_COMMANDS = new Set(['check', 'tables']);

/**
 * The environment a run's output depends on: every variable src/ reads (a test holds this list
 * to the sources), except those that only say where the cache is.
 */
export const RUN_ENVIRONMENT = ['NO_COLOR', 'GITHUB_WORKSPACE', 'TZ', 'KDRIFT_DEBUG', 'KDRIFT_NO_MEMO', 'KDRIFT_NO_WORKERS', 'KDRIFT_WORKERS'] as const;

/** Exit codes of runs that are kept: done, and done with findings. */
const KEPT_CODES = new Set([0, 1]);

interface KeptRun {
  /** What was printed, in order: [1 stdout | 2 stderr, base64 bytes]. */
  printed: [1 | 2, string][];
  /** Files written whole: [path, base64 bytes]. */
  wrote: [string, string][];
  code: number;
}

export class RunResultCache extends ResultCache {
  constructor(dir?: string | null, stamps?: StampMemo) {
    super('run', dir, stamps);
  }

  /** The key of a command line run in `cwd` (null when it is not a kept command or there is no cache). */
  key(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv, tty: { stdout: boolean; stderr: boolean }): string | null {
    const command = argv.find((a) => !a.startsWith('-'));
    if (!this.dir || command === undefined || !KEPT_COMMANDS.has(command)) return null;
    const code = BUILD_ID ?? codeStamp(['']);
    const environment = RUN_ENVIRONMENT.map((k) => (env[k] === undefined ? '' : `${k}=${env[k]}`));
    return cacheKey([code, cwd, String(tty.stdout), String(tty.stderr), ...environment, '--', ...argv]);
  }
}

/** Prints and writes a kept run again; its exit code, or undefined when there is none that holds. */
export function replayRun(cache: RunResultCache, key: string | null): number | undefined {
  const run = cache.get<KeptRun>(key);
  if (!run) return undefined;
  for (const [path, data] of run.wrote) writeFileAtomic(path, Buffer.from(data, 'base64'));
  for (const [fd, data] of run.printed) (fd === 1 ? process.stdout : process.stderr).write(Buffer.from(data, 'base64'));
  return run.code;
}

/** Runs `body`, watching what it looks at, prints and writes, and keeps the run when it can. */
export async function keepRun(cache: RunResultCache, key: string | null, body: () => Promise<number>): Promise<number> {
  if (!key) return body();
  const deps = new Dependencies();
  const wrote = new Map<string, Buffer>();
  // What each path looked like when the run first looked: a path that changed while the run
  // went on would be stamped as it is after the run, not as the run saw it.
  const first = new Map<string, { kind: 'f' | 'a' | 'e' | 'd'; path: string; sig: string }>();
  const look = (kind: 'f' | 'a' | 'e' | 'd', path: string) => {
    const k = kind + path;
    if (first.has(k)) return;
    first.set(k, { kind, path, sig: '' });
    first.set(k, { kind, path, sig: see(kind, path).sig }); // see() looks through the watcher: already marked
  };
  const watcher: FsWatcher = {
    file: (p) => (deps.files.add(p), look('f', p)),
    absent: (p) => (deps.absent.add(p), look('a', p)),
    directory: (p) => (deps.directories.add(p), look('e', p)),
    listed: (p) => (deps.dirs.add(p), look('d', p)),
    wrote: (p, data) => void wrote.set(resolve(p), data),
    unknown: () => void (deps.incomplete = true),
  };
  const printed: [1 | 2, string][] = [];
  const restore = [tap(process.stdout, 1, printed), tap(process.stderr, 2, printed)];
  watchFs(watcher);
  let code: number;
  try {
    code = await body();
  } finally {
    watchFs(null);
    for (const r of restore) r();
  }
  const resolved = new Dependencies().add(deps);
  // how every path looks now: compared with the first look, and the stamps the entry keeps
  const now: StampMemo = new Map();
  for (const f of first.values()) {
    const seen = see(f.kind, f.path);
    now.set(f.kind + resolve(f.path), seen);
    if (seen.sig !== f.sig) resolved.incomplete = true;
  }
  for (const p of wrote.keys()) if (resolved.files.has(p) || resolved.absent.has(p)) resolved.incomplete = true;
  if (KEPT_CODES.has(code)) {
    const run: KeptRun = { printed, wrote: [...wrote].map(([p, d]) => [p, d.toString('base64')]), code };
    new RunResultCache(cache.dir, now).set(key, resolved, run);
  }
  return code;
}

/** Records what is written to a stream, and still writes it. */
function tap(stream: NodeJS.WriteStream, fd: 1 | 2, into: [1 | 2, string][]): () => void {
  const write = stream.write;
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, encoding?: unknown, cb?: unknown) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array);
    into.push([fd, bytes.toString('base64')]);
    return write.call(this, chunk as string, encoding as BufferEncoding, cb as () => void);
  } as typeof stream.write;
  return () => {
    stream.write = write;
  };
}
