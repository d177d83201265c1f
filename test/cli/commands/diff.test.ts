// `kdrift diff`: exit codes (--fail-on, usage, input), --arch, the JSON wire type, and the
// demo tree's pairs as one table of verdicts.
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { REPO, runKdrift } from '../../helpers/run.js';
import { runMain } from '../../check/run-main.js';

const FIX = join(REPO, 'fixtures', 'diff');
const args = (name: string, file: string, ...rest: string[]) => ['diff', join(FIX, name, 'old', file), join(FIX, name, 'new', file), '-I', join(FIX, 'include'), ...rest];

describe('kdrift diff: --fail-on', () => {
  test.for([
    ['kvm-uapi-declare-flex-array', 'demo_kvm_msrs.h', 'additive', 0],
    ['macro-added', 'demo_quirks.h', 'additive', 1],
    ['macro-added', 'demo_quirks.h', 'incompatible', 0],
    ['static-assert-unexplained', 'demo_abi.h', 'additive', 1],
    ['static-assert-unexplained', 'demo_abi.h', 'incompatible', 0],
    ['syscall-table-text', 'syscall_64.tbl', 'additive', 1],
    ['macro-value-changed', 'demo_kvm.h', 'incompatible', 1],
    ['identical-bytes', 'demo_ident.h', 'additive', 0],
  ] as const)('%s (%s) with --fail-on %s: exit %i', async ([name, file, threshold, code], { expect }) => {
    expect((await runMain(args(name, file, '--fail-on', threshold))).code).toBe(code);
  });

  test('without --fail-on every verdict exits 0', async ({ expect }) => {
    expect((await runMain(args('macro-value-changed', 'demo_kvm.h'))).code).toBe(0);
  });
});

