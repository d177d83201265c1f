// GNU diff itself as the oracle of src/check/gnu-diff.ts, on random files made of the lines
// kernel headers repeat most (blank lines, `}`, `};`, `#endif`) among unique ones: the -B and -I
// verdicts (diff's exit status) and `diff -u`'s hunks (what check_ignore_some_hunks compares)
// must be the same, whatever edit script GNU diff's heuristics pick. The seeds are fixed: a
// failure names a case that can be run again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, test } from 'vitest';
import { diffHunks, keptLinesDiffer, middles, splitLines, unifiedDiff } from '../../src/check/gnu-diff.js';
import { parseDiffArgv } from '../../src/check/diff-options.js';
import type { DiffOptions } from '../../src/check/types.js';

const dir = mkdtempSync(join(tmpdir(), 'kdrift-gnu-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OPTS = parseDiffArgv([]).options;
const COMMON = ['', '', '', '}', '};', '#endif', '\tint x;', '/* c */'];

/** A small linear congruential generator: the same cases on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

/** Two versions of a random file: b deletes, replaces and inserts lines of a; `filler` lines come and go more often. */
function versions(rnd: () => number, maxLines: number, filler: string): [string, string] {
  const a: string[] = [];
  const n = 3 + Math.floor(rnd() * maxLines);
  for (let i = 0; i < n; i++) a.push(rnd() < 0.6 ? pick(rnd, COMMON) : `l${Math.floor(rnd() * 50)}`);
  const b: string[] = [];
  for (const l of a) {
    const r = rnd();
    if (l === filler && r < 0.4) continue;
    if (r < 0.05) continue;
    b.push(r < 0.1 ? pick(rnd, COMMON) : l);
    while (rnd() < 0.12) b.push(filler);
  }
  return [a.join('\n') + '\n', b.join('\n') + '\n'];
}

function gnuDiff(args: string[], a: string, b: string): { status: number | null; stdout: string } {
  writeFileSync(join(dir, 'a'), a);
  writeFileSync(join(dir, 'b'), b);
  const r = spawnSync('diff', [...args, join(dir, 'a'), join(dir, 'b')], { encoding: 'latin1' });
  return { status: r.status, stdout: r.stdout };
}

/** kdrift's answer to `diff ARGS a b` exiting 1: check's two-step decision (compare.ts). */
function differs(a: string, b: string, o: DiffOptions): boolean {
  const [ma, mb] = middles(Buffer.from(a, 'latin1'), Buffer.from(b, 'latin1'));
  const la = splitLines(ma);
  const lb = splitLines(mb);
  return keptLinesDiffer(la, lb, o) || diffHunks(la, lb, o).ignored.some((x) => !x);
}

describe('GNU diff parity on random files', () => {
  test.for([
    ['-B', ['-B'], ''],
    ['-I ^#endif', ['-I', '^#endif'], '#endif'],
  ] as [string, string[], string][])('diff %s: the same verdict', ([name, argv, filler], { expect }) => {
    const o: DiffOptions = parseDiffArgv(argv).options;
    const rnd = random(name.length * 7919);
    const wrong: string[] = [];
    for (let t = 0; t < 300; t++) {
      const [a, b] = versions(rnd, t % 3 === 0 ? 300 : 40, filler);
      const gnu = gnuDiff(argv, a, b).status === 1;
      if (gnu !== differs(a, b, o)) wrong.push(`case ${t}: gnu ${gnu ? 'differs' : 'same'}\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
    }
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  test('diff -u: the same hunks', ({ expect }) => {
    const rnd = random(104729);
    const wrong: string[] = [];
    for (let t = 0; t < 300; t++) {
      const [a, b] = versions(rnd, t % 3 === 0 ? 400 : 60, pick(rnd, COMMON));
      const gnu = gnuDiff(['-u'], a, b).stdout.split('\n').slice(2).join('\n');
      const u = unifiedDiff(splitLines(Buffer.from(a, 'latin1')), splitLines(Buffer.from(b, 'latin1')), OPTS, 'a', 'b');
      const ours = u.hunks.map((h) => h.lines.join('\n')).join('\n') + (u.hunks.length ? '\n' : '');
      if (gnu !== ours) wrong.push(`case ${t}:\n--- gnu\n${gnu}--- kdrift\n${ours}`);
    }
    expect(wrong.slice(0, 2)).toEqual([]);
  });
});
