// Record changes, per ABI on the evaluated layouts: added / removed records, size changes, and
// members added, removed, renamed (same place, size and type), moved (offset, size, bits or type),
// carved from reserved space, and kernel-only. Members are matched by the names a C program uses
// (anonymous records flattened); the `__empty_X` member of `__DECLARE_FLEX_ARRAY` is not a member.
// When a layout cannot be computed on a side, members are compared by name and type text only.
// Members of a named member of anonymous record type (`struct { ... } io;`) are members too,
// named `io.x`: a field carved from `io.pad` is carved as any other.
import { lex } from '../c/lexer.js';
import type { Abi, EvaluatedHeader, Laid, MemberLayout, Record as CRecord, UnreadMember } from '../model/types.js';
import { isFlexArrayPlaceholder, isReservedName, keepsRecordLayout, liesWithin } from './classify.js';
import { activeOn, effective, groupBy, PerAbi, unionNames, type Compared, type Found } from './compared.js';
import { bitRange, describeMember, describeSize } from './describe.js';
import { hiddenChanges, hiddenOf } from './hidden.js';
import type { SizeChanges } from './macros.js';
import type { EvaluatedSide } from './sides.js';

export function recordName(r: CRecord): string {
  return r.viaTypedef ? r.name : `${r.tag} ${r.name}`;
}

/** A member of one side on one ABI: its layout (when known), type text and line. */
interface SideMember {
  name: string;
  type: string;
  line: number;
  layout?: MemberLayout;
}

function memberPlaces(r: CRecord) {
  return r.members.map((m) => ({ ...m, file: r.file }));
}

/** The members a program sees on an ABI: active, named, not a flexible-array placeholder. */
function membersOn(side: EvaluatedSide, abi: Abi, r: CRecord, laid: Laid): Map<string, SideMember> {
  const eh = side.on.get(abi)!;
  const out = new Map<string, SideMember>();
  const model = memberPlaces(r).filter((m) => eh.isActive(m));
  const typeOf = new Map<string, { type: string; line: number }>();
  for (const m of model) if (!typeOf.has(m.name)) typeOf.set(m.name, { type: m.type, line: m.line });
  if (laid.ok) {
    const names = new Set(laid.members.map((m) => m.name));
    for (const l of laid.members) {
      if (!l.name || out.has(l.name) || isFlexArrayPlaceholder(l.name, l.size, names)) continue;
      const t = typeOf.get(l.name);
      out.set(l.name, { name: l.name, type: t?.type ?? '?', line: t?.line ?? r.line, layout: l });
    }
  } else {
    const names = new Set(model.map((m) => m.name));
    for (const m of model) {
      if (out.has(m.name) || isFlexArrayPlaceholder(m.name, undefined, names)) continue;
      out.set(m.name, { name: m.name, type: m.type, line: m.line });
    }
  }
  return out;
}

/**
 * Whether a member's type changed: as the compiler sees it where both sides can be spelled so
 * (`unsigned int` → `__u32` is the same type: a respelling), else as written.
 */
function typesDiffer(o: SideMember, n: SideMember): boolean {
  const a = o.layout?.canon;
  const b = n.layout?.canon;
  return a !== undefined && b !== undefined ? a !== b : o.type !== n.type;
}

const describe = (m: SideMember) => (m.layout ? describeMember(m.type, m.layout) : m.type);
const sameRange = (a: MemberLayout, b: MemberLayout) => {
  const [x0, x1] = bitRange(a);
  const [y0, y1] = bitRange(b);
  return x0 === y0 && x1 === y1 && a.size === b.size;
};

