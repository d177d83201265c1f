// Runs the oracle over a tree of headers on one ABI: one `kdrift dump` process, gcc on every header as its JSON arrives.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { compareHeader, compareMissingDump, emptyComparison, type Comparison } from './compare.js';
import { parseDumpLine, type DumpHeader } from './dump-json.js';
import { askGcc, headerError, type GccAnswers } from './gcc.js';
import { toolchain, type Tree } from './toolchain.js';

const KDRIFT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'kdrift');

export interface OracleRun {
  comparison: Comparison;
  /** Headers asked for that `kdrift dump` gave no JSON for, with what it said on stderr about them. */
  kdriftFailed: { header: string; error: string }[];
  headers: number;
  /** gcc processes in all (retries and bisection included). */
  compiles: number;
  /** Wall-clock seconds: kdrift's process, and the whole run (gcc overlaps kdrift). */
  kdriftSeconds: number;
  seconds: number;
  /** With RunOptions.keepAnswers: gcc's answers, by header as asked. */
  answers?: Map<string, GccAnswers>;
}

export interface RunOptions {
  /** Concurrent gcc processes; default: the number of cores. */
  jobs?: number;
  /** Keep gcc's answers per header (OracleRun.answers), for tests that compare headers with each other. */
  keepAnswers?: boolean;
}

/** Compares kdrift with gcc on `headers` (paths relative to `tree.root`, as `#include <…>` names them). */
export async function runOracle(tree: Tree, headers: readonly string[], opts: RunOptions = {}): Promise<OracleRun> {
  const t0 = performance.now();
  const tc = toolchain(tree.abi);
  const jobs = opts.jobs ?? availableParallelism();
  const comparison = emptyComparison();
  const byPath = new Map(headers.map((h) => [resolve(tree.root, h), h]));
  const answered = new Set<string>();
  const answers = opts.keepAnswers ? new Map<string, GccAnswers>() : undefined;
  let compiles = 0;

  // a small pool: at most `jobs` gcc headers in flight
  const queue: { include: string; dump: DumpHeader }[] = [];
  let running = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const pump = () => {
    while (running < jobs && queue.length) {
      const job = queue.shift()!;
      running++;
      askGcc({ toolchain: tc, includes: tree.gccIncludes, include: job.include, file: resolve(tree.root, job.include), dump: job.dump })
        .then((g) => {
          compiles += g.compiles;
          compareHeader(g, job.dump, comparison);
          answers?.set(job.include, g);
        })
        .catch((e) => (failure ??= e))
        .finally(() => {
          running--;
          pump();
          wake?.();
        });
    }
  };

  const args = [KDRIFT, 'dump', '--format', 'json', '--arch', tree.abi, ...tree.kdriftIncludes.flatMap((d) => ['-I', d]), ...byPath.keys()];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (s: string) => stderr.push(s));
  const exited = new Promise<number | null>((res, rej) => {
    child.on('error', rej);
    child.on('close', res);
  });
  try {
    for await (const line of createInterface({ input: child.stdout })) {
      if (!line.trim()) continue;
      const dump = parseDumpLine(line);
      const include = byPath.get(resolve(tree.root, dump.header));
      if (include === undefined) throw new Error(`kdrift dump printed a header nobody asked for: ${dump.header}`);
      answered.add(include);
      queue.push({ include, dump });
      pump();
    }
  } catch (e) {
    child.kill();
    throw e;
  }
  const code = await exited;
  const kdriftSeconds = (performance.now() - t0) / 1000;
  while (running || queue.length) await new Promise<void>((r) => (wake = r));
  if (failure) throw failure;

  const errText = stderr.join('');
  if (!answered.size && headers.length) throw new Error(`kdrift dump printed nothing (exit ${code}):\n${errText.slice(0, 2000)}`);
  const kdriftFailed = headers
    .filter((h) => !answered.has(h))
    .map((h) => {
      const abs = resolve(tree.root, h);
      const said = errText.split('\n').filter((l) => l.includes(abs) && / error: /.test(l));
      return { header: h, error: said.slice(0, 3).join('\n') || `no JSON (kdrift exit ${code})` };
    });
  for (const f of kdriftFailed) {
    compiles++;
    compareMissingDump(tree.abi, f.header, await headerError(tc, tree.gccIncludes, f.header), f.error.split('\n')[0], comparison);
  }
  return {
    comparison,
    kdriftFailed,
    headers: headers.length,
    compiles,
    kdriftSeconds,
    seconds: (performance.now() - t0) / 1000,
    ...(answers ? { answers } : {}),
  };
}

/** `dir/*.h` (not recursive), relative to `root`, sorted: what `#include <dir/….h>` names. */
export function headersIn(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.h'))
    .map((e) => join(dir, e.name))
    .sort();
}

/** Every `*.h` under `root/sub` (recursively), relative to `root`, sorted. */
export function headersUnder(root: string, sub: string): string[] {
  return readdirSync(join(root, sub), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.h'))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}
