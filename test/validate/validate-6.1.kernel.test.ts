// `kdrift validate` on a second, older real tree: Debian's linux-source-6.1 (CACHE/linux-6.1,
// test/helpers/kernel.ts olderKernelTree()), run as a user runs it. Its findings are the tree's
// and are only printed; what is tested is that the binary reads an older tree to the end:
// exit 0 (nothing found) or 1 (findings), never a usage or internal error, never a stack trace.
import { describe, test } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { requireOlderKernelTree } from '../helpers/kernel.js';
import { runKdrift } from '../helpers/run.js';

describe('kdrift validate on the 6.1 tree', () => {
  test('the whole tree, without a crash', async ({ expect }) => {
    const tree = requireOlderKernelTree();
    const r = await runKdrift(['validate', '--tree', tree], { env: { NO_COLOR: '1' } });
    console.log(r.stdout.split('\n').slice(-4).join('\n') + (r.stderr ? `\n[stderr]\n${r.stderr}` : ''));
    expect([EXIT.ok, EXIT.findings], `exit ${r.code}\n${r.stderr}`).toContain(r.code);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toMatch(/^kdrift validate: \d+ families in \d+ headers/m);
  }, 300_000);
});
