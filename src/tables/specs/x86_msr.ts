// x86_msr.sh: the MSR_* numbers of arch/x86's asm/msr-index.h in three ranges — 0x00000…,
// 0xc0000… (x86_64) and 0xc0010… (AMD-V/KVM) — the last two arrays offset by their first MSR.
// "Support all later, with some hash table, for now chop off just the ones starting with
// 0x00000 so as to have a simple array." Written with eight digits, that is 0x000–0xfff.
import type { Family, GeneratorSpec } from '../spec.js';
import { HEX_DEFINE } from './shapes.js';

const header = { dir: 'arch_x86_header_dir', file: 'msr-index.h' };

const msrs = (startsWith: string, range: [bigint, bigint], rest: Partial<Family>): Family => ({
  header,
  select: { of: 'define', prefix: 'MSR_' },
  // MSR_([[:alnum:]][[:alnum:]_]+)[[:space:]]+(0x00000[[:xdigit:]]+)
  spelled: { ...HEX_DEFINE, rest: 'word2', value: { form: 'hex', startsWith } },
  member: {
    style: 'index',
    range,
    anyConfig: true,
    literalsOnly: 'msr-index.h writes MSR numbers as hex literals; an expression is a bit or mask inside an MSR',
    notMembers: [
      { suffix: '_BIT', reason: 'a bit number inside an MSR' },
      { contains: '_BIT_', reason: 'a bit number inside an MSR' },
      { suffix: '_SHIFT', reason: 'a field position inside an MSR' },
      { suffix: '_REG_COUNT', reason: 'a count of IBS MSRs, not an MSR' },
      { suffix: '_REG_COUNT_MAX', reason: 'a count of IBS MSRs, not an MSR' },
      { name: 'MSR_IA32_PMC_V6_STEP', reason: 'the stride between PMC MSRs, not an MSR' },
    ],
  },
  guarded: false,
  line: ['value', 'name'],
  order: 'sort-n',
  format: '\t[%s] = "%s",\n',
  index: { of: 'value' },
  ...rest,
});

const clash = 'numbered like another MSR of the table';

export const x86_msr: GeneratorSpec = {
  name: 'x86_msr',
  script: 'tools/perf/trace/beauty/tracepoints/x86_msr.sh',
  scripts: { '8dbc189d44fcd66c': 'v6.12' },
  args: ['arch_x86_header_dir'],
  parts: [
    {
      kind: 'table',
      array: 'x86_MSRs',
      open: 'static const char * const x86_MSRs[] = {\n',
      families: [
        msrs('0x00000', [0n, 0xfffn], {
          // grep -E -v 'MSR_(ATOM|P[46]|IA32_(TSC_DEADLINE|UCODE_REV)|IDT_FCR4)'
          exclude: [
            { prefix: 'MSR_ATOM', reason: `Atom-specific: ${clash}` },
            { prefix: 'MSR_P4', reason: `Pentium 4-specific: ${clash}` },
            { prefix: 'MSR_P6', reason: `P6-specific: ${clash}` },
            { prefix: 'MSR_IA32_TSC_DEADLINE', reason: clash },
            { prefix: 'MSR_IA32_UCODE_REV', reason: clash },
            { prefix: 'MSR_IDT_FCR4', reason: clash },
          ],
        }),
      ],
      close: '};\n\n',
    },
    { kind: 'first-value', constant: 'x86_64_specific_MSRs_offset', family: msrs('0xc0000', [0xc0000000n, 0xc0000fffn], {}) },
    {
      kind: 'table',
      array: 'x86_64_specific_MSRs',
      open: 'static const char * const x86_64_specific_MSRs[] = {\n',
      families: [
        msrs('0xc0000', [0xc0000000n, 0xc0000fffn], {
          // grep -E -vw 'K6_WHCR'
          exclude: [{ name: 'MSR_K6_WHCR', reason: 'Remove MSR_K6_WHCR, clashes with MSR_LSTAR' }],
          format: '\t[%s - x86_64_specific_MSRs_offset] = "%s",\n',
          index: { of: 'minus-constant', constant: 'x86_64_specific_MSRs_offset' },
        }),
      ],
      close: '};\n\n',
    },
    { kind: 'first-value', constant: 'x86_AMD_V_KVM_MSRs_offset', family: msrs('0xc0010', [0xc0010000n, 0xc0010fffn], {}) },
    {
      kind: 'table',
      array: 'x86_AMD_V_KVM_MSRs',
      open: 'static const char * const x86_AMD_V_KVM_MSRs[] = {\n',
      families: [
        msrs('0xc0010', [0xc0010000n, 0xc0010fffn], {
          format: '\t[%s - x86_AMD_V_KVM_MSRs_offset] = "%s",\n',
          index: { of: 'minus-constant', constant: 'x86_AMD_V_KVM_MSRs_offset' },
        }),
      ],
      close: '};\n',
    },
  ],
};

/** The 6.1 script: the same tables, declared `static const char *` (not `* const`). */
export const x86_msr_v6_1: GeneratorSpec = {
  ...x86_msr,
  scripts: { a746d3ef533f378c: 'v6.1' },
  parts: x86_msr.parts.map((p) => (p.kind === 'table' ? { ...p, open: p.open.replace('char * const ', 'char *') } : p)),
};
