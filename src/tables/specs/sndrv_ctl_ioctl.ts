// sndrv_ctl_ioctl.sh: the SNDRV_CTL_IOCTL_* ioctls of uapi/sound/asound.h, `_IO*('U', 0x…, …)`.
// The script's sed rewrites the lines its grep takes; a line it cannot rewrite is printed as it is.
import type { GeneratorSpec } from '../spec.js';
import { INDEX_FORMAT, IO_RW } from './shapes.js';

export const sndrv_ctl_ioctl: GeneratorSpec = {
  name: 'sndrv_ctl_ioctl',
  script: 'tools/perf/trace/beauty/sndrv_ctl_ioctl.sh',
  scripts: { '3eacacb18da68484': 'v6.12', '3be2fac56a99a4a4': 'v6.1' },
  args: ['beauty_uapi_sound_dir'],
  parts: [
    {
      kind: 'table',
      array: 'sndrv_ctl_ioctl_cmds',
      open: 'static const char *sndrv_ctl_ioctl_cmds[] = {\n',
      families: [
        {
          header: { dir: 'beauty_uapi_sound_dir', file: 'asound.h' },
          select: { of: 'define', prefix: 'SNDRV_CTL_IOCTL_' },
          // sed -r 's/^#define +SNDRV_CTL_IOCTL_([A-Z0-9_]+)[\t ]+_IO[RW]*\( *.U., *(0x[[:xdigit:]]+),?.*/\t[\2] = \"\1\",/g'
          spelled: {
            of: 'define',
            hash: 'tight',
            afterDefine: 'spaces',
            rest: 'upper',
            gap: 'tabs-spaces',
            value: { form: 'ioctl', callee: IO_RW, open: 'none', inside: 'any-spaces', base: { char: 'U' }, baseComma: 'none', nr: 'hex' },
            after: 'anything',
          },
          member: { style: 'ioctl', ioctlType: "'U'" },
          guarded: true,
          // grep "^#define[\t ]\+SNDRV_CTL_IOCTL_"
          emit: { by: 'sed', grep: { afterDefine: 'spaces' } },
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
