// vhost_virtio_ioctl.sh: the VHOST_* ioctls of uapi/linux/vhost.h: those that write (_IO, _IOW)
// and those that read (_IOR, _IOWR), each indexed by number.
import type { Family, GeneratorSpec } from '../spec.js';
import { INDEX_FORMAT, IOCTL_DEFINE } from './shapes.js';

const vhost = (callee: string[], dirs: ('none' | 'write' | 'read' | 'both')[]): Family => ({
  header: { dir: 'beauty_uapi_linux_dir', file: 'vhost.h' },
  select: { of: 'define', prefix: 'VHOST_' },
  spelled: IOCTL_DEFINE({ form: 'ioctl', callee: { oneOf: callee }, open: 'none', inside: 'any', base: { ident: 'VHOST_VIRTIO' }, nr: 'hex' }),
  member: { style: 'ioctl', ioctlType: 'VHOST_VIRTIO', ioctlDirs: dirs },
  guarded: false,
  line: ['value', 'name'],
  order: 'sort',
  format: INDEX_FORMAT,
  index: { of: 'value' },
});

export const vhost_virtio_ioctl: GeneratorSpec = {
  name: 'vhost_virtio_ioctl',
  script: 'tools/perf/trace/beauty/vhost_virtio_ioctl.sh',
  scripts: { '921d87048979a2da': 'v6.12', '16af0979ced116c3': 'v6.1' },
  args: ['beauty_uapi_linux_dir'],
  parts: [
    {
      kind: 'table',
      array: 'vhost_virtio_ioctl_cmds',
      open: 'static const char *vhost_virtio_ioctl_cmds[] = {\n',
      // _IOW?\(
      families: [vhost(['_IO', '_IOW'], ['none', 'write'])],
      close: '};\n',
    },
    {
      kind: 'table',
      array: 'vhost_virtio_ioctl_read_cmds',
      open: 'static const char *vhost_virtio_ioctl_read_cmds[] = {\n',
      // _IOW?R\(
      families: [vhost(['_IOR', '_IOWR'], ['read', 'both'])],
      close: '};\n',
    },
  ],
};
