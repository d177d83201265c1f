import { describe, expect, test } from 'vitest';
import { arm64PmuSetPmu } from '../../src/emulator/arm64-pmu-set-pmu.js';
import { handEvidence } from '../../src/emulator/evidence.js';
import { dump, syms } from './make.js';

const H = 'arch/arm64/include/uapi/asm/kvm.h';
const T = 'tools/arch/arm64/include/uapi/asm/kvm.h';
const P = 'KVM_ARM_VCPU_PMU_V3_';
const ATTRS = { [`${P}IRQ`]: 0n, [`${P}INIT`]: 1n, [`${P}FILTER`]: 2n, [`${P}SET_PMU`]: 3n };
const copy = (c: 'kernel' | 'tools', file: string, attrs: Record<string, bigint>) => syms(c, file, { [`${P}CTRL`]: 0n, ...attrs }, { [P]: Object.keys(attrs) });
const pmuEmul = (fns: string[]) => handEvidence({ 'arch/arm64/kvm/pmu-emul.c': { functions: Object.fromEntries(fns.map((f) => [f, []])) } });

describe('arm64-pmu-set-pmu', () => {
  test('6.12: SET_PMU in both copies, the rules hold', () => {
    const run = arm64PmuSetPmu.run({ kernel: copy('kernel', H, ATTRS), tools: copy('tools', T, ATTRS), evidence: pmuEmul(['kvm_arm_pmu_v3_set_pmu']) });
    expect(run.generation).toEqual({ name: '6.12', because: 'arch/arm64/kvm/pmu-emul.c defines kvm_arm_pmu_v3_set_pmu() and no kvm_arm_pmu_v3_set_nr_counters()' });
    expect(dump(run.findings)).toBe('');
  });

  test('SET_PMU in the kernel header only: the tools copy simply cannot ask', () => {
    const { [`${P}SET_PMU`]: _, ...old } = ATTRS;
    const run = arm64PmuSetPmu.run({ kernel: copy('kernel', H, ATTRS), tools: copy('tools', T, old), evidence: handEvidence({}) });
    expect(dump(run.findings)).toBe('');
  });

  test('SET_PMU in the tools copy only: a tool asking for it gets -ENXIO', () => {
    const { [`${P}SET_PMU`]: _, ...old } = ATTRS;
    const run = arm64PmuSetPmu.run({ kernel: copy('kernel', H, old), tools: copy('tools', T, ATTRS), evidence: handEvidence({}) });
    expect(run.generation.name).toBe('pre-SET_PMU (5.17)');
    expect(dump(run.findings)).toMatchInlineSnapshot(`"error copy-misread KVM_ARM_VCPU_PMU_V3_SET_PMU: KVM_ARM_VCPU_PMU_V3_SET_PMU is 3 in tools/arch/arm64/include/uapi/asm/kvm.h but undefined in arch/arm64/include/uapi/asm/kvm.h: a tool built against the copy gets other behaviour (112 scenarios, e.g. irqchip=0: vcpu 0: SET_PMU(10) returns -ENXIO, the rules say 0)"`);
  });

  test('SET_PMU in the header, no kvm_arm_pmu_v3_set_pmu() in pmu-emul.c: never enabled', () => {
    const run = arm64PmuSetPmu.run({ kernel: copy('kernel', H, ATTRS), evidence: pmuEmul(['kvm_arm_pmu_v3_set_attr']) });
    expect(dump(run.findings)).toMatchInlineSnapshot(`"error never-enabled KVM_ARM_VCPU_PMU_V3_SET_PMU: no sequence of calls gets KVM_ARM_VCPU_PMU_V3_SET_PMU accepted: the pre-SET_PMU (5.17) logic has no case for it (arch/arm64/kvm/pmu-emul.c has no kvm_arm_pmu_v3_set_pmu()), so KVM_SET_DEVICE_ATTR returns -ENXIO"`);
  });

  test('SET_PMU given the id of FILTER: ambiguous, and the rules break', () => {
    const run = arm64PmuSetPmu.run({ kernel: copy('kernel', H, { ...ATTRS, [`${P}SET_PMU`]: 2n }), evidence: pmuEmul(['kvm_arm_pmu_v3_set_pmu']) });
    expect(dump(run.findings)).toMatchInlineSnapshot(`
      "error ambiguous-attribute KVM_ARM_VCPU_PMU_V3_SET_PMU: KVM_ARM_VCPU_PMU_V3_SET_PMU and KVM_ARM_VCPU_PMU_V3_FILTER are both 2: a request for KVM_ARM_VCPU_PMU_V3_SET_PMU runs the KVM_ARM_VCPU_PMU_V3_FILTER case
      error attribute-rule-broken KVM_ARM_VCPU_PMU_V3_SET_PMU: the PMU set through one vCPU does not apply to the whole VM (112 scenarios, e.g. irqchip=0: vcpu 0: SET_PMU(11))
      error attribute-rule-broken KVM_ARM_VCPU_PMU_V3_SET_PMU: KVM_ARM_VCPU_PMU_V3_SET_PMU does not follow its rules (84 scenarios, e.g. irqchip=0: vcpu 0: SET_PMU(99) returns 0, the rules say -ENXIO)"
    `);
  });
});
