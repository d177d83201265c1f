import { describe, test } from 'vitest';
import { githubReporter } from '../../src/report/github.js';
import { RESULTS, SEMANTIC, render, checkUnreadFixture } from './fixtures.js';

describe('githubReporter', () => {
  test('workflow commands: list warnings at their line, one annotation per listed pair', ({ expect }) => {
    expect(render(githubReporter).split('\n')).toEqual([
      '::warning file=tools/perf/check-headers.sh,line=42,title=kdrift::a `while` loop is not read',
      '::warning file=tools/include/uapi/linux/kvm.h,title=Kernel ABI header differences::tools/include/uapi/linux/kvm.h differs from include/uapi/linux/kvm.h (diff -B; 2 of 3 hunks not ignored): diff -u tools/include/uapi/linux/kvm.h include/uapi/linux/kvm.h',
      '::warning file=tools/include/linux/bits.h,title=Missing tools/ copy::tools/include/linux/bits.h is missing; the kernel has include/linux/bits.h',
      '::warning file=tools/lib/bitmap.c,title=Missing ignore-hunks file::tools/perf/check-header_ignore_hunks/lib/bitmap.c not found. Skipping lib/bitmap.c check.',
      '',
    ]);
  });
  test('paths relative to the workspace holding the tree; --strict makes errors', ({ expect }) => {
    const out = render(githubReporter, { base: '/src', run: { strict: true }, results: RESULTS.slice(1, 2) });
    expect(out).toContain('::error file=linux/tools/include/uapi/linux/kvm.h,');
  });
  test('escaping of data and properties', ({ expect }) => {
    const out = render(githubReporter, { run: { warnings: [{ file: 'a,b:c', line: 1, message: '50% done\nnext' }] }, results: [] });
    expect(out).toBe('::warning file=a%2Cb%3Ac,line=1,title=kdrift::50%25 done%0Anext\n');
  });
  test('a pair diffed semantically: its verdict and the table entries a sync adds end the message', ({ expect }) => {
    expect(render(githubReporter, { run: { warnings: [] }, results: [SEMANTIC] })).toBe(
      '::warning file=tools/include/uapi/linux/kvm.h,title=Kernel ABI header differences::tools/include/uapi/linux/kvm.h differs from include/uapi/linux/kvm.h (diff -B; 2 of 3 hunks not ignored): diff -u tools/include/uapi/linux/kvm.h include/uapi/linux/kvm.h; semantic diff: additive: 3 changes (2 macro-added, 1 comment-or-whitespace); tables: kvm_ioctl_cmds +KVM_SET_X\n',
    );
  });
});

describe('githubReporter: what the model could not read', () => {
  test('a problem of one side only is a notice at its line; one both sides share is not', async ({ expect }) => {
    const stdout = await checkUnreadFixture('github');
    const notices = stdout.split('\n').filter((l) => l.startsWith('::notice'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^::notice file=include\/uapi\/linux\/demo_cpuid\.h,line=15,title=kdrift could not read this::cannot parse this declaration/);
    expect(notices[0]).toContain('(kernel, x86_64, i386, arm64)');
  });
});
