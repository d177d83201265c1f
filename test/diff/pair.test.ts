// src/diff/pair.ts: which ABIs a check pair is compared on, and each side's include path.
import { describe, test } from 'vitest';
import { pairSides, type PairEnvironment } from '../../src/diff/pair.js';
import type { Abi } from '../../src/model/types.js';

const T = '/k';
const dirs = (s: ReturnType<typeof pairSides>['old'], abi: Abi) =>
  (typeof s.includeDirs === 'function' ? s.includeDirs(abi) : s.includeDirs).map((d) => d.slice(T.length + 1)).join(' ');

describe('pairSides', () => {
  test.for([
    ['tools/include/uapi/linux/kvm.h', 'include/uapi/linux/kvm.h', 'x86_64 i386 arm64'],
    ['tools/arch/x86/include/uapi/asm/kvm.h', 'arch/x86/include/uapi/asm/kvm.h', 'x86_64 i386'],
    ['tools/arch/arm64/include/asm/cputype.h', 'arch/arm64/include/asm/cputype.h', 'arm64'],
    ['tools/arch/powerpc/include/uapi/asm/kvm.h', 'arch/powerpc/include/uapi/asm/kvm.h', 'x86_64'],
  ])('%s is compared on %s', ([tools, kernel, abis], { expect }) => {
    expect(pairSides(T, tools, kernel).abis.join(' ')).toBe(abis);
  });

  test.for([
    [
      'tools',
      'tools/perf/trace/beauty/include/uapi/linux/mount.h',
      'include/uapi/linux/mount.h',
      'arm64',
      'tools/perf/trace/beauty/include/uapi tools/include tools/arch/arm64/include/uapi tools/include/uapi tools/arch/arm64/include include/uapi arch/arm64/include/uapi',
      'tools/perf/trace/beauty/include/uapi tools/include tools/arch/arm64/include/uapi tools/include/uapi tools/arch/arm64/include include/uapi arch/arm64/include/uapi',
    ],
    [
      'own',
      'tools/include/uapi/linux/kvm.h',
      'include/uapi/linux/kvm.h',
      'i386',
      'tools/include tools/arch/x86/include/uapi tools/include/uapi tools/arch/x86/include include/uapi arch/x86/include/uapi',
      'include/uapi arch/x86/include/uapi',
    ],
    [
      'own',
      'tools/arch/x86/include/asm/msr-index.h',
      'arch/x86/include/asm/msr-index.h',
      'x86_64',
      'tools/include tools/arch/x86/include/uapi tools/include/uapi tools/arch/x86/include include/uapi arch/x86/include/uapi',
      'arch/x86/include include include/uapi arch/x86/include/uapi',
    ],
  ] as [PairEnvironment, string, string, Abi, string, string][])('%s environment: %s on %s', ([env, tools, kernel, abi, old, neu], { expect }) => {
    const s = pairSides(T, tools, kernel, env);
    expect(dirs(s.old, abi)).toBe(old);
    expect(dirs(s.new, abi)).toBe(neu);
    expect(s.old.label).toBe(tools);
    expect(s.new.label).toBe(kernel);
  });
});
