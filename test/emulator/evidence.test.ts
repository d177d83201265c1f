import { join } from 'node:path';
import { describe, test } from 'vitest';
import { functionName, orOfIdentifiers, treeEvidence } from '../../src/emulator/evidence.js';
import { REPO } from '../helpers/run.js';

const tree = (c: string) => join(REPO, 'fixtures', 'validate', c);

describe('treeEvidence (tree-sitter over the fixtures’ C files)', () => {
  test('functions, and what they name', ({ expect }) => {
    const ev = treeEvidence(tree('aperfmperf-done-right'));
    expect(ev.hasFunction('arch/x86/kvm/x86.c', 'kvm_get_allowed_disable_exits')).toBe(true);
    expect(ev.hasFunction('arch/x86/kvm/x86.c', 'kvm_vm_ioctl_enable_cap')).toBe(true);
    expect(ev.hasFunction('arch/x86/kvm/x86.c', 'mitigate_smt_rsb')).toBe(false);
    expect(ev.functionMentions('arch/x86/kvm/x86.c', 'kvm_get_allowed_disable_exits', 'KVM_X86_DISABLE_EXITS_APERFMPERF')).toBe(true);
    expect(ev.functionMentions('arch/x86/kvm/x86.c', 'kvm_can_mwait_in_guest', 'KVM_X86_DISABLE_EXITS_APERFMPERF')).toBe(false);
    expect(ev.mentions('arch/x86/kvm/x86.c', 'created_vcpus')).toBe(true);
    expect(ev.hasFunction('arch/x86/kvm/nope.c', 'x')).toBeUndefined();
  });

  test('the 6.12 fixture has no kvm_get_allowed_disable_exits()', ({ expect }) => {
    const ev = treeEvidence(tree('aperfmperf-mask-left-behind'));
    expect(ev.hasFunction('arch/x86/kvm/x86.c', 'kvm_get_allowed_disable_exits')).toBe(false);
    expect(ev.functionMentions('arch/x86/kvm/x86.c', 'kvm_vm_ioctl_enable_cap', 'KVM_X86_DISABLE_VALID_EXITS')).toBe(true);
  });

  test('#defines of a header, and OR bodies through the lexer', ({ expect }) => {
    const ev = treeEvidence(tree('aperfmperf-mask-left-behind'));
    const d = ev.define('include/uapi/linux/kvm.h', 'KVM_X86_DISABLE_VALID_EXITS')!;
    expect(d.orOf).toEqual(['KVM_X86_DISABLE_EXITS_MWAIT', 'KVM_X86_DISABLE_EXITS_HLT', 'KVM_X86_DISABLE_EXITS_PAUSE', 'KVM_X86_DISABLE_EXITS_CSTATE']);
    expect(orOfIdentifiers('(1 << 4)')).toBeNull();
    expect(typeof functionName).toBe('function');
  });
});
