// Renames of macros and enumeration constants: a removed name and an added name that stand in
// the same slot (./classify.ts `standsInSameSlot`) and hold the same value on every ABI they are
// seen on become one `macro-renamed` / `enum-constant-renamed` change in place of the pair.
// Deliberately not a rename: a pair seen on different ABIs, a slot with two candidates, a value
// that differs on any ABI, and a macro that cannot be evaluated whose text differs.
import type { Abi, EnumConstant, Evaluated, Macro } from '../model/types.js';
import { sameToCompiler, standsInSameSlot, type Slot } from './classify.js';
import type { Compared, Found } from './compared.js';
import { macroText } from './describe.js';
import type { EvaluatedSide } from './sides.js';
import type { Change } from './types.js';

interface RenameSpec {
  removed: Change['kind'];
  added: Change['kind'];
  renamed: 'macro-renamed' | 'enum-constant-renamed';
  /** Where the entity of a side stands among its kind, by name and line. */
  slot: (side: EvaluatedSide, name: string, line: number) => Slot | undefined;
  /** Do the two hold the same value on this ABI? */
  sameValue: (c: Compared, abi: Abi, oldName: string, oldLine: number, newName: string, newLine: number) => boolean;
}

/** Neighbours of the entity at `line` named `name` in a list in file order. */
function slotIn<T extends { name: string; line: number }>(xs: readonly T[], name: string, line: number): Slot | undefined {
  const i = xs.findIndex((x) => x.name === name && x.line === line);
  if (i < 0) return undefined;
  return { before: xs[i - 1]?.name, after: xs[i + 1]?.name };
}

const equalValues = (a: Evaluated, b: Evaluated) => a.ok && b.ok && a.value === b.value;

const at = <T extends { name: string; line: number }>(xs: readonly T[], name: string, line: number) => xs.find((x) => x.name === name && x.line === line);

const MACROS: RenameSpec = {
  removed: 'macro-removed',
  added: 'macro-added',
  renamed: 'macro-renamed',
  slot: (side, name, line) => slotIn(side.model.macros, name, line),
  sameValue: (c, abi, on, ol, nn, nl) => {
    const vo = c.old.on.get(abi)!.macroValue(on);
    const vn = c.new.on.get(abi)!.macroValue(nn);
    if (vo.ok && vn.ok) return vo.value === vn.value;
    // not evaluable (function-like, a string): the same text, as gcc reads it
    const o = at<Macro>(c.old.model.macros, on, ol);
    const n = at<Macro>(c.new.model.macros, nn, nl);
    return !!o && !!n && !vo.ok && !vn.ok && o.kind === n.kind && sameToCompiler(macroText(o), macroText(n));
  },
};

const constantsOf = (side: EvaluatedSide, name: string, line: number): readonly EnumConstant[] | undefined =>
  side.model.enums.find((e) => e.constants.some((k) => k.name === name && k.line === line))?.constants;

const ENUM_CONSTANTS: RenameSpec = {
  removed: 'enum-constant-removed',
  added: 'enum-constant-added',
  renamed: 'enum-constant-renamed',
  slot: (side, name, line) => {
    const ks = constantsOf(side, name, line);
    return ks ? slotIn(ks, name, line) : undefined;
  },
  sameValue: (c, abi, on, _ol, nn) => equalValues(c.old.on.get(abi)!.enumValue(on), c.new.on.get(abi)!.enumValue(nn)),
};

/**
 * Is the removed `o` renamed to the added `n`: seen on the same ABIs, in the same slot, with the
 * same value on each of those ABIs?
 */
function isRename(c: Compared, spec: RenameSpec, o: Found, n: Found): boolean {
  const ol = o.oldLine;
  const nl = n.newLine;
  if (ol === undefined || nl === undefined) return false;
  if ((o.change.abis ?? c.abis).join() !== (n.change.abis ?? c.abis).join()) return false;
  const so = spec.slot(c.old, o.change.name, ol);
  const sn = spec.slot(c.new, n.change.name, nl);
  if (!so || !sn || !standsInSameSlot(so, sn)) return false;
  return (o.change.abis ?? c.abis).every((abi) => spec.sameValue(c, abi, o.change.name, ol, n.change.name, nl));
}

function pairRenames(c: Compared, found: readonly Found[], spec: RenameSpec): Found[] {
  const removed = found.filter((f) => f.change.kind === spec.removed);
  const added = found.filter((f) => f.change.kind === spec.added);
  const replaced = new Set<Found>();
  const out: Found[] = [];
  for (const o of removed) {
    const candidates = added.filter((n) => !replaced.has(n) && isRename(c, spec, o, n));
    if (candidates.length !== 1) continue;
    const n = candidates[0]!;
    replaced.add(o).add(n);
    const { abis } = o.change;
    out.push({
      change: { kind: spec.renamed, name: o.change.name, before: o.change.name, after: n.change.name, file: c.new.label, line: n.change.line, ...(abis ? { abis } : {}) },
      oldLine: o.oldLine,
      newLine: n.newLine,
    });
  }
  return [...found.filter((f) => !replaced.has(f)), ...out];
}

/** Macro changes with each renamed pair of `macro-removed` + `macro-added` made one `macro-renamed`. */
export function macroRenames(c: Compared, found: readonly Found[]): Found[] {
  return pairRenames(c, found, MACROS);
}

/** Enum constant changes with each renamed pair made one `enum-constant-renamed`. */
export function enumConstantRenames(c: Compared, found: readonly Found[]): Found[] {
  return pairRenames(c, found, ENUM_CONSTANTS);
}
