// What the kernel-tier tests of `kdrift check` share (check.kernel.test.ts on 6.12,
// check-6.1.kernel.test.ts on 6.1): a copy of the parts of a real tree that check-headers.sh
// reads, the tree's own script run by bash against kdrift on that copy, and edits of the copy
// that are put back after each test.
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadPairList } from '../../src/check/run.js';
import { copyTree, replaceFile } from '../helpers/kernel.js';
import { runScript } from '../helpers/run.js';
import { runMain } from './run-main.js';

/**
 * What a run lists: the `diff -u` pairs of the warning block and the "not found" messages.
 * Reads both formats: 6.12's one block of indented `diff -u` lines, and the older one
 * (6.1: a "Warning: Kernel ABI header at 'X' differs from latest version at 'Y'" line, then
 * `diff -u X Y`, per pair).
 */
export function listed(stdout: string): string[] {
  return stdout
    .split('\n')
    .flatMap((l) => {
      const m = /^\s*diff -u (\S+) (\S+)$/.exec(l);
      if (m) return [`${m[1]} ${m[2]}`];
      return / not found\. Skipping /.test(l) ? [l] : [];
    });
}

/** Copies to `dst` the parts of `src` the script reads: itself, its hunks files, both sides of each pair. */
export function copyCheckedParts(src: string, dst: string): string {
  const list = loadPairList({ tree: src, cwd: src, strict: false });
  const paths = new Set(['tools/perf/check-headers.sh']);
  if (existsSync(join(src, 'tools/perf/check-header_ignore_hunks'))) paths.add('tools/perf/check-header_ignore_hunks');
  for (const p of list.pairs) for (const f of [p.tools, p.kernel]) if (existsSync(join(src, f))) paths.add(f);
  return copyTree(src, dst, [...paths].sort());
}

/** What the tree's own check-headers.sh lists, run by bash in tools/perf. */
export async function scriptListed(tree: string): Promise<string[]> {
  const r = await runScript('bash ./check-headers.sh', join(tree, 'tools', 'perf'), { env: { NO_COLOR: '1' } });
  expect(r.code).toBe(0);
  return listed(r.stdout);
}

/** What `kdrift check --tree` lists, and what it writes on stderr. */
export async function kdriftListed(tree: string): Promise<{ listed: string[]; stderr: string }> {
  const r = await runMain(['check', '--tree', tree]);
  expect(r.code).toBe(0);
  return { listed: listed(r.stdout), stderr: r.stderr };
}

/** Both list the same pairs in the same order; returns the script's list. */
export async function agree(tree: string, what: string): Promise<string[]> {
  const theirs = await scriptListed(tree);
  const ours = await kdriftListed(tree);
  expect(ours.listed, `after: ${what}`).toEqual(theirs);
  return theirs;
}

export type Edit = ((text: string) => string) | 'delete';

/** Applies an edit to a file of the copy `tree`, runs `body`, then puts the file back. */
export async function mutated(tree: string, rel: string, edit: Edit, body: () => Promise<void>): Promise<void> {
  const file = join(tree, rel);
  const before = existsSync(file) ? readFileSync(file) : null;
  if (edit === 'delete') unlinkSync(file);
  else {
    const text = before ? before.toString('latin1') : '';
    const after = edit(text);
    expect(after, `the edit of ${rel} changes it`).not.toBe(text);
    replaceFile(file, Buffer.from(after, 'latin1'));
  }
  try {
    await body();
  } finally {
    if (before) replaceFile(file, before);
    else if (existsSync(file)) unlinkSync(file);
  }
}

/**
 * `count` random edits of the copy `tree`, one at a time, each on one side of a pair (without
 * ignore-hunks) whose two files exist, put back after the script and kdrift agreed on it.
 * Deterministic for a given `seed`.
 */
export async function randomEdits(tree: string, count: number, seed: number): Promise<void> {
  const list = loadPairList({ tree, cwd: tree, strict: false });
  const files = list.pairs.filter((p) => !p.ignoreHunks && existsSync(join(tree, p.tools)) && existsSync(join(tree, p.kernel)));
  expect(files.length).toBeGreaterThan(0);
  const r = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
  const edits: [string, (lines: string[], at: number) => void][] = [
    ['insert a blank line', (l, at) => l.splice(at, 0, '')],
    ['insert a comment', (l, at) => l.splice(at, 0, '/* kdrift was here */')],
    ['delete a line', (l, at) => l.splice(at, 1)],
    ['duplicate a line', (l, at) => l.splice(at, 0, l[at] ?? '')],
    ['blank a line', (l, at) => (l[at] = '')],
    ['insert an EXPORT_SYMBOL line', (l, at) => l.splice(at, 0, 'EXPORT_SYMBOL(kdrift);')],
  ];
  for (let k = 0; k < count; k++) {
    const p = files[Math.floor(r() * files.length)]!;
    const [name, edit] = edits[Math.floor(r() * edits.length)]!;
    const side = r() < 0.5 ? p.tools : p.kernel;
    await mutated(tree, side, (t) => {
      const lines = t.split('\n');
      edit(lines, Math.floor(r() * lines.length));
      return lines.join('\n');
    }, async () => {
      await agree(tree, `${name} in ${side}`);
    });
  }
}
