// What every entity comparison (macros, enums, records, names) shares: the two evaluated sides,
// the ABIs both evaluated on, which ABIs see a place, and a collector that merges the per-ABI
// findings of one entity into changes that say on which ABIs they hold.
import type { Abi, Place } from '../model/types.js';
import type { EvaluatedSide } from './sides.js';
import type { Change } from './types.js';

export interface Compared {
  old: EvaluatedSide;
  new: EvaluatedSide;
  /** ABIs both sides were evaluated on, in order. */
  abis: readonly Abi[];
  /**
   * Both sides resolve every include to the same files (same -I lists on every ABI, no quoted
   * includes): a macro whose text, and that of the header's own macros it uses, is unchanged
   * can then only change value through a record, enum constant or typedef of the header.
   */
  sameEnvironment: boolean;
}

/** A change and the lines it stands on in each file (for attributing token edits). */
export interface Found {
  change: Change;
  oldLine?: number;
  newLine?: number;
  /** Other lines of the new side the change accounts for (a reserved member that shrank into a union). */
  alsoNewLines?: number[];
}

/** The ABIs (of those compared) on which a place of this side is active. */
export function activeOn(side: EvaluatedSide, abis: readonly Abi[], place: Place): Abi[] {
  return abis.filter((a) => side.on.get(a)?.isActive(place));
}

/** The definition that is in effect on an ABI: the last active one (the preprocessor's last #define wins). */
export function effective<T extends Place>(side: EvaluatedSide, abi: Abi, defs: readonly T[]): T | undefined {
  const eh = side.on.get(abi);
  if (!eh) return undefined;
  for (let i = defs.length - 1; i >= 0; i--) if (eh.isActive(defs[i]!)) return defs[i];
  return undefined;
}

/** Names in first-seen order: the new side's, then those only the old side has. */
export function unionNames<T>(olds: readonly T[], news: readonly T[], name: (x: T) => string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const x of [...news, ...olds]) {
    const n = name(x);
    if (!seen.has(n)) {
      seen.add(n);
      out.push(n);
    }
  }
  return out;
}

export function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/**
 * Merges what one entity's comparison found on each ABI: equal findings on several ABIs become
 * one change, with `abis` set when they do not hold on every ABI compared.
 */
export class PerAbi {
  private readonly found = new Map<string, { f: Found; abis: Abi[] }>();
  constructor(private readonly abis: readonly Abi[]) {}

  add(abi: Abi, f: Found): void {
    const c = f.change as Change & { before?: string; after?: string; cause?: string };
    const key = JSON.stringify([c.kind, c.name, c.before, c.after, c.cause]);
    const e = this.found.get(key);
    if (e) e.abis.push(abi);
    else this.found.set(key, { f, abis: [abi] });
  }

  result(): Found[] {
    return [...this.found.values()].map(({ f, abis }) =>
      abis.length === this.abis.length ? f : { ...f, change: { ...f.change, abis } },
    );
  }
}
