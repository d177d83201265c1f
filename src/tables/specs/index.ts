// Every table spec, one per perf beauty generator, registered here: one line each.
import type { GeneratorSpec } from '../spec.js';
import { arch_errno_names, arch_errno_names_v6_1, arch_errno_names_v6_12 } from './arch_errno_names.js';
import { clone, clone_v6_12 } from './clone.js';
import { drm_ioctl } from './drm_ioctl.js';
import { fadvise } from './fadvise.js';
import { fs_at_flags, fs_at_flags_v6_12 } from './fs_at_flags.js';
import { fsconfig } from './fsconfig.js';
import { fsmount, fsmount_attr, fsmount_v6_12 } from './fsmount.js';
import { fspick } from './fspick.js';
import { kcmp_type } from './kcmp_type.js';
import { kvm_ioctl } from './kvm_ioctl.js';
import { madvise_behavior } from './madvise_behavior.js';
import { mmap_flags } from './mmap_flags.js';
import { mmap_prot } from './mmap_prot.js';
import { mount_flags } from './mount_flags.js';
import { move_mount_flags } from './move_mount_flags.js';
import { mremap_flags } from './mremap_flags.js';
import { perf_ioctl } from './perf_ioctl.js';
import { pkey_alloc_access_rights } from './pkey_alloc_access_rights.js';
import { prctl_option } from './prctl_option.js';
import { rename_flags } from './rename_flags.js';
import { sndrv_ctl_ioctl } from './sndrv_ctl_ioctl.js';
import { sndrv_pcm_ioctl } from './sndrv_pcm_ioctl.js';
import { sockaddr } from './sockaddr.js';
import { socket } from './socket.js';
import { statx_mask } from './statx_mask.js';
import { sync_file_range } from './sync_file_range.js';
import { syscalltbl } from './syscalltbl.js';
import { usbdevfs_ioctl } from './usbdevfs_ioctl.js';
import { vhost_virtio_ioctl } from './vhost_virtio_ioctl.js';
import { x86_arch_prctl, x86_arch_prctl_v6_1 } from './x86_arch_prctl.js';
import { x86_irq_vectors } from './x86_irq_vectors.js';
import { x86_msr, x86_msr_v6_1 } from './x86_msr.js';

export const SPECS: readonly GeneratorSpec[] = [
  arch_errno_names,
  clone,
  drm_ioctl,
  fadvise,
  fs_at_flags,
  fsconfig,
  fsmount,
  fsmount_attr,
  fspick,
  kcmp_type,
  kvm_ioctl,
  madvise_behavior,
  mmap_flags,
  mmap_prot,
  mount_flags,
  move_mount_flags,
  mremap_flags,
  perf_ioctl,
  pkey_alloc_access_rights,
  prctl_option,
  rename_flags,
  sndrv_ctl_ioctl,
  sndrv_pcm_ioctl,
  sockaddr,
  socket,
  statx_mask,
  sync_file_range,
  syscalltbl,
  usbdevfs_ioctl,
  vhost_virtio_ioctl,
  x86_arch_prctl,
  x86_irq_vectors,
  x86_msr,
];

/** Specs of older versions of a script, whose output differs (chosen by the script's hash). */
export const OLDER_SPECS: readonly GeneratorSpec[] = [
  arch_errno_names_v6_12,
  arch_errno_names_v6_1,
  clone_v6_12,
  fs_at_flags_v6_12,
  fsmount_v6_12,
  x86_arch_prctl_v6_1,
  x86_msr_v6_1,
];

/** The newest spec of each generator. */
export const SPEC_BY_NAME: ReadonlyMap<string, GeneratorSpec> = new Map(SPECS.map((s) => [s.name, s]));

/** The spec that reproduces this version of the script (by the first 16 hex digits of its sha256). */
export function specForScript(name: string, sha256: string): GeneratorSpec | undefined {
  const key = sha256.slice(0, 16);
  return [...SPECS, ...OLDER_SPECS].find((s) => s.name === name && key in s.scripts);
}