describe('kdrift diff: errors', () => {
  test('an unknown ABI or threshold is a usage error: exit 2', async ({ expect }) => {
    expect((await runMain(args('macro-added', 'demo_quirks.h', '--arch', 'sparc'))).code).toBe(2);
    expect((await runMain(args('macro-added', 'demo_quirks.h', '--fail-on', 'equivalent'))).code).toBe(2);
  });

  test('a missing file is bad input: exit 3, with the file named', async ({ expect }) => {
    const r = await runMain(['diff', 'no/such.h', join(FIX, 'macro-added', 'new', 'demo_quirks.h')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('kdrift: no/such.h: error: no such file: no/such.h\n');
  });

  test('an include the header needs and cannot find is reported on stderr, side and ABIs named', async ({ expect }) => {
    const r = await runMain(['diff', join(FIX, 'macro-value-changed', 'old', 'demo_kvm.h'), join(FIX, 'macro-value-changed', 'new', 'demo_kvm.h'), '--arch', 'x86_64']);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toMatch(/demo_kvm\.h:5: error: <linux\/types\.h> not found in the include path \(none given\) \(old side, x86_64\)$/);
  });
});

describe('kdrift diff: --arch', () => {
  test('one ABI: a change that holds on every ABI compared names none', async ({ expect }) => {
    const r = await runMain(args('member-only-on-i386', 'demo_timer.h', '--arch', 'i386'));
    expect(r.stdout.split('\n').filter((l) => l.includes('demo_timer_event'))).toEqual([
      `${join(FIX, 'member-only-on-i386', 'new', 'demo_timer.h')}:7: record-size-changed struct demo_timer_event: 8 bytes → 12 bytes`,
      `${join(FIX, 'member-only-on-i386', 'new', 'demo_timer.h')}:9: member-moved struct demo_timer_event.expires: unsigned long at 4 (4 bytes) → __u64 at 4 (8 bytes)`,
    ]);
  });
});

describe('kdrift diff --format json', () => {
  test('the wire type, version 1', async ({ expect }) => {
    const r = await runMain(['diff', 'old/demo_evt.h', 'new/demo_evt.h', '-I', '../include', '--format', 'json', '--arch', 'x86_64', '--arch', 'i386'], { cwd: join(FIX, 'record-size-ioctl') });
    expect(JSON.parse(r.stdout)).toEqual({
      schemaVersion: 1,
      old: 'old/demo_evt.h',
      new: 'new/demo_evt.h',
      compared: 'header',
      verdict: 'incompatible',
      abis: ['x86_64', 'i386'],
      changes: [
        {
          kind: 'macro-value-changed',
          name: 'DEMO_EVT_IOC_SET_CONFIG',
          before: '0x40104501',
          after: '0x40184501',
          file: 'new/demo_evt.h',
          line: 17,
          cause: 'sizeof(struct demo_evt_config): 16 bytes → 24 bytes',
        },
        { kind: 'record-size-changed', name: 'struct demo_evt_config', before: '16 bytes', after: '24 bytes', file: 'new/demo_evt.h', line: 10 },
        { kind: 'member-added', name: 'struct demo_evt_config.sample_regs', after: '__u64 at 16 (8 bytes)', file: 'new/demo_evt.h', line: 14 },
      ],
    });
  });

  test('a file that is not a header: compared as text', async ({ expect }) => {
    const r = await runMain(['diff', 'old/syscall_64.tbl', 'new/syscall_64.tbl', '--format', 'json'], { cwd: join(FIX, 'syscall-table-text') });
    expect(JSON.parse(r.stdout)).toEqual({ schemaVersion: 1, old: 'old/syscall_64.tbl', new: 'new/syscall_64.tbl', compared: 'text', verdict: 'differs', changedLines: 1 });
  });
});

describe('kdrift diff on the demo tree (tools copy → kernel original)', () => {
  test.for([
    ['demo_kvm.h', 'incompatible'],
    ['demo_msr.h', 'equivalent'],
    ['demo_vcpu.h', 'additive'],
    ['demo_perf.h', 'additive'],
    ['demo_stat.h', 'equivalent'],
    ['demo_sched.h', 'equivalent'],
    ['fadvise.h', 'equivalent'],
    ['types.h', 'identical'],
  ] as const)('%s: %s', async ([file, verdict], { expect }) => {
    const tree = join(REPO, 'fixtures', 'demo-tree');
    const r = await runMain([
      'diff',
      join(tree, 'tools/include/uapi/linux', file),
      join(tree, 'include/uapi/linux', file),
      '--old-include',
      join(tree, 'tools/include/uapi'),
      '--new-include',
      join(tree, 'include/uapi'),
      '--format',
      'json',
    ]);
    expect(JSON.parse(r.stdout).verdict).toBe(verdict);
  });
});

test('kdrift diff as a process: the transcript of a respelled macro', async ({ expect }) => {
  const r = await runKdrift(['diff', 'old/demo_debugctl.h', 'new/demo_debugctl.h', '--fail-on', 'incompatible'], { cwd: join(FIX, 'x86-debugctlmsr-lbr-bit') });
  expect(`${r.stdout}Exit code: ${r.code}\n`).toBe(
    [
      '--- old/demo_debugctl.h',
      '+++ new/demo_debugctl.h',
      'new/demo_debugctl.h:7: macro-added DEBUGCTLMSR_LBR_BIT: 0',
      'new/demo_debugctl.h:8: macro-respelled DEBUGCTLMSR_LBR: (1UL << 0) → (1UL << DEBUGCTLMSR_LBR_BIT)',
      'new/demo_debugctl.h:10: macro-respelled DEBUGCTLMSR_BTF: (1UL << 1) → (1UL << DEBUGCTLMSR_BTF_SHIFT)',
      'new/demo_debugctl.h: additive: 3 changes (1 macro-added, 2 macro-respelled) (values and layouts compared on x86_64, i386, arm64)',
      'Exit code: 0',
      '',
    ].join('\n'),
  );
});
