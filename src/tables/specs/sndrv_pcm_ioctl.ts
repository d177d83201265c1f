// sndrv_pcm_ioctl.sh: the SNDRV_PCM_IOCTL_* ioctls of uapi/sound/asound.h, `_IO*('A', 0x…, …)`.
// The script's sed rewrites the lines its grep takes; a line it cannot rewrite is printed as it is.
import type { GeneratorSpec } from '../spec.js';
import { INDEX_FORMAT, IO_RW } from './shapes.js';

export const sndrv_pcm_ioctl: GeneratorSpec = {
  name: 'sndrv_pcm_ioctl',
  script: 'tools/perf/trace/beauty/sndrv_pcm_ioctl.sh',
  scripts: { 'c5673ec98ca094dd': 'v6.12', '5a3c90a4e50e3001': 'v6.1' },
  args: ['beauty_uapi_sound_dir'],
  parts: [
    {
      kind: 'table',
      array: 'sndrv_pcm_ioctl_cmds',
      open: 'static const char *sndrv_pcm_ioctl_cmds[] = {\n',
      families: [
        {
          header: { dir: 'beauty_uapi_sound_dir', file: 'asound.h' },
          select: { of: 'define', prefix: 'SNDRV_PCM_IOCTL_' },
          // sed -r 's/^#define +SNDRV_PCM_IOCTL_([A-Z0-9_]+)[\t ]+_IO[RW]*\( *.A., *(0x[[:xdigit:]]+),?.*/\t[\2] = \"\1\",/g'
          spelled: {
            of: 'define',
            hash: 'tight',
            afterDefine: 'spaces',
            rest: 'upper',
            gap: 'tabs-spaces',
            value: { form: 'ioctl', callee: IO_RW, open: 'none', inside: 'any-spaces', base: { char: 'A' }, baseComma: 'none', nr: 'hex' },
            after: 'anything',
          },
          member: { style: 'ioctl', ioctlType: "'A'" },
          guarded: true,
          // grep "^#define[\t ]\+SNDRV_PCM_IOCTL_"
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
