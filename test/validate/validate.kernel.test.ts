// `kdrift validate` on the real tree (KDRIFT_KERNEL_SRC): the whole tree without a crash, its
// findings printed. On 6.12 (CI's tree): the APERFMPERF change made to a copy of it the wrong way
// (the uapi header alone), which must be caught by the mask, the docs, the tools copy and the
// model. On a tree that already has APERFMPERF (7.x, `scripts/kernel-tree.sh --next`): the
// models' post-6.12 generations, and kvm_get_allowed_disable_exits() made to leave it out.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { allFindings } from '../../src/validate/result.js';
import { renderText } from '../../src/validate/render-text.js';
import { validateTree } from '../../src/validate/run.js';
import { copyTree, replaceFile, requireKernelTree, tempDir } from '../helpers/kernel.js';

/** The tree has the APERFMPERF exit already (7.x): its models are the post-6.12 generations. */
function hasAperfmperf(src: string): boolean {
  return readFileSync(join(src, 'include/uapi/linux/kvm.h'), 'latin1').includes('#define KVM_X86_DISABLE_EXITS_APERFMPERF');
}

/**
 * Runs `edit` on a copy of what validate reads of the tree (the KVM docs, x86.c and the script
 * copied; the uapi directories and their tools copies linked), then removes the copy.
 */
