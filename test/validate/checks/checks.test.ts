import { describe, expect, test } from 'vitest';
import type { CheckContext } from '../../../src/validate/check.js';
import { checks } from '../../../src/validate/checks/index.js';
import { readLiteralBlocks } from '../../../src/validate/docs.js';
import { detectFamilies } from '../../../src/validate/families.js';
import type { Finding } from '../../../src/validate/types.js';
import { bit, header, type Spec } from '../make.js';

const line = (f: Finding) => `${f.severity} ${f.code} ${f.name ?? '-'} ${f.file}:${f.line}: ${f.message}`;

function run(specs: Spec[], extra: Partial<CheckContext> = {}): string[] {
  const h = header('include/uapi/linux/kvm.h', specs);
  const [family] = detectFamilies(h);
  const ctx: CheckContext = { family, defined: new Set(h.constants.map((c) => c.name)), docs: [], tables: [], ...extra };
  return checks.flatMap((c) => c.run(ctx)).map(line);
}

const EXITS: Spec[] = [
  { name: 'KVM_X86_DISABLE_EXITS_MWAIT', value: bit(0) },
  { name: 'KVM_X86_DISABLE_EXITS_HLT', value: bit(1) },
  { name: 'KVM_X86_DISABLE_EXITS_PAUSE', value: bit(2) },
  { name: 'KVM_X86_DISABLE_EXITS_CSTATE', value: bit(3) },
  { name: 'KVM_X86_DISABLE_EXITS_APERFMPERF', value: bit(4) },
];

