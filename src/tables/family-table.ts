// `kdrift tables --family PREFIX`: a beauty-style table for any family of a header, with
// indices from evaluated values (not from how the values are written).
import { basename } from 'node:path';
import type { Entry } from './family.js';
import { ilog2 } from './family.js';
import type { Generated } from './generate.js';
import type { HeaderStore } from './headers.js';
import { hex } from './coverage.js';

export type FamilyStyle = 'enum' | 'bitmask';

export interface FamilyTableOptions {
  header: string;
  prefix: string;
  style: FamilyStyle;
}

/** What the family has that a table cannot hold (masks in a bitmask table, unevaluated names). */
export interface FamilyLeftOut {
  name: string;
  line: number;
  reason: string;
}

export function familyTableName(prefix: string): string {
  const base = prefix.replace(/_+$/, '').toLowerCase();
  return /^[a-z_]/.test(base) ? base : `t_${base}`;
}

export function familyTable(store: HeaderStore, o: FamilyTableOptions): { generated: Generated; leftOut: FamilyLeftOut[] } {
  const got = store.get(o.header);
  const array = familyTableName(o.prefix);
  const generated: Generated = {
    spec: { name: array, script: `kdrift tables --family ${o.prefix}`, scripts: {}, args: [], parts: [] },
    text: '',
    tables: [],
    constants: [],
    missing: [],
    problems: [],
    errnoDropped: [],
  };
  const leftOut: FamilyLeftOut[] = [];
  if (!got.ok) {
    generated.missing.push(got.path);
    return { generated, leftOut };
  }
  const ev = got.header.evaluated();
  const places = [
    ...got.header.model.macros.filter((m) => m.name.startsWith(o.prefix)).map((m) => ({ place: m, name: m.name, kind: m.kind as string, value: () => ev.macroValue(m.name) })),
    ...got.header.model.enums.flatMap((e) => e.constants).filter((c) => c.name.startsWith(o.prefix)).map((c) => ({ place: c, name: c.name, kind: 'enumerator', value: () => ev.enumValue(c.name) })),
  ];
  const entries: (Entry & { value: bigint })[] = [];
  const seen = new Set<string>();
  for (const p of places) {
    if (!ev.isActive(p.place) || seen.has(p.name)) continue;
    seen.add(p.name);
    if (p.kind === 'function') {
      leftOut.push({ name: p.name, line: p.place.line, reason: 'a function-like macro' });
      continue;
    }
    const v = p.value();
    if (!v.ok) {
      leftOut.push({ name: p.name, line: p.place.line, reason: v.reason });
      continue;
    }
    const u = v.value < 0n ? v.value + (1n << BigInt(v.bits)) : v.value;
    if (o.style === 'bitmask' && (u <= 0n || (u & (u - 1n)) !== 0n)) {
      leftOut.push({ name: p.name, line: p.place.line, reason: `${hex(u)} is not a single bit` });
      continue;
    }
    const index = o.style === 'bitmask' ? ilog2(u) + 1n : u;
    entries.push({ full: p.name, name: p.name.slice(o.prefix.length), written: hex(u), index, file: p.place.file, line: p.place.line, value: u });
  }
  entries.sort((a, b) => (a.index! < b.index! ? -1 : a.index! > b.index! ? 1 : 0));
  let text = `/* ${o.prefix}* of ${basename(o.header)}, made by kdrift from evaluated values */\n`;
  text += `static const char *${array}[] = {\n`;
  for (const e of entries) text += o.style === 'bitmask' ? `\t[ilog2(${hex(e.value)}) + 1] = "${e.name}",\n` : `\t[${e.index}] = "${e.name}",\n`;
  text += '};\n';
  generated.text = text;
  generated.tables.push({ array, entries, runs: [] });
  return { generated, leftOut };
}
