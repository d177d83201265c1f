import { describe, expect, test } from 'vitest';
import { commonPrefix, detectFamilies, prefixesOf } from '../../src/validate/families.js';
import { bit, header } from './make.js';

const dump = (fams: ReturnType<typeof detectFamilies>) =>
  fams.map((f) => `${f.prefix} ${f.kind} [${f.members.map((m) => (m.name.startsWith(f.prefix) ? m.name.slice(f.prefix.length) : m.name)).join(' ')}]` + (f.masks.length ? ` masks [${f.masks.map((k) => `${k.name}:${k.kind}`).join(' ')}]` : '')).join('\n');

describe('prefixesOf', () => {
  test('shortest first, at underscores', ({ expect }) => {
    expect(prefixesOf('KVM_X86_DISABLE_EXITS_HLT')).toEqual(['KVM_', 'KVM_X86_', 'KVM_X86_DISABLE_', 'KVM_X86_DISABLE_EXITS_']);
    expect(prefixesOf('__FOO_BAR')).toEqual(['__FOO_']);
  });
});

describe('commonPrefix', () => {
  test.for([
    [['A_B_C', 'A_B_D'], 'A_B_'],
    [['A_B', 'A_B_C'], 'A_'],
    [['KVM_X86_DISABLE_EXITS_MWAIT'], 'KVM_X86_DISABLE_EXITS_'],
    [['FOO', 'BAR'], ''],
  ] as const)('%j → %s', ([names, want], { expect }) => {
    expect(commonPrefix(names)).toBe(want);
  });
});

