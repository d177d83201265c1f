// tools-drift: the tools/ copy of the header lacks members, has members the kernel lacks, or
// gives them other values. check-headers.sh reports that the files differ; this says how.
import { defineCheck, finding } from '../check.js';
import { formatValue, roleOf } from '../roles.js';

export const toolsDrift = defineCheck({
  name: 'tools-drift',
  codes: ['tools-drift'],
  run({ family, tools, defined }) {
    if (!tools) return [];
    const out = [];
    const copy = new Map(tools.constants.map((c) => [c.name, c]));
    const known = new Set(copy.keys());
    const members = new Set(family.members.map((m) => m.name));
    for (const m of family.members) {
      const c = copy.get(m.name);
      if (!c) {
        out.push(finding('tools-drift', family, { name: m.name, file: tools.file, line: nearestLine(family, m.name, copy) }, `${tools.file} lacks ${m.name} (${formatValue(m.value, family.kind)}, ${family.header}:${m.line})`));
      } else if (c.value !== null && c.value !== m.value) {
        out.push(finding('tools-drift', family, { name: m.name, file: tools.file, line: c.line }, `${tools.file} has ${m.name} = ${formatValue(c.value, family.kind)}; ${family.header}:${m.line} has ${formatValue(m.value, family.kind)}`));
      }
    }
    if (family.origin === 'prefix' || family.origin === 'declared') {
      for (const c of tools.constants) {
        if (!c.name.startsWith(family.prefix) || members.has(c.name) || defined.has(c.name) || c.value === null) continue;
        if (roleOf(c, known) !== 'member') continue;
        if (family.excluded.some((e) => e.name === c.name) || family.masks.some((k) => k.name === c.name)) continue;
        out.push(finding('tools-drift', family, { name: c.name, file: tools.file, line: c.line }, `${tools.file} has ${c.name} (${formatValue(c.value, family.kind)}), which ${family.header} does not define`));
      }
    }
    return out;
  },
});

/** Where a missing member would go in the copy: the line of the member before it there. */
function nearestLine(family: { members: { name: string }[] }, name: string, copy: Map<string, { line: number }>): number {
  let line = 1;
  for (const m of family.members) {
    if (m.name === name) break;
    const c = copy.get(m.name);
    if (c) line = c.line;
  }
  return line;
}
