import { describe, test } from 'vitest';
import { configurations, explore, Findings, requests, subsets } from '../../src/emulator/explore.js';

describe('subsets', () => {
  test('every subset, the empty one first', ({ expect }) => {
    expect([...subsets(['a', 'b'])]).toEqual([[], ['a'], ['b'], ['a', 'b']]);
  });
});

describe('requests', () => {
  test('all subsets up to twelve members, a bounded set beyond', ({ expect }) => {
    expect([...requests(Array.from({ length: 12 }, (_, i) => i))].length).toBe(4096);
    const n = 14;
    // 1 empty + 14 singles + 91 pairs + 364 triples + 14 all-but-one + 1 all
    expect([...requests(Array.from({ length: n }, (_, i) => i))].length).toBe(1 + 14 + 91 + 364 + 14 + 1);
  });
});

describe('configurations', () => {
  test('the product of the knobs', ({ expect }) => {
    expect(configurations({ a: [false, true], b: [1] })).toEqual([{ a: false, b: 1 }, { a: true, b: 1 }]);
  });
});

describe('explore', () => {
  test('breadth first, each state once, transitions counted', ({ expect }) => {
    const seen: string[] = [];
    const n = explore<number, 'inc' | 'dec'>({
      initial: 0,
      depth: 3,
      key: String,
      ops: () => ['inc', 'dec'],
      step: (s, op) => (op === 'inc' ? Math.min(s + 1, 2) : Math.max(s - 1, 0)),
      visit: (from, op, to, path) => seen.push(`${[...path, op].join(',')}: ${from}->${to}`),
    });
    // depth 1 from 0; depth 2 from 1; depth 3 from 2
    expect(n).toBe(6);
    expect(seen).toEqual(['inc: 0->1', 'dec: 0->0', 'inc,inc: 1->2', 'inc,dec: 1->0', 'inc,inc,inc: 2->2', 'inc,inc,dec: 2->1']);
  });
});

describe('Findings', () => {
  test('one finding per code and key, details joined, scenarios counted', ({ expect }) => {
    const F = new Findings('FOO_');
    const at = { name: 'FOO_A', value: 1n, file: 'x.h', line: 3 };
    F.add('accepted-not-honored', at, 'FOO_A ignored', { detail: 'host=1', key: 'a' });
    F.add('accepted-not-honored', at, 'FOO_A ignored', { detail: 'host=2', key: 'a' });
    F.add('accepted-not-honored', at, 'FOO_A ignored', { detail: 'host=1', key: 'a', example: 'x' });
    expect(F.list()).toEqual([{ severity: 'warning', code: 'accepted-not-honored', family: 'FOO_', name: 'FOO_A', message: 'FOO_A ignored: host=1; host=2', file: 'x.h', line: 3 }]);
  });
});
