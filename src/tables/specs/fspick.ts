// fspick.sh: the FSPICK_* flags of uapi/linux/mount.h.
import type { GeneratorSpec } from '../spec.js';
import { HEX_DEFINE, ILOG2_FORMAT } from './shapes.js';

export const fspick: GeneratorSpec = {
  name: 'fspick',
  script: 'tools/perf/trace/beauty/fspick.sh',
  scripts: { 'c9aba99443370977': 'v6.12', 'f7b275d807f4c5d2': 'v6.1' },
  args: ['beauty_uapi_linux_dir'],
  parts: [
    {
      kind: 'table',
      array: 'fspick_flags',
      open: 'static const char *fspick_flags[] = {\n',
      families: [
        {
          header: { dir: 'beauty_uapi_linux_dir', file: 'mount.h' },
          select: { of: 'define', prefix: 'FSPICK_' },
          spelled: HEX_DEFINE,
          member: { style: 'bit' },
          guarded: false,
          line: ['value', 'name'],
          order: 'file',
          format: ILOG2_FORMAT,
          index: { of: 'ilog2+1' },
        },
      ],
      close: '};\n',
    },
  ],
};
