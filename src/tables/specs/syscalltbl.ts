// syscalltbl.sh (7.x): for every architecture perf trace knows, the syscall numbers' names and
// the numbers sorted by name, from the syscall tables, each block under the #if of its ABI, then
// the outer table of all of them. It reads no header: its input is .tbl files (number, ABI,
// name, entry points); the Makefile passes the tools directory and the file to write.
import type { GeneratorSpec, SyscallStep } from '../spec.js';

const ALL = (cond: string) => `defined(ALL_SYSCALLTBL) || ${cond}`;
const IF = (cond: string) => `#if ${ALL(cond)}\n`;
const ENDIF = (cond: string) => `#endif // ${ALL(cond)}\n`;
const BITS = '#if __BITS_PER_LONG != 64\n';
const BITS_ELSE = '#else\n';
const BITS_END = '#endif //__BITS_PER_LONG != 64\n';
const t = (table: string, abis: string, eMachine: string): SyscallStep => ({ table, abis: abis.split(','), eMachine });
const arch = (a: string, file = 'syscall.tbl') => `perf/arch/${a}/entry/syscalls/${file}`;
const GENERIC = 'scripts/syscall.tbl';

const ALPHA = 'defined(__alpha__)';
const ARM = 'defined(__arm__) || defined(__aarch64__)';
const CSKY = 'defined(__csky__)';
const MIPS = 'defined(__mips__)';
const HPPA = 'defined(__hppa__)';
const PPC = 'defined(__powerpc__) || defined(__powerpc64__)';
const RISCV = 'defined(__riscv)';
const S390 = 'defined(__s390x__)';
const SH = 'defined(__sh__)';
const SPARC = 'defined(__sparc64__) || defined(__sparc__)';
const X86 = 'defined(__i386__) || defined(__x86_64__)';
const XTENSA = 'defined(__xtensa__)';

const HEAD =
  '#include <elf.h>\n#include <stdint.h>\n#include <asm/bitsperlong.h>\n#include <linux/kernel.h>\n\n' +
  'struct syscalltbl {\n       const char *const *num_to_name;\n       const uint16_t *sorted_names;\n' +
  '       uint16_t e_machine;\n       uint16_t num_to_name_len;\n       uint16_t sorted_names_len;\n};\n\n';

/** The outer table: each ABI's entry under its #if, as the script lists them. */
const OUTER: SyscallStep[] = [
  { text: 'static const struct syscalltbl syscalltbls[] = {\n' + IF(ALPHA) },
  { outer: 'EM_ALPHA' },
  { text: ENDIF(ALPHA) + '\n' + IF(ARM) },
  { outer: 'EM_ARM' },
  { outer: 'EM_AARCH64' },
  { text: ENDIF(ARM) + '\n' + IF(CSKY) },
  { outer: 'EM_CSKY' },
  { text: ENDIF(CSKY) + '\n' + IF(MIPS) },
  { outer: 'EM_MIPS' },
  { text: ENDIF(MIPS) + '\n' + IF(HPPA) },
  { outer: 'EM_PARISC' },
  { text: ENDIF(HPPA) + '\n' + IF(PPC) },
  { outer: 'EM_PPC' },
  { outer: 'EM_PPC64' },
  { text: ENDIF(PPC) + '\n' + IF(RISCV) },
  { outer: 'EM_RISCV' },
  { text: ENDIF(RISCV) + '\n' + IF(S390) },
  { outer: 'EM_S390' },
  { text: ENDIF(S390) + '\n' + IF(SH) },
  { outer: 'EM_SH' },
  { text: ENDIF(SH) + '\n' + IF(SPARC) },
  { outer: 'EM_SPARC' },
  { text: ENDIF(SPARC) + '\n' + IF(X86) },
  { outer: 'EM_386' },
  { outer: 'EM_X86_64' },
  { text: ENDIF(X86) + '\n' + IF(XTENSA) },
  { outer: 'EM_XTENSA' },
  { text: ENDIF(XTENSA) },
  { outer: 'EM_NONE' },
  { text: '};\n' },
];

