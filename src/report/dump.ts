// Renders `kdrift dump`: the JSON contract (one object per header) and a readable text form.
import type { EvaluatedHeader, Macro } from '../model/types.js';

export interface DumpMacroJson {
  name: string;
  kind: 'object' | 'function';
  value: string | null;
  unsigned: boolean;
  reason?: string;
  body: string;
  file: string;
  line: number;
  context: string[];
}

export interface DumpJson {
  header: string;
  abi: string;
  guard?: string;
  macros: DumpMacroJson[];
  enums: { name?: string; line: number; constants: { name: string; value: string | null; reason?: string; line: number }[] }[];
  records: {
    tag: 'struct' | 'union';
    name: string;
    typedef?: true;
    line: number;
    size: number | null;
    align: number | null;
    reason?: string;
    members: { name: string; offset: number; size: number; bit_offset?: number; bit_size?: number }[];
  }[];
  problems: { line: number; column: number; kind: string; repaired: boolean }[];
}

function macroJson(eh: EvaluatedHeader, m: Macro, lastActive: Map<string, Macro>): DumpMacroJson {
  const base = { name: m.name, kind: m.kind, body: m.body, file: m.file, line: m.line, context: m.context.map((c) => c.text) };
  if (m.kind === 'function') return { ...base, value: null, unsigned: false, reason: 'function-like macro' };
  if (!eh.isActive(m)) return { ...base, value: null, unsigned: false, reason: `inactive on ${eh.abi}` };
  // another definition of the same name later in the header wins, as in the preprocessor
  const later = lastActive.get(m.name);
  if (later && later !== m) return { ...base, value: null, unsigned: false, reason: `redefined at line ${later.line}` };
  const v = eh.macroValue(m.name);
  if (!v.ok) return { ...base, value: null, unsigned: false, reason: v.reason };
  return { ...base, value: v.value.toString(), unsigned: v.unsigned };
}

export function dumpJson(header: string, eh: EvaluatedHeader): DumpJson {
  const model = eh.model;
  const lastActive = new Map<string, Macro>();
  for (const m of model.macros) if (eh.isActive(m)) lastActive.set(m.name, m);
  return {
    header,
    abi: eh.abi,
    ...(model.guard ? { guard: model.guard } : {}),
    macros: model.macros.map((m) => macroJson(eh, m, lastActive)),
    enums: model.enums.filter((e) => eh.isActive(e)).map((e) => ({
      ...(e.name ? { name: e.name } : {}),
      line: e.line,
      constants: e.constants.filter((c) => eh.isActive(c)).map((c) => {
        const v = eh.enumValue(c.name);
        return v.ok ? { name: c.name, value: v.value.toString(), line: c.line } : { name: c.name, value: null, reason: v.reason, line: c.line };
      }),
    })),
    records: model.records.filter((r) => eh.isActive(r)).map((r) => {
      const l = eh.layout(r.tag, r.name, r.viaTypedef);
      const head = { tag: r.tag, name: r.name, ...(r.viaTypedef ? { typedef: true as const } : {}), line: r.line };
      if (!l.ok) return { ...head, size: null, align: null, reason: l.reason, members: [] };
      return {
        ...head,
        size: l.size,
        align: l.align,
        members: l.members.map((m) => ({
          name: m.name,
          offset: m.offset,
          size: m.size,
          ...(m.bitSize !== undefined ? { bit_offset: m.bitOffset!, bit_size: m.bitSize } : {}),
        })),
      };
    }),
    problems: model.problems.map((p) => ({ line: p.line, column: p.column, kind: p.kind, repaired: p.repaired })),
  };
}

/**
 * JSON.stringify(dumpJson(header, eh)), written straight into the string: the same keys in
 * the same order, no intermediate objects (the x86 uapi dump renders 90,000 of them). Each
 * object is written from its opening brace on (keys the model always has), so that no
 * part is copied again to cut a leading comma.
 */
