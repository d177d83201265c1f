// sndrv_ctl_ioctl.sh and sndrv_pcm_ioctl.sh are one script for two families of
// uapi/sound/asound.h: SNDRV_<KIND>_IOCTL_* defined as `_IO*('<type>', 0x…, …)`. The script's
// sed rewrites the lines its grep takes; a line it cannot rewrite is printed as it is.
import type { GeneratorSpec } from '../spec.js';
import { INDEX_FORMAT, IO_RW, IOCTL_INCLUDER } from './shapes.js';

export function sndrvIoctl(kind: 'ctl' | 'pcm', type: string, scripts: GeneratorSpec['scripts']): GeneratorSpec {
  const name = `sndrv_${kind}_ioctl`;
  const prefix = `SNDRV_${kind.toUpperCase()}_IOCTL_`;
  return {
    name,
    script: `tools/perf/trace/beauty/${name}.sh`,
    scripts,
    args: ['beauty_uapi_sound_dir'],
    parts: [
      {
        kind: 'table',
        array: `${name}_cmds`,
        open: `static const char *${name}_cmds[] = {\n`,
        families: [
          {
            header: { dir: 'beauty_uapi_sound_dir', file: 'asound.h' },
            select: { of: 'define', prefix },
            // sed -r 's/^#define +SNDRV_CTL_IOCTL_([A-Z0-9_]+)[\t ]+_IO[RW]*\( *.U., *(0x[[:xdigit:]]+),?.*/\t[\2] = \"\1\",/g'
            spelled: {
              of: 'define',
              hash: 'tight',
              afterDefine: 'spaces',
              rest: 'upper',
              gap: 'tabs-spaces',
              value: { form: 'ioctl', callee: IO_RW, open: 'none', inside: 'any-spaces', base: { char: type }, baseComma: 'none', nr: 'hex' },
              after: 'anything',
            },
            member: { style: 'ioctl', ioctlType: `'${type}'`, includer: IOCTL_INCLUDER },
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
}
