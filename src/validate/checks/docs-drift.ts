// docs-drift: an rst literal block under Documentation/ that lists the family disagrees with
// the header: a member it misses, a name it lists that the header lacks, another value.
import { defineCheck, finding } from '../check.js';
import type { DocBlock } from '../docs.js';
import { formatValue } from '../roles.js';
import type { Family } from '../types.js';

/** A block lists a family when it defines two or more of its names and at least half its members. */
export function blockListsFamily(block: DocBlock, family: Family): boolean {
  if (!family.prefix.endsWith('_')) return false;
  const names = new Set(family.members.map((m) => m.name));
  const withPrefix = block.defines.filter((d) => d.name.startsWith(family.prefix));
  const known = block.defines.filter((d) => names.has(d.name)).length;
  return withPrefix.length >= 2 && known * 2 >= family.members.length;
}

export const docsDrift = defineCheck({
  name: 'docs-drift',
  codes: ['docs-drift'],
  run({ family, docs, defined }) {
    const out = [];
    const byName = new Map(family.members.map((m) => [m.name, m]));
    const masks = new Map(family.masks.map((m) => [m.name, m]));
    const excluded = new Set(family.excluded.map((e) => e.name));
    for (const block of docs) {
      if (!blockListsFamily(block, family)) continue;
      const listed = new Set(block.defines.map((d) => d.name));
      const end = block.defines[block.defines.length - 1].line;
      for (const m of family.members) {
        if (listed.has(m.name)) continue;
        out.push(
          finding('docs-drift', family, { name: m.name, file: block.file, line: end },
            `the block after "${block.intro}" (line ${block.line}) does not list ${m.name} (${family.header}:${m.line})`),
        );
      }
      for (const d of block.defines) {
        const ref = byName.get(d.name) ?? masks.get(d.name);
        if (!ref) {
          if (d.name.startsWith(family.prefix) && !excluded.has(d.name) && !defined.has(d.name)) {
            out.push(finding('docs-drift', family, { name: d.name, file: block.file, line: d.line }, `lists ${d.name}, which ${family.header} does not define`));
          }
          continue;
        }
        if (d.value === undefined || d.value === null || d.value === ref.value) continue;
        out.push(
          finding('docs-drift', family, { name: d.name, file: block.file, line: d.line },
            `gives ${d.name} as ${d.body} (${formatValue(d.value, family.kind)}); ${family.header}:${ref.line} has ${formatValue(ref.value, family.kind)}`),
        );
      }
    }
    return out;
  },
});
