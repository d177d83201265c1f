// x86_arch_prctl.sh: the ARCH_* codes of arch/x86's uapi/asm/prctl.h, in three ranges
// (0x1001…, 0x2001…, 0x4001…), each an array with its offset.
import type { Family, GeneratorSpec, Part } from '../spec.js';
import { HEX_DEFINE } from './shapes.js';

const header = { dir: 'beauty_x86_arch_asm_uapi_dir', file: 'prctl.h' };

/** print_range IDX PREFIX FIRST_ENTRY */
function range(idx: number, prefix: string, first: bigint): Part[] {
  const firstText = '0x' + first.toString(16);
  const family: Family = {
    header,
    select: { of: 'define', prefix: 'ARCH_' },
    // ^[[:space:]]*#[[:space:]]*define[[:space:]]+ARCH_([[:alnum:]_]+)[[:space:]]+(PREFIX[[:xdigit:]]+).*
    spelled: { ...HEX_DEFINE, value: { form: 'hex', startsWith: prefix } },
    member: { style: 'index', range: [first - 1n, first - 1n + 0xfffn] },
    guarded: true,
    line: ['value', 'name'],
    order: 'file',
    format: `\t[%#x - ${firstText}]= "%s",\n`,
    index: { of: 'minus', offset: first },
  };
  return [
    { kind: 'text', text: `#define x86_arch_prctl_codes_${idx}_offset ${firstText}\n` },
    { kind: 'table', array: `x86_arch_prctl_codes_${idx}`, open: `static const char *x86_arch_prctl_codes_${idx}[] = {\n`, families: [family], close: '};\n\n' },
  ];
}

export const x86_arch_prctl: GeneratorSpec = {
  name: 'x86_arch_prctl',
  script: 'tools/perf/trace/beauty/x86_arch_prctl.sh',
  scripts: { '4047518cfdcbda28': 'v6.12' },
  args: ['beauty_x86_arch_asm_uapi_dir'],
  parts: [...range(1, '0x1', 0x1001n), ...range(2, '0x2', 0x2001n), ...range(3, '0x4', 0x4001n)],
  whole: [
    {
      header,
      select: { of: 'define', prefix: 'ARCH_' },
      member: { style: 'index', range: [0x1000n, 0xffffn] },
      about: 'arch_prctl(2) codes: every ARCH_* of 0x1000 and above is a code',
    },
  ],
};

/** The 6.1 script: only the first two ranges (print_range 3 came with LAM in 6.4). */
export const x86_arch_prctl_v6_1: GeneratorSpec = {
  ...x86_arch_prctl,
  scripts: { '6378af7ca4255079': 'v6.1' },
  parts: [...range(1, '0x1', 0x1001n), ...range(2, '0x2', 0x2001n)],
};
