// gcc as the oracle over a second release: `make headers_install` of Debian's linux-source-6.1
// (CACHE/hdr-6.1, scripts/kernel-tree.sh), x86's on x86_64 and i386, arm64's on arm64. The same
// checks and the same list of known disagreements as oracle.kernel.test.ts: a model that agrees
// with gcc on one release's headers only is not yet right.
import { describe, test } from 'vitest';
import { requireKernelTree, requireOlderKernelHeaders } from '../helpers/kernel.js';
import { headersUnder, runOracle } from '../oracle/run.js';
import { formatDisagreement, summary } from '../oracle/summary.js';
import { ABIS, installedTree } from '../oracle/toolchain.js';
import { triage } from '../oracle/triage.js';

describe('gcc oracle: headers_install of the 6.1 tree', () => {
  test.for(ABIS)('%s', async (abi, { expect }) => {
    const k = requireKernelTree();
    const h = requireOlderKernelHeaders();
    const include = abi === 'arm64' ? h.hdrArm64 : h.hdrX86;
    const tree = installedTree(abi, include, k.i386Stubs);
    const run = await runOracle(tree, headersUnder(include, '.'));
    const t = triage(run.comparison, { abi, tree: 'kernel' });
    console.log(summary(abi, `6.1 ${include}`, run, t));
    expect(run.comparison.counts.header.same, 'headers both gcc and kdrift read').toBeGreaterThan(900);
    expect(t.unlisted.map(formatDisagreement), 'disagreements not in test/oracle/known-disagreements.ts').toEqual([]);
    expect(t.stale, 'known disagreements that agree now: delete them').toEqual([]);
  });
});
