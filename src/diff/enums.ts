// Enumeration constant changes: added / removed for userspace, value changed (evaluated per ABI:
// a constant inserted before implicit ones moves them), respelled, kernel-only.
// Deliberately not compared: the enum's tag and underlying type (what userspace uses are the constants).
import type { EnumConstant } from '../model/types.js';
import { effective, groupBy, PerAbi, unionNames, type Compared, type Found } from './compared.js';
import { describeValue } from './describe.js';
import { hiddenChanges } from './hidden.js';

const text = (k: EnumConstant) => k.body ?? '(implicit)';

export function enumChanges(c: Compared): Found[] {
  const olds = c.old.model.enums.flatMap((e) => e.constants);
  const news = c.new.model.enums.flatMap((e) => e.constants);
  const bo = groupBy(olds, (k) => k.name);
  const bn = groupBy(news, (k) => k.name);
  const out: Found[] = [];
  const visiblyChanged = new Set<string>();
  for (const name of unionNames(olds, news, (k) => k.name)) {
    const per = new PerAbi(c.abis);
    for (const abi of c.abis) {
      const o = effective(c.old, abi, bo.get(name) ?? []);
      const n = effective(c.new, abi, bn.get(name) ?? []);
      if (!o && !n) continue;
      if (!o) {
        const v = c.new.on.get(abi)!.enumValue(name);
        per.add(abi, { change: { kind: 'enum-constant-added', name, after: v.ok ? describeValue(v) : text(n!), file: c.new.label, line: n!.line }, newLine: n!.line });
        continue;
      }
      if (!n) {
        const v = c.old.on.get(abi)!.enumValue(name);
        per.add(abi, { change: { kind: 'enum-constant-removed', name, before: v.ok ? describeValue(v) : text(o), file: c.old.label, line: o.line }, oldLine: o.line });
        continue;
      }
      const vo = c.old.on.get(abi)!.enumValue(name);
      const vn = c.new.on.get(abi)!.enumValue(name);
      const at = { file: c.new.label, line: n.line };
      const lines = { oldLine: o.line, newLine: n.line };
      if (vo.ok && vn.ok) {
        if (vo.value !== vn.value) per.add(abi, { change: { kind: 'enum-constant-value-changed', name, before: describeValue(vo), after: describeValue(vn), ...at }, ...lines });
        else if (text(o) !== text(n)) per.add(abi, { change: { kind: 'enum-constant-respelled', name, before: text(o), after: text(n), ...at }, ...lines });
      } else if (text(o) !== text(n)) {
        per.add(abi, { change: { kind: 'enum-constant-value-changed', name, before: vo.ok ? describeValue(vo) : text(o), after: vn.ok ? describeValue(vn) : text(n), ...at }, ...lines });
      }
    }
    const found = per.result();
    if (found.length) visiblyChanged.add(name);
    out.push(...found);
  }
  out.push(...hiddenChanges(c, olds, news, { name: (k) => k.name, text }, visiblyChanged));
  return out;
}
