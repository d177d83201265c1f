// kvm_ioctl.sh: the KVM ioctls of uapi/linux/kvm.h, `_IO*(KVMIO, 0x…, …)`, indexed by number.
// Canonical example of an ioctl family: the call's shape, exclusions, lexical sort.
import type { GeneratorSpec } from '../spec.js';
import { INDEX_FORMAT, IOCTL_DEFINE, IO_RW } from './shapes.js';

const archSpecific = 'architecture-specific or numbered like another ioctl: the table is indexed by number alone';

export const kvm_ioctl: GeneratorSpec = {
  name: 'kvm_ioctl',
  script: 'tools/perf/trace/beauty/kvm_ioctl.sh',
  scripts: { '991df1fecc126239': 'v6.12', 'fe5151ab025480c6': 'v6.1' },
  args: ['header_dir'],
  parts: [
    {
      kind: 'table',
      array: 'kvm_ioctl_cmds',
      open: 'static const char *kvm_ioctl_cmds[] = {\n',
      families: [
        {
          header: { dir: 'header_dir', file: 'kvm.h' },
          select: { of: 'define', prefix: 'KVM_' },
          // ^#[[:space:]]*define[[:space:]]+KVM_(\w+)[[:space:]]+_IO[RW]*\([[:space:]]*KVMIO[[:space:]]*,[[:space:]]*(0x[[:xdigit:]]+).*
          spelled: IOCTL_DEFINE({ form: 'ioctl', callee: IO_RW, open: 'none', inside: 'any', base: { ident: 'KVMIO' }, nr: 'hex' }),
          // grep -E -v " ((ARM|PPC|S390)_|[GS]ET_(DEBUGREGS|PIT2|XSAVE|TSC_KHZ)|CREATE_SPAPR_TCE_64)"
          exclude: [
            { prefix: 'KVM_ARM_', reason: archSpecific },
            { prefix: 'KVM_PPC_', reason: archSpecific },
            { prefix: 'KVM_S390_', reason: archSpecific },
            { prefix: 'KVM_GET_DEBUGREGS', reason: archSpecific },
            { prefix: 'KVM_SET_DEBUGREGS', reason: archSpecific },
            { prefix: 'KVM_GET_PIT2', reason: archSpecific },
            { prefix: 'KVM_SET_PIT2', reason: archSpecific },
            { prefix: 'KVM_GET_XSAVE', reason: archSpecific },
            { prefix: 'KVM_SET_XSAVE', reason: archSpecific },
            { prefix: 'KVM_GET_TSC_KHZ', reason: archSpecific },
            { prefix: 'KVM_SET_TSC_KHZ', reason: archSpecific },
            { prefix: 'KVM_CREATE_SPAPR_TCE_64', reason: archSpecific },
          ],
          member: { style: 'ioctl', ioctlType: 'KVMIO' },
          guarded: false,
          line: ['value', 'name'],
          order: 'sort',
          format: INDEX_FORMAT,
          index: { of: 'value' },
        },
      ],
      close: '};\n',
    },
  ],
};
