// Text output, drop-in for check-headers.sh: its own messages while checking (a missing
// ignore-hunks file), then its warning block in the modern format, byte for byte:
//   Warning: Kernel ABI header differences:
//     diff -u TOOLS KERNEL
// "Warning" is yellow on a terminal, as the script's `echo -e` makes it, and plain otherwise.
// After it, when pairs were diffed semantically: one line per differing pair with its verdict
// and its changes counted by kind, then the changes of additive and incompatible pairs, then
// what the model could not read in one side of a pair and not in the other. After
// that, for differing pairs whose tools copy feeds generated tables, one line per table a sync
// would change (`+` added, `-` removed, `~` re-indexed), or one line saying it changes none.
import type { CheckRun, PairResult } from '../check/types.js';
import type { TableImpact } from '../tables/impact.js';
import { checkVerdictBlock } from './diff-text.js';
import type { Reporter, ReporterEnv } from './reporter.js';

const YELLOW = '\x1b[0;33m';
const NC = '\x1b[0m';

export function textReporter(env: ReporterEnv): Reporter {
  const warned: PairResult[] = [];
  const diffed: { kernel: string; diff: NonNullable<PairResult['semantic']> }[] = [];
  const tabled: { tools: string; kernel: string; tables: readonly TableImpact[] }[] = [];
  const warning = (rest: string) => (env.color ? `${YELLOW}Warning${NC}${rest}` : `Warning${rest}`);
  return {
    begin(run: CheckRun) {
      if (run.skipped) env.write(warning(run.skipped.replace(/^Warning/, '')) + '\n');
    },
    add(r: PairResult) {
      if (r.reason === 'ignore-hunks-missing' && r.spec.ignoreHunks?.missing.message) env.write(r.spec.ignoreHunks.missing.message + '\n');
      if (r.warned) warned.push(r);
      if (r.semantic) diffed.push({ kernel: r.spec.kernel, diff: r.semantic });
      if (r.tables) tabled.push({ tools: r.spec.tools, kernel: r.spec.kernel, tables: r.tables });
    },
    end() {
      if (warned.length) {
        let s = warning(': Kernel ABI header differences:') + '\n';
        for (const r of warned) s += `  diff -u ${r.spec.tools} ${r.spec.kernel}\n`;
        env.write(s);
      }
      const block = checkVerdictBlock(diffed);
      if (block) env.write('\n' + block + (block.endsWith('\n') ? '' : '\n'));
      const tables = tableBlock(tabled);
      if (tables) env.write('\n' + tables);
    },
  };
}

/** Entries a sync would change in the tables each pair feeds; a pair whose sync changes none says so. */
export function tableBlock(pairs: readonly { tools: string; kernel: string; tables: readonly TableImpact[] }[]): string {
  if (!pairs.length) return '';
  const lines = [`Tables fed by ${pairs.length} differing ${pairs.length === 1 ? 'pair' : 'pairs'}, regenerated from the kernel's version:`];
  for (const p of pairs) {
    const changing = p.tables.filter((t) => t.added.length + t.removed.length + t.changed.length > 0);
    if (!changing.length) {
      const n = p.tables.length;
      lines.push(`  ${p.kernel}: ${n === 1 ? `the table fed by ${p.tools} (${p.tables[0]!.table}) does not change` : `none of the ${n} tables fed by ${p.tools} changes`}`);
      continue;
    }
    for (const t of changing) {
      const entries = [...t.added.map((n) => `+${n}`), ...t.removed.map((n) => `-${n}`), ...t.changed.map((n) => `~${n}`)];
      lines.push(`  ${p.kernel}: ${t.table}: ${entries.join(', ')}`);
    }
  }
  return lines.join('\n') + '\n';
}
