// KVM_CHECK_EXTENSION(KVM_CAP_X86_DISABLE_EXITS) and KVM_ENABLE_CAP on a VM, as arch/x86/kvm/x86.c
// has them: in 6.12, ENABLE_CAP checks args[0] against KVM_X86_DISABLE_VALID_EXITS and then
// silently drops what the host cannot do; later kernels compute kvm_get_allowed_disable_exits()
// (host dependent, with APERFMPERF once the 2025 patch added it) for both ioctls and refuse
// once vCPUs exist. Host knobs: mitigate_smt_rsb, MWAIT usable in the guest
// (kvm_can_mwait_in_guest()), host has APERFMPERF; VM state: vCPUs created or not.
// Not modelled: the SMT_RSB pr_warn_once, the per-vCPU variant of the capability (not upstream),
// what each exit does in the guest once it is disabled.
import { describeConfig } from './explore.js';
import { runBitCap, type EnableResult } from './bitcap.js';
import { defineModel, type Generation, type ModelInput } from './model.js';

const P = 'KVM_X86_DISABLE_EXITS_';
const MWAIT = `${P}MWAIT`;
const HLT = `${P}HLT`;
const PAUSE = `${P}PAUSE`;
const CSTATE = `${P}CSTATE`;
const APERFMPERF = `${P}APERFMPERF`;
const VALID = 'KVM_X86_DISABLE_VALID_EXITS';
const X86_C = 'arch/x86/kvm/x86.c';
const ALLOWED_FN = 'kvm_get_allowed_disable_exits';

interface Host extends Record<string, unknown> {
  mitigate_smt_rsb: boolean;
  mwait_usable: boolean;
  host_aperfmperf: boolean;
  vcpus_created: boolean;
}

type Logic = '6.12' | 'allowed-exits';

export function chooseGeneration(input: ModelInput): Generation & { logic: Logic; aperfmperf: boolean } {
  const { kernel, evidence } = input;
  const hasFn = evidence.hasFunction(X86_C, ALLOWED_FN);
  const hasValid = kernel.get(VALID) !== undefined;
  if (hasFn === true) {
    const aperf = evidence.functionMentions(X86_C, ALLOWED_FN, APERFMPERF) === true;
    return aperf
      ? { name: 'post-6.12+aperfmperf', logic: 'allowed-exits', aperfmperf: true, because: `${X86_C} defines ${ALLOWED_FN}(), which names ${APERFMPERF}` }
      : { name: 'post-6.12', logic: 'allowed-exits', aperfmperf: false, because: `${X86_C} defines ${ALLOWED_FN}()` };
  }
  if (hasFn === false && hasValid) return { name: '6.12', logic: '6.12', aperfmperf: false, because: `${X86_C} has no ${ALLOWED_FN}(); ${kernel.file} defines ${VALID}` };
  if (hasFn === undefined && hasValid) return { name: '6.12', logic: '6.12', aperfmperf: false, because: `${X86_C} is absent; ${kernel.file} defines ${VALID}` };
  const aperf = kernel.get(APERFMPERF) !== undefined;
  const why = hasFn === false ? `${X86_C} has no ${ALLOWED_FN}() but ${kernel.file} has no ${VALID} either; following the later logic` : `${X86_C} is absent; ${kernel.file} has no ${VALID}`;
  return { name: aperf ? 'post-6.12+aperfmperf' : 'post-6.12', logic: 'allowed-exits', aperfmperf: aperf, because: why };
}

export const kvmX86DisableExits = defineModel({
  name: 'kvm-x86-disable-exits',
  title: 'KVM_CHECK_EXTENSION / KVM_ENABLE_CAP(KVM_CAP_X86_DISABLE_EXITS) on a VM',
  headers: [{ kernel: 'include/uapi/linux/kvm.h', tools: 'tools/include/uapi/linux/kvm.h', abi: 'x86_64' }],
  family: P,
  requires: ['KVM_CAP_X86_DISABLE_EXITS', MWAIT, HLT, PAUSE, CSTATE],
  run(input) {
    const gen = chooseGeneration(input);
    const k = (name: string) => input.kernel.get(name)?.value ?? 0n;
    const hosts: Host[] = [];
    for (const mitigate_smt_rsb of [false, true])
      for (const mwait_usable of [false, true])
        for (const host_aperfmperf of gen.aperfmperf ? [false, true] : [false])
          for (const vcpus_created of [false, true]) hosts.push({ mitigate_smt_rsb, mwait_usable, host_aperfmperf, vcpus_created });

    // kvm_get_allowed_disable_exits(), and 6.12's CHECK_EXTENSION case: the same bits
    const allowed = (h: Host) => {
      let r = k(PAUSE);
      if (gen.aperfmperf && h.host_aperfmperf) r |= k(APERFMPERF);
      if (!h.mitigate_smt_rsb) {
        r |= k(HLT) | k(CSTATE);
        if (h.mwait_usable) r |= k(MWAIT);
      }
      return r;
    };
    const handled = [MWAIT, HLT, PAUSE, CSTATE, ...(gen.aperfmperf ? [APERFMPERF] : [])];

    const enable612 = (args: bigint, h: Host): EnableResult => {
      if (args & ~k(VALID)) return { err: '-EINVAL' };
      const on = new Set<string>();
      const ignored = new Map<string, string>();
      if (args & k(PAUSE)) on.add(PAUSE);
      for (const n of [MWAIT, HLT, CSTATE]) {
        if (!(args & k(n))) continue;
        if (h.mitigate_smt_rsb) ignored.set(n, 'mitigate_smt_rsb=1 (CHECK_EXTENSION advertises only PAUSE)');
        else if (n === MWAIT && !h.mwait_usable) ignored.set(n, 'MWAIT is not usable in the guest (kvm_can_mwait_in_guest() is false)');
        else on.add(n);
      }
      if (h.vcpus_created) {
        // 6.12 sets the VM's flags; vCPUs that exist keep the intercepts they were created with
        for (const n of on) ignored.set(n, 'vCPUs already exist (they keep the intercepts they were created with; later kernels return -EINVAL)');
        on.clear();
      }
      return { on, ignored };
    };
    const enableAllowed = (args: bigint, h: Host): EnableResult => {
      if (args & ~allowed(h)) return { err: '-EINVAL' };
      if (h.vcpus_created) return { err: '-EINVAL' };
      const on = new Set(handled.filter((n) => args & k(n)));
      return { on, ignored: new Map() };
    };

    const { scenarios, findings } = runBitCap({
      cap: 'KVM_CAP_X86_DISABLE_EXITS',
      prefix: P,
      input,
      hosts,
      logic: { check: allowed, enable: gen.logic === '6.12' ? enable612 : enableAllowed },
      mustAcceptAdvertised: (h) => !h.vcpus_created,
      neverReason: (m) => {
        if (!handled.includes(m.name)) {
          if (gen.logic === '6.12') {
            const inMask = (k(VALID) & m.value) === m.value;
            return inMask
              ? `6.12's KVM_ENABLE_CAP accepts it (it is in ${VALID}) and has no case for it; CHECK_EXTENSION never advertises it`
              : `it is missing from ${VALID}, so KVM_ENABLE_CAP rejects it, and CHECK_EXTENSION never advertises it`;
          }
          return `${ALLOWED_FN}() never allows it (${gen.because})`;
        }
        return `the ${gen.name} logic never turns it on (${describeConfig({})})`;
      },
    });
    return { generation: { name: gen.name, because: gen.because }, scenarios, findings: findings.list() };
  },
});
