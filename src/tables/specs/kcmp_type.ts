// kcmp_type.sh: the KCMP_* types of uapi/linux/kcmp.h (an enum), indexed by the enumerator.
import type { GeneratorSpec } from '../spec.js';

export const kcmp_type: GeneratorSpec = {
  name: 'kcmp_type',
  script: 'tools/perf/trace/beauty/kcmp_type.sh',
  scripts: { '896cd7673dabcb1e': 'v6.12', '191f7368aaa0e75a': 'v6.1' },
  args: ['header_dir'],
  parts: [
    {
      kind: 'table',
      array: 'kcmp_types',
      open: 'static const char *kcmp_types[] = {\n',
      families: [
        {
          header: { dir: 'header_dir', file: 'kcmp.h' },
          select: { of: 'enumerator', prefix: 'KCMP_' },
          // ^[[:space:]]+(KCMP_(\w+)),
          spelled: { of: 'enumerator', indent: 'required', value: 'none' },
          exclude: [{ prefix: 'KCMP_TYPES', reason: 'KCMP_TYPES is the number of types, not a type' }],
          member: { style: 'index' },
          guarded: false,
          line: ['full', 'name'],
          order: 'file',
          format: '\t[%s]\t= "%s",\n',
          index: { of: 'name' },
        },
      ],
      close: '};\n',
    },
  ],
};
