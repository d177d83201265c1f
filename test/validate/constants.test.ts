import { join } from 'node:path';
import { describe, test } from 'vitest';
import { createSession } from '../../src/model/session.js';
import { constantsOf, isNested, shapeOf } from '../../src/validate/constants.js';
import { REPO } from '../helpers/run.js';

describe('isNested', () => {
  test.for([
    ['#define KVM_ARM_VCPU_PMU_V3_CTRL\t0', false],
    ['#define   KVM_ARM_VCPU_PMU_V3_IRQ\t0', true],
    ['#define\tFOO 1', false],
    ['# define PR_SPEC_STORE_BYPASS\t\t0', false],
  ] as const)('%s', ([line, want], { expect }) => {
    expect(isNested(line)).toBe(want);
  });
});

describe('shapeOf', () => {
  test('refs, OR shape and ioctl type from the lexer', ({ expect }) => {
    expect(shapeOf('(A | B | C)')).toEqual({ refs: ['A', 'B', 'C'], orOfRefs: true });
    expect(shapeOf('(1 << 4)')).toEqual({ refs: [], orOfRefs: false });
    expect(shapeOf('_IOW(KVMIO, 0xab, struct kvm_one_reg)')).toEqual({ refs: ['_IOW', 'KVMIO', 'struct', 'kvm_one_reg'], orOfRefs: false, ioctlType: 'KVMIO' });
  });
});

describe('constantsOf', () => {
  test('the arm64 fixture: values, nesting under the group', ({ expect }) => {
    const tree = join(REPO, 'fixtures/validate/arm64-set-pmu-kernel-only');
    const eh = createSession({ abi: 'arm64', includeDirs: [] }).header(join(tree, 'arch/arm64/include/uapi/asm/kvm.h'));
    const h = constantsOf(eh, (f) => f.slice(tree.length + 1));
    expect(h.file).toBe('arch/arm64/include/uapi/asm/kvm.h');
    expect(h.constants.filter((c) => c.name.startsWith('KVM_ARM_VCPU_PMU_V3_')).map((c) => `${c.name} ${c.value} ${c.nested ? `under ${c.parent}` : 'top'}`)).toEqual([
      'KVM_ARM_VCPU_PMU_V3_CTRL 0 top',
      'KVM_ARM_VCPU_PMU_V3_IRQ 0 under KVM_ARM_VCPU_PMU_V3_CTRL',
      'KVM_ARM_VCPU_PMU_V3_INIT 1 under KVM_ARM_VCPU_PMU_V3_CTRL',
      'KVM_ARM_VCPU_PMU_V3_FILTER 2 under KVM_ARM_VCPU_PMU_V3_CTRL',
      'KVM_ARM_VCPU_PMU_V3_SET_PMU 3 under KVM_ARM_VCPU_PMU_V3_CTRL',
    ]);
    expect(h.breakers.map((b) => b.name)).toEqual(['struct kvm_device_attr']);
  });
});
