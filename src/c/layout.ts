// Record layout as gcc does it on the System V x86_64 / i386 and AAPCS64 ABIs: natural
// alignment, bitfields that do not straddle a unit of their declared type
// (PCC_BITFIELD_TYPE_MATTERS), packed and aligned attributes, unions, flexible arrays and
// anonymous members flattened under the names a C program uses (`x`, and `hw.x` for a member
// `hw` of an anonymous record type).
// `#pragma pack(N)` caps alignments (RecordDef.pack, set by the unit). Records defined inside
// an expression (`sizeof(struct { int:(-!!(e)); })`) are laid out too, without joining the
// header's. Not modelled: vector types, `__attribute__((mode))`.
import type { AbiInfo } from './abi.js';
import { resolved, type CType, type EnumDef, type MemberDef, type RecordDef } from './ctype.js';

export interface MemberLayout {
  name: string;
  /** Byte offset (of the storage unit start for bitfields). */
  offset: number;
  size: number;
  /** Bitfields only: bit offset from the record start, and width. */
  bitOffset?: number;
  bitSize?: number;
  /** The member's type through typedefs (ctype.ts canonicalType), where one can be spelled. */
  canon?: string;
}

export interface RecordLayout {
  size: number;
  align: number;
  members: MemberLayout[];
}

export interface TypeTables {
  records: Map<string, RecordDef>;
  enums: Map<string, EnumDef>;
}

export class LayoutError extends Error {}

export type TypedMember = MemberLayout & { type: CType };
export type FullLayout = RecordLayout & { flat: TypedMember[] };

export interface Sized {
  size: number;
  align: number;
}

export class Layouts {
  private cache = new WeakMap<RecordDef, FullLayout>();
  private inProgress = new Set<string>();
  constructor(
    private readonly abi: AbiInfo,
    private readonly tables: TypeTables,
  ) {}

  sizeAlign(t: CType): Sized {
    switch (t.k) {
      case 'int':
        if ((t.name === 'int128' || t.name === 'uint128') && !this.abi.int128) throw new LayoutError('__int128 is not supported on this ABI');
        return this.abi.ints[t.name];
      case 'float':
        return this.abi.floats[t.name];
      case 'ptr':
        return this.abi.pointer;
      case 'void':
        return { size: 1, align: 1 }; // GNU: sizeof(void) == 1
      case 'func':
        return { size: 1, align: 1 };
      case 'named': {
        const inner = this.sizeAlign(t.of);
        return t.align !== undefined ? { size: inner.size, align: t.align } : inner;
      }
      case 'array': {
        const el = this.sizeAlign(t.of);
        return { size: el.size * (t.len ?? 0), align: el.align };
      }
      case 'enum': {
        const e = this.tables.enums.get(t.key);
        if (!e) throw new LayoutError(`incomplete type enum ${t.key}`);
        return this.abi.ints[e.base];
      }
      case 'record': {
        const l = this.record(t.key);
        return { size: l.size, align: l.align };
      }
    }
  }

  /** Records defined inside expressions (`sizeof(struct { int:1; })`), by key: not the header's. */
  private readonly inExpressions = new Map<string, RecordDef>();

  /** The type of a record defined inside an expression; `key` names it, the same for the same body. */
  expressionRecord(key: string, tag: 'struct' | 'union', members: MemberDef[]): CType {
    if (!this.inExpressions.has(key)) this.inExpressions.set(key, { key, tag, file: '<expression>', line: 0, members, packed: false, attributes: [] });
    return { k: 'record', key };
  }

  /** Layout of a record, members of anonymous members flattened. */
  record(key: string): FullLayout {
    const def = this.tables.records.get(key) ?? this.inExpressions.get(key);
    if (!def || def.members === null) throw new LayoutError(def?.reason ?? `incomplete type ${def?.name ? `${def.tag} ${def.name}` : key}`);
    const hit = this.cache.get(def);
    if (hit) return hit;
    if (this.inProgress.has(key)) throw new LayoutError(`${key} contains itself`);
    this.inProgress.add(key);
    try {
      const out = this.compute(def);
      this.cache.set(def, out);
      return out;
    } finally {
      this.inProgress.delete(key);
    }
  }

