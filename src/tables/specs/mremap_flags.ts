// mremap_flags.sh: the MREMAP_* flags of uapi/linux/mman.h, with #ifndef fallbacks for old libcs.
import type { GeneratorSpec } from '../spec.js';
import { FALLBACK_FORMAT, HEX_DEFINE } from './shapes.js';

export const mremap_flags: GeneratorSpec = {
  name: 'mremap_flags',
  script: 'tools/perf/trace/beauty/mremap_flags.sh',
  scripts: { '0964560110df2a13': 'v6.12', '7a7a35f6c4fd6d0e': 'v6.1' },
  args: ['linux_header_dir'],
  parts: [
    {
      kind: 'table',
      array: 'mremap_flags',
      open: 'static const char *mremap_flags[] = {\n',
      families: [
        {
          header: { dir: 'linux_header_dir', file: 'mman.h' },
          select: { of: 'define', prefix: 'MREMAP_' },
          // ((0x)?[[:xdigit:]]+)
          spelled: { ...HEX_DEFINE, value: { form: 'hex-or-xdigits' } },
          member: { style: 'bit' },
          guarded: true,
          line: ['value', 'name', 'name', 'name', 'value'],
          order: 'file',
          format: FALLBACK_FORMAT('MREMAP'),
          index: { of: 'ilog2+1' },
        },
      ],
      close: '};\n',
    },
  ],
};
