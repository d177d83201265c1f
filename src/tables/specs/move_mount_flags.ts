// move_mount_flags.sh: the MOVE_MOUNT_* flags of uapi/linux/mount.h.
import type { GeneratorSpec } from '../spec.js';
import { HEX_DEFINE, ILOG2_FORMAT } from './shapes.js';

export const move_mount_flags: GeneratorSpec = {
  name: 'move_mount_flags',
  script: 'tools/perf/trace/beauty/move_mount_flags.sh',
  scripts: { '26902d8bb633bd01': 'v6.12', '4eadb245c3bc9123': 'v6.1' },
  args: ['beauty_uapi_linux_dir'],
  parts: [
    {
      kind: 'table',
      array: 'move_mount_flags',
      open: 'static const char *move_mount_flags[] = {\n',
      families: [
        {
          header: { dir: 'beauty_uapi_linux_dir', file: 'mount.h' },
          select: { of: 'define', prefix: 'MOVE_MOUNT_' },
          spelled: { ...HEX_DEFINE, rest: 'word2' },
          member: { style: 'bit', notMembers: [{ prefix: 'MOVE_MOUNT__', reason: 'MOVE_MOUNT__MASK is the mask of all flags' }] },
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
