// kdrift's entry: a run of `check` or `tables` that was kept (src/cache/runs.ts) and still holds
// is replayed without loading the command line's code; any other runs ./program.ts.
import { keepRun, replayRun, RunResultCache } from '../cache/runs.js';

export async function main(argv: string[]): Promise<number> {
  const runs = new RunResultCache();
  const key = runs.key(argv, process.cwd(), process.env, { stdout: !!process.stdout.isTTY, stderr: !!process.stderr.isTTY });
  let replayed: number | undefined;
  try {
    replayed = replayRun(runs, key);
  } catch {
    // a file it cannot write again: the run itself says what is wrong
  }
  if (replayed !== undefined) return replayed;
  return keepRun(runs, key, async () => (await import('./program.js')).runProgram(argv));
}
