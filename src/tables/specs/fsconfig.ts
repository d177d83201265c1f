// fsconfig.sh: the FSCONFIG_* commands of uapi/linux/mount.h (an enum), indexed by value.
import type { GeneratorSpec } from '../spec.js';
import { INDEX_FORMAT } from './shapes.js';

export const fsconfig: GeneratorSpec = {
  name: 'fsconfig',
  script: 'tools/perf/trace/beauty/fsconfig.sh',
  scripts: { '9f3970d3964a06c9': 'v6.12', 'e390234a75f656c3': 'v6.1' },
  args: ['beauty_uapi_linux_dir'],
  parts: [
    {
      kind: 'table',
      array: 'fsconfig_cmds',
      open: 'static const char *fsconfig_cmds[] = {\n',
      families: [
        {
          header: { dir: 'beauty_uapi_linux_dir', file: 'mount.h' },
          select: { of: 'enumerator', prefix: 'FSCONFIG_' },
          // sed -nr "s/^[[:space:]]*FSCONFIG_([[:alnum:]_]+)[[:space:]]*=[[:space:]]*([[:digit:]]+)[[:space:]]*,.*/…/p"
          spelled: { of: 'enumerator', indent: 'any', value: { around: 'any', after: 'blanks-comma' } },
          member: { style: 'index' },
          // sed -n prints only what it rewrites: an empty family prints nothing
          guarded: true,
          line: ['value', 'name'],
          order: 'file',
          format: INDEX_FORMAT,
          index: { of: 'value' },
        },
      ],
      close: '};\n',
    },
  ],
};
