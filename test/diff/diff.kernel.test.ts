// Kernel tier of the semantic diff: every pair of the real 6.12 tree's tools/perf/check-headers.sh
// (read by src/check's reader) whose two files exist, diffed tools copy → kernel original as
// `kdrift check` does (src/diff/pair.ts). None may crash; every one gets a verdict; the list of
// verdicts is printed; and, on the release they were read from, the verdicts of the pairs the
// script warns about are pinned, each with the changes that make it (the headline: which syncs a
// tool could see).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { FileCache } from '../../src/c/unit.js';
import { comparePairs, loadPairList } from '../../src/check/run.js';
import type { PairResult } from '../../src/check/types.js';
import { VERDICTS, diffFile, type FileDiff } from '../../src/diff/index.js';
import { pairSides } from '../../src/diff/pair.js';
import { verdictSummary } from '../../src/report/diff-text.js';
import { kernelTree, requireKernelTree } from '../helpers/kernel.js';

/** The release the verdicts below were read from. */
const PINNED = '6.12.117';

/** VERSION.PATCHLEVEL.SUBLEVEL of the kernel tier's tree, from its Makefile. */
function release(): string {
  const src = kernelTree()?.src;
  if (!src) return '';
  const mk = readFileSync(join(src, 'Makefile'), 'utf8');
  const v = (k: string) => new RegExp(`^${k} = (\\d+)`, 'm').exec(mk)?.[1] ?? '?';
  return `${v('VERSION')}.${v('PATCHLEVEL')}.${v('SUBLEVEL')}`;
}

let tree: string;
let results: PairResult[];
const diffs = new Map<string, FileDiff>();
let seconds = 0;
const key = (r: PairResult) => `${r.spec.tools} → ${r.spec.kernel}`;
/** The diff of the pair the script warns about for this kernel file. */
const warnedDiff = (kernel: string) => {
  const r = results.find((x) => x.warned && x.spec.kernel === kernel);
  return r && diffs.get(key(r));
};

beforeAll(() => {
  tree = requireKernelTree().src;
  const list = loadPairList({ tree, cwd: tree, strict: false });
  results = [...comparePairs(tree, list)];
  const cache = new FileCache();
  const t0 = performance.now();
  for (const r of results) {
    if (!existsSync(join(tree, r.spec.tools)) || !existsSync(join(tree, r.spec.kernel))) continue;
    const s = pairSides(tree, r.spec.tools, r.spec.kernel);
    diffs.set(key(r), diffFile(s.old, s.new, { abis: s.abis, cache }));
  }
  seconds = (performance.now() - t0) / 1000;
  const lines = results
    .filter((r) => diffs.get(key(r)) && diffs.get(key(r))!.verdict !== 'identical')
    .map((r) => `  ${r.warned ? 'W' : ' '} ${r.spec.kernel}: ${verdictSummary(diffs.get(key(r))!)}`);
  const warned = results.filter((r) => r.warned).length;
  console.log(`semantic diff of ${diffs.size} pairs in ${seconds.toFixed(1)} s; W: one of the ${warned} the script warns about:\n${lines.join('\n')}`);
});

describe('kdrift diff on the 6.12 tree', () => {
  test('every pair with both files gets a verdict', () => {
    expect(diffs.size).toBeGreaterThan(80);
    for (const [k, d] of diffs) expect(VERDICTS, k).toContain(d.verdict);
  });

  test('a pair whose bytes differ always names what changed', () => {
    const silent = [...diffs].filter(([, d]) => d.verdict !== 'identical' && d.kind === 'header' && d.changes.length === 0).map(([k, d]) => `${k}: ${d.verdict}, 0 changes`);
    expect(silent).toEqual([]);
  });

  test('every pair the script warns about differs in bytes, and none of them is identical', () => {
    for (const r of results.filter((x) => x.warned && x.status === 'differs')) {
      expect(diffs.get(key(r))?.verdict, key(r)).not.toBe('identical');
    }
  });

  // The pairs 6.12.117's check-headers.sh warns about, with the changes that decide their
  // verdict: pinned for that release only. Debian moves linux-source-6.12 to newer point releases,
  // which may sync a copy; there the gcc-held verdicts of pairs-oracle.kernel.test.ts still apply.
  test.skipIf(release() !== PINNED).for([
    ['include/uapi/linux/kvm.h', 'equivalent', ['member-respelled', 'include-added', 'kernel-only']],
    ['include/uapi/linux/perf_event.h', 'additive', ['member-carved-from-reserved']],
    ['include/linux/bits.h', 'additive', ['macro-added']],
    ['arch/x86/include/asm/cpufeatures.h', 'additive', ['macro-added']],
    ['arch/x86/include/asm/msr-index.h', 'incompatible', ['macro-value-changed', 'macro-respelled', 'macro-added']],
    ['arch/x86/include/uapi/asm/kvm.h', 'additive', ['macro-added', 'member-respelled']],
    ['arch/arm64/include/uapi/asm/unistd.h', 'incompatible', ['macro-removed', 'include-added', 'include-removed']],
    ['arch/arm64/include/asm/cputype.h', 'additive', ['macro-added']],
    ['include/linux/socket.h', 'additive', ['declaration-added']],
    ['include/uapi/linux/mount.h', 'additive', ['member-carved-from-reserved']],
    ['include/uapi/linux/vhost.h', 'additive', ['macro-added']],
    ['include/uapi/sound/asound.h', 'additive', ['macro-added', 'member-carved-from-reserved']],
  ] as const)('%s: %s', ([kernel, verdict, kinds], { expect }) => {
    const d = warnedDiff(kernel);
    expect(d, `${kernel} is not a pair the script warns about`).toBeDefined();
    expect(d!.verdict, `${kernel}: ${verdictSummary(d!)}`).toBe(verdict);
    if (d!.kind === 'header') for (const k of kinds) expect(d!.changes.map((c) => c.kind), kernel).toContain(k);
  });

  test.skipIf(release() !== PINNED)('the x86 MSR change that makes msr-index.h incompatible is the SNP reserved bit moving', () => {
    const d = warnedDiff('arch/x86/include/asm/msr-index.h')!;
    expect(d.kind).toBe('header');
    if (d.kind !== 'header') return;
    const lines = d.changes.filter((c) => c.kind === 'macro-value-changed').map((c) => `${c.name}: ${'before' in c ? c.before : ''} → ${'after' in c ? c.after : ''}`);
    expect(lines[0]).toBe('MSR_AMD64_SNP_RESV_BIT: 18 → 24');
  });
});
