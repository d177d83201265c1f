// gcc as the oracle over the kernel tree's `make headers_install` output: x86's on x86_64 and i386, arm64's on arm64.
//
// Same checks as oracle.test.ts, on the ~1000 headers of the kernel tier's tree (KDRIFT_KERNEL_SRC).
import { describe, test } from 'vitest';
import { requireKernelTree } from '../helpers/kernel.js';
import { headersUnder, runOracle } from '../oracle/run.js';
import { formatDisagreement, summary } from '../oracle/summary.js';
import { ABIS, installedTree } from '../oracle/toolchain.js';
import { triage } from '../oracle/triage.js';

describe('gcc oracle: headers_install of the kernel tree', () => {
  test.for(ABIS)('%s', async (abi, { expect }) => {
    const k = requireKernelTree();
    const include = abi === 'arm64' ? k.hdrArm64 : k.hdrX86;
    const tree = installedTree(abi, include, k.i386Stubs);
    const run = await runOracle(tree, headersUnder(include, '.'));
    const t = triage(run.comparison, { abi, tree: 'kernel' });
    console.log(summary(abi, `kernel ${include}`, run, t));
    expect(run.comparison.counts.header.same, 'headers both gcc and kdrift read').toBeGreaterThan(900);
    expect(t.unlisted.map(formatDisagreement), 'disagreements not in test/oracle/known-disagreements.ts').toEqual([]);
    expect(t.stale, 'known disagreements that agree now: delete them').toEqual([]);
  });
});
