// src/cli/parallel.ts: work shared with a worker thread gives what one thread gives. Machines
// with two cores use no worker (see canShare); KDRIFT_WORKERS=1 makes them, whatever the cores.
import { describe, expect, test } from 'vitest';
import { runKdrift } from '../helpers/run.js';

const both = async (args: string[]) => {
  const one = await runKdrift(args, { env: { KDRIFT_NO_WORKERS: '1', KDRIFT_WORKERS: undefined } });
  const two = await runKdrift(args, { env: { KDRIFT_WORKERS: '1', KDRIFT_NO_WORKERS: undefined } });
  return { one: `${one.code}\n${one.stdout}[stderr]\n${one.stderr}`, two: `${two.code}\n${two.stdout}[stderr]\n${two.stderr}` };
};

describe('a worker thread changes nothing but the time', () => {
  test('check: the semantic diffs and table impact of the demo tree', async () => {
    const { one, two } = await both(['check', '--tree', 'fixtures/demo-tree', '--format', 'json']);
    expect(one).toContain('"verdict"');
    expect(two).toBe(one);
  }, 120_000);

  test('tables: every table of the mini tree', async () => {
    const { one, two } = await both(['tables', '--tree', 'fixtures/tables/mini-tree']);
    expect(one).toContain('kvm_ioctl');
    expect(two).toBe(one);
  }, 120_000);
});
