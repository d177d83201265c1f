// How a pair of a kernel tree (a tools/ copy and the kernel original) is evaluated, and on which
// ABIs: a header under arch/x86 on x86_64 and i386, under arch/arm64 on arm64, a generic one on
// all three (asm/ resolving to each ABI's architecture). An architecture kdrift has no ABI for
// (arch/powerpc, …) is compared on x86_64's sizes with that architecture's directories.
//
// Include paths, by environment:
//   'tools' (default): both files in the tools copy's place, i.e. as a tool sees the header once
//       it is synced: tools/include, tools/arch/ARCH/include/uapi, tools/include/uapi,
//       tools/arch/ARCH/include (perf's -I, in its order; a copy outside them, such as perf's
//       beauty copies, first its own include root), then the kernel's uapi dirs standing in for
//       the system headers. Siblings resolve to their tools copies,
//       which are judged in their own pairs.
//   'own': each file with its own tree's path. The kernel original: include/uapi +
//       arch/ARCH/include/uapi for a uapi header (what headers_install ships), the kernel's
//       LINUXINCLUDE (arch/ARCH/include, include, then the uapi dirs) for any other. This also
//       reports what differs between the two include environments (tools/include/linux/types.h
//       defines `__packed`, the uapi one does not), which syncing the file does not change.
import { join } from 'node:path';
import { ABIS, type Abi } from '../model/types.js';
import type { HeaderSide } from './sides.js';

const ARCH_OF: Record<Abi, string> = { x86_64: 'x86', i386: 'x86', arm64: 'arm64' };

export type PairEnvironment = 'tools' | 'own';

export interface PairSides {
  old: HeaderSide;
  new: HeaderSide;
  abis: readonly Abi[];
}

/** The architecture directory a tree-relative path lies under (`arch/x86/...` → `x86`). */
function archOf(path: string): string | undefined {
  const parts = path.split('/');
  return parts[0] === 'arch' && parts.length > 2 ? parts[1] : undefined;
}

/** The kernel include root a header lies under, and its include name (`linux/kvm.h`). */
function includeName(kernel: string): { root: string; name: string } | undefined {
  const parts = kernel.split('/');
  const at = (k: number) => ({ root: parts.slice(0, k).join('/'), name: parts.slice(k).join('/') });
  if (parts[0] === 'arch' && parts[2] === 'include') return parts[3] === 'uapi' ? at(4) : at(3);
  if (parts[0] === 'include') return parts[1] === 'uapi' ? at(2) : at(1);
  return undefined;
}

/**
 * The two sides of a check pair (tree-relative paths, tools copy first) and the ABIs to compare
 * them on. The tools copy is the old side: what a tool built today sees; the kernel's is the new.
 */
export function pairSides(tree: string, tools: string, kernel: string, environment: PairEnvironment = 'tools'): PairSides {
  const arch = archOf(kernel);
  const known = arch === undefined || Object.values(ARCH_OF).includes(arch);
  const abis: readonly Abi[] = arch === undefined ? ABIS : known ? ABIS.filter((a) => ARCH_OF[a] === arch) : ['x86_64'];
  const archFor = (abi: Abi) => (known ? ARCH_OF[abi] : arch!);
  const inc = includeName(kernel);
  const uapi = (a: string) => [join(tree, 'include/uapi'), join(tree, 'arch', a, 'include/uapi')];
  const kernelDirs = (abi: Abi): string[] => {
    const a = archFor(abi);
    const isUapi = !inc || inc.root.endsWith('uapi');
    return isUapi ? uapi(a) : [join(tree, 'arch', a, 'include'), join(tree, 'include'), ...uapi(a)];
  };
  const toolsRoot = inc && tools.endsWith('/' + inc.name) ? tools.slice(0, -inc.name.length - 1) : undefined;
  const toolsDirs = (abi: Abi): string[] => {
    const a = archFor(abi);
    // perf's INC_FLAGS (tools/perf/Makefile.config, 6.1 to 6.12), in its order: tools/include
    // before tools/include/uapi, so <linux/types.h> is tools' kernel-style one (u32, bool)
    const perf = [join(tree, 'tools/include'), join(tree, 'tools/arch', a, 'include/uapi'), join(tree, 'tools/include/uapi'), join(tree, 'tools/arch', a, 'include')];
    // a copy outside them (perf's beauty copies) has its siblings in its own root
    const own = toolsRoot && !perf.includes(join(tree, toolsRoot)) ? [join(tree, toolsRoot)] : [];
    return [...new Set([...own, ...perf, ...uapi(a)])];
  };
  return {
    old: { path: join(tree, tools), label: tools, includeDirs: toolsDirs },
    new: { path: join(tree, kernel), label: kernel, includeDirs: environment === 'tools' ? toolsDirs : kernelDirs },
    abis,
  };
}
