// The perf beauty generators as tools/perf/Makefile.perf runs them: the baseline of
// `kdrift tables` in `npm run bench`, and the reference of the kernel-tier parity tests.
// Each is `$(Q)$(SHELL) '$(x_tbl)' ARGS > $@` in tools/perf (make -C tools/perf), with the
// locale Makefile.perf sets: `unexport LC_ALL`, LC_COLLATE=C, LC_NUMERIC=C exported.
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

/** One command per beauty rule of the tree's Makefile.perf; stdout goes to outDir/<name>.c. */
export function generatorCommands(tree: string, outDir: string, srcarch = 'x86'): GeneratorCommand[] {
  return readGenerators(tree, { srcarch }).map((run) => ({
    name: run.name,
    run,
    argv: [...MAKEFILE_PERF_ENV, 'sh', run.scriptPath, ...run.args],
    cwd: join(tree, 'tools', 'perf'),
    stdout: join(outDir, `${run.name}.c`),
  }));
}

/** What scripts/bench.ts's `tables` section runs as the baseline. */
export function beautyGenerators(tree: string, outDir: string): BenchCommand[] {
  return generatorCommands(tree, outDir).map(({ argv, cwd, stdout }) => ({ argv, cwd, stdout }));
}
