// arch_errno_names.sh: for the generic errno.h and for every architecture that has its own
// (tools/arch/*/include/uapi/asm/errno.h), a switch function from errno value to name, and a
// function that picks one by architecture name. The values are the E* macros left defined after
// preprocessing the header (`gcc -E -dM`), with a decimal value, one name per value.
import type { GeneratorSpec } from '../spec.js';

export const arch_errno_names: GeneratorSpec = {
  name: 'arch_errno_names',
  script: 'tools/perf/trace/beauty/arch_errno_names.sh',
  scripts: { '0f6743df2e377659': 'v6.12' },
  args: ['gcc', 'toolsdir'],
  nonDirArgs: ['gcc'],
  parts: [{ kind: 'errno', dir: 'toolsdir', prefix: 'E', archOrder: 'sorted', chooser: 'function' }],
  notes: [
    'gcc -dM lists macros in its hash table order, and `sort -nu` keeps the first name of a value: where two names share a value, kdrift keeps the first in definition order.',
  ],
};

/** The 6.1 script: architectures in reverse order, and a chooser that calls the switch. */
export const arch_errno_names_v6_1: GeneratorSpec = {
  ...arch_errno_names,
  scripts: { f8b0d790efd76210: 'v6.1' },
  parts: [{ kind: 'errno', dir: 'toolsdir', prefix: 'E', archOrder: 'reversed', chooser: 'call' }],
};
