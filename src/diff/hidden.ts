// Entities userspace never sees (active on no ABI compared: `#ifdef __KERNEL__`, `__ASSEMBLY__`,
// `#if 0`): compared by presence and text only, and reported as `kernel-only`.
import type { Place } from '../model/types.js';
import { isHiddenFromUserspace } from './classify.js';
import { activeOn, groupBy, type Compared, type Found } from './compared.js';

export interface HiddenSpec<T extends Place> {
  /** How changes name the entity. */
  name: (x: T) => string;
  /** Its text: what is compared. */
  text: (x: T) => string;
}

export function hiddenOf<T extends Place>(c: Compared, side: 'old' | 'new', xs: readonly T[]): T[] {
  return xs.filter((x) => isHiddenFromUserspace(activeOn(c[side], c.abis, x)));
}

/** `kernel-only` changes for the names whose hidden definitions differ; `skip` names have visible changes already. */
export function hiddenChanges<T extends Place>(c: Compared, olds: readonly T[], news: readonly T[], spec: HiddenSpec<T>, skip: ReadonlySet<string> = new Set()): Found[] {
  const ho = groupBy(hiddenOf(c, 'old', olds), spec.name);
  const hn = groupBy(hiddenOf(c, 'new', news), spec.name);
  const out: Found[] = [];
  const key = (x: T) => `${spec.text(x)} [if ${x.context.map((k) => k.text).join(' && ')}]`;
  for (const name of new Set([...hn.keys(), ...ho.keys()])) {
    if (skip.has(name)) continue;
    const o = ho.get(name) ?? [];
    const n = hn.get(name) ?? [];
    const ko = o.map(key).sort();
    const kn = n.map(key).sort();
    if (ko.length === kn.length && ko.every((k, i) => k === kn[i])) continue;
    const at = n[0] ?? o[0]!;
    const before = o.length ? o.map(spec.text).join(' | ') : undefined;
    const after = n.length ? n.map(spec.text).join(' | ') : undefined;
    out.push({
      change: { kind: 'kernel-only', name, file: n.length ? c.new.label : c.old.label, line: at.line, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) },
      ...(o[0] ? { oldLine: o[0].line } : {}),
      ...(n[0] ? { newLine: n[0].line } : {}),
    });
  }
  return out;
}
