// Kernel tier of `kdrift tables` on a second, older real tree: Debian's linux-source-6.1
// (CACHE/linux-6.1, test/helpers/kernel.ts olderKernelTree()), whose Makefile.perf runs another
// set of beauty generators, in older versions. Every one of them, run exactly as that Makefile
// runs it, against the files `kdrift tables --tree T --out O` writes: byte-identical, none
// missing, none extra. Then the same after the headers of a copy are mutated (mutate.ts).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { treeTables, type TreeTables } from '../../src/tables/tree.js';
import { copyTree, replaceFile, requireOlderKernelTree, tempDir } from '../helpers/kernel.js';
import { runKdrift } from '../helpers/run.js';
import { compare, makefileRecipes, runScripts, type ScriptRun } from './kernel-tables.js';
import { MUTATIONS, mutate } from './mutate.js';

describe('kdrift tables on the 6.1 tree', () => {
  let src: string;
  let work: string;
  let scripts: ScriptRun[];
  let pristine: TreeTables;

  beforeAll(() => {
    src = requireOlderKernelTree();
    work = tempDir('kdrift-tables-6.1-');
    scripts = runScripts(src, join(work, 'scripts'));
    pristine = treeTables(src);
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("every generator recipe of the tree's Makefile.perf runs, and succeeds", ({ expect }) => {
    // counted by a plain regex over the Makefile, not by kdrift's reader of it
    const recipes = makefileRecipes(src);
    expect(recipes.length).toBeGreaterThan(0);
    expect(scripts.length).toBe(recipes.length);
    expect(pristine.unknown.map((u) => u.name)).toEqual([]);
    expect(scripts.filter((s) => s.code !== 0).map((s) => `${s.name}: exit ${s.code}`)).toEqual([]);
    expect(scripts.filter((s) => s.text === '').map((s) => s.name)).toEqual([]);
  });

  test('in process: byte-identical to every generator', ({ expect }) => {
    const { same, differ } = compare(scripts, pristine);
    expect(differ).toEqual([]);
    expect(same.length).toBe(scripts.length);
  });

  test('the binary writes one file per generator, byte-identical, and no other', async ({ expect }) => {
    const out = join(work, 'kdrift');
    const r = await runKdrift(['tables', '--tree', src, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(scripts.map((s) => `${s.name}.c`).sort());
    const differ = scripts.filter((s) => readFileSync(join(out, `${s.name}.c`), 'latin1') !== s.text).map((s) => s.name);
    expect(differ).toEqual([]);
  }, 120_000);

  test.for(MUTATIONS)('byte-identical again after the headers change: %s', (kind, { expect }) => {
    const copy = join(work, kind);
    copyTree(src, copy, [], { link: ['tools'] });
    const edits = mutate(pristine, kind);
    expect(edits.size).toBeGreaterThan(10);
    for (const [file, text] of edits) replaceFile(join(copy, relative(src, file)), Buffer.from(text, 'latin1'));
    const mutatedScripts = runScripts(copy, join(work, `${kind}-out`));
    const { differ } = compare(mutatedScripts, treeTables(copy));
    expect(differ).toEqual([]);
    // the mutation shows: some generator prints something else than on the pristine tree
    const changed = mutatedScripts.filter((s) => scripts.find((p) => p.name === s.name)?.text !== s.text);
    expect(changed.length).toBeGreaterThan(0);
  });
});
