// Finds families among the constants of one header, by prefix and shape; takes declared ones.
// A family is a run of members that share a prefix and nothing else interrupts (another macro,
// a struct, an enum), all in one scope (top level, or nested under one `#define   GROUP`).
// Of the prefixes that qualify, the shortest wins unless its members look like several
// families: collisions that vanish when the members are split at the next word into groups
// of two or more. Enumerators form families per enum;
// ioctl numbers form one family per `_IO*` type argument. Masks join the bit family whose
// members they OR together or, written otherwise, whose prefix (or parent prefix) they share.
// Deliberately not done: guessing families across headers, or from comments.
import { bitsOf, isBitNumberName, isSingleBit, isValidMaskName, roleOf, words } from './roles.js';
import type { Constant, Family, FamilyKind, FamilyMask, FamilyMember, HeaderConstants, Role } from './types.js';

/** Share of single-bit members from which a family counts as a bit family. */
const BITS_SHARE = 0.75;

interface Entry {
  c: Constant;
  role: Role;
}

export interface DetectOptions {
  /** `--family PREFIX`: taken as families whatever their shape or layout. */
  declared?: readonly string[];
}

export function detectFamilies(h: HeaderConstants, opts: DetectOptions = {}): Family[] {
  const known = new Set(h.constants.map((c) => c.name));
  const entries: Entry[] = h.constants.map((c) => ({ c, role: roleOf(c, known) }));
  const taken = new Set<string>();
  const families: Family[] = [];

  for (const prefix of opts.declared ?? []) {
    const ms = entries.filter((e) => e.c.name.startsWith(prefix) && e.role !== 'mask' && e.role !== 'alias' && e.role !== 'sentinel');
    const fam = makeFamily(prefix, h.file, ms, 'declared', entries);
    if (!fam) continue;
    for (const m of fam.members) taken.add(m.name);
    families.push(fam);
  }

  // enumerators: one family per enum
  const byEnum = new Map<string, Entry[]>();
  for (const e of entries) {
    if (e.c.source !== 'enum' || e.role !== 'member' || taken.has(e.c.name)) continue;
    const list = byEnum.get(e.c.enumName ?? '') ?? [];
    list.push(e);
    byEnum.set(e.c.enumName ?? '', list);
  }
  for (const [tag, ms] of byEnum) {
    const lcp = commonPrefix(ms.map((e) => e.c.name));
    const fam = makeFamily(lcp || `enum ${tag}`, h.file, ms, 'enum', entries);
    if (!fam) continue;
    for (const m of fam.members) taken.add(m.name);
    families.push(fam);
  }

  // ioctl numbers: one family per type argument
  const byIoctl = new Map<string, Entry[]>();
  for (const e of entries) {
    if (e.role !== 'ioctl' || taken.has(e.c.name)) continue;
    const list = byIoctl.get(e.c.ioctlType!) ?? [];
    list.push(e);
    byIoctl.set(e.c.ioctlType!, list);
  }
  for (const [type, ms] of byIoctl) {
    const fam = makeFamily(`_IO(${type}, …)`, h.file, ms, 'ioctl', entries);
    if (!fam) continue;
    fam.kind = 'values';
    for (const m of fam.members) taken.add(m.name);
    families.push(fam);
  }

  // macros: by prefix, within one scope, shortest prefix that holds together
  for (const scope of scopes(h, entries)) {
    for (const item of scope) {
      if (!item.entry || item.entry.role !== 'member' || taken.has(item.entry.c.name)) continue;
      const name = item.entry.c.name;
      for (const prefix of prefixesOf(name)) {
        const runs = runOf(scope, prefix, taken, h.blank);
        if (!runs) continue;
        for (const run of runs) {
          const fam = makeFamily(commonPrefix(run.map((e) => e.c.name)) || prefix, h.file, run, 'prefix', entries);
          if (!fam) continue;
          for (const m of fam.members) taken.add(m.name);
          families.push(fam);
        }
        break;
      }
    }
  }
  return families;
}

/** Every proper prefix of a name that ends at an underscore, shortest first: `A_`, `A_B_`. */
export function prefixesOf(name: string): string[] {
  const out: string[] = [];
  for (let i = name.indexOf('_', 1); i > 0 && i < name.length - 1; i = name.indexOf('_', i + 1)) {
    if (name[i - 1] === '_') continue;
    out.push(name.slice(0, i + 1));
  }
  return out;
}

/** The longest prefix ending at an underscore that all names share (`` if none). */
export function commonPrefix(names: readonly string[]): string {
  if (!names.length) return '';
  let p = names[0];
  for (const n of names) {
    let i = 0;
    while (i < p.length && i < n.length && p[i] === n[i]) i++;
    p = p.slice(0, i);
  }
  const cut = p.lastIndexOf('_');
  return cut < 0 ? '' : p.slice(0, cut + 1);
}

