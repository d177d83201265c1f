import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { KDRIFT_BIN, REPO, runKdrift } from '../../helpers/run.js';
import { runMain } from '../../check/run-main.js';

const FIX = join(REPO, 'fixtures', 'check');
const DEMO_BLOCK = [
  'Warning: Kernel ABI header differences:',
  '  diff -u tools/include/uapi/linux/demo_kvm.h include/uapi/linux/demo_kvm.h',
  '  diff -u tools/include/uapi/linux/demo_msr.h include/uapi/linux/demo_msr.h',
  '  diff -u tools/include/uapi/linux/demo_vcpu.h include/uapi/linux/demo_vcpu.h',
  '  diff -u tools/include/uapi/linux/demo_perf.h include/uapi/linux/demo_perf.h',
  '  diff -u tools/include/uapi/linux/demo_stat.h include/uapi/linux/demo_stat.h',
  '  diff -u tools/include/uapi/linux/demo_sched.h include/uapi/linux/demo_sched.h',
  '',
].join('\n');

describe('kdrift check: exit codes and errors', () => {
  test('differences are warnings: exit 0; --strict makes them fail: exit 1', async ({ expect }) => {
    expect((await runMain(['check', '--tree', join(FIX, 'arrays-6.12')])).code).toBe(0);
    expect((await runMain(['check', '--tree', join(FIX, 'arrays-6.12'), '--strict'])).code).toBe(1);
    expect((await runMain(['check', '--tree', join(FIX, 'missing-include'), '--strict'])).code).toBe(0);
  });

  test('an unknown format is a usage error', async ({ expect }) => {
    const r = await runMain(['check', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'xml' is invalid. Allowed choices are text, json, sarif, github.");
  });

  test('no arguments outside tools/perf is a usage error with a hint', async ({ expect }) => {
    const r = await runMain(['check'], { cwd: REPO });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'kdrift: error: no check-headers.sh in the current directory\n  hint: run `kdrift check` in tools/perf of a kernel tree, or name the tree with --tree DIR (it reads DIR/tools/perf/check-headers.sh)\n',
    );
  });

  test('a missing tree, a tree without the script', async ({ expect }) => {
    const r = await runMain(['check', '--tree', join(FIX, 'no-such-tree')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no-such-tree: no such directory');
    const s = await runMain(['check', '--tree', join(FIX, 'manifest')]);
    expect(s.code).toBe(3);
    expect(s.stderr).toBe(
      'kdrift: tools/perf/check-headers.sh: error: tools/perf/check-headers.sh: no such file\n  hint: this tree has no check-headers.sh; give its pairs with --manifest FILE\n',
    );
  });

  test('a script kdrift cannot parse: exit 3, file and line', async ({ expect }) => {
    const tree = mkdtempSync(join(tmpdir(), 'kdrift-cli-'));
    try {
      mkdirSync(join(tree, 'tools', 'perf'), { recursive: true });
      writeFileSync(join(tree, 'tools', 'perf', 'check-headers.sh'), '#!/bin/bash\nFILES=(\n  "a.h"\n\nif true; then\n');
      const r = await runMain(['check', '--tree', tree]);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^kdrift: tools\/perf\/check-headers\.sh:5: error: /);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });

  test('machine formats on a fixture', async ({ expect }) => {
    const tree = join(FIX, 'arrays-6.12');
    const j = JSON.parse((await runMain(['check', '--tree', tree, '--format', 'json'])).stdout);
    expect(j.tree).toBe(tree);
    const s = JSON.parse((await runMain(['check', '--tree', tree, '--format', 'sarif'])).stdout);
    expect(s.runs[0].results).toHaveLength(5);
    const g = await runMain(['check', '--tree', tree, '--format', 'github'], { env: { GITHUB_WORKSPACE: REPO } });
    expect(g.stdout.split('\n').filter(Boolean)).toHaveLength(5);
    expect(g.stdout).toContain('::warning file=fixtures/check/arrays-6.12/tools/include/uapi/linux/kcmp.h,');
  });
});

describe('kdrift check as a drop-in (the real binary)', () => {
  test('run without arguments in tools/perf, like the script', async ({ expect }) => {
    const r = await runKdrift(['check'], { cwd: join(REPO, 'fixtures', 'demo-tree', 'tools', 'perf') });
    // the script's block first, byte for byte; the semantic verdicts follow it
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.startsWith(DEMO_BLOCK + '\nSemantic diff of 6 differing pairs: 3 equivalent, 2 additive, 1 incompatible\n')).toBe(true);
    const plain = await runKdrift(['check', '--no-semantic'], { cwd: join(REPO, 'fixtures', 'demo-tree', 'tools', 'perf') });
    expect(plain).toMatchObject({ code: 0, stdout: DEMO_BLOCK, stderr: '' });
  });

  test('--only and --fail-on act on the semantic verdicts', async ({ expect }) => {
    const r = await runKdrift(['check', '--tree', 'fixtures/demo-tree', '--only', 'incompatible', '--fail-on', 'incompatible'], { cwd: REPO });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n\n')[0]).toBe(
      'Warning: Kernel ABI header differences:\n  diff -u tools/include/uapi/linux/demo_kvm.h include/uapi/linux/demo_kvm.h',
    );
    const additive = await runKdrift(['check', '--tree', 'fixtures/demo-tree', '--only', 'additive'], { cwd: REPO });
    expect(additive.code).toBe(0);
    expect(additive.stdout.split('\n\n')[0].split('\n').length).toBe(4);
  });

  test('a pair kdrift could not judge stays in the warning block under --only, and fails only --fail-on additive', async ({ expect }) => {
    // demo_cpuid.h: differs (a member it cannot read); demo_sound.h: additive
    const tree = 'fixtures/check/unread-on-one-side';
    const only = await runKdrift(['check', '--tree', tree, '--only', 'incompatible', '--fail-on', 'incompatible'], { cwd: REPO });
    expect(only.code).toBe(0);
    expect(only.stdout.split('\n\n')[0]).toBe(
      'Warning: Kernel ABI header differences:\n  diff -u tools/include/uapi/linux/demo_cpuid.h include/uapi/linux/demo_cpuid.h',
    );
    const failOn = await runKdrift(['check', '--tree', tree, '--fail-on', 'additive'], { cwd: REPO });
    expect(failOn.code).toBe(1);
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  test.skipIf(!hasScript)('colour on a terminal, never with NO_COLOR', ({ expect }) => {
    const onTty = (env: NodeJS.ProcessEnv) =>
      spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(KDRIFT_BIN)} check --tree fixtures/demo-tree`, '/dev/null'], {
        cwd: REPO,
        encoding: 'utf8',
        env,
      }).stdout;
    const env = { ...process.env };
    delete env.NO_COLOR;
    delete env.NODE_EXTRA_CA_CERTS; // costs every node start ~90 ms
    expect(onTty(env)).toContain('\x1b[0;33mWarning\x1b[0m: Kernel ABI header differences:');
    expect(onTty({ ...env, NO_COLOR: '1' })).toContain('\nWarning: Kernel ABI header differences:'.slice(1));
    expect(onTty({ ...env, NO_COLOR: '1' })).not.toContain('\x1b[');
  });
});

describe('kdrift check: table impact', () => {
  const tree = join(FIX, 'table-impact');
  test('JSON: each differing pair whose tools copy feeds a table lists every such table', async ({ expect }) => {
    const r = await runMain(['check', '--tree', tree, '--format', 'json']);
    expect(r.code).toBe(0);
    const pairs = JSON.parse(r.stdout).pairs as { tools: string; tables?: unknown }[];
    expect(Object.fromEntries(pairs.map((p) => [p.tools, p.tables]))).toEqual({
      'tools/include/uapi/linux/kvm.h': [{ table: 'kvm_ioctl_cmds', generator: 'kvm_ioctl', added: ['KVM_NEW_IOCTL'], removed: ['KVM_OLD_IOCTL'], changed: ['KVM_RUN'] }],
      'tools/include/uapi/linux/ioctl.h': undefined,
      'tools/perf/trace/beauty/include/uapi/linux/sched.h': [{ table: 'clone_flags', generator: 'clone', added: [], removed: [], changed: [] }],
    });
  });
  test('--no-semantic: no table impact either', async ({ expect }) => {
    const r = await runMain(['check', '--tree', tree, '--format', 'json', '--no-semantic']);
    expect((JSON.parse(r.stdout).pairs as { tables?: unknown }[]).every((p) => p.tables === undefined)).toBe(true);
    const text = await runMain(['check', '--tree', tree, '--no-semantic']);
    expect(text.stdout).not.toContain('Tables fed by');
  });
});
