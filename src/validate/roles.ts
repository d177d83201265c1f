// What a constant is to family detection, as small named predicates over its name and body.
// Each predicate reads as a maintainer's question ("is this the valid-bits mask?").
import type { Constant, Role } from './types.js';

/** Underscore-separated words of a name, without empty ones (`__FOO` gives ['FOO']). */
export function words(name: string): string[] {
  return name.split('_').filter((w) => w.length > 0);
}

const SENTINEL_LAST = new Set(['MAX', 'NR', 'NUM', 'COUNT', 'LAST', 'END', 'SHIFT', 'OFFSET']);

/** `*_MAX`, `*_NR`, `__*`, `NR_*`, `*_SHIFT`, `*_OFFSET`: a bound, a count or a field position, never a member. */
export function isSentinelName(name: string): boolean {
  if (name.startsWith('__')) return true;
  if (name.startsWith('NR_')) return true;
  const w = words(name);
  if (w.length < 2) return false;
  return SENTINEL_LAST.has(w[w.length - 1]);
}

/** `*VALID*`: a valid-bits mask, which must cover every member. */
export function isValidMaskName(name: string): boolean {
  return words(name).includes('VALID');
}

/**
 * `SNDRV_PCM_INFO_MMAP_VALID 0x2`, `KVM_X86_QUIRK_SLOT_ZAP_ALL (1 << 7)`: one bit written as a
 * number, whose name merely ends in VALID or ALL, is a flag, not a mask.
 */
export function isFlagNamedLikeMask(c: Constant): boolean {
  const last = words(c.name).pop();
  return (last === 'VALID' || last === 'ALL') && !c.orOfRefs && c.value !== null && isSingleBit(c.value);
}

/** `*VALID*`, `*_MASK*` (`MASK0` too) or `*_ALL`: a mask, not a member. */
export function isMaskName(name: string): boolean {
  const w = words(name);
  return isValidMaskName(name) || w.some((x) => /^MASK[0-9]*$/.test(x)) || w[w.length - 1] === 'ALL';
}

/** The kernel's contiguous-mask helpers (include/linux/bits.h, uapi/linux/bits.h). */
const GENMASK_HELPERS = new Set(['GENMASK', 'GENMASK_ULL', 'GENMASK_U128', '__GENMASK', '__GENMASK_ULL', '__GENMASK_U128', 'GENMASK_TYPE', 'GENMASK_U8', 'GENMASK_U16', 'GENMASK_U32', 'GENMASK_U64']);

/** `GENMASK_ULL(22, 18)`: a range of bits by construction, whatever its name. */
export function isGenmaskCall(c: Constant): boolean {
  return c.refs.length > 0 && GENMASK_HELPERS.has(c.refs[0]) && c.body.trimStart().startsWith(c.refs[0]);
}

/** `*_BIT`: a bit number, which sits next to the bit value it numbers. */
export function isBitNumberName(name: string): boolean {
  const w = words(name);
  return w.length > 1 && w[w.length - 1] === 'BIT';
}

/** An OR of two or more constants the header defines: `(A | B | C)`. */
export function isOrOfConstants(c: Constant, known: ReadonlySet<string>): boolean {
  return c.orOfRefs && c.refs.length >= 2 && c.refs.every((r) => known.has(r));
}

/** `#define NEW OLD`, `#define X X` (naming an enumerator for #ifdef), or `NEW = OLD` in an enum. */
export function isAlias(c: Constant, known: ReadonlySet<string>): boolean {
  return c.refs.length === 1 && c.body === c.refs[0] && known.has(c.refs[0]);
}

export function isIoctlNumber(c: Constant): boolean {
  return c.ioctlType !== undefined;
}

/** The role of a constant among the constants `known` of its header. */
export function roleOf(c: Constant, known: ReadonlySet<string>): Role {
  if (isIoctlNumber(c)) return 'ioctl';
  if (isAlias(c, known)) return 'alias';
  if ((isMaskName(c.name) && !isFlagNamedLikeMask(c)) || isOrOfConstants(c, known) || isGenmaskCall(c)) return 'mask';
  if (isSentinelName(c.name)) return 'sentinel';
  return 'member';
}

/** One set bit. */
export function isSingleBit(v: bigint): boolean {
  return v > 0n && (v & (v - 1n)) === 0n;
}

export function bitsOf(v: bigint): number[] {
  const out: number[] = [];
  for (let i = 0; v > 0n; i++, v >>= 1n) if (v & 1n) out.push(i);
  return out;
}

/** `0x0800`, `(1 << 4)`: values print in hex when they are masks or bits, in decimal otherwise. */
export function formatValue(v: bigint, kind: 'bits' | 'values'): string {
  if (kind === 'bits') return v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
  return v.toString();
}
