// sync_file_range.sh: the SYNC_FILE_RANGE_* flags of uapi/linux/fs.h.
import type { GeneratorSpec } from '../spec.js';
import { HEX_DEFINE, ILOG2_FORMAT } from './shapes.js';

export const sync_file_range: GeneratorSpec = {
  name: 'sync_file_range',
  script: 'tools/perf/trace/beauty/sync_file_range.sh',
  scripts: { 'cb5da89d0e3aa08f': 'v6.12', '130d5b49c3d58bb7': 'v6.1' },
  args: ['linux_header_dir'],
  parts: [
    {
      kind: 'table',
      array: 'sync_file_range_flags',
      open: 'static const char *sync_file_range_flags[] = {\n',
      families: [
        {
          header: { dir: 'linux_header_dir', file: 'fs.h' },
          select: { of: 'define', prefix: 'SYNC_FILE_RANGE_' },
          // ([[:xdigit:]]+): a run of hex digits, so `0x4` would be read as `0`
          spelled: { ...HEX_DEFINE, value: { form: 'xdigits' } },
          member: { style: 'bit', notMembers: [{ name: 'SYNC_FILE_RANGE_WRITE_AND_WAIT', reason: 'a combination of the three flags' }] },
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
