// Runs one command (or a sequence, as one shell) and measures its wall time and peak RSS.
//
// Peak RSS comes from GNU time (`/usr/bin/time -f %M`, Debian package `time`): getrusage's
// ru_maxrss of the children it waited for, i.e. the peak of the largest single process of the
// tree, not the sum over processes. For kdrift (one node process, worker threads included) that
// is the whole footprint; for a shell script it is its biggest step (bash, grep, diff...).
// Without GNU time, RSS is not measured (null) and said so. Wall time is measured here, around
// the spawn (the ~1 ms that GNU time adds is inside both sides of every ratio). CPU time (user
// and system, every thread and every child) comes from GNU time too: on a shared machine whose
// speed drifts during a run, it shows whether kdrift did more work or only waited longer.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';

/** One process to run: argv, where, and where its stdout goes (default /dev/null). */
export interface BenchCommand {
  argv: string[];
  cwd: string;
  /** File that receives stdout; default /dev/null. */
  stdout?: string;
}

export interface Sample {
  seconds: number;
  /** Peak RSS in MB (of the largest process), null when GNU time is not installed. */
  rssMB: number | null;
  /** User plus system CPU seconds of the command and its children, null without GNU time. */
  cpuSeconds: number | null;
  code: number;
  stderr: string;
}

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

const shq = (s: string): string => (/^[A-Za-z0-9_./=:,+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * A sequence of commands as one bash script, each in its own subshell and directory, the way
 * make runs recipe lines; stops at the first failure.
 */
export function asScript(cmds: BenchCommand[]): BenchCommand {
  if (cmds.length === 1) return cmds[0]!;
  const lines = cmds.map((c) => `(cd ${shq(c.cwd)} && exec ${c.argv.map(shq).join(' ')}) > ${shq(c.stdout ?? '/dev/null')} || exit $?`);
  return { argv: ['bash', '-c', lines.join('\n')], cwd: cmds[0]?.cwd ?? process.cwd() };
}

export function display(c: BenchCommand): string {
  const s = c.argv.map(shq).join(' ');
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

/** Runs `cmd` once under GNU time (when installed); stderr is kept (the last 64 KB). */
export async function measure(cmd: BenchCommand, env: NodeJS.ProcessEnv): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'kdrift-bench-'));
  const timeFile = join(dir, 'time');
  const gnu = hasGnuTime();
  const argv = gnu ? [GNU_TIME, '-f', '%M %U %S', '-o', timeFile, '--', ...cmd.argv] : cmd.argv;
  const out = openSync(cmd.stdout ?? '/dev/null', 'w');
  try {
    const start = process.hrtime.bigint();
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve, reject) => {
      const child = spawn(argv[0]!, argv.slice(1), { cwd: cmd.cwd, env, stdio: ['ignore', out, 'pipe'] });
      let err = '';
      child.stderr?.on('data', (b: Buffer) => {
        err = (err + b.toString('utf8')).slice(-65536);
      });
      child.on('error', reject);
      child.on('close', (c, sig) => resolve({ code: c ?? (sig ? 128 : 1), stderr: err }));
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    let rssMB: number | null = null;
    let cpuSeconds: number | null = null;
    if (gnu && existsSync(timeFile)) {
      // GNU time writes "Command exited with non-zero status N" first when the command fails.
      const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
      const m = /^(\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(last);
      if (m) {
        rssMB = Number(m[1]) / 1024;
        cpuSeconds = Number(m[2]) + Number(m[3]);
      }
    }
    return { seconds, rssMB, cpuSeconds, code, stderr };
  } finally {
    closeSync(out);
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The sample whose time is the median (the upper one of an even count): its stderr is the one shown. */
export function medianSample(samples: Sample[]): Sample {
  const s = [...samples].sort((a, b) => a.seconds - b.seconds);
  return s[s.length >> 1]!;
}
