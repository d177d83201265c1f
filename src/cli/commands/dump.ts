// `kdrift dump`: the model of headers with evaluated values and layouts on one ABI.
import { Option, type Command } from 'commander';
import { KdriftError } from '../../errors.js';
import { ABIS, type Abi, type EvaluatedHeader } from '../../model/types.js';
import { createSession } from '../../model/session.js';
import { EXIT } from '../exit-codes.js';
import type { RegisterCommand } from './index.js';
import { dumpJson, dumpText } from '../../report/dump.js';

interface DumpOptions {
  arch: Abi;
  include: string[];
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
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--stats', 'print timings (parse, expansion, layout) to stderr')
    .option('--verbose', 'print warnings from included files too')
    .addHelpText('after', '\nExample:\n  kdrift dump include/uapi/linux/kvm.h -I include/uapi -I arch/x86/include/uapi --format json')
    .action((headers: string[], o: DumpOptions) => {
      setExit(runDump(headers, o));
    });
};

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

function runDump(headers: string[], o: DumpOptions): number {
  const t0 = performance.now();
  const session = createSession({ abi: o.arch, includeDirs: o.include });
  let failed = false;
  let evalSeconds = 0;
  const out: string[] = [];
  const printed = new Set<string>();
  const flush = () => {
    if (out.length) process.stdout.write(out.join(''));
    out.length = 0;
  };
  for (const h of headers) {
    let eh: EvaluatedHeader;
    try {
      eh = session.header(h);
    } catch (e) {
      if (e instanceof KdriftError && headers.length > 1) {
        process.stderr.write(`kdrift: ${h}: error: ${e.message}\n`);
        failed = true;
        continue;
      }
      throw e;
    }
    const e0 = performance.now();
    out.push(o.format === 'json' ? JSON.stringify(dumpJson(h, eh)) + '\n' : dumpText(h, eh));
    evalSeconds += (performance.now() - e0) / 1000;
    for (const d of eh.diagnostics) {
      // a problem of an included header is that header's, not the one being dumped
      const own = d.file === eh.model.file;
      const severity = own || d.message.includes('not found in the include path') ? d.severity : 'warning';
      const text = `kdrift: ${d.file}:${d.line}${d.col ? ':' + d.col : ''}: ${severity}: ${d.message}\n`;
      if ((own || severity === 'error' || o.verbose) && !printed.has(text)) {
        printed.add(text);
        process.stderr.write(text);
      }
      if (severity === 'error') failed = true;
    }
    if (out.length > 64) flush();
  }
  flush();
  if (o.stats) {
    const total = (performance.now() - t0) / 1000;
    const parse = session.cache.parseSeconds;
    process.stderr.write(
      `stats: ${headers.length} headers, total ${total.toFixed(2)}s: parse ${parse.toFixed(2)}s (${session.cache.reparseCount} reparsed declarations), ` +
        `preprocess+expand+realise ${(total - parse - evalSeconds).toFixed(2)}s, values+layout ${evalSeconds.toFixed(2)}s, peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`,
    );
  }
  return failed ? EXIT.input : EXIT.ok;
}
