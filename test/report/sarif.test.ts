import { describe, test } from 'vitest';
import { REASONS } from '../../src/report/reasons.js';
import { sarifReporter } from '../../src/report/sarif.js';
import { SEMANTIC, render, checkUnreadFixture } from './fixtures.js';

describe('sarifReporter', () => {
  test('SARIF 2.1.0: one result per listed pair, at the tools copy', ({ expect }) => {
    const log = JSON.parse(render(sarifReporter));
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(Object.values(REASONS).map((r) => r.rule));
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe('file:///src/linux/');
    expect(run.results.map((r: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => `${r.ruleId} ${r.level} ${r.locations[0]!.physicalLocation.artifactLocation.uri}`)).toEqual([
      'header-differs warning tools/include/uapi/linux/kvm.h',
      'tools-copy-missing warning tools/include/linux/bits.h',
      'ignore-hunks-missing warning tools/lib/bitmap.c',
    ]);
    expect(run.results[0].message.text).toBe('tools/include/uapi/linux/kvm.h differs from include/uapi/linux/kvm.h (diff -B; 2 of 3 hunks not ignored): diff -u tools/include/uapi/linux/kvm.h include/uapi/linux/kvm.h');
    expect(run.results[0].ruleIndex).toBe(0);
    expect(run.results[0].relatedLocations[0].physicalLocation.artifactLocation.uri).toBe('include/uapi/linux/kvm.h');
    expect(run.invocations[0].toolExecutionNotifications[0]).toEqual({
      level: 'warning',
      message: { text: 'a `while` loop is not read' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'tools/perf/check-headers.sh', uriBaseId: 'SRCROOT' }, region: { startLine: 42 } } }],
    });
  });
  test('--strict: results are errors', ({ expect }) => {
    const log = JSON.parse(render(sarifReporter, { run: { strict: true } }));
    expect(new Set(log.runs[0].results.map((r: { level: string }) => r.level))).toEqual(new Set(['error']));
  });
  test('a pair diffed semantically: verdict, changes by kind and table impact as properties', ({ expect }) => {
    const result = JSON.parse(render(sarifReporter, { results: [SEMANTIC] })).runs[0].results[0];
    expect(result.message.text).toMatch(/; semantic diff: additive: 3 changes \(2 macro-added, 1 comment-or-whitespace\); tables: kvm_ioctl_cmds \+KVM_SET_X$/);
    expect(result.properties).toEqual({
      verdict: 'additive',
      changes: { 'macro-added': 2, 'comment-or-whitespace': 1 },
      tables: [{ table: 'kvm_ioctl_cmds', added: ['KVM_SET_X'], removed: [], changed: [] }],
    });
  });
});

describe('sarifReporter: what the model could not read', () => {
  test('a problem of one side only is a note of the run, at its line', async ({ expect }) => {
    const stdout = await checkUnreadFixture('sarif');
    const notes = JSON.parse(stdout).runs[0].invocations[0].toolExecutionNotifications as { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] }[];
    expect(notes.map((n) => [n.level, n.locations[0]?.physicalLocation.artifactLocation.uri, n.locations[0]?.physicalLocation.region?.startLine])).toEqual([
      ['note', 'include/uapi/linux/demo_cpuid.h', 15],
    ]);
    expect(notes[0]!.message.text).toContain('`__DECLARE_FLEX_ARRAY` is not a macro on this include path');
  });
});
