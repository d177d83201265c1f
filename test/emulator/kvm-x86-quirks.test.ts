import { describe, test } from 'vitest';
import { handEvidence } from '../../src/emulator/evidence.js';
import { kvmX86Quirks } from '../../src/emulator/kvm-x86-quirks.js';
import { dump, syms } from './make.js';

const H = 'arch/x86/include/uapi/asm/kvm.h';
const Q = 'KVM_X86_QUIRK_';
const QUIRKS = { [`${Q}LINT0_REENABLED`]: 1n, [`${Q}CD_NW_CLEARED`]: 2n, [`${Q}LAPIC_MMIO_HOLE`]: 4n, [`${Q}IGNORE_GUEST_PAT`]: 8n };
const kernel = (vals: Record<string, bigint>) => syms('kernel', H, { KVM_CAP_DISABLE_QUIRKS2: 213n, ...vals }, { [Q]: Object.keys(vals) });
const ev = (valid: string[], supported: boolean) =>
  handEvidence({
    'arch/x86/include/asm/kvm_host.h': { defines: { KVM_X86_VALID_QUIRKS: `(${valid.join(' | ')})` } },
    'arch/x86/kvm/x86.c': { idents: supported ? ['supported_quirks', `${Q}IGNORE_GUEST_PAT`] : [] },
  });

describe('kvm-x86-quirks', () => {
  test('every quirk valid, supported_quirks logic: nothing to report', ({ expect }) => {
    const input = { kernel: kernel(QUIRKS), evidence: ev(Object.keys(QUIRKS), true) };
    expect(kvmX86Quirks.applies!(input)).toBeNull();
    const run = kvmX86Quirks.run(input);
    expect(run.generation.name).toBe('supported-quirks');
    expect(dump(run.findings)).toBe('');
  });

  test('a quirk left out of KVM_X86_VALID_QUIRKS can never be disabled', ({ expect }) => {
    const run = kvmX86Quirks.run({ kernel: kernel(QUIRKS), evidence: ev(Object.keys(QUIRKS).slice(0, 3), false) });
    expect(run.generation.name).toBe('6.12');
    expect(dump(run.findings)).toBe(
      'error never-enabled KVM_X86_QUIRK_IGNORE_GUEST_PAT: no host configuration and no request turns KVM_X86_QUIRK_IGNORE_GUEST_PAT on: it is missing from KVM_X86_VALID_QUIRKS (0x7, arch/x86/include/asm/kvm_host.h:1)',
    );
  });

  test('no valid-quirks mask anywhere: the model does not apply', ({ expect }) => {
    expect(kvmX86Quirks.applies!({ kernel: kernel(QUIRKS), evidence: handEvidence({}) })).toBe('no KVM_X86_VALID_QUIRKS in arch/x86/include/asm/kvm_host.h or arch/x86/include/uapi/asm/kvm.h');
  });
});
