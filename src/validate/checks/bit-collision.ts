// bit-collision: two members of a bit family share a bit.
import { defineCheck, finding } from '../check.js';
import { bitsOf, formatValue } from '../roles.js';

export const bitCollision = defineCheck({
  name: 'bit-collision',
  codes: ['bit-collision'],
  run({ family }) {
    if (family.kind !== 'bits') return [];
    const out = [];
    const ms = [...family.members].sort((a, b) => a.line - b.line);
    for (let i = 0; i < ms.length; i++) {
      for (let j = 0; j < i; j++) {
        const shared = ms[i].value & ms[j].value;
        if (ms[i].value <= 0n || ms[j].value <= 0n || shared === 0n) continue;
        const where = bitsOf(shared).map((b) => `bit ${b}`).join(', ');
        out.push(
          finding('bit-collision', family, ms[i], `${ms[i].name} (${formatValue(ms[i].value, 'bits')}) shares ${where} with ${ms[j].name} (${formatValue(ms[j].value, 'bits')}, line ${ms[j].line})`),
        );
        break; // one finding per member: the first it collides with
      }
    }
    return out;
  },
});
