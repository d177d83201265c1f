import { describe, expect, test } from 'vitest';
import { handEvidence } from '../../src/emulator/evidence.js';
import { kvmX86DisableExits } from '../../src/emulator/kvm-x86-disable-exits.js';
import { dump, syms } from './make.js';

const P = 'KVM_X86_DISABLE_EXITS_';
const UAPI = 'include/uapi/linux/kvm.h';
const TOOLS = 'tools/include/uapi/linux/kvm.h';
const base = { KVM_CAP_X86_DISABLE_EXITS: 143n, [`${P}MWAIT`]: 1n, [`${P}HLT`]: 2n, [`${P}PAUSE`]: 4n, [`${P}CSTATE`]: 8n };
const members = (extra: string[] = []) => ({ [P]: [`${P}MWAIT`, `${P}HLT`, `${P}PAUSE`, `${P}CSTATE`, ...extra] });
const x86c = (allowedMentions: string[] | null) =>
  handEvidence({ 'arch/x86/kvm/x86.c': { functions: allowedMentions ? { kvm_get_allowed_disable_exits: allowedMentions } : { kvm_vm_ioctl_enable_cap: [] } } });

describe('kvm-x86-disable-exits', () => {
  test('6.12 as it is: MWAIT, HLT, CSTATE and PAUSE accepted and ignored in some configurations', () => {
    const kernel = syms('kernel', UAPI, { ...base, KVM_X86_DISABLE_VALID_EXITS: 15n }, members());
    const run = kvmX86DisableExits.run({ kernel, evidence: x86c(null) });
    expect(run.generation).toEqual({ name: '6.12', because: 'arch/x86/kvm/x86.c has no kvm_get_allowed_disable_exits(); include/uapi/linux/kvm.h defines KVM_X86_DISABLE_VALID_EXITS' });
    expect(run.scenarios).toBe(4 + 8 * 32); // advertised sets before vCPUs exist, then every request
    expect(dump(run.findings)).toMatchInlineSnapshot(`
      "warning accepted-not-honored KVM_X86_DISABLE_EXITS_MWAIT: KVM_ENABLE_CAP(KVM_CAP_X86_DISABLE_EXITS) returns 0 for KVM_X86_DISABLE_EXITS_MWAIT and ignores it: MWAIT is not usable in the guest (kvm_can_mwait_in_guest() is false); vCPUs already exist (they keep the intercepts they were created with; later kernels return -EINVAL); mitigate_smt_rsb=1 (CHECK_EXTENSION advertises only PAUSE)
      warning accepted-not-honored KVM_X86_DISABLE_EXITS_HLT: KVM_ENABLE_CAP(KVM_CAP_X86_DISABLE_EXITS) returns 0 for KVM_X86_DISABLE_EXITS_HLT and ignores it: vCPUs already exist (they keep the intercepts they were created with; later kernels return -EINVAL); mitigate_smt_rsb=1 (CHECK_EXTENSION advertises only PAUSE)
      warning accepted-not-honored KVM_X86_DISABLE_EXITS_PAUSE: KVM_ENABLE_CAP(KVM_CAP_X86_DISABLE_EXITS) returns 0 for KVM_X86_DISABLE_EXITS_PAUSE and ignores it: vCPUs already exist (they keep the intercepts they were created with; later kernels return -EINVAL)
      warning accepted-not-honored KVM_X86_DISABLE_EXITS_CSTATE: KVM_ENABLE_CAP(KVM_CAP_X86_DISABLE_EXITS) returns 0 for KVM_X86_DISABLE_EXITS_CSTATE and ignores it: vCPUs already exist (they keep the intercepts they were created with; later kernels return -EINVAL); mitigate_smt_rsb=1 (CHECK_EXTENSION advertises only PAUSE)"
    `);
  });

  test('6.12 with APERFMPERF added to the header but not to the mask: never enabled', () => {
    const kernel = syms('kernel', UAPI, { ...base, [`${P}APERFMPERF`]: 16n, KVM_X86_DISABLE_VALID_EXITS: 15n }, members([`${P}APERFMPERF`]));
    const run = kvmX86DisableExits.run({ kernel, evidence: x86c(null) });
    expect(dump(run.findings.filter((f) => f.code !== 'accepted-not-honored'))).toBe(
      'error never-enabled KVM_X86_DISABLE_EXITS_APERFMPERF: no host configuration and no request turns KVM_X86_DISABLE_EXITS_APERFMPERF on: it is missing from KVM_X86_DISABLE_VALID_EXITS, so KVM_ENABLE_CAP rejects it, and CHECK_EXTENSION never advertises it',
    );
  });

  test('the later logic with APERFMPERF done right: nothing to report', () => {
    const vals = { ...base, [`${P}APERFMPERF`]: 16n };
    const kernel = syms('kernel', UAPI, vals, members([`${P}APERFMPERF`]));
    const tools = syms('tools', TOOLS, vals, members([`${P}APERFMPERF`]));
    const run = kvmX86DisableExits.run({ kernel, tools, evidence: x86c([`${P}PAUSE`, `${P}APERFMPERF`]) });
    expect(run.generation.name).toBe('post-6.12+aperfmperf');
    expect(run.scenarios).toBe(8 + 16 * 64 + 16 * 32);
    expect(dump(run.findings)).toBe('');
  });

  test('a tools copy that lacks APERFMPERF changes nothing a tool can ask for', () => {
    const kernel = syms('kernel', UAPI, { ...base, [`${P}APERFMPERF`]: 16n }, members([`${P}APERFMPERF`]));
    const tools = syms('tools', TOOLS, base, members());
    const run = kvmX86DisableExits.run({ kernel, tools, evidence: x86c([`${P}APERFMPERF`]) });
    expect(dump(run.findings)).toBe('');
  });

  test('a tools copy with another value for HLT: what the tool asks for is not what it gets', () => {
    const kernel = syms('kernel', UAPI, base, members());
    const tools = syms('tools', TOOLS, { ...base, [`${P}HLT`]: 8n, [`${P}CSTATE`]: 2n }, members());
    const run = kvmX86DisableExits.run({ kernel, tools, evidence: x86c([]) });
    expect(dump(run.findings)).toMatchInlineSnapshot(`
      "error copy-misread KVM_X86_DISABLE_EXITS_HLT: KVM_X86_DISABLE_EXITS_HLT is 0x8 in tools/include/uapi/linux/kvm.h but 0x2 in include/uapi/linux/kvm.h: a tool built against the copy gets other behaviour (6 scenarios, e.g. mitigate_smt_rsb=0 mwait_usable=0 host_aperfmperf=0 vcpus_created=0, args[0] = KVM_X86_DISABLE_EXITS_HLT: 0 (turns on KVM_X86_DISABLE_EXITS_CSTATE), not 0 (turns on KVM_X86_DISABLE_EXITS_HLT))
      error copy-misread KVM_X86_DISABLE_EXITS_CSTATE: KVM_X86_DISABLE_EXITS_CSTATE is 0x2 in tools/include/uapi/linux/kvm.h but 0x8 in include/uapi/linux/kvm.h: a tool built against the copy gets other behaviour (6 scenarios, e.g. mitigate_smt_rsb=0 mwait_usable=0 host_aperfmperf=0 vcpus_created=0, args[0] = KVM_X86_DISABLE_EXITS_CSTATE: 0 (turns on KVM_X86_DISABLE_EXITS_HLT), not 0 (turns on KVM_X86_DISABLE_EXITS_CSTATE))"
    `);
  });

  test('two members on one bit: asking for one turns on the other', () => {
    const vals = { ...base, [`${P}APERFMPERF`]: 2n };
    const kernel = syms('kernel', UAPI, vals, members([`${P}APERFMPERF`]));
    const run = kvmX86DisableExits.run({ kernel, evidence: x86c([`${P}APERFMPERF`]) });
    expect(dump(run.findings)).toMatchInlineSnapshot(`
      "error honored-unrequested KVM_X86_DISABLE_EXITS_APERFMPERF: asking for other members also turns on KVM_X86_DISABLE_EXITS_APERFMPERF (28 scenarios, e.g. mitigate_smt_rsb=0 mwait_usable=0 host_aperfmperf=0 vcpus_created=0, args[0] = KVM_X86_DISABLE_EXITS_HLT)
      error honored-unrequested KVM_X86_DISABLE_EXITS_HLT: asking for other members also turns on KVM_X86_DISABLE_EXITS_HLT (28 scenarios, e.g. mitigate_smt_rsb=0 mwait_usable=0 host_aperfmperf=0 vcpus_created=0, args[0] = KVM_X86_DISABLE_EXITS_APERFMPERF)"
    `);
  });
});
