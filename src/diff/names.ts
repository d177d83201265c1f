// Typedefs, declarations, includes and the include guard: compared by name and by their text
// after macro expansion (the model's spelling), on every ABI; kernel-only when userspace never
// sees them.
import type { Abi, Include, Place } from '../model/types.js';
import { activeOn, effective, groupBy, PerAbi, unionNames, type Compared, type Found } from './compared.js';
import { hiddenChanges } from './hidden.js';
import type { AddedKind, ModifiedKind, RemovedKind } from './types.js';

interface Named extends Place {
  name: string;
}

interface NamedSpec<T extends Named> {
  added: AddedKind;
  removed: RemovedKind;
  changed: ModifiedKind;
  text: (x: T) => string;
  /** The compiler sees the same type on this ABI, however it is spelled: no change (the edit is a respelling). */
  same?: (abi: Abi, name: string) => boolean;
}

/**
 * The compiler sees the same type for a typedef or a declaration on both sides, however each is
 * spelled (`unsigned int` → `__u32`, `f(unsigned int)` → `f(__u32)`).
 */
export function sameType(c: Compared, abi: Abi, what: 'typedef' | 'declaration', name: string): boolean {
  const canon = (side: Compared['old']) => {
    const eh = side.on.get(abi);
    return what === 'typedef' ? eh?.typedefCanon(name) : eh?.declarationCanon(name);
  };
  const a = canon(c.old);
  return typeof a === 'string' && a === canon(c.new);
}

function namedChanges<T extends Named>(c: Compared, olds: readonly T[], news: readonly T[], spec: NamedSpec<T>): Found[] {
  const bo = groupBy(olds, (x) => x.name);
  const bn = groupBy(news, (x) => x.name);
  const out: Found[] = [];
  const visiblyChanged = new Set<string>();
  for (const name of unionNames(olds, news, (x) => x.name)) {
    const per = new PerAbi(c.abis);
    for (const abi of c.abis) {
      const o = effective(c.old, abi, bo.get(name) ?? []);
      const n = effective(c.new, abi, bn.get(name) ?? []);
      if (!o && !n) continue;
      if (!o) per.add(abi, { change: { kind: spec.added, name, after: spec.text(n!), file: c.new.label, line: n!.line }, newLine: n!.line });
      else if (!n) per.add(abi, { change: { kind: spec.removed, name, before: spec.text(o), file: c.old.label, line: o.line }, oldLine: o.line });
      else if (spec.text(o) !== spec.text(n) && !spec.same?.(abi, name)) {
        per.add(abi, { change: { kind: spec.changed, name, before: spec.text(o), after: spec.text(n), file: c.new.label, line: n.line }, oldLine: o.line, newLine: n.line });
      }
    }
    const found = per.result();
    if (found.length) visiblyChanged.add(name);
    out.push(...found);
  }
  out.push(...hiddenChanges(c, olds, news, { name: (x) => x.name, text: spec.text }, visiblyChanged));
  return out;
}

export function typedefChanges(c: Compared): Found[] {
  return namedChanges(c, c.old.model.typedefs, c.new.model.typedefs, {
    added: 'typedef-added',
    removed: 'typedef-removed',
    changed: 'typedef-changed',
    text: (t) => t.type,
    same: (abi, name) => sameType(c, abi, 'typedef', name),
  });
}

export function declarationChanges(c: Compared): Found[] {
  return namedChanges(c, c.old.model.declarations, c.new.model.declarations, {
    added: 'declaration-added',
    removed: 'declaration-removed',
    changed: 'declaration-changed',
    text: (d) => d.text,
    same: (abi, name) => sameType(c, abi, 'declaration', name),
  });
}

const spelled = (i: Include) => (i.system ? `<${i.path}>` : `"${i.path}"`);

/** Includes seen by userspace on some ABI, added or removed; hidden ones are kernel-only. */
export function includeChanges(c: Compared): Found[] {
  const visible = (side: 'old' | 'new', xs: readonly Include[]) => xs.filter((x) => activeOn(c[side], c.abis, x).length > 0);
  const count = (xs: Include[]) => groupBy(xs, spelled);
  const vo = count(visible('old', c.old.model.includes));
  const vn = count(visible('new', c.new.model.includes));
  const out: Found[] = [];
  for (const [name, ns] of vn) {
    const os = vo.get(name) ?? [];
    for (const n of ns.slice(os.length)) out.push({ change: { kind: 'include-added', name, after: name, file: c.new.label, line: n.line }, newLine: n.line });
  }
  for (const [name, os] of vo) {
    const ns = vn.get(name) ?? [];
    for (const o of os.slice(ns.length)) out.push({ change: { kind: 'include-removed', name, before: name, file: c.old.label, line: o.line }, oldLine: o.line });
  }
  out.push(...hiddenChanges(c, c.old.model.includes, c.new.model.includes, { name: spelled, text: spelled }));
  return out;
}

export function guardChanges(c: Compared): Found[] {
  const o = c.old.model.guard;
  const n = c.new.model.guard;
  if (o === n) return [];
  const line = c.new.guardLines[0] ?? 1;
  return [{ change: { kind: 'include-guard-renamed', name: n ?? o!, before: o ?? '(none)', after: n ?? '(none)', file: c.new.label, line }, newLine: line, ...(c.old.guardLines[0] ? { oldLine: c.old.guardLines[0] } : {}) }];
}

