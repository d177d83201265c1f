// clone.sh: the clone(2)/clone3(2) flags of uapi/linux/sched.h, indexed by bit.
// Canonical example of a flag family: hex literals, `[ilog2(0x…) + 1]`, file order.
import type { GeneratorSpec } from '../spec.js';
import { HEX_DEFINE, ILOG2_FORMAT } from './shapes.js';

export const clone: GeneratorSpec = {
  name: 'clone',
  script: 'tools/perf/trace/beauty/clone.sh',
  scripts: { '4e4e37f7b94bf5ab': 'v6.12' },
  args: ['beauty_uapi_linux_dir'],
  parts: [
    {
      kind: 'table',
      array: 'clone_flags',
      open: 'static const char *clone_flags[] = {\n',
      families: [
        {
          header: { dir: 'beauty_uapi_linux_dir', file: 'sched.h' },
          select: { of: 'define', prefix: 'CLONE_' },
          // CLONE_([^_]+[[:alnum:]_]+)[[:space:]]+(0x[[:xdigit:]]+)
          spelled: { ...HEX_DEFINE, rest: 'word2' },
          member: {
            style: 'bit',
            notMembers: [
              { prefix: 'CLONE_ARGS_SIZE_VER', reason: 'sizes of struct clone_args, not flags' },
            ],
          },
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
