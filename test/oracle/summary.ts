// Renders an oracle run for a test's log: agreement counts per category, timings, what was not checked, and disagreements.
import { CATEGORIES, KDRIFT_ONLY_FAILS, type Disagreement } from './compare.js';
import type { OracleRun } from './run.js';
import type { Abi } from './toolchain.js';
import type { Triage } from './triage.js';

/** At most this many lines of each list; the count says how many were hidden. */
const SHOWN = 40;

export function summary(abi: Abi, tree: string, run: OracleRun, t: Triage): string {
  const c = run.comparison;
  const lines = [
    `oracle ${tree} ${abi}: ${run.headers} headers in ${run.seconds.toFixed(1)} s (kdrift ${run.kdriftSeconds.toFixed(1)} s, ${run.compiles} gcc runs)`,
  ];
  for (const cat of CATEGORIES) {
    const n = c.counts[cat];
    lines.push(
      `  ${(cat + 's').padEnd(8)} ${String(n.same).padStart(6)} same, ${String(n.neither).padStart(5)} without value in both, ` +
        `${String(n.differ).padStart(4)} differ${n.kdriftOnly ? `, ${n.kdriftOnly} kdrift-only` : ''}`,
    );
  }
  const failing = c.disagreements.length + (KDRIFT_ONLY_FAILS ? c.kdriftOnly.length : 0);
  lines.push(`  disagreements: ${failing} (${t.listed} listed, ${t.unlisted.length} unlisted); stale list entries: ${t.stale.length}`);
  if (c.uncompilable.length) lines.push(`  gcc cannot compile alone (not checked): ${c.uncompilable.map((u) => u.header).join(' ')}`);
  if (run.kdriftFailed.length) {
    lines.push(`  kdrift dump gave no JSON for ${run.kdriftFailed.length}:`);
    for (const f of run.kdriftFailed.slice(0, SHOWN)) lines.push(`    ${f.header}: ${f.error.split('\n')[0]}`);
  }
  list(lines, 'unlisted disagreements', t.unlisted);
  list(lines, `kdrift-only (gcc rejects, kdrift evaluates${KDRIFT_ONLY_FAILS ? '' : '; reported, not failed'})`, c.kdriftOnly);
  for (const s of t.stale) lines.push(`  stale entry: ${s.header} ${s.name}${s.abi ? ` (${s.abi})` : ''}: ${s.cause}`);
  return lines.join('\n');
}

function list(lines: string[], title: string, ds: Disagreement[]): void {
  if (!ds.length) return;
  lines.push(`  ${title}: ${ds.length}`);
  for (const d of ds.slice(0, SHOWN)) lines.push(`    ${formatDisagreement(d)}`);
  if (ds.length > SHOWN) lines.push(`    … ${ds.length - SHOWN} more`);
}

export function formatDisagreement(d: Disagreement): string {
  return `${d.header} ${d.kind} ${d.name}: gcc ${d.gcc}, kdrift ${d.kdrift}`;
}