interface ScopeItem {
  line: number;
  name: string;
  entry?: Entry;
}

/** Items of the header in source order, split into top level and each nested group. */
function scopes(h: HeaderConstants, entries: Entry[]): ScopeItem[][] {
  const top: ScopeItem[] = [];
  const nested = new Map<string, ScopeItem[]>();
  const place = (item: ScopeItem, isNested: boolean, parent: string | undefined) => {
    if (isNested && parent) {
      const list = nested.get(parent) ?? [];
      list.push(item);
      nested.set(parent, list);
    } else top.push(item);
  };
  for (const e of entries) {
    if (e.c.source !== 'macro' || e.role === 'ioctl') {
      // enumerators and ioctl numbers interrupt a run of macros
      top.push({ line: e.c.line, name: e.c.name });
      continue;
    }
    place({ line: e.c.line, name: e.c.name, entry: e }, e.c.nested, e.c.parent);
  }
  for (const b of h.breakers) place({ line: b.line, name: b.name }, b.nested, undefined);
  const all = [top, ...nested.values()];
  for (const s of all) s.sort((a, b) => a.line - b.line);
  return all;
}

/**
 * The members of `prefix` in the scope, if they form families: at least two, nothing else
 * between them, and not better explained as several families at a longer prefix. A run that
 * blank lines cut into paragraphs that collide with each other, each clean on its own, is one
 * family per paragraph (`KVM_STATE_NESTED_FORMAT_*`, then the `KVM_STATE_NESTED_*` flags).
 */