export function recordChanges(c: Compared): { found: Found[]; sizes: SizeChanges } {
  const bo = groupBy(c.old.model.records, recordName);
  const bn = groupBy(c.new.model.records, recordName);
  const sizes = new Map<string, Map<Abi, { before: number; after: number }>>();
  const out: Found[] = [];
  const visiblyChanged = new Set<string>();
  for (const name of unionNames(c.old.model.records, c.new.model.records, recordName)) {
    const per = new PerAbi(c.abis);
    for (const abi of c.abis) {
      const o = effective(c.old, abi, bo.get(name) ?? []);
      const n = effective(c.new, abi, bn.get(name) ?? []);
      if (!o && !n) continue;
      if (!o) {
        const l = layoutOf(c.new.on.get(abi)!, n!);
        per.add(abi, { change: { kind: 'record-added', name, after: l.ok ? describeSize(l.size) : `${n!.members.length} members`, file: c.new.label, line: n!.line }, newLine: n!.line });
        continue;
      }
      if (!n) {
        const l = layoutOf(c.old.on.get(abi)!, o);
        per.add(abi, { change: { kind: 'record-removed', name, before: l.ok ? describeSize(l.size) : `${o.members.length} members`, file: c.old.label, line: o.line }, oldLine: o.line });
        continue;
      }
      const lo = layoutOf(c.old.on.get(abi)!, o);
      const ln = layoutOf(c.new.on.get(abi)!, n);
      if (lo.ok && ln.ok && lo.size !== ln.size) {
        per.add(abi, { change: { kind: 'record-size-changed', name, before: describeSize(lo.size), after: describeSize(ln.size), file: c.new.label, line: n.line }, oldLine: o.line, newLine: n.line });
        let m = sizes.get(name);
        if (!m) sizes.set(name, (m = new Map()));
        m.set(abi, { before: lo.size, after: ln.size });
      }
      const om = membersOn(c.old, abi, o, lo);
      const nm = membersOn(c.new, abi, n, ln);
      const unread = { old: o.unread ?? [], new: n.unread ?? [] };
      for (const f of memberChanges(c, name, om, nm, lo.ok && ln.ok ? { before: lo.size, after: ln.size } : null, unread)) per.add(abi, f);
    }
    const found = per.result();
    if (found.length) visiblyChanged.add(name);
    out.push(...found);
    // members userspace never sees, in records it does see
    const os = bo.get(name) ?? [];
    const ns = bn.get(name) ?? [];
    const visible = [...os.filter((r) => activeOn(c.old, c.abis, r).length), ...ns.filter((r) => activeOn(c.new, c.abis, r).length)];
    if (visible.length) {
      const member = (r: CRecord) => memberPlaces(r).map((m) => ({ ...m, record: name }));
      out.push(...hiddenChanges(c, os.flatMap(member), ns.flatMap(member), { name: (m) => `${m.record}.${m.name}`, text: (m) => m.type }));
    }
  }
  // records userspace never sees
  const signature = (r: CRecord) => `{ ${r.members.map((m) => `${m.type} ${m.name}${m.bitWidth !== undefined ? ` : ${m.bitWidth}` : ''};`).join(' ')} }`;
  const hiddenNames = (side: 'old' | 'new', rs: readonly CRecord[]) => hiddenOf(c, side, rs);
  out.push(...hiddenChanges(c, hiddenNames('old', c.old.model.records), hiddenNames('new', c.new.model.records), { name: recordName, text: signature }, visiblyChanged));
  return { found: out, sizes };
}

/** The unread member declaration that names `member` (`__DECLARE_FLEX_ARRAY(__u32, indices)` names `indices`). */
function naming(unread: readonly UnreadMember[], member: string): UnreadMember | undefined {
  const last = member.slice(member.lastIndexOf('.') + 1);
  return unread.find((u) => lex(u.text, { directives: false }).some((t) => t.kind === 'id' && t.text === last));
}

function layoutOf(eh: EvaluatedHeader, r: CRecord): Laid {
  return eh.layout(r.tag, r.name, r.viaTypedef, true);
}

/**
 * Members of one record on one ABI. `sizes` is null when a layout is missing on a side: then
 * members are compared by name and type text, and nothing is carved or renamed.
 */
