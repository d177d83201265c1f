// src/report/diff-text.ts: the lines a change renders to, and the block `kdrift check` prints
// after its warning block, on the demo tree's pairs.
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { DiffResultCache, diffPair } from '../../src/diff/cache.js';
import type { Change } from '../../src/diff/types.js';
import { changeLine, checkVerdictBlock } from '../../src/report/diff-text.js';
import { REPO } from '../helpers/run.js';

describe('changeLine', () => {
  test.for([
    [{ kind: 'macro-added', name: 'X', after: '(1 << 8)', file: 'a.h', line: 9 }, 'a.h:9: macro-added X: (1 << 8)'],
    [{ kind: 'macro-removed', name: 'Y', before: '5', file: 'a.h', line: 3 }, 'a.h:3: macro-removed Y: was 5'],
    [{ kind: 'include-added', name: '<linux/stddef.h>', after: '<linux/stddef.h>', file: 'a.h', line: 14 }, 'a.h:14: include-added <linux/stddef.h>'],
    [{ kind: 'macro-value-changed', name: 'W', before: '4', after: '8', file: 'a.h', line: 8, abis: ['i386'] }, 'a.h:8: macro-value-changed W: 4 → 8 [only i386]'],
    [
      { kind: 'macro-value-changed', name: 'IOC', before: '0x1', after: '0x2', cause: 'sizeof(struct s): 16 bytes → 24 bytes', file: 'a.h', line: 17 },
      'a.h:17: macro-value-changed IOC: 0x1 → 0x2 (sizeof(struct s): 16 bytes → 24 bytes)',
    ],
    [{ kind: 'comment-or-whitespace', name: '8-9', file: 'a.h', line: 8 }, 'a.h:8: comment-or-whitespace lines 8-9'],
    [{ kind: 'unexplained', name: '12', after: '_Static_assert(1, "x");', file: 'a.h', line: 12 }, 'a.h:12: unexplained lines 12: _Static_assert(1, "x");'],
  ] as [Change, string][])('%j', ([c, want], { expect }) => {
    expect(changeLine(c)).toBe(want);
  });
});

test('checkVerdictBlock: the demo tree', async ({ expect }) => {
  const tree = join(REPO, 'fixtures', 'demo-tree');
  const results = new DiffResultCache(null);
  const files = ['demo_kvm.h', 'demo_msr.h', 'demo_vcpu.h', 'demo_perf.h', 'demo_stat.h', 'demo_sched.h', 'types.h'];
  const pairs = [];
  for (const f of files) {
    const kernel = `include/uapi/linux/${f}`;
    pairs.push({ kernel, diff: await diffPair(tree, `tools/${kernel}`, kernel, { results }) });
  }
  expect(checkVerdictBlock(pairs)).toBe(
    [
      'Semantic diff of 6 differing pairs: 3 equivalent, 2 additive, 1 incompatible',
      '  incompatible  include/uapi/linux/demo_kvm.h: 1 change (1 macro-value-changed)',
      '  equivalent    include/uapi/linux/demo_msr.h: 1 change (1 member-respelled)',
      '  additive      include/uapi/linux/demo_vcpu.h: 2 changes (1 macro-added, 1 member-carved-from-reserved)',
      '  additive      include/uapi/linux/demo_perf.h: 2 changes (1 macro-added, 1 sentinel-value-changed)',
      '  equivalent    include/uapi/linux/demo_stat.h: 1 change (1 comment-or-whitespace)',
      '  equivalent    include/uapi/linux/demo_sched.h: 1 change (1 kernel-only)',
      '  include/uapi/linux/demo_kvm.h:58: macro-value-changed KVM_GET_CLOCK: 0x8030ae7d → 0x8030ae7c',
      '  include/uapi/linux/demo_vcpu.h:21: macro-added KVM_DEMO_VCPUEVENT_VALID_TRIPLE_FAULT: 0x00000020',
      '  include/uapi/linux/demo_vcpu.h:17: member-carved-from-reserved struct kvm_demo_vcpu_events.triple_fault_pending: __reserved: __u8[28] at 12 (28 bytes) → __u8 at 12 (1 byte)',
      '  include/uapi/linux/demo_perf.h:12: macro-added PERF_DEMO_FORMAT_LOST: (1 << 4)',
      '  include/uapi/linux/demo_perf.h:14: sentinel-value-changed PERF_DEMO_FORMAT_MAX: 16 → 32',
      '',
    ].join('\n'),
  );
});
