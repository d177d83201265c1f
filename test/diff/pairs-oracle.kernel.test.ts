// gcc as the oracle for what `kdrift check` compares: both sides of every differing C header
// pair of the real trees (6.12 and 6.1), each evaluated exactly as check evaluates it (the tools
// include path of src/diff/pair.ts, on the pair's ABIs), against gcc given the same -I list. A
// semantic verdict is only as right as these values and layouts: kernel-internal headers
// (msr-index.h, cpufeatures.h, cputype.h, socket.h) are read here and nowhere else in the oracle.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { loadPairList } from '../../src/check/run.js';
import { pairSides } from '../../src/diff/pair.js';
import { requireKernelTree, requireOlderKernelTree } from '../helpers/kernel.js';
import { emptyComparison, type Comparison } from '../oracle/compare.js';
import { runOracle, type OracleRun } from '../oracle/run.js';
import { formatDisagreement, summary } from '../oracle/summary.js';
import { ABIS, type Abi, type Tree } from '../oracle/toolchain.js';
import { triage } from '../oracle/triage.js';

const MULTIARCH = '/usr/include/x86_64-linux-gnu';
const ARM64_SYSROOT = '/usr/aarch64-linux-gnu/include';

/** The sides of the tree's differing .h pairs that check evaluates on `abi`, grouped by include path. */
function sidesOn(tree: string, abi: Abi): Map<string, { dirs: readonly string[]; headers: Set<string> }> {
  const groups = new Map<string, { dirs: readonly string[]; headers: Set<string> }>();
  for (const p of loadPairList({ tree, cwd: tree, strict: false }).pairs) {
    if (!p.tools.endsWith('.h') || !p.kernel.endsWith('.h')) continue;
    const [a, b] = [join(tree, p.tools), join(tree, p.kernel)];
    if (!existsSync(a) || !existsSync(b) || readFileSync(a).equals(readFileSync(b))) continue;
    const s = pairSides(tree, p.tools, p.kernel);
    if (!s.abis.includes(abi)) continue;
    for (const [side, rel] of [[s.old, p.tools], [s.new, p.kernel]] as const) {
      const dirs = typeof side.includeDirs === 'function' ? side.includeDirs(abi) : side.includeDirs;
      const key = dirs.join('\0');
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { dirs, headers: new Set() }));
      g.headers.add(rel);
    }
  }
  return groups;
}

/**
 * One include path on one ABI: the headers are named from the tree's root, which gcc searches
 * last (-idirafter), after the pair's directories and before nothing that could shadow them.
 */
function pairTree(tree: string, abi: Abi, dirs: readonly string[], i386Stubs: string): Tree {
  const gccIncludes = [...dirs.flatMap((d) => ['-I', d]), '-idirafter', tree];
  if (abi === 'i386') gccIncludes.push('-idirafter', i386Stubs, '-idirafter', MULTIARCH);
  const libc = (abi === 'arm64' ? [ARM64_SYSROOT] : [MULTIARCH, '/usr/include']).filter((d) => existsSync(d));
  return { abi, root: tree, kdriftIncludes: [...dirs, ...libc], gccIncludes };
}

function merge(into: Comparison, from: Comparison) {
  for (const k of Object.keys(into.counts) as (keyof Comparison['counts'])[]) {
    into.counts[k].same += from.counts[k].same;
    into.counts[k].neither += from.counts[k].neither;
    into.counts[k].differ += from.counts[k].differ;
    into.counts[k].kdriftOnly += from.counts[k].kdriftOnly;
  }
  into.disagreements.push(...from.disagreements);
  into.kdriftOnly.push(...from.kdriftOnly);
  into.uncompilable.push(...from.uncompilable);
}

const TREES = [
  ['6.12', () => requireKernelTree().src],
  ['6.1', () => requireOlderKernelTree()],
] as const;

describe('gcc oracle: both sides of the differing pairs, as check reads them', () => {
  for (const [name, treeOf] of TREES) {
    test.for(ABIS)(`${name}: %s`, async (abi, { expect }) => {
      const tree = treeOf();
      const stubs = requireKernelTree().i386Stubs;
      const total: OracleRun = { comparison: emptyComparison(), kdriftFailed: [], headers: 0, compiles: 0, kdriftSeconds: 0, seconds: 0 };
      for (const g of sidesOn(tree, abi).values()) {
        const run = await runOracle(pairTree(tree, abi, g.dirs, stubs), [...g.headers]);
        merge(total.comparison, run.comparison);
        total.kdriftFailed.push(...run.kdriftFailed);
        total.headers += run.headers;
        total.compiles += run.compiles;
        total.kdriftSeconds += run.kdriftSeconds;
        total.seconds += run.seconds;
      }
      const t = triage(total.comparison, { abi, tree: 'kernel' });
      console.log(summary(abi, `${name} pairs`, total, t));
      expect(total.headers, 'the tree has differing header pairs on this ABI').toBeGreaterThan(0);
      expect(total.comparison.counts.macro.same, 'values both gcc and kdrift give').toBeGreaterThan(0);
      expect(t.unlisted.map(formatDisagreement), 'disagreements not in test/oracle/known-disagreements.ts').toEqual([]);
    });
  }
});
