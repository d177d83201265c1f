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

/** Runs every generator of `tree` as its perf build does, in its order. */
export function runScripts(tree: string, out: string): ScriptRun[] {
  mkdirSync(out, { recursive: true });
  return generatorCommands(tree, out).map((c) => {
    const r = spawnSync(c.argv[0], c.argv.slice(1), { cwd: c.cwd, encoding: 'latin1', maxBuffer: 64 << 20 });
    // a script that writes the file its last argument names (7.x's syscalltbl.sh)
    const text = 'arg' in c.run.output ? readOr(join(out, `${c.name}.c`)) : r.stdout;
    return { name: c.name, text, code: r.status ?? -1 };
  });
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'latin1');
  } catch {
    return '';
  }
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
 * The generator recipes of the tree's perf build, counted by a plain regex rather than by
 * src/tables/makefile.ts: lines `$(Q)$(SHELL) '$(var)' ... > $@` of Makefile.perf, and of
 * trace/beauty/Build where 7.x moved them (`$(Q)$(call echo-cmd,gen)$(SHELL) '$(var)' ...`, the
 * output `> $@` or the argument `$@`). Returns the variable names.
 */
export function makefileRecipes(tree: string): string[] {
  const out: string[] = [];
  for (const f of ['tools/perf/Makefile.perf', 'tools/perf/trace/beauty/Build']) {
    let text: string;
    try {
      text = readFileSync(join(tree, f), 'latin1');
    } catch {
      continue;
    }
    out.push(...[...text.matchAll(/^\t\$\(Q\)(?:\$\(call echo-cmd,gen\))?\$\(SHELL\) '\$\((\w+)\)'.* (?:> )?\$@$/gm)].map((m) => m[1]!));
  }
  return out;
}

/**
 * Generators kdrift does not make, each with its cause: the list only shrinks. A tree may have
 * none of them (6.12 has none).
 */
export const NOT_MADE: Readonly<Record<string, string>> = {};
