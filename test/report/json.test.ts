import { describe, test } from 'vitest';
import { jsonReporter } from '../../src/report/json.js';
import { RESULTS, render, checkUnreadFixture } from './fixtures.js';

describe('jsonReporter', () => {
  test('the wire format, version 1', ({ expect }) => {
    const j = JSON.parse(render(jsonReporter));
    expect(Object.keys(j)).toEqual(['schemaVersion', 'tool', 'tree', 'source', 'strict', 'pairs', 'warnings', 'summary']);
    expect(j.schemaVersion).toBe(1);
    expect(j.tree).toBe('/src/linux');
    expect(j.pairs[1]).toEqual({
      tools: 'tools/include/uapi/linux/kvm.h',
      kernel: 'include/uapi/linux/kvm.h',
      status: 'differs',
      options: ['-B'],
      warned: true,
      reason: 'differs',
      via: 'check',
      line: 16,
      callLine: 178,
      bytesIdentical: false,
      hunks: { total: 3, ignored: 1 },
    });
    expect(j.pairs.map((p: { status: string }) => p.status)).toEqual(['identical', 'differs', 'missing-tools', 'missing-kernel', 'differs']);
    expect(j.pairs[4].ignoreHunks).toBe('tools/perf/check-header_ignore_hunks/lib/bitmap.c');
    expect(j.warnings).toEqual([{ file: 'tools/perf/check-headers.sh', line: 42, message: 'a `while` loop is not read' }]);
    expect(j.summary).toEqual({ pairs: 5, identical: 1, differs: 2, missingKernel: 1, missingTools: 1, warned: 3, ignoredHunks: 1 });
  });
  test('a skipped run says so and has no pairs', ({ expect }) => {
    const j = JSON.parse(render(jsonReporter, { run: { skipped: 'Warning: Skipped' }, results: [] }));
    expect(j.skipped).toBe('Warning: Skipped');
    expect(j.pairs).toEqual([]);
  });
});

describe('jsonReporter: tables', () => {
  test('the tables a pair feeds, on the pair', ({ expect }) => {
    const tables = [{ table: 'kvm_ioctl_cmds', generator: 'kvm_ioctl', added: ['KVM_A'], removed: [], changed: ['KVM_RUN'] }];
    const j = JSON.parse(render(jsonReporter, { results: [{ ...RESULTS[1]!, tables }] }));
    expect(j.pairs[0].tables).toEqual(tables);
  });
});

describe('jsonReporter: what the model could not read', () => {
  test('a problem of one side only is on the pair; one both sides share is not', async ({ expect }) => {
    const stdout = await checkUnreadFixture('json');
    const pairs = JSON.parse(stdout).pairs as { kernel: string; verdict: string; diagnostics?: { side: string; line: number; message: string }[] }[];
    const cpuid = pairs.find((p) => p.kernel.endsWith('demo_cpuid.h'))!;
    expect(cpuid.verdict).toBe('differs');
    expect(cpuid.diagnostics?.map((d) => [d.side, d.line])).toEqual([['kernel', 15]]);
    expect(cpuid.diagnostics?.[0]?.message).toContain('`__DECLARE_FLEX_ARRAY` is not a macro on this include path');
    // <stdlib.h> is missing for both sides alike
    expect(pairs.find((p) => p.kernel.endsWith('demo_sound.h'))!.diagnostics).toBeUndefined();
  });
});
