// `kdrift dump` on bad input: one message naming file and line, a non-zero exit, no stack
// trace, no hang.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { describe, test } from 'vitest';

function kdrift(...args: string[]) {
  return kdriftEnv({}, ...args);
}

function kdriftEnv(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync('node', ['bin/kdrift', ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 << 20, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const noStack = (s: string) => !/\n\s+at .+:\d+:\d+/.test(s);

describe('kdrift dump on bad input', () => {
  test('a missing header', ({ expect }) => {
    const r = kdrift('dump', 'fixtures/c/bad/no-such.h');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('kdrift: fixtures/c/bad/no-such.h: error: no such header: fixtures/c/bad/no-such.h\n');
  });

  test('an include cycle is named at the #include that closes it', ({ expect }) => {
    const r = kdrift('dump', 'fixtures/c/bad/cycle-a.h');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cycle-b\.h:1: error: include cycle: fixtures\/c\/bad\/cycle-a\.h → fixtures\/c\/bad\/cycle-b\.h → fixtures\/c\/bad\/cycle-a\.h/);
    expect(noStack(r.stderr)).toBe(true);
  });

  test('a missing include: located error, exit 3, the rest still evaluated', ({ expect }) => {
    const r = kdrift('dump', 'fixtures/c/bad/missing-include.h', '--format', 'json');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/missing-include\.h:3:1: error: <linux\/does_not_exist\.h> not found in the include path/);
    const j = JSON.parse(r.stdout);
    expect(j.macros.find((m: { name: string }) => m.name === 'AFTER_MISSING').value).toBe('5');
  });

  test('an unparsable header: located errors, exit 3, macros before and after kept', ({ expect }) => {
    const r = kdrift('dump', 'fixtures/c/bad/unparsable.h', '--format', 'json');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/unparsable\.h:3:\d+: error: cannot parse this declaration/);
    const j = JSON.parse(r.stdout);
    expect(j.macros.map((m: { name: string; value: string }) => `${m.name}=${m.value}`)).toEqual(['BEFORE=1', 'AFTER=2']);
  });

  test('mutually recursive macros stop as C says and give a reason', ({ expect }) => {
    const r = kdrift('dump', 'fixtures/c/bad/recursion.h', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const byName = Object.fromEntries(j.macros.map((m: { name: string; value: string | null; reason?: string }) => [m.name, m.value ?? m.reason]));
    expect(byName.REC_A).toMatch(/refers to itself/);
    expect(byName.REC_SELF).toMatch(/refers to itself/);
    expect(byName.REC_OK).toBe('7');
  });

  test('an exponential macro is cut at the expansion bound, not run to the end', { timeout: 120_000 }, ({ expect }) => {
    const r = kdrift('dump', 'fixtures/c/bad/blowup.h', '--format', 'json');
    expect(r.code).toBe(0);
    const byName = Object.fromEntries(JSON.parse(r.stdout).macros.map((m: { name: string; value: string | null; reason?: string }) => [m.name, m.value ?? m.reason]));
    expect(byName.SMALL).toBe('8');
    expect(byName.E40).toMatch(/exceeds 100000 tokens/);
  });

  test('a malformed option is a usage error', ({ expect }) => {
    const r = kdrift('dump', '--arch', 'sparc', 'x.h');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/argument 'sparc' is invalid/);
  });
});

describe('kdrift dump --preinclude', () => {
  const header = 'fixtures/c/uapi/include/linux/ioctl_user.h';
  const values = (stdout: string) => Object.fromEntries(JSON.parse(stdout).macros.map((m: { name: string; value: string | null }) => [m.name, m.value]));
  test('a header that leaves _IO* to its includer has values after the header given first', ({ expect }) => {
    const without = kdrift('dump', header, '-I', 'fixtures/c/uapi/include', '--format', 'json');
    expect(values(without.stdout).IU_GET).toBeNull();
    const r = kdrift('dump', header, '-I', 'fixtures/c/uapi/include', '--preinclude', 'asm-generic/ioctl.h', '--format', 'json');
    expect(r.code).toBe(0);
    expect(values(r.stdout)).toEqual({ IU_GET: String(0x80085512), IU_RESET: String(0x5513) });
  });

  test('one not on the include path: one message naming the command line, exit 3', ({ expect }) => {
    const r = kdrift('dump', header, '-I', 'fixtures/c/uapi/include', '--preinclude', 'sys/ioctl.h');
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toMatch(/^kdrift: <command line>: error: <sys\/ioctl\.h> \(included first\) not found in the include path/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(noStack(r.stderr)).toBe(true);
  });
});

describe('kdrift dump on many headers', () => {
  const dir = '/usr/include/linux';
  test.skipIf(!existsSync(dir))('the second half in a worker thread gives the same output as one thread', { timeout: 240_000 }, ({ expect }) => {
    const headers = readdirSync(dir).filter((f) => f.endsWith('.h')).sort().slice(0, 80).map((f) => `${dir}/${f}`);
    const args = ['dump', '--format', 'json', '-I', '/usr/include/x86_64-linux-gnu', '-I', '/usr/include', ...headers];
    const parallel = kdriftEnv({ KDRIFT_WORKERS: '1' }, ...args);
    const serial = kdriftEnv({ KDRIFT_NO_WORKERS: '1' }, ...args);
    expect(parallel.stdout.split('\n').length).toBeGreaterThan(80);
    expect(parallel.stdout).toBe(serial.stdout);
    expect(parallel.code).toBe(serial.code);
  });
});