export function dumpJsonText(header: string, eh: EvaluatedHeader): string {
  const model = eh.model;
  const lastActive = new Map<string, Macro>();
  for (const m of model.macros) if (eh.isActive(m)) lastActive.set(m.name, m);
  let o = '{"header":' + str(header) + ',"abi":' + str(eh.abi) + (model.guard ? ',"guard":' + str(model.guard) : '');
  o += ',"macros":[';
  let sep = '';
  for (const m of model.macros) {
    o += sep + '{"name":' + str(m.name) + ',"kind":' + str(m.kind) + ',"body":' + str(m.body) + ',"file":' + str(m.file) + ',"line":' + num(m.line) + ',"context":[';
    for (let i = 0; i < m.context.length; i++) o += (i ? ',' : '') + str(m.context[i].text);
    o += ']';
    let reason: string | undefined;
    if (m.kind === 'function') reason = 'function-like macro';
    else if (!eh.isActive(m)) reason = `inactive on ${eh.abi}`;
    else {
      // another definition of the same name later in the header wins, as in the preprocessor
      const later = lastActive.get(m.name);
      if (later && later !== m) reason = `redefined at line ${later.line}`;
      else {
        const v = eh.macroValue(m.name);
        if (v.ok) o += ',"value":' + str(v.value.toString()) + (v.unsigned ? ',"unsigned":true' : ',"unsigned":false');
        else reason = v.reason;
      }
    }
    if (reason !== undefined) o += ',"value":null,"unsigned":false,"reason":' + str(reason);
    o += '}';
    sep = ',';
  }
  o += '],"enums":[';
  sep = '';
  for (const e of model.enums) {
    if (!eh.isActive(e)) continue;
    o += sep + (e.name ? '{"name":' + str(e.name) + ',"line":' : '{"line":') + num(e.line) + ',"constants":[';
    let csep = '';
    for (const c of e.constants) {
      if (!eh.isActive(c)) continue;
      const v = eh.enumValue(c.name);
      o += csep + '{"name":' + str(c.name) + (v.ok ? ',"value":' + str(v.value.toString()) : ',"value":null,"reason":' + str(v.reason)) + ',"line":' + num(c.line) + '}';
      csep = ',';
    }
    o += ']}';
    sep = ',';
  }
  o += '],"records":[';
  sep = '';
  for (const r of model.records) {
    if (!eh.isActive(r)) continue;
    const l = eh.layout(r.tag, r.name, r.viaTypedef);
    o += sep + '{"tag":' + str(r.tag) + ',"name":' + str(r.name) + (r.viaTypedef ? ',"typedef":true' : '') + ',"line":' + num(r.line);
    if (!l.ok) o += ',"size":null,"align":null,"reason":' + str(l.reason) + ',"members":[]';
    else {
      o += ',"size":' + num(l.size) + ',"align":' + num(l.align) + ',"members":[';
      let msep = '';
      for (const m of l.members) {
        o += msep + '{"name":' + str(m.name) + ',"offset":' + num(m.offset) + ',"size":' + num(m.size);
        if (m.bitSize !== undefined) o += field('bit_offset', m.bitOffset) + field('bit_size', m.bitSize);
        o += '}';
        msep = ',';
      }
      o += ']';
    }
    o += '}';
    sep = ',';
  }
  o += '],"problems":[';
  sep = '';
  for (const p of model.problems) {
    o += sep + '{"line":' + num(p.line) + ',"column":' + num(p.column) + ',"kind":' + str(p.kind) + (p.repaired ? ',"repaired":true}' : ',"repaired":false}');
    sep = ',';
  }
  return o + ']}';
}

/** A string as JSON.stringify writes it. */
function str(v: string): string {
  return NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : '"' + v + '"';
}

/** A number as JSON.stringify writes it. */
function num(v: number): string {
  return Number.isFinite(v) ? String(v) : 'null';
}

/** `,"key":value` as JSON.stringify writes it, nothing for undefined. */
function field(key: string, v: string | number | boolean | undefined): string {
  if (v === undefined) return '';
  return ',"' + key + '":' + jsonValue(v);
}

/** Characters JSON.stringify writes escaped (lone surrogates included). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function jsonValue(v: string | number | boolean): string {
  if (typeof v === 'string') return NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : '"' + v + '"';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  return v ? 'true' : 'false';
}

export function dumpText(header: string, eh: EvaluatedHeader): string {
  const j = dumpJson(header, eh);
  const lines: string[] = [`${header} (${j.abi})${j.guard ? `, guard ${j.guard}` : ''}`];
  if (j.macros.length) lines.push('', 'macros:');
  for (const m of j.macros) {
    const ctx = m.context.length ? `  [if ${m.context.join(' && ')}]` : '';
    const val = m.value !== null ? `= ${m.value}${m.unsigned ? 'u' : ''}` : `(${m.reason})`;
    lines.push(`  ${String(m.line).padStart(5)}  ${m.name}${m.kind === 'function' ? '()' : ''} ${val}${ctx}`);
  }
  for (const e of j.enums) {
    lines.push('', `enum ${e.name ?? '(anonymous)'}:`);
    for (const c of e.constants) lines.push(`  ${String(c.line).padStart(5)}  ${c.name} = ${c.value ?? `(${c.reason})`}`);
  }
  for (const r of j.records) {
    lines.push('', `${r.typedef ? 'typedef ' : ''}${r.tag} ${r.name}: ${r.size === null ? `(${r.reason})` : `size ${r.size}, align ${r.align}`}`);
    for (const m of r.members) {
      const bits = m.bit_size !== undefined ? ` bits ${m.bit_offset}+${m.bit_size}` : '';
      lines.push(`  +${String(m.offset).padEnd(5)} ${m.name} (${m.size})${bits}`);
    }
  }
  const unrepaired = j.problems.filter((p) => !p.repaired);
  if (j.problems.length) lines.push('', `parse problems: ${j.problems.length} (${j.problems.length - unrepaired.length} repaired by macro expansion)`);
  return lines.join('\n') + '\n\n';
}
