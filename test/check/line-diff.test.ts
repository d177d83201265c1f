import { describe, test } from 'vitest';
import { diffSequences, type Change } from '../../src/check/line-diff.js';

/** Length of a longest common subsequence, by dynamic programming. */
function lcs(a: number[], b: number[]): number {
  const row = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(row[j], row[j - 1]);
      diag = up;
    }
  }
  return row[b.length];
}

/** Applies the changes to `a`, taking inserted lines from `b`: must give `b`. */
function apply(a: number[], b: number[], changes: Change[]): number[] {
  const out: number[] = [];
  let i = 0;
  for (const c of changes) {
    while (i < c.a0) out.push(a[i++]!);
    out.push(...b.slice(c.b0, c.b0 + c.inserted));
    i += c.deleted;
  }
  while (i < a.length) out.push(a[i++]!);
  return out;
}

function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
}

describe('diffSequences', () => {
  test.for([
    [[], [], []],
    [[1, 2, 3], [1, 2, 3], []],
    [[1, 2, 3], [1, 3], [{ a0: 1, deleted: 1, b0: 1, inserted: 0 }]],
    [[1, 3], [1, 2, 3], [{ a0: 1, deleted: 0, b0: 1, inserted: 1 }]],
    [[1, 2, 3], [4, 5], [{ a0: 0, deleted: 3, b0: 0, inserted: 2 }]],
    // A run of equal lines: the insertion rests as low as it goes, as GNU diff puts it.
    [[1, 2, 2, 3], [1, 2, 2, 2, 3], [{ a0: 3, deleted: 0, b0: 3, inserted: 1 }]],
  ])('%j -> %j', ([a, b, want], { expect }) => {
    expect(diffSequences(a as number[], b as number[])).toEqual(want);
  });

  test('random sequences: the script turns a into b and is minimal', ({ expect }) => {
    const r = rng(42);
    for (let t = 0; t < 400; t++) {
      const gen = () => Array.from({ length: Math.floor(r() * 40) }, () => Math.floor(r() * 6));
      const a = gen();
      const b = r() < 0.5 ? gen() : a.map((x) => (r() < 0.15 ? Math.floor(r() * 6) : x)).filter(() => r() > 0.1);
      const changes = diffSequences(a, b);
      expect(apply(a, b, changes)).toEqual(b);
      const edits = changes.reduce((n, c) => n + c.deleted + c.inserted, 0);
      expect(edits).toBe(a.length + b.length - 2 * lcs(a, b));
      for (const c of changes) expect(c.deleted + c.inserted).toBeGreaterThan(0);
    }
  });

  test('a long rewrite stays fast (the cost bound)', ({ expect }) => {
    const a = Array.from({ length: 20000 }, (_, k) => k % 7919);
    const b = Array.from({ length: 20000 }, (_, k) => (k * 31) % 7907);
    const t = Date.now();
    const changes = diffSequences(a, b);
    expect(apply(a, b, changes)).toEqual(b);
    expect(Date.now() - t).toBeLessThan(5000);
  });
});
