// Which gcc, with which flags, answers for each ABI; and the header trees the oracle runs over.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ABIS = ['x86_64', 'i386', 'arm64'] as const;
export type Abi = (typeof ABIS)[number];

export interface Toolchain {
  abi: Abi;
  cc: string;
  /** Flags that select the target ABI (before the include options). */
  target: string[];
}

/** The C compiler whose answers are the truth for `abi`, with the flags that make it emit constants. */
export function toolchain(abi: Abi): Toolchain {
  switch (abi) {
    case 'x86_64':
      return { abi, cc: 'gcc', target: [] };
    case 'i386':
      // -m32 without gcc-multilib: glibc's x86_64 headers are bi-arch (FACTS.md); freestanding
      // keeps gcc's own <stdint.h> from wanting the 32-bit glibc.
      return { abi, cc: 'gcc', target: ['-m32', '-ffreestanding'] };
    case 'arm64':
      return { abi, cc: 'aarch64-linux-gnu-gcc', target: [] };
  }
}

/** True when `cc` runs. */
export function hasCompiler(cc: string): boolean {
  try {
    execFileSync(cc, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** One header tree on one ABI: what kdrift and gcc each get to find `#include <…>`. */
export interface Tree {
  abi: Abi;
  /** The include directory the headers are named relative to (`linux/kvm.h`). */
  root: string;
  /** `-I` of `kdrift dump`, in order. */
  kdriftIncludes: string[];
  /** Include options of gcc (-I, -idirafter …). */
  gccIncludes: string[];
}

let stubs: string | undefined;

/** A directory holding an empty `gnu/stubs-32.h` (made once per process): `gcc -m32` without the 32-bit glibc. */
export function i386Stubs(): string {
  if (stubs) return stubs;
  const dir = mkdtempSync(join(tmpdir(), 'kdrift-oracle-stubs-'));
  mkdirSync(join(dir, 'gnu'));
  writeFileSync(join(dir, 'gnu', 'stubs-32.h'), '');
  return (stubs = dir);
}

const MULTIARCH = '/usr/include/x86_64-linux-gnu';
const ARM64_SYSROOT = '/usr/aarch64-linux-gnu/include';

/**
 * The system's uapi headers (linux-libc-dev): /usr/include on x86_64, the same with x86_64's
 * bi-arch asm/ on i386, and the cross sysroot on arm64. Null when the ABI's compiler or headers
 * are missing.
 */
export function systemTree(abi: Abi): Tree | null {
  switch (abi) {
    case 'x86_64':
      if (!existsSync(join(MULTIARCH, 'asm'))) return null;
      return { abi, root: '/usr/include', kdriftIncludes: [MULTIARCH, '/usr/include'], gccIncludes: [] };
    case 'i386':
      if (!existsSync(join(MULTIARCH, 'asm'))) return null;
      return { abi, root: '/usr/include', kdriftIncludes: [MULTIARCH, '/usr/include'], gccIncludes: ['-idirafter', i386Stubs(), '-idirafter', MULTIARCH] };
    case 'arm64':
      if (!existsSync(join(ARM64_SYSROOT, 'linux')) || !hasCompiler(toolchain('arm64').cc)) return null;
      return { abi, root: ARM64_SYSROOT, kdriftIncludes: [ARM64_SYSROOT], gccIncludes: [] };
  }
}

/**
 * The output of `make headers_install` (its `include` dir) on `abi`: kdrift and gcc both get
 * `-I <include>` first, then the libc headers gcc finds on its own (some uapi headers include
 * <sys/ioctl.h>, <sys/socket.h>): without them kdrift would miss `_IOR` or `struct sockaddr`
 * where gcc does not, a difference of setup, not of kdrift.
 */
export function installedTree(abi: Abi, include: string, stubsDir = i386Stubs()): Tree {
  const gccIncludes = ['-I', include];
  if (abi === 'i386') gccIncludes.push('-idirafter', stubsDir, '-idirafter', MULTIARCH);
  const libc = abi === 'arm64' ? [ARM64_SYSROOT] : [MULTIARCH, '/usr/include'];
  return { abi, root: include, kdriftIncludes: [include, ...libc.filter((d) => existsSync(d))], gccIncludes };
}
