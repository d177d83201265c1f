// The perf beauty generators as the perf build runs them: the baseline of `kdrift tables` in
// `npm run bench`, and the reference of the kernel-tier parity tests. Each is
// `$(Q)$(SHELL) '$(x_tbl)' ARGS > $@` in tools/perf (make -C tools/perf; or ARGS naming $@ itself,
// 7.x's syscalltbl.sh), with the locale Makefile.perf sets: `unexport LC_ALL`, LC_COLLATE=C,
// LC_NUMERIC=C exported.
import { join } from 'node:path';
import { readGenerators, type GeneratorRun } from '../../src/tables/makefile.ts';
import type { BenchCommand } from './measure.ts';

/** The environment wrapper Makefile.perf gives every recipe: no LC_ALL, C collation and numbers. */
export const MAKEFILE_PERF_ENV = ['env', '-u', 'LC_ALL', 'LC_COLLATE=C', 'LC_NUMERIC=C'];

export interface GeneratorCommand extends BenchCommand {
  /** The generator's basename: kdrift writes OUT/<name>.c. */
  name: string;
  run: GeneratorRun;
}

/**
 * One command per beauty rule of the tree's perf build; what the script makes goes to
 * outDir/<name>.c (its stdout, or the file its `$@` argument names).
 */
export function generatorCommands(tree: string, outDir: string, srcarch = 'x86'): GeneratorCommand[] {
  return readGenerators(tree, { srcarch }).map((run) => {
    const made = join(outDir, `${run.name}.c`);
    const out = run.output;
    const args = 'arg' in out ? run.args.map((a, i) => (i === out.arg ? made : a)) : run.args;
    return {
      name: run.name,
      run,
      argv: [...MAKEFILE_PERF_ENV, 'sh', run.scriptPath, ...args],
      cwd: join(tree, 'tools', 'perf'),
      stdout: 'arg' in out ? '/dev/null' : made,
    };
  });
}

/** What scripts/bench.ts's `tables` section runs as the baseline. */
export function beautyGenerators(tree: string, outDir: string): BenchCommand[] {
  return generatorCommands(tree, outDir).map(({ argv, cwd, stdout }) => ({ argv, cwd, stdout }));
}
