// mount_flags.sh: the MS_* flags of uapi/linux/mount.h: those written in decimal, sorted, then
// those written `(1<<n)`.
import type { GeneratorSpec } from '../spec.js';
import { DIGITS_DEFINE } from './shapes.js';

export const mount_flags: GeneratorSpec = {
  name: 'mount_flags',
  script: 'tools/perf/trace/beauty/mount_flags.sh',
  scripts: { '4879a53610d0e55d': 'v6.12', '4dbeea30bdfa7359': 'v6.1' },
  args: ['beauty_uapi_linux_dir'],
  parts: [
    {
      kind: 'table',
      array: 'mount_flags',
      open: 'static const char *mount_flags[] = {\n',
      families: [
        {
          header: { dir: 'beauty_uapi_linux_dir', file: 'mount.h' },
          select: { of: 'define', prefix: 'MS_' },
          spelled: DIGITS_DEFINE,
          // grep -E -v '(MSK|VERBOSE|MGC_VAL)\>'
          exclude: [
            { suffix: 'MSK', reason: 'MS_MGC_MSK is the magic mask of old mount(2) calls, not a flag' },
            { suffix: 'VERBOSE', reason: 'MS_VERBOSE is the old name of MS_SILENT' },
            { suffix: 'MGC_VAL', reason: 'MS_MGC_VAL is the magic value of old mount(2) calls, not a flag' },
          ],
          member: {
            style: 'bit',
            notMembers: [
              { name: 'MS_RMT_MASK', reason: 'the mask of flags remount may change' },
              { name: 'MS_MGC_VAL', reason: 'the magic value of old mount(2) calls' },
              { name: 'MS_MGC_MSK', reason: 'the magic mask of old mount(2) calls' },
              { name: 'MS_VERBOSE', reason: 'the old name of MS_SILENT' },
            ],
          },
          guarded: false,
          line: ['value', 'value', 'name'],
          order: 'sort-n',
          format: '\t[%s ? (ilog2(%s) + 1) : 0] = "%s",\n',
          index: { of: 'ilog2+1-or-0' },
        },
        {
          header: { dir: 'beauty_uapi_linux_dir', file: 'mount.h' },
          select: { of: 'define', prefix: 'MS_' },
          // \(1<<([[:digit:]]+)\): no blanks inside
          spelled: { ...DIGITS_DEFINE, rest: 'word', value: { form: 'shift', gaps: 'none', n: 'digits' } },
          member: { style: 'bit' },
          guarded: false,
          line: ['value', 'name'],
          order: 'file',
          format: '\t[%s + 1] = "%s",\n',
          index: { of: 'plus1' },
        },
      ],
      close: '};\n',
    },
  ],
};
