// drm_ioctl.sh: the DRM_IOCTL_* ioctls of uapi/drm/drm.h (`DRM_IO*(0x…, …)`) and the i915
// commands of uapi/drm/i915_drm.h (`DRM_I915_* 0x…`, offset by DRM_COMMAND_BASE).
// The script's seds rewrite the lines its greps take; a line they cannot rewrite is printed as it is.
import type { GeneratorSpec } from '../spec.js';

export const drm_ioctl: GeneratorSpec = {
  name: 'drm_ioctl',
  script: 'tools/perf/trace/beauty/drm_ioctl.sh',
  scripts: { '3ebc81716e6f8339': 'v6.1, v6.12', '11eefeaa9818ac5d': 'v7.2' },
  args: ['header_dir'],
  parts: [
    { kind: 'text', text: '#ifndef DRM_COMMAND_BASE\n' },
    // grep "#define DRM_COMMAND_BASE" $header_dir/drm.h
    { kind: 'grep', header: { dir: 'header_dir', file: 'drm.h' }, define: 'DRM_COMMAND_BASE' },
    { kind: 'text', text: '#endif\n' },
    {
      kind: 'table',
      array: 'drm_ioctl_cmds',
      open: 'static const char *drm_ioctl_cmds[] = {\n',
      families: [
        {
          header: { dir: 'header_dir', file: 'drm.h' },
          select: { of: 'define', prefix: 'DRM_IOCTL_' },
          // sed -r 's/^#define +DRM_IOCTL_([A-Z0-9_]+)[	 ]+DRM_IO[A-Z]* *\( *(0x[[:xdigit:]]+),*.*/	[\2] = "\1",/g'
          spelled: {
            of: 'define',
            hash: 'tight',
            afterDefine: 'spaces',
            rest: 'upper',
            gap: 'tabs-spaces',
            value: { form: 'ioctl', callee: { prefix: 'DRM_IO', letters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' }, open: 'any-spaces', inside: 'any-spaces', base: null, nr: 'hex' },
            after: 'anything',
          },
          member: { style: 'ioctl', ioctlType: 'DRM_IOCTL_BASE' },
          guarded: true,
          // grep "^#define DRM_IOCTL.*DRM_IO"
          emit: { by: 'sed', grep: { afterDefine: 'one-space', contains: 'DRM_IO' } },
          line: ['value', 'name'],
          order: 'file',
          format: '\t[%s] = "%s",\n',
          index: { of: 'value' },
        },
        {
          header: { dir: 'header_dir', file: 'i915_drm.h' },
          select: { of: 'define', prefix: 'DRM_I915_' },
          // sed -r 's/^#define +DRM_I915_([A-Z0-9_]+)[	 ]+(0x[[:xdigit:]]+)/\t[DRM_COMMAND_BASE + \2] = "I915_\1",/g'  (the rest of the line stays)
          spelled: { of: 'define', hash: 'tight', afterDefine: 'spaces', rest: 'upper', gap: 'tabs-spaces', value: { form: 'hex' }, after: 'anything', keepRest: 'after-value' },
          member: {
            style: 'index',
            range: [0n, 0x9fn],
            pairedWith: { prefix: 'DRM_IOCTL_I915_', reason: 'no DRM_IOCTL_I915_* uses it: not an i915 command' },
          },
          guarded: true,
          // grep "^#define DRM_I915_[A-Z_0-9]\+[	 ]\+0x"
          emit: { by: 'sed', grep: { afterDefine: 'one-space', upperThen: '0x' } },
          line: ['value', 'name'],
          order: 'file',
          format: '\t[DRM_COMMAND_BASE + %s] = "I915_%s",\n',
          index: { of: 'plus', macro: 'DRM_COMMAND_BASE' },
        },
      ],
      close: '};\n',
    },
  ],
};
