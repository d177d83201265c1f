// The maintainer's questions of src/diff/classify.ts, one table each.
import { describe, test } from 'vitest';
import { isFlexArrayPlaceholder, isHeaderPath, isReservedName, keepsRecordLayout, liesWithin, reaches, sameToCompiler, standsInSameSlot, strongest, verdictOf, warnsUnder, type Threshold } from '../../src/diff/classify.js';
import type { Change, Verdict } from '../../src/diff/types.js';

describe('isReservedName', () => {
  test.for([
    ['__reserved_3', true],
    ['reserved', true],
    ['__reserved', true],
    ['reserved2', true],
    ['spare', true],
    ['spare_bits', true],
    ['pad', true],
    ['__pad1', true],
    ['padding', true],
    ['Reserved', true],
    ['flags', false],
    ['preserved', false],
    ['mnt_ns_fd', false],
    ['upad', false],
  ] as const)('%s → %s', ([name, want], { expect }) => {
    expect(isReservedName(name)).toBe(want);
  });
});

describe('isFlexArrayPlaceholder', () => {
  test.for([
    ['__empty_entries', 0, ['nmsrs', '__empty_entries', 'entries'], true],
    ['__empty_entries', undefined, ['__empty_entries', 'entries'], true],
    ['__empty_entries', 0, ['nmsrs', '__empty_entries'], false],
    ['__empty_entries', 4, ['__empty_entries', 'entries'], false],
    ['entries', 0, ['__empty_entries', 'entries'], false],
  ] as const)('%s (size %s) among %j → %s', ([name, size, siblings, want], { expect }) => {
    expect(isFlexArrayPlaceholder(name, size, new Set(siblings))).toBe(want);
  });
});

describe('liesWithin', () => {
  test.for([
    [[928, 929], [928, 960], true],
    [[928, 960], [928, 960], true],
    [[1632, 1664], [1632, 2144], true],
    [[920, 929], [928, 960], false],
    [[950, 970], [928, 960], false],
    [[928, 928], [928, 960], false],
  ] as const)('%j in %j → %s', ([inner, outer, want], { expect }) => {
    expect(liesWithin(inner, outer)).toBe(want);
  });
});

describe('keepsRecordLayout', () => {
  test.for([
    [16, 16, 0, true],
    [16, 24, 0, false],
    [16, 16, 1, false],
  ] as const)('size %i → %i, %i others moved → %s', ([before, after, moved, want], { expect }) => {
    expect(keepsRecordLayout(before, after, moved)).toBe(want);
  });
});

describe('isHeaderPath', () => {
  test.for([
    ['include/uapi/linux/kvm.h', true],
    ['arch/x86/entry/syscalls/syscall_64.tbl', false],
    ['arch/x86/lib/memcpy_64.S', false],
    ['arch/x86/tools/gen-insn-attr-x86.awk', false],
    ['lib/ctype.c', false],
    ['arch/x86/lib/x86-opcode-map.txt', false],
  ] as const)('%s → %s', ([path, want], { expect }) => {
    expect(isHeaderPath(path)).toBe(want);
  });
});

const change = (kind: Change['kind']): Change => ({ kind, name: 'X', file: 'x.h', line: 1, before: 'a', after: 'b' }) as Change;

describe('verdictOf: the strongest verdict of the kinds, read from CHANGE_KINDS', () => {
  test.for([
    [[], 'equivalent'],
    [['comment-or-whitespace'], 'equivalent'],
    [['kernel-only', 'include-added', 'macro-respelled', 'member-respelled'], 'equivalent'],
    [['macro-added', 'comment-or-whitespace'], 'additive'],
    [['member-carved-from-reserved', 'enum-constant-added'], 'additive'],
    [['unexplained', 'macro-added'], 'differs'],
    [['macro-added', 'record-size-changed'], 'incompatible'],
    [['unexplained', 'member-renamed'], 'incompatible'],
  ] as const)('%j → %s', ([kinds, want], { expect }) => {
    expect(verdictOf(kinds.map(change))).toBe(want);
  });
});

describe('strongest and reaches', () => {
  test.for([
    ['identical', 'equivalent', 'equivalent'],
    ['incompatible', 'additive', 'incompatible'],
    ['differs', 'additive', 'differs'],
  ] as const)('strongest(%s, %s) → %s', ([a, b, want], { expect }) => {
    expect(strongest(a, b)).toBe(want);
  });

  test.for([
    ['identical', 'additive', false],
    ['equivalent', 'additive', false],
    ['additive', 'additive', true],
    ['differs', 'additive', true],
    ['differs', 'incompatible', false],
    ['additive', 'incompatible', false],
    ['incompatible', 'incompatible', true],
  ] as [Verdict, Threshold, boolean][])('%s reaches %s → %s', ([v, t, want], { expect }) => {
    expect(reaches(v, t)).toBe(want);
  });

  test.for([
    ['equivalent', 'additive', false],
    ['additive', 'incompatible', false],
    ['differs', 'incompatible', true], // not judged: never silenced
    ['incompatible', 'incompatible', true],
  ] as [Verdict, Threshold, boolean][])('%s stays in the warning block under --only %s → %s', ([v, t, want], { expect }) => {
    expect(warnsUnder(v, t)).toBe(want);
  });
});

describe('sameToCompiler: GNU alternate keywords are the same keyword', () => {
  test.for([
    ['static inline int', 'static __inline__ int', true],
    ['__signed__ char', 'signed char', true],
    ['__volatile__ int', 'volatile   int', true],
    ['(1UL << 0)', '(1UL<<0)', true],
    ['static inline int', 'static int', false],
    ['inline', '__always_inline', false],
  ] as const)('%s ≡ %s → %s', ([a, b, want], { expect }) => {
    expect(sameToCompiler(a, b)).toBe(want);
  });
});

describe('standsInSameSlot', () => {
  test.for([
    [['A', 'B'], ['A', 'B'], true],
    [[undefined, 'B'], [undefined, 'B'], true],
    [['A', undefined], ['A', undefined], true],
    [['A', 'B'], ['A', 'C'], false],
    [['A', 'B'], ['Z', 'B'], false],
    [[undefined, 'B'], ['A', 'B'], false],
  ] as const)('%j / %j → %s', ([[ob, oa], [nb, na], want], { expect }) => {
    expect(standsInSameSlot({ before: ob, after: oa }, { before: nb, after: na })).toBe(want);
  });
});
