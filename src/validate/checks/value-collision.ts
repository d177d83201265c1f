// value-collision: two members of a value family are equal.
import { defineCheck, finding } from '../check.js';
import { formatValue } from '../roles.js';

export const valueCollision = defineCheck({
  name: 'value-collision',
  codes: ['value-collision'],
  run({ family }) {
    if (family.kind !== 'values') return [];
    const out = [];
    const first = new Map<bigint, (typeof family.members)[number]>();
    for (const m of [...family.members].sort((a, b) => a.line - b.line)) {
      const prev = first.get(m.value);
      if (prev && prev.name === m.name) {
        out.push(finding('value-collision', family, m, `${m.name} is defined twice (lines ${prev.line} and ${m.line}), with the same value`));
      } else if (prev) {
        const v = family.origin === 'ioctl' ? `0x${m.value.toString(16)}` : formatValue(m.value, 'values');
        out.push(finding('value-collision', family, m, `${m.name} has the value ${v} of ${prev.name} (line ${prev.line})`));
      } else first.set(m.value, m);
    }
    return out;
  },
});