describe('generic checks', () => {
  test('a clean bit family with a mask that covers it', () => {
    expect(run([...EXITS, { name: 'KVM_X86_DISABLE_VALID_EXITS', value: 31n, body: EXITS.map((e) => e.name).join(' | ') }])).toEqual([]);
  });

  test('the mask left behind', () => {
    const mask = { name: 'KVM_X86_DISABLE_VALID_EXITS', value: 15n, body: EXITS.slice(0, 4).map((e) => e.name).join(' | ') };
    expect(run([...EXITS, mask])).toEqual([
      'error missing-from-mask KVM_X86_DISABLE_EXITS_APERFMPERF include/uapi/linux/kvm.h:15: KVM_X86_DISABLE_VALID_EXITS (0xf) does not cover KVM_X86_DISABLE_EXITS_APERFMPERF (0x10, line 14)',
    ]);
  });

  test('a mask with a bit nobody names', () => {
    expect(run([...EXITS, { name: 'KVM_X86_DISABLE_VALID_EXITS', value: 0x3fn, body: '0x3f' }])).toEqual([
      'error mask-extra-bit KVM_X86_DISABLE_VALID_EXITS include/uapi/linux/kvm.h:15: KVM_X86_DISABLE_VALID_EXITS (0x3f) covers bit 5, which no KVM_X86_DISABLE_EXITS_* member names',
    ]);
  });

  test('a colliding bit and a member that is not one bit', () => {
    expect(run([...EXITS, { name: 'KVM_X86_DISABLE_EXITS_FOO', value: bit(4) }, { name: 'KVM_X86_DISABLE_EXITS_BAR', value: 0x300n }])).toEqual([
      'error bit-collision KVM_X86_DISABLE_EXITS_FOO include/uapi/linux/kvm.h:15: KVM_X86_DISABLE_EXITS_FOO (0x10) shares bit 4 with KVM_X86_DISABLE_EXITS_APERFMPERF (0x10, line 14)',
      'warning not-single-bit KVM_X86_DISABLE_EXITS_BAR include/uapi/linux/kvm.h:16: KVM_X86_DISABLE_EXITS_BAR (0x300) has 2 bits set (8, 9) in a bit family',
    ]);
  });

  test('equal attribute ids', () => {
    expect(run([
      { name: 'KVM_ARM_VCPU_PMU_V3_IRQ', value: 0n },
      { name: 'KVM_ARM_VCPU_PMU_V3_INIT', value: 1n },
      { name: 'KVM_ARM_VCPU_PMU_V3_FILTER', value: 2n },
      { name: 'KVM_ARM_VCPU_PMU_V3_SET_PMU', value: 2n },
    ])).toEqual(['error value-collision KVM_ARM_VCPU_PMU_V3_SET_PMU include/uapi/linux/kvm.h:13: KVM_ARM_VCPU_PMU_V3_SET_PMU has the value 2 of KVM_ARM_VCPU_PMU_V3_FILTER (line 12)']);
  });

  test('docs: a member missing, a name the header lacks, another value', () => {
    const rst = [
      'Valid bits in args[0] are::',
      '',
      '  #define KVM_X86_DISABLE_EXITS_MWAIT            (1 << 0)',
      '  #define KVM_X86_DISABLE_EXITS_HLT              (1 << 1)',
      '  #define KVM_X86_DISABLE_EXITS_PAUSE            (1 << 5)',
      '  #define KVM_X86_DISABLE_EXITS_CSTATE           (1 << 3)',
      '  #define KVM_X86_DISABLE_EXITS_GONE             (1 << 6)',
      '',
      'Enabling this capability on a VM ...',
    ].join('\n');
    const docs = readLiteralBlocks('Documentation/virt/kvm/api.rst', rst);
    for (const d of docs[0].defines) d.value = { '(1 << 0)': 1n, '(1 << 1)': 2n, '(1 << 5)': 32n, '(1 << 3)': 8n, '(1 << 6)': 64n }[d.body];
    expect(run(EXITS, { docs })).toEqual([
      'error docs-drift KVM_X86_DISABLE_EXITS_APERFMPERF Documentation/virt/kvm/api.rst:7: the block after "Valid bits in args[0] are::" (line 1) does not list KVM_X86_DISABLE_EXITS_APERFMPERF (include/uapi/linux/kvm.h:14)',
      'error docs-drift KVM_X86_DISABLE_EXITS_PAUSE Documentation/virt/kvm/api.rst:5: gives KVM_X86_DISABLE_EXITS_PAUSE as (1 << 5) (0x20); include/uapi/linux/kvm.h:12 has 0x4',
      'error docs-drift KVM_X86_DISABLE_EXITS_GONE Documentation/virt/kvm/api.rst:7: lists KVM_X86_DISABLE_EXITS_GONE, which include/uapi/linux/kvm.h does not define',
    ]);
  });

  test('tools copy: lacking, other value, extra', () => {
    const copy = header('tools/include/uapi/linux/kvm.h', [
      { name: 'KVM_X86_DISABLE_EXITS_MWAIT', value: bit(0) },
      { name: 'KVM_X86_DISABLE_EXITS_HLT', value: bit(2) },
      { name: 'KVM_X86_DISABLE_EXITS_PAUSE', value: bit(2) },
      { name: 'KVM_X86_DISABLE_EXITS_CSTATE', value: bit(3) },
      { name: 'KVM_X86_DISABLE_EXITS_OLD', value: bit(5) },
    ], 100);
    expect(run(EXITS, { tools: { file: copy.file, constants: copy.constants } })).toEqual([
      'warning tools-drift KVM_X86_DISABLE_EXITS_HLT tools/include/uapi/linux/kvm.h:101: tools/include/uapi/linux/kvm.h has KVM_X86_DISABLE_EXITS_HLT = 0x4; include/uapi/linux/kvm.h:11 has 0x2',
      'warning tools-drift KVM_X86_DISABLE_EXITS_APERFMPERF tools/include/uapi/linux/kvm.h:103: tools/include/uapi/linux/kvm.h lacks KVM_X86_DISABLE_EXITS_APERFMPERF (0x10, include/uapi/linux/kvm.h:14)',
      'warning tools-drift KVM_X86_DISABLE_EXITS_OLD tools/include/uapi/linux/kvm.h:104: tools/include/uapi/linux/kvm.h has KVM_X86_DISABLE_EXITS_OLD (0x20), which include/uapi/linux/kvm.h does not define',
    ]);
  });

  test('a table without an entry', () => {
    const tables = [{ name: 'disable_exits[]', file: 'tools/perf/trace/beauty/x.c', line: 3, prefix: 'KVM_X86_DISABLE_EXITS_', entries: ['MWAIT', 'HLT', 'PAUSE', 'CSTATE'] }];
    expect(run(EXITS, { tables })).toEqual([
      'warning table-missing-entry KVM_X86_DISABLE_EXITS_APERFMPERF tools/perf/trace/beauty/x.c:3: disable_exits[] has no entry for KVM_X86_DISABLE_EXITS_APERFMPERF',
    ]);
  });
});
