// Text output of the semantic diff: one line per change in gcc's `file:line:` voice (editors jump
// to it), then a verdict line with the changes counted by kind. `verdictSummary` and `changeLine`
// are also what check's text reporter prints for a differing pair.
import { reaches } from '../diff/classify.js';
import { CHANGE_KIND_ORDER, CHANGE_KINDS } from '../diff/kinds.js';
import type { Change, ChangeKind, DiffDiagnostic, FileDiff, Verdict } from '../diff/types.js';

/** Changes counted by kind, in the kinds table's order: `4 member-respelled, 1 include-added`. */
export function countsByKind(changes: readonly Change[]): string {
  const n = new Map<ChangeKind, number>();
  for (const c of changes) n.set(c.kind, (n.get(c.kind) ?? 0) + 1);
  return CHANGE_KIND_ORDER.filter((k) => n.has(k))
    .map((k) => `${n.get(k)} ${k}`)
    .join(', ');
}

/** `7 changes (4 member-respelled, 1 include-added, 2 kernel-only)`, `12 lines changed, …`. */
export function changesSummary(d: FileDiff): string {
  if (d.verdict === 'identical') return 'no change';
  if (d.kind === 'text') {
    const lines = `${d.changedLines} ${d.changedLines === 1 ? 'line' : 'lines'} changed`;
    return `${lines}${d.fallback ? `, compared as text because ${d.fallback}` : ', not a C header: compared as text'}`;
  }
  const n = d.changes.length;
  return `${n} ${n === 1 ? 'change' : 'changes'}${n ? ` (${countsByKind(d.changes)})` : ''}`;
}

/** `equivalent: 7 changes (4 member-respelled, 1 include-added, 2 kernel-only)`. */
export function verdictSummary(d: FileDiff): string {
  return d.verdict === 'identical' ? 'identical' : `${d.verdict}: ${changesSummary(d)}`;
}

function what(c: Change): string {
  const before = 'before' in c ? c.before : undefined;
  const after = 'after' in c ? c.after : undefined;
  if (c.kind === 'comment-or-whitespace') return `lines ${c.name}`;
  let s = c.kind === 'unexplained' ? `lines ${c.name}` : c.name;
  if (before !== undefined && after !== undefined) s += `: ${before || '(empty)'} → ${after || '(empty)'}`;
  else if (after !== undefined && after !== c.name) s += `: ${after || '(empty)'}`;
  else if (before !== undefined && before !== c.name) s += `: was ${before || '(empty)'}`;
  return s;
}

/** `include/uapi/linux/kvm.h:500: member-respelled struct x.y: a → b [only i386] (because …)`. */
export function changeLine(c: Change): string {
  const cause = 'cause' in c && c.cause ? ` (${c.cause})` : '';
  const abis = c.abis ? ` [only ${c.abis.join(', ')}]` : '';
  return `${c.file}:${c.line}: ${c.kind} ${what(c)}${abis}${cause}`;
}

/** The whole output of `kdrift diff`. */
export function renderDiffText(d: FileDiff): string {
  const lines = [`--- ${d.old}`, `+++ ${d.new}`];
  if (d.kind === 'header') for (const c of d.changes) lines.push(changeLine(c));
  const on = d.kind === 'header' && d.verdict !== 'identical' && d.verdict !== 'equivalent' ? ` (values and layouts compared on ${d.abis.join(', ')})` : '';
  lines.push(`${d.new}: ${verdictSummary(d)}${on}`);
  return lines.join('\n') + '\n';
}

/**
 * What `kdrift check` prints after its warning block: one line per differing pair with its
 * verdict and its changes counted by kind, then every change of the pairs that are additive or
 * stronger (what a tool could see). `pairs` in the script's order.
 */
export function checkVerdictBlock(pairs: readonly { kernel: string; diff: FileDiff }[]): string {
  const differing = pairs.filter((p) => p.diff.verdict !== 'identical');
  if (!differing.length) return '';
  const count = new Map<Verdict, number>();
  for (const p of differing) count.set(p.diff.verdict, (count.get(p.diff.verdict) ?? 0) + 1);
  const by = (['equivalent', 'additive', 'differs', 'incompatible'] as const).filter((v) => count.has(v)).map((v) => `${count.get(v)} ${v}`);
  const lines = [`Semantic diff of ${differing.length} differing ${differing.length === 1 ? 'pair' : 'pairs'}: ${by.join(', ')}`];
  const width = Math.max(...differing.map((p) => p.diff.verdict.length));
  for (const p of differing) lines.push(`  ${p.diff.verdict.padEnd(width)}  ${p.kernel}: ${changesSummary(p.diff)}`);
  for (const p of differing) {
    if (p.diff.kind !== 'header' || !reaches(p.diff.verdict, 'additive')) continue;
    for (const c of p.diff.changes) if (reaches(CHANGE_KINDS[c.kind].verdict, 'additive')) lines.push(`  ${changeLine(c)}`);
  }
  // what the model could not read on one side only: the verdict rests on the rest (what both
  // sides lack, such as <stdlib.h>, weighs on neither)
  for (const p of differing) {
    if (p.diff.kind !== 'header') continue;
    for (const d of oneSided(p.diff.diagnostics)) lines.push(`  ${diagnosticLine(d, CHECK_SIDES)}`);
  }
  return lines.join('\n') + '\n';
}

/** The problems of one side that the other side does not have (the same message). */
export function oneSided(ds: readonly DiffDiagnostic[]): DiffDiagnostic[] {
  const has = (side: DiffDiagnostic['side'], message: string) => ds.some((d) => d.side === side && d.message === message);
  return ds.filter((d) => !has(d.side === 'old' ? 'new' : 'old', d.message));
}

/** How check names the two sides of a pair. */
export const CHECK_SIDES = { old: 'tools copy', new: 'kernel' } as const;

/** `MESSAGE (SIDE, ABIS)`, a side named as the caller names it. */
export function diagnosticText(d: DiffDiagnostic, sides: { old: string; new: string }): string {
  return `${d.message} (${sides[d.side]}, ${d.abis.join(', ')})`;
}

/** `FILE:LINE: error: MESSAGE (SIDE, ABIS)`. */
export function diagnosticLine(d: DiffDiagnostic, sides: { old: string; new: string }): string {
  return `${d.file}:${d.line}: ${d.severity}: ${diagnosticText(d, sides)}`;
}
