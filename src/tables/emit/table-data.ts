// The tables of a generated file as data: index → name, as C ends up with them (a later
// designated initializer of the same index replaces an earlier one).
import type { Generated } from '../generate.js';

export interface TableData {
  name: string;
  /** Sorted by index. */
  entries: { index: bigint; name: string; define: string; file: string; line: number }[];
  /** Entries whose index C could not compute (printf or ilog2 of something that is not a number). */
  unindexed: { name: string; define: string; written: string }[];
}

export function tableData(g: Generated): TableData[] {
  return g.tables.map((t) => {
    const byIndex = new Map<bigint, TableData['entries'][number]>();
    const unindexed: TableData['unindexed'] = [];
    for (const e of t.entries) {
      if (e.index === null) unindexed.push({ name: e.name, define: e.full, written: e.written });
      else byIndex.set(e.index, { index: e.index, name: e.name, define: e.full, file: e.file, line: e.line });
    }
    const entries = [...byIndex.values()].sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0));
    return { name: t.array, entries, unindexed };
  });
}
