// usbdevfs_ioctl.sh: the USBDEVFS_* ioctls of uapi/linux/usbdevice_fs.h, `_IO*('U', n, …)`,
// indexed by number; the 32-bit compat ones in a second table inside #if 0.
import type { GeneratorSpec } from '../spec.js';
import { INDEX_FORMAT, IOCTL_DEFINE, IOCTL_INCLUDER } from './shapes.js';

export const usbdevfs_ioctl: GeneratorSpec = {
  name: 'usbdevfs_ioctl',
  script: 'tools/perf/trace/beauty/usbdevfs_ioctl.sh',
  scripts: { 'fdf6a14467c11675': 'v6.12', 'e18c61ddbf39f6f6': 'v6.1' },
  args: ['beauty_uapi_linux_dir'],
  parts: [
    {
      kind: 'table',
      array: 'usbdevfs_ioctl_cmds',
      open: 'static const char *usbdevfs_ioctl_cmds[] = {\n',
      families: [
        {
          header: { dir: 'beauty_uapi_linux_dir', file: 'usbdevice_fs.h' },
          select: { of: 'define', prefix: 'USBDEVFS_' },
          // USBDEVFS_(\w+)(\(\w+\))?[[:space:]]+_IO[CWR]{0,2}\([[:space:]]*(_IOC_\w+,[[:space:]]*)?'U'[[:space:]]*,[[:space:]]*([[:digit:]]+).*
          spelled: {
            ...IOCTL_DEFINE({ form: 'ioctl', callee: { prefix: '_IO', letters: 'CWR', max: 2 }, open: 'none', inside: 'any', base: { char: 'U' }, iocDir: true, nr: 'digits' }),
            params: 'one',
          },
          // grep -E -v 'USBDEVFS_\w+32[[:space:]]'
          exclude: [{ suffix: '32', reason: 'the 32-bit compat ioctls have their own table' }],
          member: { style: 'ioctl', ioctlType: "'U'", includer: IOCTL_INCLUDER, notMembers: [{ suffix: '32', reason: 'a 32-bit compat ioctl: the second table' }] },
          guarded: false,
          line: ['value', 'name'],
          order: 'sort',
          format: INDEX_FORMAT,
          index: { of: 'value' },
        },
      ],
      close: '};\n\n',
    },
    { kind: 'text', text: '#if 0\n' },
    {
      kind: 'table',
      array: 'usbdevfs_ioctl_32_cmds',
      open: 'static const char *usbdevfs_ioctl_32_cmds[] = {\n',
      families: [
        {
          header: { dir: 'beauty_uapi_linux_dir', file: 'usbdevice_fs.h' },
          select: { of: 'define', prefix: 'USBDEVFS_', endsWith: '32' },
          // USBDEVFS_(\w+)[[:space:]]+_IO[WR]{0,2}\([[:space:]]*'U'[[:space:]]*,[[:space:]]*([[:digit:]]+).*
          spelled: IOCTL_DEFINE({ form: 'ioctl', callee: { prefix: '_IO', letters: 'WR', max: 2 }, open: 'none', inside: 'any', base: { char: 'U' }, nr: 'digits' }),
          member: { style: 'ioctl', ioctlType: "'U'", includer: IOCTL_INCLUDER },
          guarded: false,
          line: ['value', 'name'],
          order: 'sort',
          format: INDEX_FORMAT,
          index: { of: 'value' },
        },
      ],
      close: '};\n',
    },
    { kind: 'text', text: '#endif\n' },
  ],
};
