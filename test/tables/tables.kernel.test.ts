// Kernel tier: every beauty generator of the real tree, run exactly as its Makefile.perf runs
// it, against `kdrift tables` on the same tree: byte-identical, all of them. Then the same on
// copies whose input headers are mutated the way headers change between syncs — a new define
// spelled like its neighbours, one written `(1 << n)`, a removed one, two swapped lines — and
// byte-identical again.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { treeTables, type TreeTables } from '../../src/tables/tree.js';
import { copyTree, replaceFile, requireKernelTree, tempDir } from '../helpers/kernel.js';
import { compare, makefileRecipes, NOT_MADE, runScripts } from './kernel-tables.js';
import { MUTATIONS, mutate } from './mutate.js';
import { runKdrift } from '../helpers/run.js';

describe('kdrift tables on the real tree', () => {
  const kernel = requireKernelTree();
  const work = tempDir('kdrift-tables-');
  let pristine: TreeTables;

  beforeAll(() => {
    pristine = treeTables(kernel.src);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("byte-identical to every generator of the tree's perf build", ({ expect }) => {
    const scripts = runScripts(kernel.src, join(work, 'pristine'));
    // counted by a plain regex over the makefiles, not by kdrift's reader of them
    expect(scripts.length).toBe(makefileRecipes(kernel.src).length);
    expect(scripts.length).toBeGreaterThanOrEqual(31);
    const unknown = pristine.unknown.map((u) => u.name);
    expect(unknown.filter((n) => !(n in NOT_MADE)), 'generators without a spec (and no cause in NOT_MADE)').toEqual([]);
    const { same, differ } = compare(scripts, pristine);
    expect(differ).toEqual(unknown);
    expect(same.length).toBe(scripts.length - unknown.length);
  });

  test('the binary writes the same files with and without a worker thread', async ({ expect }) => {
    const written = async (name: string, env: Record<string, string | undefined>) => {
      const out = join(work, name);
      const r = await runKdrift(['tables', '--tree', kernel.src, '--out', out], { env });
      expect(r.code).toBe(0);
      return readdirSync(out)
        .sort()
        .map((f) => `== ${f}\n${readFileSync(join(out, f), 'latin1')}`)
        .join('\n');
    };
    const one = await written('one-thread', { KDRIFT_NO_WORKERS: '1' });
    expect(one.split('\n== ').length).toBe(pristine.results.length);
    expect(one).toContain('== kvm_ioctl.c');
    expect(await written('two-threads', { KDRIFT_WORKERS: '1' })).toBe(one);
  }, 120_000);

  test.for(MUTATIONS)('byte-identical again after the headers change: %s', (kind, { expect }) => {
    const copy = join(work, kind);
    copyTree(kernel.src, copy, [], { link: ['tools'] });
    const edits = mutate(pristine, kind);
    expect(edits.size).toBeGreaterThan(10);
    for (const [file, text] of edits) replaceFile(join(copy, relative(kernel.src, file)), Buffer.from(text, 'latin1'));
    const scripts = runScripts(copy, join(work, `${kind}-out`));
    const ours = treeTables(copy);
    const { differ } = compare(scripts, ours);
    expect(differ).toEqual(ours.unknown.map((u) => u.name));
    // the mutation shows: some generator prints something else than on the pristine tree
    const changed = scripts.filter((s) => pristine.results.find((r) => r.run.name === s.name)?.generated.text !== s.text);
    expect(changed.length).toBeGreaterThan(0);
  });
});
