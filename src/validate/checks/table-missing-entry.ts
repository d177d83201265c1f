// table-missing-entry: a table for the family (a string table the perf beauty scripts generate,
// or one written by hand) has no entry for a member.
import { defineCheck, finding } from '../check.js';

export const tableMissingEntry = defineCheck({
  name: 'table-missing-entry',
  codes: ['table-missing-entry'],
  run({ family, tables }) {
    const out = [];
    for (const t of tables) {
      if (t.prefix !== family.prefix) continue;
      const have = new Set(t.entries.map((e) => (e.startsWith(family.prefix) ? e : family.prefix + e)));
      for (const m of family.members) {
        if (have.has(m.name)) continue;
        out.push(finding('table-missing-entry', family, { name: m.name, file: t.file, line: t.line }, `${t.name} has no entry for ${m.name}`));
      }
    }
    return out;
  },
});
