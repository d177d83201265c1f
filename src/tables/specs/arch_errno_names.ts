// arch_errno_names.sh: for the generic errno.h and for every architecture that has its own
// (tools/arch/*/include/uapi/asm/errno.h), a switch function from errno value to name, and a
// function that picks one by architecture (by name up to 6.x, by ELF machine from 7.x on). The
// values are the E* macros left defined after preprocessing the header (`gcc -E -dM`), with a
// decimal value, one name per value.
import type { ErrnoPart, GeneratorSpec } from '../spec.js';

const HEAD = '/* SPDX-License-Identifier: GPL-2.0 */\n\n#include <string.h>\n\n';

/** The errno part of every version: what differs is the order, the head and the chooser. */
const errno = (p: Pick<ErrnoPart, 'archOrder' | 'head' | 'chooser'>): ErrnoPart => ({ kind: 'errno', dir: 'toolsdir', prefix: 'E', ...p });

/** arch_to_e_machine() of the 7.2 script: the ELF machines of each architecture. */
const E_MACHINES: Readonly<Record<string, readonly string[]>> = {
  alpha: ['EM_ALPHA'],
  arc: ['EM_ARC'],
  arm: ['EM_ARM'],
  arm64: ['EM_AARCH64'],
  csky: ['EM_CSKY'],
  hexagon: ['EM_HEXAGON'],
  loongarch: ['EM_LOONGARCH'],
  microblaze: ['EM_MICROBLAZE'],
  mips: ['EM_MIPS'],
  parisc: ['EM_PARISC'],
  powerpc: ['EM_PPC', 'EM_PPC64'],
  riscv: ['EM_RISCV'],
  s390: ['EM_S390'],
  sh: ['EM_SH'],
  sparc: ['EM_SPARC', 'EM_SPARCV9'],
  x86: ['EM_386', 'EM_X86_64'],
  xtensa: ['EM_XTENSA'],
};

export const arch_errno_names: GeneratorSpec = {
  name: 'arch_errno_names',
  script: 'tools/perf/trace/beauty/arch_errno_names.sh',
  scripts: { '86e143a2a6e43902': 'v7.2' },
  args: ['gcc', 'toolsdir'],
  nonDirArgs: ['gcc'],
  parts: [
    errno({
      archOrder: 'sorted',
      // <elf.h> of an older libc may lack these machines: the script defines them
      head:
        '/* SPDX-License-Identifier: GPL-2.0 */\n\n#include <string.h>\n#include <stdint.h>\n#include <elf.h>\n\n' +
        '#ifndef EM_AARCH64\n#define EM_AARCH64\t183\n#endif\n\n#ifndef EM_CSKY\n#define EM_CSKY\t\t252\n#endif\n\n#ifndef EM_LOONGARCH\n#define EM_LOONGARCH\t258\n#endif\n\n',
      chooser: { eMachine: E_MACHINES },
    }),
  ],
  notes: [
    'gcc -dM lists macros in its hash table order, and `sort -nu` keeps the first name of a value: where two names share a value, kdrift keeps the first in definition order.',
  ],
};

/** The 6.12 script: a chooser by architecture name that returns the switch function. */
export const arch_errno_names_v6_12: GeneratorSpec = {
  ...arch_errno_names,
  scripts: { '0f6743df2e377659': 'v6.12' },
  parts: [errno({ archOrder: 'sorted', head: HEAD, chooser: 'function' })],
};

/** The 6.1 script: architectures in reverse order, and a chooser that calls the switch. */
export const arch_errno_names_v6_1: GeneratorSpec = {
  ...arch_errno_names,
  scripts: { f8b0d790efd76210: 'v6.1' },
  parts: [errno({ archOrder: 'reversed', head: HEAD, chooser: 'call' })],
};
