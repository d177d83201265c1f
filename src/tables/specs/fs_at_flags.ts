// fs_at_flags.sh: the AT_* flags of uapi/linux/fcntl.h taken by the *at() syscalls.
import type { Exclusion, GeneratorSpec } from '../spec.js';
import { HEX_DEFINE, ILOG2_FORMAT } from './shapes.js';

/** The 7.2 script's exclusions (grep -v), in its order; 6.12's lack AT_HANDLE_CONNECTABLE. */
const EXCLUDE: Exclusion[] = [
  { prefix: 'AT_EACCESS', reason: 'AT_EACCESS is only meaningful to faccessat, so we will special case it there' },
  { prefix: 'AT_STATX_SYNC_TYPE', reason: 'AT_STATX_SYNC_TYPE is not a bit, its a mask of AT_STATX_SYNC_AS_STAT, AT_STATX_FORCE_SYNC and AT_STATX_DONT_SYNC' },
  { prefix: 'AT_HANDLE_FID', reason: 'AT_HANDLE_FID reuses a value and is valid only for name_to_handle_at()' },
  { prefix: 'AT_HANDLE_MNT_ID_UNIQUE', reason: 'AT_HANDLE_MNT_ID_UNIQUE reuses a value and is valid only for name_to_handle_at()' },
  { prefix: 'AT_HANDLE_CONNECTABLE', reason: 'AT_HANDLE_CONNECTABLE reuses a value and is valid only for name_to_handle_at()' },
  { prefix: 'AT_RENAME_NOREPLACE', reason: 'AT_RENAME_NOREPLACE reuses 0x1 and is valid only for renameat2()' },
];

export const fs_at_flags: GeneratorSpec = {
  name: 'fs_at_flags',
  script: 'tools/perf/trace/beauty/fs_at_flags.sh',
  scripts: { f7f3fc0097e4f6cd: 'v7.2' },
  args: ['beauty_uapi_linux_dir'],
  parts: [
    {
      kind: 'table',
      array: 'fs_at_flags',
      open: 'static const char *fs_at_flags[] = {\n',
      families: [
        {
          header: { dir: 'beauty_uapi_linux_dir', file: 'fcntl.h' },
          select: { of: 'define', prefix: 'AT_' },
          spelled: { ...HEX_DEFINE, rest: 'word2' },
          exclude: EXCLUDE,
          member: {
            style: 'bit',
            notMembers: [
              { prefix: 'AT_RENAME_', reason: 'renameat2() flags, not *at() flags (the script drops only AT_RENAME_NOREPLACE)' },
              { name: 'AT_FDCWD', reason: 'a directory fd, not a flag' },
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

/** The 6.12 script: AT_HANDLE_CONNECTABLE (not in its fcntl.h yet) is not excluded. */
export const fs_at_flags_v6_12: GeneratorSpec = withExclusions(
  { ...fs_at_flags, scripts: { '4449026b87eae742': 'v6.12' } },
  EXCLUDE.filter((e) => e.prefix !== 'AT_HANDLE_CONNECTABLE'),
);

function withExclusions(spec: GeneratorSpec, exclude: Exclusion[]): GeneratorSpec {
  return {
    ...spec,
    parts: spec.parts.map((p) => (p.kind === 'table' ? { ...p, families: p.families.map((f) => ({ ...f, exclude })) } : p)),
  };
}
