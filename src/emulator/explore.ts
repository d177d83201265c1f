// The shared explorer of the emulator models: every subset of a set of bits, every host
// configuration, every operation sequence up to a bounded depth (breadth first, each state
// visited once), and the bookkeeping that turns many failing scenarios into one finding each.
import { FINDINGS, type FindingCode } from '../validate/codes.js';
import type { Finding } from '../validate/types.js';
import type { Sym } from './model.js';

/** Every subset of `items`, the empty one first, in binary counting order. */
export function* subsets<T>(items: readonly T[]): Generator<T[]> {
  const n = items.length;
  if (n > 20) throw new Error(`subsets: ${n} items is too many to enumerate`);
  for (let mask = 0; mask < 1 << n; mask++) {
    const out: T[] = [];
    for (let i = 0; i < n; i++) if (mask & (1 << i)) out.push(items[i]);
    yield out;
  }
}

/** Past this many items, requests are the small subsets and the large ones, not all 2^n. */
export const ALL_SUBSETS_UP_TO = 12;

/**
 * The requests to try with a family's members: every subset for small families; for larger ones
 * every subset of up to three members, every set missing one member, and the whole family.
 */
export function* requests<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= ALL_SUBSETS_UP_TO) {
    yield* subsets(items);
    return;
  }
  const n = items.length;
  yield [];
  for (let a = 0; a < n; a++) {
    yield [items[a]];
    for (let b = a + 1; b < n; b++) {
      yield [items[a], items[b]];
      for (let c = b + 1; c < n; c++) yield [items[a], items[b], items[c]];
    }
  }
  for (let skip = 0; skip < n; skip++) yield items.filter((_, i) => i !== skip);
  yield [...items];
}

/** Every combination of the knobs' values: `{a: [0, 1], b: [x]}` gives `{a:0,b:x}`, `{a:1,b:x}`. */
export function configurations<T extends Record<string, readonly unknown[]>>(knobs: T): { [K in keyof T]: T[K][number] }[] {
  type C = { [K in keyof T]: T[K][number] };
  let out: C[] = [{} as C];
  for (const k of Object.keys(knobs) as (keyof T)[]) {
    const next: C[] = [];
    for (const partial of out) for (const v of knobs[k]) next.push({ ...partial, [k]: v });
    out = next;
  }
  return out;
}

/** `mitigate_smt_rsb=1 mwait=0`: a configuration as the text of a finding shows it. */
export function describeConfig(c: Record<string, unknown>): string {
  return Object.entries(c)
    .map(([k, v]) => `${k}=${typeof v === 'boolean' ? (v ? 1 : 0) : String(v)}`)
    .join(' ');
}

export interface Explore<S, Op> {
  initial: S;
  /** Operations possible in a state. */
  ops(state: S): readonly Op[];
  /** The next state; the model returns what it wants to check along with it. */
  step(state: S, op: Op): S;
  key(state: S): string;
  depth: number;
  /** Called for every transition explored, with the path that led to `from`. */
  visit(from: S, op: Op, to: S, path: readonly Op[]): void;
}

/**
 * Explores operation sequences breadth first up to `depth` operations, visiting each distinct
 * state once (at its shallowest depth). Returns the number of transitions explored.
 */
export function explore<S, Op>(e: Explore<S, Op>): number {
  let frontier: { state: S; path: Op[] }[] = [{ state: e.initial, path: [] }];
  const seen = new Set<string>([e.key(e.initial)]);
  let transitions = 0;
  for (let d = 0; d < e.depth && frontier.length; d++) {
    const next: { state: S; path: Op[] }[] = [];
    for (const { state, path } of frontier) {
      for (const op of e.ops(state)) {
        const to = e.step(state, op);
        transitions++;
        e.visit(state, op, to, path);
        const k = e.key(to);
        if (seen.has(k)) continue;
        seen.add(k);
        next.push({ state: to, path: [...path, op] });
      }
    }
    frontier = next;
  }
  return transitions;
}

type At = Sym | { name?: string; file: string; line: number };

/**
 * Collects the findings of a model run: one per (code, name, key), with how many scenarios
 * showed it, the first as the example, and the distinct details (e.g. the configurations in
 * which a bit is ignored) joined into the message.
 */
export class Findings {
  private readonly byKey = new Map<string, { code: FindingCode; at: At; message: string; example: string; details: Set<string>; count: number }>();
  constructor(private readonly family: string) {}

  add(code: FindingCode, at: At, message: string, opts: { example?: string; detail?: string; key?: string } = {}) {
    const k = `${code}\0${at.name ?? ''}\0${opts.key ?? message}`;
    let f = this.byKey.get(k);
    if (!f) {
      f = { code, at, message, example: opts.example ?? '', details: new Set(), count: 0 };
      this.byKey.set(k, f);
    }
    f.count++;
    if (opts.detail) f.details.add(opts.detail);
  }

  has(code: FindingCode, name?: string): boolean {
    for (const f of this.byKey.values()) if (f.code === code && (name === undefined || f.at.name === name)) return true;
    return false;
  }

  list(): Finding[] {
    return [...this.byKey.values()].map(({ code, at, message, example, details, count }) => {
      let text = message;
      if (details.size) text += `: ${[...details].join('; ')}`;
      if (example) text += ` (${count} scenario${count === 1 ? '' : 's'}, e.g. ${example})`;
      const f: Finding = { severity: FINDINGS[code].severity, code, family: this.family, message: text, file: at.file, line: at.line };
      if (at.name !== undefined) f.name = at.name;
      return f;
    });
  }
}
