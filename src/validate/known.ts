// Reviewed exceptions: findings that are true to the rule but intended by the header, each with
// its reason. A matching finding is kept, as `known-exception` (info), so nothing is dropped
// silently. This list only shrinks when the kernel changes; every entry says why it is here.
import { FINDINGS, type FindingCode } from './codes.js';
import type { Finding } from './types.js';

export interface KnownException {
  code: FindingCode;
  family: string;
  /** The member the finding names. */
  name: string;
  reason: string;
}

const KVM_GET_ONE_REG_REASON = 'KVM_ARM_SET_DEVICE_ADDR is a VM ioctl and KVM_GET_ONE_REG a vCPU ioctl: the same number on different file descriptors, both _IOW(KVMIO, 0xab, 16-byte struct)';

export const KNOWN: readonly KnownException[] = [
  { code: 'value-collision', family: '_IO(KVMIO, …)', name: 'KVM_GET_ONE_REG', reason: KVM_GET_ONE_REG_REASON },
  { code: 'value-collision', family: 'AF_', name: 'AF_LOCAL', reason: 'the header says it: "POSIX name for AF_UNIX"' },
  { code: 'value-collision', family: 'IP_DEFAULT_MULTICAST_', name: 'IP_DEFAULT_MULTICAST_LOOP', reason: 'two defaults of two socket options (TTL 1, loop on), not members of one enumeration' },
  { code: 'value-collision', family: 'FSCRYPT_KEY_STATUS_', name: 'FSCRYPT_KEY_STATUS_FLAG_ADDED_BY_SELF', reason: 'a flag of the status_flags field, defined next to the status values of the field before it' },
  { code: 'value-collision', family: 'SNDRV_CTL_POWER_', name: 'SNDRV_CTL_POWER_D3hot', reason: 'written as SNDRV_CTL_POWER_D3|0x0000: D3hot is D3' },
  { code: 'bit-collision', family: 'SNDRV_PCM_INFO_', name: 'SNDRV_PCM_INFO_HAS_LINK_ATIME', reason: 'the header marks SNDRV_PCM_INFO_HAS_WALL_CLOCK deprecated: the bit was renamed' },
  { code: 'bit-collision', family: 'MSR_IA32_MISC_ENABLE_', name: 'MSR_IA32_MISC_ENABLE_FERR_MULTIPLEX', reason: 'the SDM names bit 10 both FERR and FERR multiplexing enable' },
  { code: 'bit-collision', family: 'MSR_INTEGRITY_', name: 'MSR_INTEGRITY_CAPS_PERIODIC_BIST', reason: 'MSR_INTEGRITY_CAPS is the MSR number (0x2d9), its bits follow it' },
  { code: 'not-single-bit', family: 'MSR_INTEGRITY_', name: 'MSR_INTEGRITY_CAPS', reason: 'the MSR number (0x2d9), not a bit' },
  { code: 'value-collision', family: 'APM_CPU_', name: 'APM_CPU_VAR_POTENZA', reason: 'a variant number next to a part number: two fields of MIDR' },
  { code: 'value-collision', family: 'QCOM_CPU_PART_', name: 'QCOM_CPU_PART_KRYO_2XX_GOLD', reason: 'Kryo 2xx Gold reports the Falkor V1 part number' },
  { code: 'value-collision', family: 'MIDR_', name: 'MIDR_QCOM_KRYO_2XX_GOLD', reason: 'Kryo 2xx Gold reports the Falkor V1 part number' },
  ...['PR_SPEC_NOT_AFFECTED', 'PR_SPEC_PRCTL', 'PR_SPEC_ENABLE'].map((name) => ({
    code: 'value-collision' as const,
    family: 'PR_SPEC_',
    name,
    reason: 'PR_SPEC_* holds two enumerations, the variants (arg2) and the control values (arg3), split by a comment, not a blank line',
  })),
  ...['PR_SCHED_CORE_SCOPE_THREAD', 'PR_SCHED_CORE_SCOPE_THREAD_GROUP', 'PR_SCHED_CORE_SCOPE_PROCESS_GROUP'].map((name) => ({
    code: 'value-collision' as const,
    family: 'PR_SCHED_',
    name,
    reason: 'the commands (arg2) and the scopes (arg4) of PR_SCHED_CORE are two enumerations',
  })),
  // Linux 7.2 (neighbour.h and rtnetlink.h became check-headers.sh pairs there)
  ...['NTF_EXT_MANAGED', 'NTF_EXT_LOCKED', 'NTF_EXT_EXT_VALIDATED'].map((name) => ({
    code: 'bit-collision' as const,
    family: 'NTF_',
    name,
    reason: 'the header says it: "Extended flags under NDA_FLAGS_EXT": bits of another attribute than NTF_USE… (ndm_flags)',
  })),
  { code: 'value-collision', family: 'RTM_', name: 'RTM_NEWLINK', reason: 'RTM_BASE names the first message type, which is RTM_NEWLINK' },
  { code: 'value-collision', family: 'PR_RSEQ_SLICE_', name: 'PR_RSEQ_SLICE_EXT_ENABLE', reason: 'a bit of the argument of the GET/SET sub-commands (the header: "Bits for RSEQ_SLICE_EXTENSION_GET/SET"), not a third sub-command' },
  ...['PR_PPC_DEXCR_CTRL_EDITABLE', 'PR_PPC_DEXCR_CTRL_SET'].map((name) => ({
    code: 'value-collision' as const,
    family: 'PR_PPC_',
    name,
    reason: 'the DEXCR aspects and the control flags are two enumerations, split by a comment',
  })),
];

export function applyKnown(f: Finding, known: readonly KnownException[] = KNOWN): Finding {
  const k = known.find((x) => x.code === f.code && x.family === f.family && x.name === f.name);
  if (!k) return f;
  return { ...f, code: 'known-exception', severity: FINDINGS['known-exception'].severity, message: `${f.code}: ${f.message} (known: ${k.reason})` };
}