function onCopy<T>(src: string, edit: (dir: string) => T): T {
  const dir = tempDir('kdrift-validate-');
  try {
    copyTree(src, dir, ['Documentation/virt/kvm', 'arch/x86/kvm/x86.c', 'tools/perf/check-headers.sh'], {
      link: ['include/uapi', 'arch/x86/include/uapi', 'tools/include/uapi', 'tools/arch/x86/include/uapi'],
    });
    return edit(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('kdrift validate on the kernel tree', () => {
  test('the whole tree', ({ expect }) => {
    const k = requireKernelTree();
    const r = validateTree({ tree: k.src });
    console.log(renderText(r));
    expect(r.pairs).toBe('tools/perf/check-headers.sh');
    expect(r.headers.length).toBeGreaterThan(70);
    expect(r.families.length).toBeGreaterThan(300);
    if (hasAperfmperf(k.src)) {
      // each model finds its newest generation in the tree's own code, and nothing to report
      expect(r.models.map((m) => `${m.model} ${m.generation}`)).toEqual([
        'kvm-x86-disable-exits post-6.12+aperfmperf',
        'kvm-x86-quirks supported-quirks',
        'perf-mediated-pmu mediated-vpmu+unaccount-warn',
        'arm64-pmu-set-pmu post-6.12 (SET_NR_COUNTERS)',
      ]);
      expect(r.skipped).toEqual([]);
      expect(r.models.flatMap((m) => m.findings.map((f) => `${m.model}: ${f.code} ${f.name}`))).toEqual([]);
      return;
    }
    expect(r.models.map((m) => `${m.model} ${m.generation}`)).toEqual(['kvm-x86-disable-exits 6.12', 'kvm-x86-quirks supported-quirks', 'arm64-pmu-set-pmu 6.12']);
    expect(r.skipped).toEqual([{ model: 'perf-mediated-pmu', reason: 'PERF_PMU_CAP_MEDIATED_VPMU not defined in include/linux/perf_event.h' }]);

    const byModel = Object.fromEntries(r.models.map((m) => [m.model, m.findings.map((f) => `${f.code} ${f.name}`)]));
    // 6.12 accepts and ignores: MWAIT without MWAIT in the guest, HLT/CSTATE/MWAIT under
    // mitigate_smt_rsb, anything once vCPUs exist
    expect(byModel['kvm-x86-disable-exits']).toEqual([
      'accepted-not-honored KVM_X86_DISABLE_EXITS_MWAIT',
      'accepted-not-honored KVM_X86_DISABLE_EXITS_HLT',
      'accepted-not-honored KVM_X86_DISABLE_EXITS_PAUSE',
      'accepted-not-honored KVM_X86_DISABLE_EXITS_CSTATE',
    ]);
    expect(byModel['kvm-x86-quirks']).toEqual([]);
    expect(byModel['arm64-pmu-set-pmu']).toEqual([]);

    const exits = r.families.find((f) => f.family.prefix === 'KVM_X86_DISABLE_EXITS_')!;
    expect(exits.family.members.map((m) => m.name.slice(22))).toEqual(['MWAIT', 'HLT', 'PAUSE', 'CSTATE']);
    expect(exits.family.masks.map((m) => `${m.name} ${m.kind}`)).toEqual(['KVM_X86_DISABLE_VALID_EXITS valid']);
    expect(exits.findings).toEqual([]);
    const quirks = r.families.find((f) => f.family.prefix === 'KVM_X86_QUIRK_')!;
    expect(quirks.findings.map((f) => `${f.code} ${f.name}`)).toEqual([
      'tools-drift KVM_X86_QUIRK_STUFF_FEATURE_MSRS',
      'tools-drift KVM_X86_QUIRK_IGNORE_GUEST_PAT',
      'tools-drift KVM_X86_QUIRK_VMCS12_ALLOW_FREEZE_IN_SMM',
    ]);
    const attrs = r.families.find((f) => f.family.prefix === 'KVM_ARM_VCPU_PMU_V3_' && f.family.header === 'arch/arm64/include/uapi/asm/kvm.h')!;
    expect(attrs.family.members.map((m) => `${m.name.slice(20)}=${m.value}`)).toEqual(['IRQ=0', 'INIT=1', 'FILTER=2', 'SET_PMU=3']);
    expect(attrs.findings).toEqual([]);
  });

  test('7.x: APERFMPERF defined, but kvm_get_allowed_disable_exits() no longer allows it', ({ expect }) => {
    const k = requireKernelTree();
    if (!hasAperfmperf(k.src)) {
      // 6.12 has no kvm_get_allowed_disable_exits(): the next test makes its change
      expect(readFileSync(join(k.src, 'arch/x86/kvm/x86.c'), 'latin1')).not.toContain('kvm_get_allowed_disable_exits');
      return;
    }
    onCopy(k.src, (dir) => {
      const file = join(dir, 'arch/x86/kvm/x86.c');
      const text = readFileSync(file, 'latin1');
      const cut = text.replace(/\n\t\tr \|= KVM_X86_DISABLE_EXITS_APERFMPERF;\n/, '\n\t\t;\n');
      expect(cut).not.toBe(text);
      replaceFile(file, cut);
      const r = validateTree({ tree: dir });
      const about = allFindings(r).filter((f) => f.name === 'KVM_X86_DISABLE_EXITS_APERFMPERF');
      console.log(about.map((f) => `${f.file}:${f.line}: ${f.severity}: ${f.message} [${f.code}]`).join('\n'));
      expect(about.map((f) => `${f.severity} ${f.code}`)).toEqual(['error never-enabled']);
    });
  });

  test('APERFMPERF added to include/uapi/linux/kvm.h alone', ({ expect }) => {
    const k = requireKernelTree();
    if (hasAperfmperf(k.src)) {
      // the tree made the change itself (7.x): the test above breaks it instead
      expect(readFileSync(join(k.src, 'arch/x86/kvm/x86.c'), 'latin1')).toContain('kvm_get_allowed_disable_exits');
      return;
    }
    onCopy(k.src, (dir) => {
      const file = join(dir, 'include/uapi/linux/kvm.h');
      const lines = readFileSync(file, 'utf8').split('\n');
      const at = lines.findIndex((l) => l.startsWith('#define KVM_X86_DISABLE_EXITS_CSTATE'));
      expect(at).toBeGreaterThan(0);
      lines.splice(at + 1, 0, '#define KVM_X86_DISABLE_EXITS_APERFMPERF     (1 << 4)');
      replaceFile(file, lines.join('\n'));

      const r = validateTree({ tree: dir });
      const about = allFindings(r).filter((f) => f.name === 'KVM_X86_DISABLE_EXITS_APERFMPERF');
      console.log(about.map((f) => `${f.file}:${f.line}: ${f.severity}: ${f.message} [${f.code}]`).join('\n'));
      expect(about.map((f) => `${f.severity} ${f.code}`)).toEqual([
        'error missing-from-mask',
        'error docs-drift',
        'warning tools-drift',
        'error never-enabled',
      ]);
    });
  });
});