function runOf(scope: ScopeItem[], prefix: string, taken: ReadonlySet<string>, blank: readonly number[]): Entry[][] | null {
  let first = -1;
  let last = -1;
  for (let i = 0; i < scope.length; i++) {
    const e = scope[i].entry;
    if (e && e.role === 'member' && e.c.name.startsWith(prefix) && !taken.has(e.c.name)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0 || first === last) return null;
  // a one-word prefix (`KVM_`, `STATX_`) is a family only within one paragraph
  if (words(prefix).length < 2 && blank.some((l) => l > scope[first].line && l < scope[last].line)) return null;
  let run: Entry[] = [];
  for (let i = first; i <= last; i++) {
    const it = scope[i];
    if (!it.entry) return null; // a struct, a function-like macro, … in between
    if (it.entry.role === 'mask' || it.entry.role === 'alias' || it.entry.role === 'sentinel') continue;
    if (!it.name.startsWith(prefix) || taken.has(it.name)) return null;
    run.push(it.entry);
  }
  // `X_BIT 3` next to `X (1 << 3)`: the bit numbers are not members of the bit family
  const numbers = run.filter((e) => isBitNumberName(e.c.name));
  if (numbers.length && numbers.length < run.length) run = run.filter((e) => !isBitNumberName(e.c.name));
  const valued = run.filter((e) => e.c.value !== null);
  if (valued.length < 2) return null;
  const values = valued.map((e) => e.c.value!);
  const kind: FamilyKind = looksLikeBits(values) ? 'bits' : 'values';
  if (!hasCollision(values, kind)) return [run];
  const paragraphs = splitByBlank(run, blank);
  if (paragraphs.length > 1 && separateFamilies(paragraphs.map((p) => p.filter((e) => e.c.value !== null).map((e) => e.c.value!)), kind)) {
    return paragraphs.filter((p) => p.length >= 2);
  }
  if (splitsCleanly(valued, prefix, kind)) return null;
  return [run];
}

function splitByBlank(run: Entry[], blank: readonly number[]): Entry[][] {
  const out: Entry[][] = [];
  let cur: Entry[] = [];
  for (const e of run) {
    const prev = cur[cur.length - 1];
    if (prev && blank.some((l) => l > prev.c.line && l < e.c.line)) {
      out.push(cur);
      cur = [];
    }
    cur.push(e);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Groups that are clean on their own (by their own shape) and collide with each other. */
function separateFamilies(groups: bigint[][], kind: FamilyKind): boolean {
  if (groups.some((vs) => hasCollision(vs, looksLikeBits(vs) ? 'bits' : 'values'))) return false;
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) if (hasCollision([...groups[i], ...groups[j]], kind)) return true;
  }
  return false;
}

/**
 * A bit family: most members are single bits, some bit is above bit 1, and no three values
 * follow each other (0, 1, 2 or 1, 2, 3, 4 are an enumeration that happens to start small).
 */
export function looksLikeBits(values: readonly bigint[]): boolean {
  if (!values.length) return false;
  const singles = values.filter(isSingleBit);
  if (singles.length / values.length < BITS_SHARE || !singles.some((v) => v >= 4n)) return false;
  // 1, 2, 3, 4: an enumeration, whatever its share of powers of two
  const set = new Set(values);
  return ![...set].some((v) => set.has(v + 1n) && set.has(v + 2n));
}

export function hasCollision(values: readonly bigint[], kind: FamilyKind): boolean {
  if (kind === 'values') return new Set(values).size !== values.length;
  let seen = 0n;
  for (const v of values) {
    if (v > 0n && (seen & v) !== 0n) return true;
    if (v > 0n) seen |= v;
  }
  return false;
}

/**
 * Whether the run is several families side by side: split at the word after `prefix`, no group
 * of two or more collides within itself, and two such groups collide with each other (a
 * collision that involves a lone member is the family's own, and is reported).
 */
function splitsCleanly(run: Entry[], prefix: string, kind: FamilyKind): boolean {
  const groups = new Map<string, bigint[]>();
  for (const e of run) {
    const next = words(e.c.name.slice(prefix.length))[0] ?? '';
    const list = groups.get(next) ?? [];
    list.push(e.c.value!);
    groups.set(next, list);
  }
  const multi = [...groups.values()].filter((vs) => vs.length >= 2);
  return multi.length >= 2 && separateFamilies(multi, kind);
}

function makeFamily(prefix: string, header: string, ms: Entry[], origin: Family['origin'], all: Entry[]): Family | null {
  const excluded: Family['excluded'] = [];
  const members: FamilyMember[] = [];
  for (const e of ms) {
    if (e.c.value === null) {
      excluded.push({ name: e.c.name, why: `not an integer constant: ${e.c.reason ?? 'no value'}` });
      continue;
    }
    members.push({ name: e.c.name, value: e.c.value, file: e.c.file, line: e.c.line });
  }
  if (members.length < 2 && origin !== 'declared') return null;
  if (members.length < 1) return null;
  const kind: FamilyKind = origin !== 'ioctl' && looksLikeBits(members.map((m) => m.value)) ? 'bits' : 'values';
  const fam: Family = { prefix, header, kind, members, masks: [], origin, excluded };
  if (kind === 'bits') fam.masks = masksFor(fam, all);
  for (const e of all) {
    if (!e.c.name.startsWith(prefix) || members.some((m) => m.name === e.c.name)) continue;
    if (fam.masks.some((k) => k.name === e.c.name)) continue;
    if (e.role === 'sentinel') excluded.push({ name: e.c.name, why: 'a bound or count (sentinel name)' });
    else if (e.role === 'alias') excluded.push({ name: e.c.name, why: `an alias of ${e.c.refs[0]}` });
  }
  return fam;
}

/** Masks of the family: ORs of its members, or masks named with its prefix or its parent's. */
function masksFor(fam: Family, all: Entry[]): FamilyMask[] {
  const names = new Set(fam.members.map((m) => m.name));
  const parent = parentPrefix(fam.prefix);
  const first = Math.min(...fam.members.map((m) => m.line));
  const last = Math.max(...fam.members.map((m) => m.line));
  const out: FamilyMask[] = [];
  for (const e of all) {
    if (e.role !== 'mask' || e.c.value === null) continue;
    const valid = isValidMaskName(e.c.name);
    if (e.c.orOfRefs) {
      // an OR of constants belongs to the family whose members (and masks) it names
      if (!e.c.refs.every((r) => names.has(r) || out.some((k) => k.name === r))) continue;
    } else {
      // written otherwise: a valid-bits mask by its name next to the members; other masks
      // (field masks, `*_ALL`) only when they carry the family's prefix
      const sameFile = e.c.file === fam.members[0].file;
      const byPrefix = e.c.name.startsWith(fam.prefix);
      const byParent = valid && parent !== '' && e.c.name.startsWith(parent) && sameFile && e.c.line >= first - 3 && e.c.line <= last + 6;
      if (!byPrefix && !byParent) continue;
    }
    out.push({
      name: e.c.name,
      value: e.c.value,
      file: e.c.file,
      line: e.c.line,
      kind: valid ? 'valid' : 'partial',
      refs: e.c.refs.filter((r) => names.has(r)),
      written: e.c.orOfRefs ? 'or' : 'other',
    });
  }
  return out;
}

/** `KVM_X86_DISABLE_EXITS_` → `KVM_X86_DISABLE_`; `` for a one-word prefix. */
export function parentPrefix(prefix: string): string {
  const cut = prefix.lastIndexOf('_', prefix.length - 2);
  return cut < 0 ? '' : prefix.slice(0, cut + 1);
}

/** Bits a value family would use, for messages. */
export function describeBits(v: bigint): string {
  return bitsOf(v).map((b) => `bit ${b}`).join(', ');
}