export const syscalltbl: GeneratorSpec = {
  name: 'syscalltbl',
  script: 'tools/perf/trace/beauty/syscalltbl.sh',
  scripts: { '9232195a5dd6e86b': 'v7.2' },
  args: ['tools_dir', 'outfile'],
  nonDirArgs: ['outfile'],
  parts: [
    {
      kind: 'syscalltbl',
      dir: 'tools_dir',
      print: {
        numToName: 'static const char *const syscall_num_to_name_%m[] = {\n',
        numEntry: '\t[%n] = "%s",\n',
        sortedNames: 'static const uint16_t syscall_sorted_names_%m[] = {\n',
        sortedEntry: '\t%n,\t/* %s */\n',
        close: '};\n',
        outer:
          '       {\n\t      .num_to_name = syscall_num_to_name_%m,\n\t      .sorted_names = syscall_sorted_names_%m,\n\t      .e_machine = %m,\n' +
          '\t      .num_to_name_len = ARRAY_SIZE(syscall_num_to_name_%m),\n\t      .sorted_names_len = ARRAY_SIZE(syscall_sorted_names_%m),\n       },\n',
      },
      steps: [
        { text: HEAD + IF(ALPHA) },
        t(arch('alpha'), 'common,64', 'EM_ALPHA'),
        { text: ENDIF(ALPHA) + '\n' + IF(ARM) },
        t(arch('arm'), 'common,32,oabi', 'EM_ARM'),
        t(arch('arm64', 'syscall_64.tbl'), 'common,64,renameat,rlimit,memfd_secret', 'EM_AARCH64'),
        { text: ENDIF(ARM) + '\n' + IF(CSKY) },
        t(GENERIC, 'common,32,csky,time32,stat64,rlimit', 'EM_CSKY'),
        { text: ENDIF(CSKY) + '\n' + IF(MIPS) },
        t(arch('mips', 'syscall_n64.tbl'), 'common,64,n64', 'EM_MIPS'),
        { text: ENDIF(MIPS) + '\n' + IF(HPPA) + BITS },
        t(arch('parisc'), 'common,32', 'EM_PARISC'),
        { text: BITS_ELSE },
        t(arch('parisc'), 'common,64', 'EM_PARISC'),
        { text: BITS_END + ENDIF(HPPA) + '\n' + IF(PPC) },
        t(arch('powerpc'), 'common,32,nospu', 'EM_PPC'),
        t(arch('powerpc'), 'common,64,nospu', 'EM_PPC64'),
        { text: ENDIF(PPC) + '\n' + IF(RISCV) + BITS },
        t(GENERIC, 'common,32,riscv,memfd_secret', 'EM_RISCV'),
        { text: BITS_ELSE },
        t(GENERIC, 'common,64,riscv,rlimit,memfd_secret', 'EM_RISCV'),
        // no blank line before s390's #if: the script has none
        { text: BITS_END + ENDIF(RISCV) + IF(S390) },
        t(arch('s390'), 'common,64,renameat,rlimit,memfd_secret', 'EM_S390'),
        { text: ENDIF(S390) + '\n' + IF(SH) },
        t(arch('sh'), 'common,32', 'EM_SH'),
        { text: ENDIF(SH) + '\n' + IF(SPARC) + BITS },
        t(arch('sparc'), 'common,32', 'EM_SPARC'),
        { text: BITS_ELSE },
        t(arch('sparc'), 'common,64', 'EM_SPARC'),
        { text: BITS_END + ENDIF(SPARC) + '\n' + IF(X86) },
        t(arch('x86', 'syscall_32.tbl'), 'common,32,i386', 'EM_386'),
        t(arch('x86', 'syscall_64.tbl'), 'common,64', 'EM_X86_64'),
        { text: ENDIF(X86) + '\n' + IF(XTENSA) },
        t(arch('xtensa'), 'common,32', 'EM_XTENSA'),
        { text: ENDIF(XTENSA) + '\n' + BITS },
        t(GENERIC, 'common,32', 'EM_NONE'),
        { text: BITS_ELSE },
        t(GENERIC, 'common,64', 'EM_NONE'),
        { text: BITS_END },
        ...OUTER,
      ],
    },
  ],
  notes: [
    'A table is the lines whose ABI column starts with one of the ABIs (grep -E "^[0-9]+[[:space:]]+(common|64)" has no anchor after the ABI), numbers sorted with sort -n.',
    'Names sorted by name are padded with 0s to 20 characters for sort, and a sed takes the first run of 0s before the blank back off, wherever it starts: a name that ends in 0 loses it there too.',
  ],
};
