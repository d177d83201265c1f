// The work of `kdrift dump` on a list of headers, the same in the main thread and in a worker.
import { KdriftError, type ErrorKind, type SourcePoint } from '../errors.js';
import { createSession } from '../model/session.js';
import type { Abi, Diagnostic } from '../model/types.js';
import { dumpJson, dumpText } from '../report/dump.js';

export interface DumpJob {
  headers: string[];
  abi: Abi;
  includeDirs: string[];
  format: 'text' | 'json';
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
  renderSeconds: number;
}

export function runDumpJob(job: DumpJob): DumpRun {
  const session = createSession({ abi: job.abi, includeDirs: job.includeDirs });
  const results: DumpResult[] = [];
  let renderSeconds = 0;
  for (const h of job.headers) {
    try {
      const eh = session.header(h);
      const t0 = performance.now();
      const out = job.format === 'json' ? JSON.stringify(dumpJson(h, eh)) + '\n' : dumpText(h, eh);
      renderSeconds += (performance.now() - t0) / 1000;
      results.push({ header: h, out, file: eh.model.file, diagnostics: eh.diagnostics });
    } catch (e) {
      if (!(e instanceof KdriftError)) throw e;
      results.push({ header: h, out: null, error: { kind: e.kind, message: e.message, at: e.at, hint: e.hint }, diagnostics: [] });
    }
  }
  return { results, parseSeconds: session.cache.parseSeconds, reparsed: session.cache.reparseCount, renderSeconds };
}
