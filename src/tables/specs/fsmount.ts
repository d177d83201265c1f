// fsmount.sh: the flags fsmount(2) takes. Up to 6.x the script listed the MOUNT_ATTR_* flags of
// uapi/linux/mount.h (its table named fsmount_attr_flags); 7.x moved that script, unchanged, to
// fsmount_attr.sh and made fsmount.sh list the FSMOUNT_* flags.
import type { GeneratorSpec } from '../spec.js';
import { HEX_DEFINE, ILOG2_FORMAT } from './shapes.js';

export const fsmount: GeneratorSpec = {
  name: 'fsmount',
  script: 'tools/perf/trace/beauty/fsmount.sh',
  scripts: { '312638da45c151c5': 'v7.2' },
  args: ['beauty_uapi_linux_dir'],
  parts: [
    {
      kind: 'table',
      array: 'fsmount_flags',
      open: 'static const char *fsmount_flags[] = {\n',
      families: [
        {
          header: { dir: 'beauty_uapi_linux_dir', file: 'mount.h' },
          select: { of: 'define', prefix: 'FSMOUNT_' },
          // FSMOUNT_([[:alnum:]][[:alnum:]_]+)[[:space:]]+(0x[[:xdigit:]]+)
          spelled: { ...HEX_DEFINE, rest: 'word2' },
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

/** The MOUNT_ATTR_* table: fsmount.sh up to 6.x, fsmount_attr.sh from 7.x on (the same script). */
const MOUNT_ATTR: Pick<GeneratorSpec, 'args' | 'parts'> = {
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

export const fsmount_attr: GeneratorSpec = {
  name: 'fsmount_attr',
  script: 'tools/perf/trace/beauty/fsmount_attr.sh',
  scripts: { abf083f20c12e1b6: 'v7.2' },
  ...MOUNT_ATTR,
};

/** fsmount.sh of 6.1 and 6.12: the MOUNT_ATTR_* table. */
export const fsmount_v6_12: GeneratorSpec = {
  name: 'fsmount',
  script: 'tools/perf/trace/beauty/fsmount.sh',
  scripts: { abf083f20c12e1b6: 'v6.12', '92fbafd8d84e2e50': 'v6.1' },
  ...MOUNT_ATTR,
};