function memberChanges(
  c: Compared,
  rec: string,
  om: Map<string, SideMember>,
  nm: Map<string, SideMember>,
  sizes: { before: number; after: number } | null,
  unread: { old: readonly UnreadMember[]; new: readonly UnreadMember[] },
): Found[] {
  const out: Found[] = [];
  const at = (m: SideMember) => ({ file: c.new.label, line: m.line });
  const moved = new Set<string>();
  for (const [name, o] of om) {
    const n = nm.get(name);
    if (!n) continue;
    const layoutMoved = o.layout && n.layout ? !sameRange(o.layout, n.layout) : false;
    if (layoutMoved || typesDiffer(o, n)) moved.add(name);
  }
  const removed = [...om.keys()].filter((k) => !nm.has(k));
  const added = [...nm.keys()].filter((k) => !om.has(k));

  // renames: a removed member's exact place, size and type taken by a new name. A member that
  // is not reserved is renamed before anything is carved: in a union with a reserved member
  // (kvm_run's `char padding[256]`) every new member lies within that one.
  const renamedTo = new Set<string>();
  const renames = new Map<string, string>();
  const rename = (r: string) => {
    const o = om.get(r)!;
    const to = sizes
      ? added.find((a) => !carvedFrom.has(a) && !renamedTo.has(a) && nm.get(a)!.type === o.type && sameRange(o.layout!, nm.get(a)!.layout!))
      : undefined;
    if (to) {
      renamedTo.add(to);
      renames.set(r, to);
    }
  };
  const carvedFrom = new Map<string, string>();
  for (const r of removed) if (!isReservedName(r)) rename(r);

  // carving from reserved space: every new member inside an old reserved member's bits
  if (sizes) {
    for (const a of added) {
      if (renamedTo.has(a)) continue;
      const nl = nm.get(a)!.layout!;
      for (const [r, o] of om) {
        if (isReservedName(r) && liesWithin(bitRange(nl), bitRange(o.layout!))) {
          carvedFrom.set(a, r);
          break;
        }
      }
    }
    const involved = new Set(carvedFrom.values());
    // a reserved member that stays must stay inside its old bits (it shrank, or became a union member)
    const othersMoved = [...moved].filter((m) => !(involved.has(m) && liesWithin(bitRange(nm.get(m)!.layout!), bitRange(om.get(m)!.layout!)))).length;
    if (carvedFrom.size && keepsRecordLayout(sizes.before, sizes.after, othersMoved)) {
      for (const r of involved) {
        moved.delete(r);
        const i = removed.indexOf(r);
        if (i >= 0) removed.splice(i, 1);
      }
      for (const [a, r] of carvedFrom) {
        const n = nm.get(a)!;
        const stays = nm.get(r);
        out.push({
          change: { kind: 'member-carved-from-reserved', name: `${rec}.${a}`, before: `${r}: ${describe(om.get(r)!)}`, after: describe(n), ...at(n) },
          oldLine: om.get(r)!.line,
          newLine: n.line,
          ...(stays ? { alsoNewLines: [stays.line] } : {}),
        });
      }
    } else carvedFrom.clear();
  }

  // a reserved member no carving explains may still be renamed
  for (const r of removed) if (!renames.has(r)) rename(r);
  const stillRemoved: string[] = [];
  for (const r of removed) {
    const o = om.get(r)!;
    const to = renames.get(r);
    if (to) {
      const n = nm.get(to)!;
      out.push({ change: { kind: 'member-renamed', name: `${rec}.${r}`, before: r, after: to, ...at(n) }, oldLine: o.line, newLine: n.line });
    } else stillRemoved.push(r);
  }
  for (const r of stillRemoved) {
    const o = om.get(r)!;
    // gone from what the model could read, but named where it could not: not known to be gone
    const u = naming(unread.new, r);
    if (u) out.push({ change: { kind: 'member-unreadable', name: `${rec}.${r}`, before: describe(o), after: u.text, file: c.new.label, line: u.line }, oldLine: o.line, newLine: u.line });
    else out.push({ change: { kind: 'member-removed', name: `${rec}.${r}`, before: describe(o), file: c.old.label, line: o.line }, oldLine: o.line });
  }
  for (const a of added) {
    if (carvedFrom.has(a) || renamedTo.has(a)) continue;
    const n = nm.get(a)!;
    const u = naming(unread.old, a);
    if (u) out.push({ change: { kind: 'member-unreadable', name: `${rec}.${a}`, before: u.text, after: describe(n), ...at(n) }, oldLine: u.line, newLine: n.line });
    else out.push({ change: { kind: 'member-added', name: `${rec}.${a}`, after: describe(n), ...at(n) }, newLine: n.line });
  }
  for (const m of moved) {
    const o = om.get(m)!;
    const n = nm.get(m)!;
    out.push({ change: { kind: 'member-moved', name: `${rec}.${m}`, before: describe(o), after: describe(n), ...at(n) }, oldLine: o.line, newLine: n.line });
  }
  return out;
}
