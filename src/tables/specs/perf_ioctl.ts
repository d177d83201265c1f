// perf_ioctl.sh: the PERF_EVENT_IOC_* ioctls of uapi/linux/perf_event.h, `_IO*('$', n, …)`.
import type { GeneratorSpec } from '../spec.js';
import { INDEX_FORMAT, IOCTL_DEFINE, IO_RW } from './shapes.js';

export const perf_ioctl: GeneratorSpec = {
  name: 'perf_ioctl',
  script: 'tools/perf/trace/beauty/perf_ioctl.sh',
  scripts: { '6dab3d07cb1b6342': 'v6.12', '9b9bae0607e1531d': 'v6.1' },
  args: ['header_dir'],
  parts: [
    {
      kind: 'table',
      array: 'perf_ioctl_cmds',
      open: 'static const char *perf_ioctl_cmds[] = {\n',
      families: [
        {
          header: { dir: 'header_dir', file: 'perf_event.h' },
          select: { of: 'define', prefix: 'PERF_EVENT_IOC_' },
          // _IO[RW]*[[:space:]]*\([[:space:]]*.\$.[[:space:]]*,[[:space:]]*([[:digit:]]+).*
          spelled: IOCTL_DEFINE({ form: 'ioctl', callee: IO_RW, open: 'any', inside: 'any', base: { char: '$' }, nr: 'digits' }),
          member: {
            style: 'ioctl',
            ioctlType: "'$'",
            notMembers: [{ prefix: 'PERF_EVENT_IOC_FLAG_', reason: 'a flag of the ioctls\' argument, not an ioctl' }],
          },
          guarded: false,
          line: ['value', 'name'],
          order: 'sort',
          format: INDEX_FORMAT,
          index: { of: 'value' },
        },
      ],
      close: '};\n',
    },
  ],
};
