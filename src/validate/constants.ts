// The one adapter from the header model to validate's input: the integer constants active in
// one evaluated header, with what family detection needs to know of each (refs, OR shape,
// ioctl type, nesting). Everything after this reads HeaderConstants, never the model.
import { readFileSync } from '../fs.js';
import { lex, spell, type Token } from '../c/lexer.js';
import type { EvaluatedHeader } from '../model/types.js';
import type { Constant, HeaderConstants } from './types.js';

const IOCTL_MACROS = new Set(['_IO', '_IOR', '_IOW', '_IOWR', '_IOC', '_IOR_BAD', '_IOW_BAD', '_IOWR_BAD']);

/**
 * Reads the constants of `eh` (its own file only, not what it includes) that are active on its
 * ABI. `display` maps the model's absolute paths to the paths findings print.
 */
export function constantsOf(eh: EvaluatedHeader, display: (file: string) => string): HeaderConstants {
  const file = eh.model.file;
  const own = (p: { file: string }) => p.file === file;
  const source = safeRead(file);
  const lines = source?.split('\n') ?? [];
  const constants: Constant[] = [];
  const breakers: HeaderConstants['breakers'] = [];

  let parent: string | undefined;
  const macros = eh.model.macros.filter((m) => own(m) && eh.isActive(m)).sort((a, b) => a.line - b.line);
  for (const m of macros) {
    const nested = isNested(lines[m.line - 1]);
    if (!nested) parent = m.name;
    if (m.kind === 'function' || m.body === '') {
      breakers.push({ name: m.name, line: m.line, nested });
      continue;
    }
    const v = eh.macroValue(m.name);
    const shape = shapeOf(m.body);
    constants.push({
      name: m.name,
      value: v.ok ? v.value : null,
      ...(v.ok ? {} : { reason: v.reason }),
      file: display(m.file),
      line: m.line,
      source: 'macro',
      body: m.body,
      ...shape,
      nested,
      ...(nested && parent !== m.name ? { parent } : {}),
    });
  }
  for (const en of eh.model.enums) {
    if (!own(en) || !eh.isActive(en)) continue;
    const enumName = en.name ?? `<anonymous@${en.line}>`;
    for (const c of en.constants) {
      if (!eh.isActive(c)) continue;
      const v = eh.enumValue(c.name);
      constants.push({
        name: c.name,
        value: v.ok ? v.value : null,
        ...(v.ok ? {} : { reason: v.reason }),
        file: display(c.file),
        line: c.line,
        source: 'enum',
        enumName,
        body: c.body ?? '',
        ...shapeOf(c.body ?? ''),
        nested: false,
      });
    }
    breakers.push({ name: `enum ${enumName}`, line: en.line, nested: false });
  }
  for (const r of eh.model.records) if (own(r) && eh.isActive(r)) breakers.push({ name: `${r.tag} ${r.name}`, line: r.line, nested: false });
  for (const t of eh.model.typedefs) if (own(t) && eh.isActive(t)) breakers.push({ name: `typedef ${t.name}`, line: t.line, nested: false });
  for (const d of eh.model.declarations) if (own(d) && eh.isActive(d)) breakers.push({ name: d.name, line: d.line, nested: false });
  constants.sort((a, b) => a.line - b.line);
  const blank: number[] = [];
  lines.forEach((l, i) => {
    if (l.trim() === '') blank.push(i + 1);
  });
  return { file: display(file), constants, breakers, blank };
}

/** Refs, OR shape and ioctl type of a body, read through the C lexer. */
export function shapeOf(body: string): Pick<Constant, 'refs' | 'orOfRefs' | 'ioctlType'> {
  const toks = lex(body, { directives: false });
  const refs = toks.filter((t) => t.kind === 'id').map((t) => t.text);
  const orOfRefs = refs.length > 0 && toks.some((t) => t.text === '|') && toks.every((t) => t.kind === 'id' || t.text === '|' || t.text === '(' || t.text === ')');
  const ioctlType = ioctlTypeOf(toks);
  return { refs, orOfRefs, ...(ioctlType !== undefined ? { ioctlType } : {}) };
}

/** `_IOW(KVMIO, 0x46, struct kvm_x)` → `KVMIO`: the first argument, spelled. */
function ioctlTypeOf(toks: Token[]): string | undefined {
  if (toks.length < 3 || !IOCTL_MACROS.has(toks[0].text) || toks[1].text !== '(') return undefined;
  let depth = 0;
  const arg: Token[] = [];
  for (let i = 2; i < toks.length; i++) {
    const t = toks[i];
    if (t.text === '(') depth++;
    if (t.text === ')') {
      if (depth === 0) break;
      depth--;
    }
    if (t.text === ',' && depth === 0) break;
    arg.push(t);
  }
  return arg.length ? spell(arg) : undefined;
}

/**
 * `#define   NAME` (the kernel's way of writing an attribute under its group, as in
 * `KVM_ARM_VCPU_PMU_V3_CTRL`): more than one blank between `define` and the name.
 */
export function isNested(line: string | undefined): boolean {
  if (!line) return false;
  const toks = lex(line, { directives: false });
  if (toks.length < 3 || toks[0].text !== '#' || toks[1].text !== 'define') return false;
  const gap = toks[2].col - (toks[1].col + toks[1].text.length);
  return gap > 1;
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

