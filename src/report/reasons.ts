// Why a pair is reported, in one table: the rule id machine formats use, a title, and the
// message for one pair. Every WarnReason has exactly one entry (the Record makes it so).
import type { PairResult, WarnReason } from '../check/types.js';
import { verdictSummary } from './diff-text.js';

export interface ReasonInfo {
  /** Stable rule id (SARIF ruleId, GitHub annotation title). */
  rule: string;
  title: string;
  description: string;
  message(r: PairResult): string;
}

function optionsNote(r: PairResult): string {
  const parts: string[] = [];
  if (r.spec.diff.argv.length) parts.push(`diff ${r.spec.diff.argv.join(' ')}`);
  if (r.hunks?.total) parts.push(`${r.hunks.total - r.hunks.ignored} of ${r.hunks.total} hunks not ignored`);
  if (r.unfilteredLines) parts.push(`${r.unfilteredLines} diff -u lines not in ${r.spec.ignoreHunks?.file}`);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

export const REASONS: Record<WarnReason, ReasonInfo> = {
  differs: {
    rule: 'header-differs',
    title: 'Kernel ABI header differences',
    description: "The tools/ copy differs from the kernel's file under the options check-headers.sh gives diff.",
    message: (r) => `${r.spec.tools} differs from ${r.spec.kernel}${optionsNote(r)}: diff -u ${r.spec.tools} ${r.spec.kernel}`,
  },
  'missing-tools': {
    rule: 'tools-copy-missing',
    title: 'Missing tools/ copy',
    description: 'check-headers.sh names a tools/ copy that is not in the tree.',
    message: (r) => `${r.spec.tools} is missing; the kernel has ${r.spec.kernel}`,
  },
  'missing-kernel': {
    rule: 'kernel-file-missing',
    title: 'Missing kernel file',
    description: 'The kernel file of a pair is absent and the check does not test for it first, so diff fails.',
    message: (r) => `${r.spec.kernel} is missing; ${r.spec.tools} has nothing to be compared with`,
  },
  'ignore-hunks-missing': {
    rule: 'ignore-hunks-missing',
    title: 'Missing ignore-hunks file',
    description: 'check_ignore_some_hunks names a file of hunks to ignore that is not in the tree.',
    message: (r) => r.spec.ignoreHunks?.missing.message ?? `${r.spec.ignoreHunks?.file} not found. Skipping ${r.spec.kernel} check.`,
  },
  'diff-trouble': {
    rule: 'diff-trouble',
    title: 'diff stops with an error',
    description: 'diff rejects an option or -I regex the script gives it, so the pair is listed whatever it holds.',
    message: (r) => `diff stops with an error on ${r.spec.tools} ${r.spec.kernel}${r.problem ? `: ${r.problem.message}` : ''}`,
  },
};

/**
 * What the semantic diff and the table impact say of a differing pair, for formats that carry
 * one message per pair (SARIF, GitHub): `; semantic diff: additive: 2 changes (…); tables: kvm_ioctl_cmds +X -Y`.
 */
export function semanticNote(r: PairResult): string {
  const parts: string[] = [];
  if (r.semantic) parts.push(`semantic diff: ${verdictSummary(r.semantic)}`);
  if (r.tables) {
    const changing = r.tables.filter((t) => t.added.length + t.removed.length + t.changed.length > 0);
    const entries = (t: (typeof changing)[number]) => [...t.added.map((n) => `+${n}`), ...t.removed.map((n) => `-${n}`), ...t.changed.map((n) => `~${n}`)].join(' ');
    parts.push(changing.length ? `tables: ${changing.map((t) => `${t.table} ${entries(t)}`).join('; ')}` : 'tables: a sync changes none');
  }
  return parts.length ? `; ${parts.join('; ')}` : '';
}
