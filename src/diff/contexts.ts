// Names whose enclosing #if conditions changed while nothing else did: still seen on the same
// ABIs with the same value and layout (an `#ifndef static_assert` guard dropped around a macro).
import type { Condition, HeaderModel, Place } from '../model/types.js';
import { activeOn, groupBy, type Compared, type Found } from './compared.js';
import { recordName } from './records.js';

interface Entity extends Place {
  name: string;
}

const conditions = (cs: readonly Condition[]) => (cs.length ? cs.map((k) => k.text).join(' && ') : '(none)');

function entities(m: HeaderModel): Entity[] {
  return [
    ...m.macros,
    ...m.enums.flatMap((e) => e.constants),
    ...m.records.map((r) => ({ ...r, name: recordName(r) })),
    ...m.typedefs,
    ...m.declarations,
  ];
}

/** `context-changed` for names no other change mentions, seen on the same ABIs on both sides. */
export function contextChanges(c: Compared, found: readonly Found[]): Found[] {
  const mentioned = new Set(found.map((f) => f.change.name.split('.')[0]!));
  const bo = groupBy(entities(c.old.model), (x) => x.name);
  const bn = groupBy(entities(c.new.model), (x) => x.name);
  const out: Found[] = [];
  for (const [name, ns] of bn) {
    const os = bo.get(name);
    if (!os || mentioned.has(name)) continue;
    const before = [...new Set(os.map((x) => conditions(x.context)))].sort().join(' | ');
    const after = [...new Set(ns.map((x) => conditions(x.context)))].sort().join(' | ');
    if (before === after) continue;
    const seen = (side: 'old' | 'new', xs: Entity[]) => [...new Set(xs.flatMap((x) => activeOn(c[side], c.abis, x)))].sort().join();
    if (seen('old', os) !== seen('new', ns)) continue;
    out.push({ change: { kind: 'context-changed', name, before, after, file: c.new.label, line: ns[0]!.line }, oldLine: os[0]!.line, newLine: ns[0]!.line });
  }
  return out;
}
