// The `before` / `after` strings of changes: values, members and record sizes as a maintainer
// writes them. Data of the change records, not presentation: every reporter shows them as they are.
import type { Evaluated, MemberLayout } from '../model/types.js';

/** Small values in decimal, larger ones in hex, as headers write masks and ioctl numbers. */
export function describeValue(v: Extract<Evaluated, { ok: true }>): string {
  if (v.value < 0n || v.value < 1024n) return v.value.toString();
  return '0x' + v.value.toString(16);
}

/** A macro as the preprocessor sees it: `(h, l) body` for a function-like one. */
export function macroText(m: { kind: 'object' | 'function'; params?: string[]; body: string }): string {
  return m.kind === 'function' ? `(${(m.params ?? []).join(', ')}) ${m.body}`.trimEnd() : m.body;
}

/** `__u32 at 8 (4 bytes)`, `__u32 : 3 at bit 867`. */
export function describeMember(type: string | undefined, l: MemberLayout): string {
  const t = type ?? '?';
  if (l.bitSize !== undefined) return `${t} : ${l.bitSize} at bit ${l.bitOffset}`;
  return `${t} at ${l.offset} (${l.size} ${l.size === 1 ? 'byte' : 'bytes'})`;
}

export function describeSize(size: number): string {
  return `${size} ${size === 1 ? 'byte' : 'bytes'}`;
}

/** The bits a member occupies, as a half-open range from the record's start. */
export function bitRange(l: MemberLayout): [number, number] {
  if (l.bitSize !== undefined && l.bitOffset !== undefined) return [l.bitOffset, l.bitOffset + l.bitSize];
  return [l.offset * 8, (l.offset + l.size) * 8];
}
