// gcc as the oracle over the system's uapi headers (linux-libc-dev): every macro value, enum constant and record layout kdrift gives must be gcc's.
//
// x86_64 and i386 read /usr/include (i386 through x86_64's bi-arch asm/); arm64 the cross sysroot,
// when aarch64-linux-gnu-gcc and its headers are installed. A disagreement fails unless
// test/oracle/known-disagreements.ts lists it with its cause; a listed one that agrees again fails too.
import { describe, test } from 'vitest';
import { headersIn, runOracle } from '../oracle/run.js';
import { formatDisagreement, summary } from '../oracle/summary.js';
import { ABIS, systemTree } from '../oracle/toolchain.js';
import { triage } from '../oracle/triage.js';

/** Whole-directory runs: tens of seconds each on two cores. */
const TIMEOUT = 240_000;

describe('gcc oracle: <linux/*.h> of the system', () => {
  test.for(ABIS)('%s', { timeout: TIMEOUT }, async (abi, { expect, skip }) => {
    const tree = systemTree(abi);
    if (!tree) {
      // x86_64 and i386 need only gcc and linux-libc-dev, which CI has: missing is a failure there
      if (abi === 'arm64') skip('aarch64-linux-gnu-gcc or /usr/aarch64-linux-gnu/include is not installed');
      throw new Error(`no /usr/include/x86_64-linux-gnu/asm: install linux-libc-dev to run the ${abi} oracle`);
    }
    const run = await runOracle(tree, headersIn(tree.root, 'linux'));
    const t = triage(run.comparison, { abi, tree: 'system' });
    console.log(summary(abi, `system ${tree.root}`, run, t));
    expect(run.comparison.counts.header.same, 'headers both gcc and kdrift read').toBeGreaterThan(400);
    expect(t.unlisted.map(formatDisagreement), 'disagreements not in test/oracle/known-disagreements.ts').toEqual([]);
    expect(t.stale, 'known disagreements that agree now: delete them').toEqual([]);
  });
});
