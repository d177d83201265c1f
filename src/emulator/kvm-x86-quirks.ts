// KVM_CHECK_EXTENSION / KVM_ENABLE_CAP(KVM_CAP_DISABLE_QUIRKS2) with the KVM_X86_QUIRK_* bits
// of arch/x86/include/uapi/asm/kvm.h, against the kernel's valid-quirks mask
// (KVM_X86_VALID_QUIRKS in arch/x86/include/asm/kvm_host.h, read with tree-sitter): in the
// older logic both ioctls use the mask as it is; kernels with kvm_caps.supported_quirks (in
// 6.12.y too) drop KVM_X86_QUIRK_IGNORE_GUEST_PAT when TDP is disabled and disable only
// supported quirks. Host knob: tdp_enabled.
// Not modelled: KVM_CAP_DISABLE_QUIRKS (the first version, which takes any bits), what each
// quirk changes, KVM_X86_CONDITIONAL_QUIRKS (inapplicable_quirks) for TDX VMs.
import { bitsOf, formatValue } from '../validate/roles.js';
import { runBitCap, type EnableResult } from './bitcap.js';
import { defineModel, type Generation, type ModelInput } from './model.js';

const P = 'KVM_X86_QUIRK_';
const PAT = `${P}IGNORE_GUEST_PAT`;
const KVM_HOST_H = 'arch/x86/include/asm/kvm_host.h';
const X86_C = 'arch/x86/kvm/x86.c';
const VALID = 'KVM_X86_VALID_QUIRKS';

interface Host extends Record<string, unknown> {
  tdp_enabled: boolean;
}

/** The valid-quirks mask: its value from the quirks it ORs (kernel copy's numbers), or why not. */
export function validQuirks(input: ModelInput): { value: bigint; names: string[]; line: number; file: string } | string {
  const uapi = input.kernel.get(VALID);
  if (uapi) return { value: uapi.value, names: [], line: uapi.line, file: uapi.file };
  const d = input.evidence.define(KVM_HOST_H, VALID);
  if (!d) return `no ${VALID} in ${KVM_HOST_H} or ${input.kernel.file}`;
  if (!d.orOf) return `${VALID} in ${KVM_HOST_H} is not an OR of quirk names (${d.body})`;
  let value = 0n;
  for (const n of d.orOf) {
    const s = input.kernel.get(n);
    if (!s) return `${VALID} in ${KVM_HOST_H} names ${n}, which ${input.kernel.file} does not define`;
    value |= s.value;
  }
  return { value, names: d.orOf, line: d.line, file: KVM_HOST_H };
}

export function chooseGeneration(input: ModelInput): Generation & { supported: boolean } {
  const m = input.evidence.mentions(X86_C, 'supported_quirks');
  if (m === true) return { name: 'supported-quirks', supported: true, because: `${X86_C} names kvm_caps.supported_quirks` };
  if (m === false) return { name: '6.12', supported: false, because: `${X86_C} does not name supported_quirks: both ioctls use ${VALID}` };
  return { name: '6.12', supported: false, because: `${X86_C} is absent; following the ${VALID} logic` };
}

export const kvmX86Quirks = defineModel({
  name: 'kvm-x86-quirks',
  title: 'KVM_CHECK_EXTENSION / KVM_ENABLE_CAP(KVM_CAP_DISABLE_QUIRKS2) on a VM',
  headers: [
    { kernel: 'arch/x86/include/uapi/asm/kvm.h', tools: 'tools/arch/x86/include/uapi/asm/kvm.h', abi: 'x86_64' },
    { kernel: 'include/uapi/linux/kvm.h', tools: 'tools/include/uapi/linux/kvm.h', abi: 'x86_64' },
  ],
  family: P,
  requires: ['KVM_CAP_DISABLE_QUIRKS2'],
  applies(input) {
    if (!input.kernel.members(P).length) return `no ${P}* constants`;
    const v = validQuirks(input);
    return typeof v === 'string' ? v : null;
  },
  run(input) {
    const gen = chooseGeneration(input);
    const valid = validQuirks(input);
    if (typeof valid === 'string') throw new Error(`kvm-x86-quirks: ${valid}`);
    const k = (name: string) => input.kernel.get(name)?.value ?? 0n;
    const members = input.kernel.members(P);
    const patDropped = gen.supported && input.evidence.mentions(X86_C, PAT) !== false && input.kernel.get(PAT) !== undefined;
    const supported = (h: Host) => (patDropped && !h.tdp_enabled ? valid.value & ~k(PAT) : valid.value);
    const enable = (args: bigint, h: Host): EnableResult => {
      if (args & ~supported(h)) return { err: '-EINVAL' };
      const disabled = gen.supported ? args & supported(h) : args;
      return { on: new Set(members.filter((m) => (disabled & m.value) !== 0n).map((m) => m.name)), ignored: new Map() };
    };
    const { scenarios, findings } = runBitCap<Host>({
      cap: 'KVM_CAP_DISABLE_QUIRKS2',
      prefix: P,
      input,
      hosts: gen.supported ? [{ tdp_enabled: true }, { tdp_enabled: false }] : [{ tdp_enabled: true }],
      logic: { check: supported, enable },
      mustAcceptAdvertised: () => true,
      neverReason: (m) => `it is missing from ${VALID} (${formatValue(valid.value, 'bits')}, ${valid.file}:${valid.line})`,
    });
    let named = 0n;
    for (const m of members) named |= m.value;
    const extra = valid.value & ~named;
    if (extra) {
      findings.add('mask-extra-bit', { name: VALID, file: valid.file, line: valid.line },
        `${VALID} (${formatValue(valid.value, 'bits')}) covers ${bitsOf(extra).map((b) => `bit ${b}`).join(', ')}, which no ${P}* member names`);
    }
    return { generation: { name: gen.name, because: gen.because }, scenarios, findings: findings.list() };
  },
});
