// The work of `kdrift dump` on a list of headers, the same in the main thread and in a worker.
import { KdriftError, type ErrorKind, type SourcePoint } from '../errors.js';
import { createSession } from '../model/session.js';
import type { Abi, Diagnostic } from '../model/types.js';
import { dumpJsonText, dumpText } from '../report/dump.js';

export interface DumpJob {
  headers: string[];
  abi: Abi;
  includeDirs: string[];
  /** Headers processed before each header, as gcc's `-include`. */
  preinclude: string[];
  format: 'text' | 'json';
  /**
   * Shared with another thread working on the same list from its other end: one Int32 that
   * counts the headers claimed by both. Each thread claims one header at a time, so neither
   * waits for the other however their halves differ in cost, and each still works through a
   * contiguous run of the list (neighbours share includes, parsed once per thread).
   */
  claims?: { counter: SharedArrayBuffer; from: 'front' | 'back' };
}

export interface DumpResult {
  header: string;
  /** Rendered output, or null when the header could not be read at all. */
  out: string | null;
  error?: { kind: ErrorKind; message: string; at?: SourcePoint; hint?: string };
  file?: string;
  diagnostics: Diagnostic[];
}

export interface DumpRun {
  results: DumpResult[];
  parseSeconds: number;
  reparsed: number;
  files: number;
  renderSeconds: number;
  /** When this thread began and ended its headers, in ms of the epoch (performance.timeOrigin based). */
  span: [number, number];
}

export function runDumpJob(job: DumpJob): DumpRun {
  const began = performance.timeOrigin + performance.now();
  const session = createSession({ abi: job.abi, includeDirs: job.includeDirs, preinclude: job.preinclude });
  const results: DumpResult[] = [];
  let renderSeconds = 0;
  for (const h of claimed(job)) {
    try {
      const eh = session.header(h);
      const t0 = performance.now();
      const out = flat(job.format === 'json' ? dumpJsonText(h, eh) + '\n' : dumpText(h, eh));
      renderSeconds += (performance.now() - t0) / 1000;
      results.push({ header: h, out, file: eh.model.file, diagnostics: eh.diagnostics });
    } catch (e) {
      if (!(e instanceof KdriftError)) throw e;
      results.push({ header: h, out: null, error: { kind: e.kind, message: e.message, at: e.at, hint: e.hint }, diagnostics: [] });
    }
  }
  // from the back, headers were done last first: the run's results are in list order
  if (job.claims?.from === 'back') results.reverse();
  const span: [number, number] = [began, performance.timeOrigin + performance.now()];
  return { results, parseSeconds: session.cache.parseSeconds, reparsed: session.cache.reparseCount, files: session.cache.fileCount, renderSeconds, span };
}

/**
 * The string as one flat string: rendering concatenates ~1,000 pieces per header, and V8 keeps
 * such a string as a tree of its pieces until something reads it. Kept until the end of the
 * run, those trees were most of what survived young-generation collections (the x86 uapi:
 * 1.1 million pieces, 37 MB). Converting it to a number makes V8 flatten it in place.
 */
function flat(s: string): string {
  void (+s);
  return s;
}

/** The job's headers, or those it claims from its end of a shared list. */
function* claimed(job: DumpJob): Generator<string> {
  if (!job.claims) {
    yield* job.headers;
    return;
  }
  const counter = new Int32Array(job.claims.counter);
  const n = job.headers.length;
  // both ends together never claim more than the list holds, so the two runs do not meet
  for (let mine = 0; Atomics.add(counter, 0, 1) < n; mine++) yield job.headers[job.claims.from === 'front' ? mine : n - 1 - mine];
}
