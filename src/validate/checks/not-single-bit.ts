// not-single-bit: a member of a bit family that is zero or has several bits, and is not a mask.
import { defineCheck, finding } from '../check.js';
import { bitsOf, formatValue, isSingleBit } from '../roles.js';

export const notSingleBit = defineCheck({
  name: 'not-single-bit',
  codes: ['not-single-bit'],
  run({ family }) {
    if (family.kind !== 'bits') return [];
    return family.members
      .filter((m) => !isSingleBit(m.value))
      .map((m) => {
        const what = m.value === 0n ? 'has no bit set' : m.value < 0n ? 'is negative' : `has ${bitsOf(m.value).length} bits set (${bitsOf(m.value).join(', ')})`;
        return finding('not-single-bit', family, m, `${m.name} (${formatValue(m.value, 'bits')}) ${what} in a bit family`);
      });
  },
});
