// What the kernel-tier tests of `kdrift tables` share (tables.kernel.test.ts on 6.12,
// tables-6.1.kernel.test.ts on 6.1): the tree's own beauty generators run as its Makefile.perf
// runs them, and the comparison of their output with kdrift's.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatorCommands } from '../../scripts/bench/tables.js';
import type { TreeTables } from '../../src/tables/tree.js';

export interface ScriptRun {
  name: string;
  text: string;
  code: number;
}

/** Runs every generator of `tree` as Makefile.perf does, in its order. */
export function runScripts(tree: string, out: string): ScriptRun[] {
  mkdirSync(out, { recursive: true });
  return generatorCommands(tree, out).map((c) => {
    const r = spawnSync(c.argv[0], c.argv.slice(1), { cwd: c.cwd, encoding: 'latin1', maxBuffer: 64 << 20 });
    return { name: c.name, text: r.stdout, code: r.status ?? -1 };
  });
}

/** Which generators kdrift's output (in process) matches byte for byte, and which not. */
export function compare(scripts: ScriptRun[], ours: TreeTables): { same: string[]; differ: string[] } {
  const same: string[] = [];
  const differ: string[] = [];
  for (const s of scripts) {
    const k = ours.results.find((r) => r.run.name === s.name);
    (k && k.generated.text === s.text ? same : differ).push(s.name);
  }
  return { same, differ };
}

/**
 * The generator recipes of the tree's Makefile.perf, counted by a plain regex rather than by
 * src/tables/makefile.ts: lines `$(Q)$(SHELL) '$(var)' ... > $@`. Returns the variable names.
 */
export function makefileRecipes(tree: string): string[] {
  const text = readFileSync(join(tree, 'tools', 'perf', 'Makefile.perf'), 'latin1');
  return [...text.matchAll(/^\t\$\(Q\)\$\(SHELL\) '\$\((\w+)\)'.* > \$@$/gm)].map((m) => m[1]!);
}