  private compute(def: RecordDef): FullLayout {
    const isUnion = def.tag === 'union';
    let bit = 0; // next free bit (structs)
    let sizeBits = 0;
    let align = 1;
    const flat: TypedMember[] = [];
    const members = def.members ?? [];
    for (let idx = 0; idx < members.length; idx++) {
      const m = members[idx];
      const t = resolved(m.type);
      if (m.bitWidth !== undefined) {
        const { size: tsize, align: talign } = this.sizeAlign(m.type);
        const unitBits = tsize * 8;
        const packed = def.packed || m.packed || def.pack !== undefined;
        let start = isUnion ? 0 : bit;
        if (m.bitWidth === 0) {
          // A zero-width bitfield ends the unit: the next field starts at the type's alignment.
          if (!isUnion) bit = alignUp(bit, talign * 8);
          continue;
        }
        if (!packed && Math.floor(start / unitBits) !== Math.floor((start + m.bitWidth - 1) / unitBits)) {
          start = alignUp(start, talign * 8);
        }
        if (m.align !== undefined) start = alignUp(start, m.align * 8);
        if (m.name !== undefined) {
          if (!packed) align = Math.max(align, talign);
          else if (def.pack !== undefined && !def.packed && !m.packed) align = Math.max(align, Math.min(talign, def.pack));
          if (m.align !== undefined) align = Math.max(align, m.align);
          const unitStart = Math.floor(start / unitBits) * unitBits;
          flat.push({ name: m.name, offset: unitStart / 8, size: tsize, bitOffset: start, bitSize: m.bitWidth, type: m.type });
        }
        const end = start + m.bitWidth;
        if (isUnion) sizeBits = Math.max(sizeBits, end);
        else bit = end;
        continue;
      }
      const sa = this.sizeAlign(m.type);
      let a = def.packed || m.packed ? 1 : sa.align;
      if (m.align !== undefined) a = Math.max(a, m.align);
      if (def.pack !== undefined) a = Math.min(a, def.pack);
      const isFlex = t.k === 'array' && t.len === null;
      const size = isFlex ? 0 : sa.size;
      const offBits = isUnion ? 0 : alignUp(bit, a * 8);
      align = Math.max(align, a);
      const offset = offBits / 8;
      if (m.name !== undefined) {
        flat.push({ name: m.name, offset, size, type: m.type });
        // a named member of an anonymous record type (`struct { ... } hw;`): its members are
        // reached as `hw.x`, and listed so (as a C program names them to offsetof)
        const key = t.k === 'record' ? t.key : undefined;
        const inner = key !== undefined ? this.tables.records.get(key) : undefined;
        if (key !== undefined && inner && !inner.name && !inner.typedefName) {
          for (const x of this.record(key).flat) {
            flat.push({
              ...x,
              name: `${m.name}.${x.name}`,
              offset: x.offset + offset,
              ...(x.bitOffset !== undefined ? { bitOffset: x.bitOffset + offBits } : {}),
            });
          }
        }
      } else if (t.k === 'record') {
        // anonymous struct/union member: its members are reached through the parent
        for (const inner of this.record(t.key).flat) {
          flat.push({
            ...inner,
            offset: inner.offset + offset,
            ...(inner.bitOffset !== undefined ? { bitOffset: inner.bitOffset + offBits } : {}),
          });
        }
      }
      if (isUnion) sizeBits = Math.max(sizeBits, size * 8);
      else bit = offBits + size * 8;
    }
    if (def.align !== undefined) align = Math.max(align, def.pack !== undefined ? Math.min(def.align, def.pack) : def.align);
    const rawBytes = Math.ceil((isUnion ? sizeBits : bit) / 8);
    const size = alignUp(rawBytes, align);
    return { size, align, members: flat.map(({ type: _t, ...m }) => m), flat };
  }
}

export function alignUp(n: number, a: number): number {
  return a <= 1 ? n : Math.ceil(n / a) * a;
}
