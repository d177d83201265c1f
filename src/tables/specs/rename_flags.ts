// rename_flags.sh: the RENAME_* flags of uapi/linux/fs.h, written `(1 << n)`.
import type { GeneratorSpec } from '../spec.js';
import { HEX_DEFINE } from './shapes.js';

export const rename_flags: GeneratorSpec = {
  name: 'rename_flags',
  script: 'tools/perf/trace/beauty/rename_flags.sh',
  scripts: { '66b927995668727f': 'v6.12', '6e1f132ff926d4c5': 'v6.1' },
  args: ['header_dir'],
  parts: [
    {
      kind: 'table',
      array: 'rename_flags',
      open: 'static const char *rename_flags[] = {\n',
      families: [
        {
          header: { dir: 'header_dir', file: 'fs.h' },
          select: { of: 'define', prefix: 'RENAME_' },
          // \(1[[:space:]]*<<[[:space:]]*([[:xdigit:]]+)[[:space:]]*\)
          spelled: { ...HEX_DEFINE, value: { form: 'shift', gaps: 'any', n: 'xdigits' } },
          member: { style: 'bit' },
          guarded: true,
          line: ['value', 'name'],
          order: 'file',
          format: '\t[%d + 1] = "%s",\n',
          index: { of: 'plus1' },
        },
      ],
      close: '};\n',
    },
  ],
};
