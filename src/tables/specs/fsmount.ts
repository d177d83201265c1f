// fsmount.sh: the MOUNT_ATTR_* flags of uapi/linux/mount.h that fsmount(2) takes.
import type { GeneratorSpec } from '../spec.js';
import { HEX_DEFINE, ILOG2_FORMAT } from './shapes.js';

export const fsmount: GeneratorSpec = {
  name: 'fsmount',
  script: 'tools/perf/trace/beauty/fsmount.sh',
  scripts: { 'abf083f20c12e1b6': 'v6.12', '92fbafd8d84e2e50': 'v6.1' },
  args: ['beauty_uapi_linux_dir'],
  parts: [
    {
      kind: 'table',
      array: 'fsmount_attr_flags',
      open: 'static const char *fsmount_attr_flags[] = {\n',
      families: [
        {
          header: { dir: 'beauty_uapi_linux_dir', file: 'mount.h' },
          select: { of: 'define', prefix: 'MOUNT_ATTR_' },
          // MOUNT_ATTR_([[:alnum:]][[:alnum:]_]+): "MOUNT_ATTR__ATIME … is a mask … Special case it as well in the beautifier"
          spelled: { ...HEX_DEFINE, rest: 'word2' },
          exclude: [{ prefix: 'MOUNT_ATTR_RELATIME', reason: 'MOUNT_ATTR_RELATIME is zero, handled a special way in the beautifier' }],
          member: {
            style: 'bit',
            notMembers: [
              { prefix: 'MOUNT_ATTR__', reason: 'MOUNT_ATTR__ATIME is a mask for the possible ATIME handling bits, special-cased in the beautifier' },
              { prefix: 'MOUNT_ATTR_SIZE_VER', reason: 'sizes of struct mount_attr, not flags' },
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
