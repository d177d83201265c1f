// missing-from-mask: a member that the family's valid-bits mask does not cover.
import { defineCheck, finding } from '../check.js';
import { formatValue } from '../roles.js';

export const missingFromMask = defineCheck({
  name: 'missing-from-mask',
  codes: ['missing-from-mask'],
  run({ family }) {
    if (family.kind !== 'bits') return [];
    const out = [];
    for (const mask of family.masks) {
      if (mask.kind !== 'valid') continue;
      for (const m of family.members) {
        if (m.value <= 0n || (m.value & ~mask.value) === 0n) continue;
        out.push(
          finding('missing-from-mask', family, { name: m.name, file: mask.file, line: mask.line },
            `${mask.name} (${formatValue(mask.value, 'bits')}) does not cover ${m.name} (${formatValue(m.value, 'bits')}, line ${m.line})`),
        );
      }
    }
    return out;
  },
});
