// Runs kdrift (as a user would: `node bin/kdrift ...`) and the kernel's own shell scripts from tests.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The repository root (this file is test/helpers/run.ts). */
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const KDRIFT_BIN = join(REPO, 'bin', 'kdrift');

export interface RunResult {
  /** Exit code; 128 + signal number when killed by a signal (as a shell reports it). */
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Working directory; default: the repository root. */
  cwd?: string;
  /** Added to (or, when undefined, removed from) the inherited environment. */
  env?: Record<string, string | undefined>;
  /** Written to stdin, which is otherwise empty (closed). */
  input?: string;
  /** Kill after this many ms (SIGKILL); default 120 000. */
  timeoutMs?: number;
}

const SIGNALS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15, SIGABRT: 6 };

/** The environment of a child: ours, minus what slows node down, plus `extra`. */
function childEnv(extra: RunOptions['env']): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Set on these machines; it costs every node start ~90 ms and kdrift makes no TLS connection.
  delete env.NODE_EXTRA_CA_CERTS;
  // vitest sets these for its own workers; kdrift must not see a test runner.
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  delete env.NODE_OPTIONS;
  for (const [k, v] of Object.entries(extra ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

function run(file: string, args: string[], opts: RunOptions): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, {
      cwd: opts.cwd ?? REPO,
      env: childEnv(opts.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 120_000,
      killSignal: 'SIGKILL',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolvePromise({
        code: code ?? 128 + (signal ? (SIGNALS[signal] ?? 0) : 0),
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    child.stdin.on('error', () => {}); // the child may exit without reading stdin
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs `node bin/kdrift ...args`. */
export function runKdrift(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return run(process.execPath, [KDRIFT_BIN, ...args], opts);
}

/**
 * Runs one of the kernel's own scripts: a string goes through `bash -c` (so `./check-headers.sh`
 * or `sh trace/beauty/clone.sh include/uapi/linux/ > out.c` work as in the Makefiles), an argv
 * array is executed directly.
 */
export function runScript(cmd: string | string[], cwd: string, opts: Omit<RunOptions, 'cwd'> = {}): Promise<RunResult> {
  if (typeof cmd === 'string') return run('bash', ['-c', cmd], { ...opts, cwd });
  const [file, ...args] = cmd;
  if (!file) throw new Error('runScript: empty command');
  return run(file, args, { ...opts, cwd });
}
