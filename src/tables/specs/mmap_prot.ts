// mmap_prot.sh: the PROT_* bits of uapi/asm-generic/mman-common.h (when the arch's mman.h
// includes it, or there is none) and of the arch's mman.h, with #ifndef fallbacks.
import type { Family, GeneratorSpec } from '../spec.js';
import { FALLBACK_FORMAT, HEX_DEFINE } from './shapes.js';

const arch = { dir: 'arch_header_dir', file: 'mman.h' };

const prot = (header: Family['header'], rest: Partial<Family>): Family => ({
  header,
  select: { of: 'define', prefix: 'PROT_' },
  spelled: HEX_DEFINE,
  // grep -E -vw PROT_NONE
  exclude: [{ name: 'PROT_NONE', reason: 'zero: no bit to index' }],
  member: { style: 'bit' },
  guarded: false,
  line: ['value', 'name', 'name', 'name', 'value'],
  order: 'file',
  format: FALLBACK_FORMAT('PROT'),
  index: { of: 'ilog2+1' },
  ...rest,
});

export const mmap_prot: GeneratorSpec = {
  name: 'mmap_prot',
  script: 'tools/perf/trace/beauty/mmap_prot.sh',
  scripts: { '754166ecd5bb5838': 'v6.12', '2dd8a0a065e97433': 'v6.1' },
  args: ['asm_header_dir', 'arch_header_dir'],
  parts: [
    {
      kind: 'table',
      array: 'mmap_prot',
      open: 'static const char *mmap_prot[] = {\n',
      families: [
        prot({ dir: 'asm_header_dir', file: 'mman-common.h' }, {
          when: [{ any: [{ notExists: arch }, { includes: arch, contains: 'uapi/asm-generic/mman' }] }],
        }),
        prot(arch, { when: [{ exists: arch }], guarded: true }),
      ],
      close: '};\n',
    },
  ],
};
