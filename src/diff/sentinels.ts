// Bounds that grow with their family: perf_event.h marks PERF_COUNT_SW_MAX and its kin
// `/* non-ABI */`, netlink ends its attribute enums with `__IFLA_MAX` and defines
// `IFLA_MAX (__IFLA_MAX - 1)`. When such a bound changes value because constants were added, the
// change is additive, not an incompatible value change: kernel maintainers add to these
// families every release, and calling each such sync incompatible is the noise kdrift removes.
import { lex } from '../c/lexer.js';
import type { Enum, HeaderModel } from '../model/types.js';
import type { Compared, Found } from './compared.js';

/** `*_MAX`, `*_NR`, `*_CNT`, `*_COUNT`, `*_NUM`, `*_LAST` (with any leading underscores): names of a bound. */
export function isBoundName(name: string): boolean {
  const word = name.slice(name.lastIndexOf('_') + 1);
  return ['MAX', 'NR', 'CNT', 'COUNT', 'NUM', 'LAST'].includes(word) && name.length > word.length;
}

/** The text of the comments on one physical line (a C lexer's view: not inside literals). */
export function lineComments(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' || c === "'") {
      for (i++; i < line.length && line[i] !== c; i++) if (line[i] === '\\') i++;
    } else if (c === '/' && line[i + 1] === '/') {
      return out + line.slice(i + 2);
    } else if (c === '/' && line[i + 1] === '*') {
      const end = line.indexOf('*/', i + 2);
      out += line.slice(i + 2, end < 0 ? line.length : end) + ' ';
      if (end < 0) return out;
      i = end + 1;
    }
  }
  return out;
}

/** The header marks the entity on this line as not ABI. */
function markedNonAbi(source: string, line: number): boolean {
  const text = source.split('\n', line)[line - 1] ?? '';
  return /\bnon-ABI\b/i.test(lineComments(text));
}

function enumOf(model: HeaderModel, name: string): Enum | undefined {
  return model.enums.find((e) => e.constants.some((c) => c.name === name));
}

/** Last constant of its enumeration on both sides, and the enumeration has more constants now. */
function lastOfGrownEnum(c: Compared, name: string): boolean {
  const o = enumOf(c.old.model, name);
  const n = enumOf(c.new.model, name);
  return !!o && !!n && o.constants.at(-1)?.name === name && n.constants.at(-1)?.name === name && n.constants.length > o.constants.length;
}

/** Value changes of bounds become `sentinel-value-changed`; other findings are kept as they are. */
export function markSentinels(c: Compared, found: Found[]): Found[] {
  const sentinels = new Set<string>();
  const isValueChange = (f: Found) => f.change.kind === 'enum-constant-value-changed' || f.change.kind === 'macro-value-changed';
  const body = (f: Found): string[] => {
    const name = f.change.name;
    const m = c.new.model.macros.find((x) => x.name === name && x.line === f.newLine);
    const k = c.new.model.enums.flatMap((e) => e.constants).find((x) => x.name === name && x.line === f.newLine);
    const text = m?.body ?? k?.body ?? '';
    return lex(text, { directives: false }).filter((t) => t.kind === 'id').map((t) => t.text);
  };
  const direct = (f: Found): boolean => {
    if (f.newLine !== undefined && markedNonAbi(c.new.source, f.newLine)) return true;
    return f.change.kind === 'enum-constant-value-changed' && isBoundName(f.change.name) && lastOfGrownEnum(c, f.change.name);
  };
  for (const f of found) if (isValueChange(f) && direct(f)) sentinels.add(f.change.name);
  // bounds computed from a bound (`IFLA_MAX (__IFLA_MAX - 1)`), to a fixed point
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of found) {
      if (!isValueChange(f) || sentinels.has(f.change.name) || !isBoundName(f.change.name)) continue;
      if (body(f).some((w) => sentinels.has(w))) {
        sentinels.add(f.change.name);
        grew = true;
      }
    }
  }
  return found.map((f) => (isValueChange(f) && sentinels.has(f.change.name) ? { ...f, change: { ...f.change, kind: 'sentinel-value-changed' } as Found['change'] } : f));
}
