import { describe, test } from 'vitest';
import { tableBlock, textReporter } from '../../src/report/text.js';
import { RESULTS, render } from './fixtures.js';

describe('textReporter', () => {
  test("the script's messages, then its warning block in the modern format", ({ expect }) => {
    expect(render(textReporter)).toBe(
      [
        'tools/perf/check-header_ignore_hunks/lib/bitmap.c not found. Skipping lib/bitmap.c check.',
        'Warning: Kernel ABI header differences:',
        '  diff -u tools/include/uapi/linux/kvm.h include/uapi/linux/kvm.h',
        '  diff -u tools/include/linux/bits.h include/linux/bits.h',
        '  diff -u tools/lib/bitmap.c lib/bitmap.c',
        '',
      ].join('\n'),
    );
  });
  test('colour as the script: Warning in yellow', ({ expect }) => {
    expect(render(textReporter, { color: true, results: RESULTS.slice(0, 2) })).toBe(
      '\x1b[0;33mWarning\x1b[0m: Kernel ABI header differences:\n  diff -u tools/include/uapi/linux/kvm.h include/uapi/linux/kvm.h\n',
    );
  });
  test('nothing when nothing differs', ({ expect }) => {
    expect(render(textReporter, { results: RESULTS.slice(0, 1) })).toBe('');
  });
  test('the skip message', ({ expect }) => {
    const skipped = 'Warning: Skipped check-headers due to missing ../../include';
    expect(render(textReporter, { run: { skipped }, results: [] })).toBe(skipped + '\n');
    expect(render(textReporter, { run: { skipped }, results: [], color: true })).toBe('\x1b[0;33mWarning\x1b[0m: Skipped check-headers due to missing ../../include\n');
  });
});

describe('tableBlock', () => {
  const t = (table: string, added: string[] = [], removed: string[] = [], changed: string[] = []) => ({ table, generator: 'g', added, removed, changed });
  test('one line per table a sync changes; a pair whose sync changes none says so', ({ expect }) => {
    expect(
      tableBlock([
        { tools: 'tools/include/uapi/linux/kvm.h', kernel: 'include/uapi/linux/kvm.h', tables: [t('kvm_ioctl_cmds', ['KVM_A'], ['KVM_B'], ['KVM_C']), t('unchanged')] },
        { tools: 'tools/x.h', kernel: 'x.h', tables: [t('x_a'), t('x_b')] },
        { tools: 'tools/y.h', kernel: 'y.h', tables: [t('y_flags')] },
      ]),
    ).toBe(
      [
        "Tables fed by 3 differing pairs, regenerated from the kernel's version:",
        '  include/uapi/linux/kvm.h: kvm_ioctl_cmds: +KVM_A, -KVM_B, ~KVM_C',
        '  x.h: none of the 2 tables fed by tools/x.h changes',
        '  y.h: the table fed by tools/y.h (y_flags) does not change',
        '',
      ].join('\n'),
    );
  });
  test('nothing when no pair feeds a table', ({ expect }) => {
    expect(tableBlock([])).toBe('');
  });
});
