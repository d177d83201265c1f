// Work items shared by this thread and one worker thread: both take the next item from one
// counter in shared memory, so a long item does not leave the other thread idle. Results come
// back in item order. The worker is a module of src/cli (`<name>.ts`, bundled as `<name>.js`)
// that calls `serveItems` with the function for one item; a worker that fails leaves its items
// to this thread.
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Worker as WorkerType } from 'node:worker_threads';
import { outOfSight } from '../fs.js';
import { workerFiles } from '../paths.js';

/**
 * Whether a second thread may be used for `items` items: at least `least` of them, at least
 * `cores` cores, and KDRIFT_NO_WORKERS unset (KDRIFT_WORKERS=1: whatever the cores, for tests).
 * The default of three cores is measured: with two, a single thread of kdrift already has V8's
 * compiler and garbage collector on the other, and a worker made `check` no faster and `tables`
 * 15% slower. A long dump gains from one on two cores (uapi: 4.3 s against 5.2 s).
 */
export function canShare(items: number, least = 2, cores = 3): boolean {
  if (items < least || process.env.KDRIFT_NO_WORKERS) return false;
  return process.env.KDRIFT_WORKERS === '1' || availableParallelism() >= cores;
}

async function drain<T>(n: number, counter: Int32Array, each: (i: number) => Promise<T> | T, done: (i: number, r: T) => void) {
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= n) return;
    done(i, await each(i));
  }
}

/** Runs items 0..n-1, with the worker `name` (given `data`) when `share`, else all here. */
export async function shareItems<T>(n: number, each: (i: number) => Promise<T> | T, worker: { name: string; data: unknown; share: boolean }): Promise<T[]> {
  const out: (T | undefined)[] = new Array(n).fill(undefined);
  const got = new Array<boolean>(n).fill(false);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const put = (i: number, r: T) => {
    out[i] = r;
    got[i] = true;
  };
  const other = worker.share ? inWorker(worker.name, worker.data, n, counter, put) : Promise.resolve();
  await drain(n, counter, each, put);
  await other.catch(() => undefined);
  for (let i = 0; i < n; i++) if (!got[i]) put(i, await each(i));
  return out as T[];
}

// node:worker_threads loads only where a worker is used (a run served from the cache has none)
async function inWorker<T>(name: string, data: unknown, n: number, counter: Int32Array, put: (i: number, r: T) => void): Promise<void> {
  const { Worker } = await import('node:worker_threads');
  outOfSight(`the ${name} thread`);
  return new Promise((resolvePromise, reject) => {
    const { boot, entry } = workerFiles(name);
    const w: WorkerType = new Worker(boot, { workerData: { entry: pathToFileURL(entry).href, data, n, counter } });
    w.on('message', (m: { i: number; result: T } | { done: true }) => {
      if ('done' in m) {
        resolvePromise();
        void w.terminate();
      } else put(m.i, m.result);
    });
    w.once('error', reject);
    w.once('exit', (code) => (code ? reject(new Error(`${name} exited ${code}`)) : resolvePromise()));
  });
}

/** In a worker module: serve items until the counter runs out. */
export async function serveItems<D, T>(each: (data: D, i: number) => Promise<T> | T): Promise<void> {
  const { parentPort, workerData } = await import('node:worker_threads');
  const { data, n, counter } = workerData as { data: D; n: number; counter: Int32Array };
  await drain(n, counter, (i) => each(data, i), (i, result) => parentPort!.postMessage({ i, result }));
  parentPort!.postMessage({ done: true });
}
