// mmap_flags.sh: the MAP_* flags, read from up to four headers in a row — the arch's mman.h,
// uapi/linux/mman.h, and the generic mman-common.h and mman.h when the arch header includes
// them (or there is none) — each entry followed by an #ifndef/#define fallback.
import type { Family, GeneratorSpec } from '../spec.js';
import { FALLBACK_FORMAT, HEX_DEFINE } from './shapes.js';

const flags = (header: Family['header'], rest: Partial<Family>): Family => ({
  header,
  select: { of: 'define', prefix: 'MAP_' },
  spelled: HEX_DEFINE,
  member: {
    style: 'bit',
    notMembers: [
      { name: 'MAP_TYPE', reason: 'the mask of the mapping types' },
      { name: 'MAP_SHARED_VALIDATE', reason: 'a mapping type (0x03), not a flag' },
      { name: 'MAP_FILE', reason: 'compatibility, zero' },
      { prefix: 'MAP_HUGE_', reason: 'huge page size encodings (MAP_HUGE_SHIFT, MAP_HUGE_MASK and sizes), not flags' },
    ],
  },
  guarded: false,
  line: ['value', 'name', 'name', 'name', 'value'],
  order: 'file',
  format: FALLBACK_FORMAT('MAP'),
  index: { of: 'ilog2+1' },
  ...rest,
});

// grep -E -vw 'MAP_(UNINITIALIZED|TYPE|SHARED_VALIDATE)': "those in grep -E -vw are flags, we want just the bits"
const notBits = [
  { name: 'MAP_UNINITIALIZED', reason: 'left out by the script ("we want just the bits"); it is 0x4000000 and needs CONFIG_MMAP_ALLOW_UNINITIALIZED' },
  { name: 'MAP_TYPE', reason: 'the mask of the mapping types' },
  { name: 'MAP_SHARED_VALIDATE', reason: 'a mapping type (0x03), not a bit' },
];

const arch = { dir: 'arch_header_dir', file: 'mman.h' };

export const mmap_flags: GeneratorSpec = {
  name: 'mmap_flags',
  script: 'tools/perf/trace/beauty/mmap_flags.sh',
  scripts: { '77bb244df80bc240': 'v6.12', '79db6ef196d6bb65': 'v6.1' },
  args: ['linux_header_dir', 'header_dir', 'arch_header_dir'],
  parts: [
    {
      kind: 'table',
      array: 'mmap_flags',
      open: 'static const char *mmap_flags[] = {\n',
      families: [
        flags(arch, { when: [{ exists: arch }], guarded: true }),
        flags({ dir: 'linux_header_dir', file: 'mman.h' }, { guarded: true, exclude: notBits }),
        flags({ dir: 'header_dir', file: 'mman-common.h' }, {
          when: [{ any: [{ notExists: arch }, { includes: arch, contains: 'uapi/asm-generic/mman' }] }],
          exclude: notBits,
        }),
        flags({ dir: 'header_dir', file: 'mman.h' }, {
          when: [{ any: [{ notExists: arch }, { includes: arch, contains: 'uapi/asm-generic/mman.h', angle: true }] }],
        }),
      ],
      close: '};\n',
    },
  ],
};
