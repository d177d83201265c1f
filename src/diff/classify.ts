// The maintainer's questions, one small predicate each: is this space reserved, is this member
// only a spelling artefact, does userspace see this at all, is this file a header the model
// reads, and what verdict a list of changes gives a pair (read from CHANGE_KINDS, never from a
// list kept here).
import { lex, type Token } from '../c/lexer.js';
import { CHANGE_KINDS } from './kinds.js';
import type { Change, Verdict } from './types.js';

/** Verdicts from weakest to strongest; a pair takes the strongest of its changes. */
export const VERDICTS: readonly Verdict[] = ['identical', 'equivalent', 'additive', 'differs', 'incompatible'];

/** The thresholds `--only` and `--fail-on` take. */
export const THRESHOLDS = ['additive', 'incompatible'] as const;
export type Threshold = (typeof THRESHOLDS)[number];

const RESERVED_PREFIXES = ['reserved', 'spare', 'pad'];

/** Is this member reserved or padding space (`__reserved_3`, `reserved[64]`, `spare`, `pad`, `__pad1`)? */
export function isReservedName(member: string): boolean {
  // `io.pad`: the member of a named member of anonymous record type
  const name = member.slice(member.lastIndexOf('.') + 1);
  let i = 0;
  while (name[i] === '_') i++;
  const bare = name.slice(i).toLowerCase();
  return RESERVED_PREFIXES.some((p) => bare.startsWith(p));
}

/** Is this the zero-size `__empty_X` member that `__DECLARE_FLEX_ARRAY(T, X)` puts before `X`? */
export function isFlexArrayPlaceholder(name: string, size: number | undefined, siblings: ReadonlySet<string>): boolean {
  return name.startsWith('__empty_') && siblings.has(name.slice('__empty_'.length)) && (size === undefined || size === 0);
}

/** Does userspace never see it: is it active on none of the ABIs compared (`#ifdef __KERNEL__`)? */
export function isHiddenFromUserspace(activeOn: readonly unknown[]): boolean {
  return activeOn.length === 0;
}

/** Does a member of the new version lie entirely inside the bits an old member occupied? */
export function liesWithin(inner: readonly [number, number], outer: readonly [number, number]): boolean {
  return inner[0] >= outer[0] && inner[1] <= outer[1] && inner[1] > inner[0];
}

/** Carving from reserved space is only additive when nothing else in the record moved. */
export function keepsRecordLayout(sizeBefore: number, sizeAfter: number, otherMembersMoved: number): boolean {
  return sizeBefore === sizeAfter && otherMembersMoved === 0;
}

/** The names just before and just after an entity among its own kind (`undefined` at an edge). */
export interface Slot {
  before: string | undefined;
  after: string | undefined;
}

/**
 * Does a new name stand where a removed one stood: between the same two neighbours (the header's
 * macros, or the constants of one enum, just before and just after it)? Conservative on purpose:
 * two adjacent renames change each other's neighbours, so neither is taken for a rename.
 */
export function standsInSameSlot(old: Slot, neu: Slot): boolean {
  return old.before === neu.before && old.after === neu.after;
}

/** GNU C's alternate spellings of keywords: the same keyword to gcc (`static __inline__` is `static inline`). */
const GNU_KEYWORDS: Record<string, string> = {
  __inline__: 'inline',
  __inline: 'inline',
  __const__: 'const',
  __const: 'const',
  __volatile__: 'volatile',
  __volatile: 'volatile',
  __signed__: 'signed',
  __signed: 'signed',
  __restrict__: 'restrict',
  __restrict: 'restrict',
  __typeof__: 'typeof',
  __typeof: 'typeof',
  __asm__: 'asm',
  __asm: 'asm',
  __alignof__: '_Alignof',
  __attribute: '__attribute__',
};

/** Tokens as gcc reads them, for comparing: alternate keywords in their plain form, one space apart. */
export function compilerSpelling(tokens: readonly Token[]): string {
  return tokens.map((t) => (t.kind === 'id' ? GNU_KEYWORDS[t.text] ?? t.text : t.text)).join(' ');
}

/** Is a text (a macro body) the same to gcc as another, alternate keyword spellings aside? */
export function sameToCompiler(a: string, b: string): boolean {
  return a === b || compilerSpelling(lex(a, { directives: false })) === compilerSpelling(lex(b, { directives: false }));
}

/** Is this a C header the model compares (else the text is compared)? */
export function isHeaderPath(path: string): boolean {
  return path.endsWith('.h');
}

export function verdictRank(v: Verdict): number {
  return VERDICTS.indexOf(v);
}

export function strongest(a: Verdict, b: Verdict): Verdict {
  return verdictRank(a) >= verdictRank(b) ? a : b;
}

/** The verdict of a pair whose bytes differ: the strongest verdict of its changes' kinds. */
export function verdictOf(changes: readonly Change[]): Verdict {
  let v: Verdict = 'equivalent';
  for (const c of changes) v = strongest(v, CHANGE_KINDS[c.kind].verdict);
  return v;
}

/**
 * Does a verdict reach a threshold of `--fail-on`? `differs` (not judged) reaches `additive` but
 * not `incompatible`: kdrift fails only on what it has judged incompatible.
 */
export function reaches(v: Verdict, threshold: Threshold): boolean {
  return verdictRank(v) >= verdictRank(threshold);
}

/**
 * Does a pair stay in the warning block under `--only`? When its verdict reaches the threshold,
 * and always when it is `differs` (a file compared as text, tokens the model cannot place, a
 * member it cannot read): kdrift silences only what it has judged below the threshold.
 */
export function warnsUnder(v: Verdict, only: Threshold): boolean {
  return v === 'differs' || reaches(v, only);
}