describe('detectFamilies', () => {
  test('the disable-exits bits with their valid mask, next to the capability numbers', () => {
    const h = header('include/uapi/linux/kvm.h', [
      { name: 'KVM_X86_DISABLE_EXITS_MWAIT', value: bit(0) },
      { name: 'KVM_X86_DISABLE_EXITS_HLT', value: bit(1) },
      { name: 'KVM_X86_DISABLE_EXITS_PAUSE', value: bit(2) },
      { name: 'KVM_X86_DISABLE_EXITS_CSTATE', value: bit(3) },
      { name: 'KVM_X86_DISABLE_VALID_EXITS', value: 15n, body: '(KVM_X86_DISABLE_EXITS_MWAIT | KVM_X86_DISABLE_EXITS_HLT | KVM_X86_DISABLE_EXITS_PAUSE | KVM_X86_DISABLE_EXITS_CSTATE)' },
      { breaker: 'struct kvm_enable_cap' },
      { name: 'KVM_CAP_IRQCHIP', value: 0n },
      { name: 'KVM_CAP_HLT', value: 1n },
      { name: 'KVM_CAP_MMU_SHADOW_CACHE_CONTROL', value: 2n },
      { name: 'KVM_CAP_USER_MEMORY', value: 3n },
      { name: 'KVM_CAP_X86_DISABLE_EXITS', value: 143n },
    ]);
    expect(dump(detectFamilies(h))).toMatchInlineSnapshot(`
      "KVM_X86_DISABLE_EXITS_ bits [MWAIT HLT PAUSE CSTATE] masks [KVM_X86_DISABLE_VALID_EXITS:valid]
      KVM_CAP_ values [IRQCHIP HLT MMU_SHADOW_CACHE_CONTROL USER_MEMORY X86_DISABLE_EXITS]"
    `);
  });

  test('a GENMASK range among single bits is a mask of the family, whatever its name', () => {
    const h = header('arch/x86/include/asm/msr-index.h', [
      { name: 'MSR_AMD64_SNP_VTOM', value: bit(3) },
      { name: 'MSR_AMD64_SNP_REFLECT_VC', value: bit(4) },
      { name: 'MSR_AMD64_SNP_RESTRICTED_INJ', value: bit(5) },
      { name: 'MSR_AMD64_SNP_RESERVED_BITS18_22', value: 0x7c0000n, body: 'GENMASK_ULL(22, 18)' },
      { name: 'MSR_AMD64_SNP_IBPB_ON_ENTRY', value: bit(23) },
    ]);
    expect(dump(detectFamilies(h))).toMatchInlineSnapshot(`"MSR_AMD64_SNP_ bits [VTOM REFLECT_VC RESTRICTED_INJ IBPB_ON_ENTRY] masks [MSR_AMD64_SNP_RESERVED_BITS18_22:partial]"`);
  });

  test('small enumerations are value families', () => {
    const h = header('v.h', [
      { name: 'BAZ_A', value: 0n },
      { name: 'BAZ_B', value: 1n },
      { name: 'BAZ_C', value: 2n },
      { name: 'BAZ_D', value: 2n },
    ]);
    expect(dump(detectFamilies(h))).toBe('BAZ_ values [A B C D]');
  });

  test('two bit families under one prefix split where their collisions vanish', () => {
    const h = header('x.h', [
      { name: 'FOO_A_X', value: bit(2) },
      { name: 'FOO_A_Y', value: bit(3) },
      { name: 'FOO_B_X', value: bit(2) },
      { name: 'FOO_B_Y', value: bit(3) },
    ]);
    expect(dump(detectFamilies(h))).toMatchInlineSnapshot(`
      "FOO_A_ bits [X Y]
      FOO_B_ bits [X Y]"
    `);
  });

  test('a real collision stays one family', () => {
    const h = header('include/linux/perf_event.h', [
      { name: 'PERF_PMU_CAP_NO_INTERRUPT', value: 0x1n },
      { name: 'PERF_PMU_CAP_NO_NMI', value: 0x2n },
      { name: 'PERF_PMU_CAP_AUX_NO_SG', value: 0x4n },
      { name: 'PERF_PMU_CAP_AUX_PREFER_LARGE', value: 0x400n },
      { name: 'PERF_PMU_CAP_MEDIATED_VPMU', value: 0x400n },
    ]);
    expect(dump(detectFamilies(h))).toBe('PERF_PMU_CAP_ bits [NO_INTERRUPT NO_NMI AUX_NO_SG AUX_PREFER_LARGE MEDIATED_VPMU]');
  });

  test('nested attribute defines form their own family, apart from the group ids', () => {
    const h = header('arch/arm64/include/uapi/asm/kvm.h', [
      { name: 'KVM_ARM_VCPU_PMU_V3_CTRL', value: 0n },
      { name: 'KVM_ARM_VCPU_PMU_V3_IRQ', value: 0n, nested: true, parent: 'KVM_ARM_VCPU_PMU_V3_CTRL' },
      { name: 'KVM_ARM_VCPU_PMU_V3_INIT', value: 1n, nested: true, parent: 'KVM_ARM_VCPU_PMU_V3_CTRL' },
      { name: 'KVM_ARM_VCPU_PMU_V3_FILTER', value: 2n, nested: true, parent: 'KVM_ARM_VCPU_PMU_V3_CTRL' },
      { name: 'KVM_ARM_VCPU_PMU_V3_SET_PMU', value: 3n, nested: true, parent: 'KVM_ARM_VCPU_PMU_V3_CTRL' },
      { name: 'KVM_ARM_VCPU_TIMER_CTRL', value: 1n },
      { name: 'KVM_ARM_VCPU_TIMER_IRQ_VTIMER', value: 0n, nested: true, parent: 'KVM_ARM_VCPU_TIMER_CTRL' },
      { name: 'KVM_ARM_VCPU_TIMER_IRQ_PTIMER', value: 1n, nested: true, parent: 'KVM_ARM_VCPU_TIMER_CTRL' },
      { name: 'KVM_ARM_VCPU_PVTIME_CTRL', value: 2n },
      { name: 'KVM_ARM_VCPU_PVTIME_IPA', value: 0n, nested: true, parent: 'KVM_ARM_VCPU_PVTIME_CTRL' },
    ]);
    expect(dump(detectFamilies(h))).toMatchInlineSnapshot(`
      "KVM_ARM_VCPU_ values [PMU_V3_CTRL TIMER_CTRL PVTIME_CTRL]
      KVM_ARM_VCPU_PMU_V3_ values [IRQ INIT FILTER SET_PMU]
      KVM_ARM_VCPU_TIMER_IRQ_ values [VTIMER PTIMER]"
    `);
  });

  test('enumerators by enum, sentinels and aliases excluded with a reason', () => {
    const h = header('e.h', [
      { name: 'PERF_TYPE_HARDWARE', value: 0n, enumName: 'perf_type_id' },
      { name: 'PERF_TYPE_SOFTWARE', value: 1n, enumName: 'perf_type_id' },
      { name: 'PERF_TYPE_TRACEPOINT', value: 2n, enumName: 'perf_type_id' },
      { name: 'PERF_TYPE_MAX', value: 3n, enumName: 'perf_type_id' },
      { name: 'PERF_TYPE_TRACE', value: 2n, body: 'PERF_TYPE_TRACEPOINT' },
    ]);
    const [f] = detectFamilies(h);
    expect(dump([f])).toBe('PERF_TYPE_ values [HARDWARE SOFTWARE TRACEPOINT]');
    expect(f.excluded).toEqual([
      { name: 'PERF_TYPE_MAX', why: 'a bound or count (sentinel name)' },
      { name: 'PERF_TYPE_TRACE', why: 'an alias of PERF_TYPE_TRACEPOINT' },
    ]);
  });

  test('ioctl numbers group by their type argument', () => {
    const h = header('k.h', [
      { name: 'KVM_GET_API_VERSION', value: 0xae00n, body: '_IO(KVMIO, 0x00)', ioctl: 'KVMIO' },
      { name: 'KVM_CAP_A', value: 1n },
      { name: 'KVM_CREATE_VM', value: 0xae01n, body: '_IO(KVMIO, 0x01)', ioctl: 'KVMIO' },
      { name: 'KVM_CAP_B', value: 2n },
      { name: 'KVM_RUN', value: 0xae01n, body: '_IO(KVMIO, 0x01)', ioctl: 'KVMIO' },
    ]);
    expect(dump(detectFamilies(h))).toMatchInlineSnapshot(`
      "_IO(KVMIO, …) values [KVM_GET_API_VERSION KVM_CREATE_VM KVM_RUN]"
    `);
  });

  test('a declared family takes every constant with its prefix', () => {
    // detected families need their members next to each other
    const h = header('d.h', [
      { name: 'FOO_ONE', value: 4n },
      { breaker: 'struct foo' },
      { name: 'FOO_TWO', value: 8n },
    ]);
    expect(dump(detectFamilies(h))).toBe('');
    expect(dump(detectFamilies(h, { declared: ['FOO_'] }))).toBe('FOO_ bits [ONE TWO]');
  });

  test('a value that does not evaluate is excluded with its reason', () => {
    const h = header('n.h', [
      { name: 'BAR_A', value: 0n },
      { name: 'BAR_B', value: null },
      { name: 'BAR_C', value: 2n },
      { name: 'BAR_D', value: 3n },
    ]);
    const [f] = detectFamilies(h);
    expect(f.excluded).toEqual([{ name: 'BAR_B', why: 'not an integer constant: not an integer' }]);
  });
});
