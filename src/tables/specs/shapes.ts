// Spellings that several beauty scripts share, named after the regex they stand for. A spec
// spreads one and overrides what its script does differently.
import type { DefineSpelling, IoctlSpelling } from '../spec.js';

/** `^[[:space:]]*#[[:space:]]*define[[:space:]]+P_(…)[[:space:]]+(0x[[:xdigit:]]+)[[:space:]]*.*` */
export const HEX_DEFINE: DefineSpelling = {
  of: 'define',
  hash: 'flexible',
  afterDefine: 'blanks',
  rest: 'word',
  gap: 'blanks',
  value: { form: 'hex' },
  after: 'anything',
};

/** `^[[:space:]]*#[[:space:]]*define[[:space:]]+P_(…)[[:space:]]+([[:digit:]]+)[[:space:]]*.*` */
export const DIGITS_DEFINE: DefineSpelling = { ...HEX_DEFINE, value: { form: 'digits' } };

/** `^#[[:space:]]*define[[:space:]]+P_(\w+)[[:space:]]+_IO…(…)`: the ioctl tables' head. */
export const IOCTL_DEFINE = (value: IoctlSpelling): DefineSpelling => ({
  of: 'define',
  hash: 'hash-any',
  afterDefine: 'blanks',
  rest: 'word',
  gap: 'blanks',
  value,
  after: 'anything',
});

/** `_IO[RW]*` */
export const IO_RW = { prefix: '_IO', letters: 'RW' };

/** The flag tables' printf: `[ilog2(0x…) + 1] = "NAME"`. */
export const ILOG2_FORMAT = '\t[ilog2(%s) + 1] = "%s",\n';
/** The index tables' printf: `[N] = "NAME"`. */
export const INDEX_FORMAT = '\t[%s] = "%s",\n';
/** mmap_flags/mmap_prot/mremap_flags: the entry, then a fallback definition for old libc headers. */
export const FALLBACK_FORMAT = (prefix: string) => `\t[ilog2(%s) + 1] = "%s",\n#ifndef ${prefix}_%s\n#define ${prefix}_%s %s\n#endif\n`;

/**
 * uapi headers that use `_IO*` without including <linux/ioctl.h>: userspace gets the macros
 * from glibc's <sys/ioctl.h> (asound.h includes it, outside the kernel's include path;
 * usbdevice_fs.h leaves it to its includer), whose chain ends in <linux/ioctl.h>.
 */
export const IOCTL_INCLUDER = {
  headers: ['linux/ioctl.h'],
  reason: "its users' <sys/ioctl.h> gives _IO*: glibc's chain ends in <linux/ioctl.h>",
};
