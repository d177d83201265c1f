// Text output, drop-in for check-headers.sh: its own messages while checking (a missing
// ignore-hunks file), then its warning block in the modern format, byte for byte:
//   Warning: Kernel ABI header differences:
//     diff -u TOOLS KERNEL
// "Warning" is yellow on a terminal, as the script's `echo -e` makes it, and plain otherwise.
// After it, when pairs were diffed semantically: one line per differing pair with its verdict
// and its changes counted by kind, then the changes of additive and incompatible pairs.
import type { CheckRun, PairResult } from '../check/types.js';
import { checkVerdictBlock } from './diff-text.js';
import type { Reporter, ReporterEnv } from './reporter.js';

const YELLOW = '\x1b[0;33m';
const NC = '\x1b[0m';

export function textReporter(env: ReporterEnv): Reporter {
  const warned: PairResult[] = [];
  const diffed: { kernel: string; diff: NonNullable<PairResult['semantic']> }[] = [];
  const warning = (rest: string) => (env.color ? `${YELLOW}Warning${NC}${rest}` : `Warning${rest}`);
  return {
    begin(run: CheckRun) {
      if (run.skipped) env.write(warning(run.skipped.replace(/^Warning/, '')) + '\n');
    },
    add(r: PairResult) {
      if (r.reason === 'ignore-hunks-missing' && r.spec.ignoreHunks?.missing.message) env.write(r.spec.ignoreHunks.missing.message + '\n');
      if (r.warned) warned.push(r);
      if (r.semantic) diffed.push({ kernel: r.spec.kernel, diff: r.semantic });
    },
    end() {
      if (warned.length) {
        let s = warning(': Kernel ABI header differences:') + '\n';
        for (const r of warned) s += `  diff -u ${r.spec.tools} ${r.spec.kernel}\n`;
        env.write(s);
      }
      const block = checkVerdictBlock(diffed);
      if (block) env.write('\n' + block + (block.endsWith('\n') ? '' : '\n'));
    },
  };
}
