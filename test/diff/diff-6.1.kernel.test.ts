// Kernel tier of the semantic diff on a second, older real tree: Debian's linux-source-6.1
// (CACHE/linux-6.1, test/helpers/kernel.ts olderKernelTree()), read by the real binary as
// `kdrift check --tree T --format json`. Every pair of C headers whose bytes differ gets a
// verdict, and one that is not "identical" says why: at least one change. The verdicts are
// printed; none is pinned (they are the tree's, not the test's).
import { describe, expect, test } from 'vitest';
import { VERDICTS } from '../../src/diff/index.js';
import { requireOlderKernelTree } from '../helpers/kernel.js';
import { runKdrift } from '../helpers/run.js';

interface JsonPair {
  tools: string;
  kernel: string;
  status: string;
  warned: boolean;
  verdict?: string;
  changes?: { kind: string }[];
}

describe('kdrift check --format json on the 6.1 tree: semantic verdicts', () => {
  let pairs: JsonPair[] = [];
  /** The pairs that differ in bytes and are C headers: those the semantic diff must explain. */
  let headers: JsonPair[] = [];

  test('the binary reports every pair, in JSON', async () => {
    const tree = requireOlderKernelTree();
    const t0 = performance.now();
    const r = await runKdrift(['check', '--tree', tree, '--format', 'json'], { env: { NO_COLOR: '1' } });
    const seconds = (performance.now() - t0) / 1000;
    expect(r.code, r.stderr).toBe(0);
    pairs = (JSON.parse(r.stdout) as { pairs: JsonPair[] }).pairs;
    headers = pairs.filter((p) => p.status === 'differs' && p.kernel.endsWith('.h'));
    const kinds = (p: JsonPair) => {
      const n = new Map<string, number>();
      for (const c of p.changes ?? []) n.set(c.kind, (n.get(c.kind) ?? 0) + 1);
      return [...n].map(([k, v]) => `${v} ${k}`).join(', ');
    };
    const lines = pairs
      .filter((p) => p.status === 'differs')
      .map((p) => `  ${p.warned ? 'W' : ' '} ${(p.verdict ?? '(none)').padEnd(13)} ${p.kernel}: ${p.changes?.length ?? 0} change${p.changes?.length === 1 ? '' : 's'}${p.changes?.length ? ` (${kinds(p)})` : ''}`);
    console.log(`kdrift check --format json on 6.1 in ${seconds.toFixed(1)} s: ${pairs.length} pairs, ${lines.length} differ; W: warned:\n${lines.join('\n')}`);
    expect(pairs.length).toBeGreaterThan(0);
    expect(headers.length).toBeGreaterThan(0);
  });

  test('every differing .h pair has a verdict', () => {
    expect(headers.length).toBeGreaterThan(0);
    for (const p of headers) expect(VERDICTS, `${p.tools} → ${p.kernel}`).toContain(p.verdict);
  });

  test('every differing .h pair whose verdict is not "identical" names at least one change', () => {
    expect(headers.length).toBeGreaterThan(0);
    const unexplained = headers.filter((p) => p.verdict !== 'identical' && !p.changes?.length).map((p) => `${p.kernel}: ${p.verdict}, 0 changes`);
    expect(unexplained).toEqual([]);
  });
});
