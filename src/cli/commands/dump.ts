// `kdrift dump`: the model of headers with evaluated values and layouts on one ABI.
import { Option, type Command } from 'commander';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerFiles } from '../../paths.js';
import { KdriftError, formatError } from '../../errors.js';
import { ABIS, type Abi } from '../../model/types.js';
import { EXIT } from '../exit-codes.js';
import type { RegisterCommand } from './index.js';
import { runDumpJob, type DumpJob, type DumpRun } from '../dump-run.js';
import { tuneCompiler } from '../v8-tuning.js';
import { canShare } from '../parallel.js';

interface DumpOptions {
  arch: Abi;
  include: string[];
  preinclude: string[];
  format: 'text' | 'json';
  stats?: boolean;
  verbose?: boolean;
}

export const registerDump: RegisterCommand = (program: Command, setExit) => {
  program
    .command('dump')
    .description('print the model of headers: macros, enums, records with values and layouts on one ABI')
    .argument('<header...>', 'headers to parse (several: JSON Lines, one object per header)')
    .addOption(new Option('--arch <abi>', 'ABI to evaluate on').choices([...ABIS]).default('x86_64'))
    .option('-I, --include <dir>', 'add an include directory (searched in order, as gcc -I)', collect, [])
    .option('--preinclude <header>', 'process <header> before each header, as gcc -include (for headers that leave _IOR and the like to their includer)', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--stats', 'print timings (parse, expansion, layout) to stderr')
    .option('--verbose', 'print warnings from included files too')
    .addHelpText('after', '\nExamples:\n  kdrift dump include/uapi/linux/kvm.h -I include/uapi -I arch/x86/include/uapi --format json\n  kdrift dump include/uapi/linux/usbdevice_fs.h -I include/uapi -I arch/x86/include/uapi --preinclude linux/ioctl.h')
    .action(async (headers: string[], o: DumpOptions) => {
      setExit(await runDump(headers, o));
    });
};

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

async function runDump(headers: string[], o: DumpOptions): Promise<number> {
  const t0 = performance.now();
  const epoch0 = performance.timeOrigin + t0;
  const job = (hs: string[]): DumpJob => ({ headers: hs, abi: o.arch, includeDirs: o.include, preinclude: o.preinclude, format: o.format });
  // a worker thread takes headers from the end of a long list while this thread takes them
  // from the front, until they meet (each thread has its own cache); on two cores too
  const split = canShare(headers.length, PARALLEL_MIN, 2);
  if (headers.length >= PARALLEL_MIN) tuneCompiler();
  const counter = new SharedArrayBuffer(4);
  const second = split ? inWorker({ ...job(headers), claims: { counter, from: 'back' } }) : Promise.resolve(null);
  const runs = [runDumpJob(split ? { ...job(headers), claims: { counter, from: 'front' } } : job(headers))];
  const other = await second;
  if (other) runs.push(other);
  let failed = false;
  const printed = new Set<string>();
  const out: string[] = [];
  for (const run of runs) {
    for (const r of run.results) {
      if (r.out === null) {
        const e = new KdriftError(r.error!.kind, r.error!.message, r.error!.at, r.error!.hint);
        if (headers.length === 1) throw e;
        process.stderr.write(formatError(e) + '\n');
        failed = true;
        continue;
      }
      out.push(r.out);
      if (out.length >= 64) process.stdout.write(out.splice(0).join(''));
      for (const d of r.diagnostics) {
        // a problem of an included header is that header's, not the one being dumped
        const own = d.file === r.file;
        const severity = own || d.message.includes('not found in the include path') ? d.severity : 'warning';
        const text = `kdrift: ${d.file}:${d.line}${d.col ? ':' + d.col : ''}: ${severity}: ${d.message}\n`;
        if ((own || severity === 'error' || o.verbose) && !printed.has(text)) {
          printed.add(text);
          process.stderr.write(text);
        }
        if (severity === 'error') failed = true;
      }
    }
  }
  process.stdout.write(out.join(''));
  if (o.stats) {
    const total = (performance.now() - t0) / 1000;
    const parse = runs.reduce((a, r) => a + r.parseSeconds, 0);
    const render = runs.reduce((a, r) => a + r.renderSeconds, 0);
    const reparsed = runs.reduce((a, r) => a + r.reparsed, 0);
    // each thread's share: its headers, the files it parsed for them, when it began and ended
    const shares = runs.map((r) => `${r.results.length} headers, ${r.files} files parsed, ${((r.span[0] - epoch0) / 1000).toFixed(2)}-${((r.span[1] - epoch0) / 1000).toFixed(2)}s`).join('; ');
    process.stderr.write(
      `stats: ${headers.length} headers on ${runs.length} thread${runs.length > 1 ? 's' : ''}, wall ${total.toFixed(2)}s (${shares}); cpu: parse ${parse.toFixed(2)}s (${reparsed} declarations reparsed after expansion), ` +
        `values+layout+render ${render.toFixed(2)}s, the rest preprocessing and expansion; peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`,
    );
  }
  return failed ? EXIT.input : EXIT.ok;
}

/** Below this many headers a worker's start-up costs more than it saves. */
const PARALLEL_MIN = 48;

function inWorker(job: DumpJob): Promise<DumpRun> {
  return new Promise((resolvePromise, reject) => {
    // from src/ (through tsx) or from the dist/ bundle, whichever this module was loaded from
    const { boot, entry } = workerFiles('dump-worker');
    const w = new Worker(boot, { workerData: { entry: pathToFileURL(entry).href, job } });
    w.once('message', (m: DumpRun) => {
      resolvePromise(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}
