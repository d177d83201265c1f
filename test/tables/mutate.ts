// Header mutations for the kernel-tier parity tests: the ways headers change between syncs.
import { readFileSync } from 'node:fs';
import type { TreeTables } from '../../src/tables/tree.js';

export type Mutation = 'new-define' | 'shift' | 'remove' | 'reorder';
export const MUTATIONS: Mutation[] = ['new-define', 'shift', 'remove', 'reorder'];

/**
 * arch_errno_names gets new values, not copies: where two names share a value, `sort -nu`
 * keeps the one gcc -dM lists first, in its hash table's order, which kdrift cannot know.
 *
 * Per header, the line edits of one mutation: for each family, around the first two lines the
 * script picked. Edits are keyed by the header's original line numbers and applied bottom-up.
 */
export function mutate(ours: TreeTables, kind: Mutation): Map<string, string> {
  const picks = new Map<string, { line: number; name: string; prefix: string; enumerator: boolean; errno?: boolean }[]>();
  for (const { generated } of ours.results) {
    for (const t of generated.tables) {
      for (const run of t.runs) {
        const rows = run.rows.filter((r) => r.spelled.ok && !r.excludedBy).slice(0, 2);
        for (const r of rows) {
          const list = picks.get(r.file) ?? [];
          if (!list.some((x) => x.line === r.line)) list.push({ line: r.line, name: r.full, prefix: r.full.slice(0, r.full.length - r.name.length), enumerator: r.kind === 'enumerator' });
          picks.set(r.file, list);
        }
      }
      // arch_errno_names: its entries are the families
      if (!t.runs.length) {
        for (const e of t.entries.slice(0, 2)) {
          const list = picks.get(e.file) ?? [];
          if (!list.some((x) => x.line === e.line)) list.push({ line: e.line, name: e.full, prefix: 'E', enumerator: false, errno: true });
          picks.set(e.file, list);
        }
      }
    }
  }
  const files = new Map<string, string>();
  for (const [file, list] of picks) {
    const lines = readFileSync(file, 'latin1').split('\n');
    const sorted = [...list].sort((a, b) => b.line - a.line);
    if (kind === 'reorder') {
      // swap the first two picked lines of the file
      const [a, b] = [...list].sort((x, y) => x.line - y.line);
      if (a && b) [lines[a.line - 1], lines[b.line - 1]] = [lines[b.line - 1], lines[a.line - 1]];
    } else {
      for (const p of sorted) {
        const text = lines[p.line - 1];
        const fresh = `${p.name}_KDRIFT`;
        // new lines go before the picked one: after it they could land inside its trailing comment
        if (kind === 'new-define') lines.splice(p.line - 1, 0, p.errno ? `#define\t${fresh}\t${4000 + p.line}\t/* new */` : text.replace(p.name, fresh));
        else if (kind === 'shift') lines.splice(p.line - 1, 0, p.enumerator ? `\t${p.prefix}KDRIFT_SHIFT = (1 << 5),` : `#define ${p.prefix}KDRIFT_SHIFT\t(1 << 5)`);
        else lines.splice(p.line - 1, 1);
      }
    }
    files.set(file, lines.join('\n'));
  }
  return files;
}

