// mask-extra-bit: a mask of the family covers a bit that no member names. Checked for valid-bits
// masks and masks written as an OR of constants; a literal `*_MASK` or `*_ALL` is often a field
// mask, whose bits are not members.
import { defineCheck, finding } from '../check.js';
import { bitsOf, formatValue } from '../roles.js';

export const maskExtraBit = defineCheck({
  name: 'mask-extra-bit',
  codes: ['mask-extra-bit'],
  run({ family }) {
    if (family.kind !== 'bits') return [];
    let named = 0n;
    for (const m of family.members) if (m.value > 0n) named |= m.value;
    const out = [];
    for (const mask of family.masks) {
      if (mask.value < 0n || (mask.kind !== 'valid' && mask.written !== 'or')) continue;
      const extra = mask.value & ~named;
      if (extra === 0n) continue;
      out.push(
        finding('mask-extra-bit', family, { name: mask.name, file: mask.file, line: mask.line },
          `${mask.name} (${formatValue(mask.value, 'bits')}) covers ${bitsOf(extra).map((b) => `bit ${b}`).join(', ')}, which no ${family.prefix}* member names`),
      );
    }
    return out;
  },
});
