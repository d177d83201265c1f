// Which headers of a tree validate reads, and how: the (tools copy, kernel original) pairs that
// tools/perf/check-headers.sh lists (read by src/check/, never run), or, in trees without the
// script, every tools/**/*.h whose original exists; the ABI and include path of each header.
import { existsSync, readdirSync, statSync } from '../fs.js';
import { join } from 'node:path';
import { loadPairList, SCRIPT_PATH } from '../check/run.js';
import type { Abi } from '../model/types.js';

export interface HeaderPair {
  kernel: string;
  tools?: string;
}

export interface PairsFound {
  pairs: HeaderPair[];
  /** Where they came from, for the report. */
  source: string;
  notes: string[];
}

/** The C header pairs of the tree (paths relative to it). */
export function headerPairs(tree: string): PairsFound {
  const notes: string[] = [];
  if (existsSync(join(tree, SCRIPT_PATH))) {
    try {
      const list = loadPairList({ tree, cwd: tree, strict: false });
      const pairs = list.pairs.filter((p) => p.kernel.endsWith('.h')).map((p) => ({ kernel: p.kernel, tools: p.tools }));
      return { pairs: dedupe(pairs), source: SCRIPT_PATH, notes: list.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`) };
    } catch (e) {
      notes.push(`${SCRIPT_PATH} could not be read (${e instanceof Error ? e.message : String(e)}); pairing tools/ headers by path`);
    }
  }
  const pairs: HeaderPair[] = [];
  for (const copy of walk(tree, 'tools', (f) => f.endsWith('.h'))) {
    const kernel = copy.slice('tools/'.length);
    if (existsSync(join(tree, kernel))) pairs.push({ kernel, tools: copy });
  }
  return { pairs, source: 'tools/**/*.h paired by path', notes };
}

function dedupe(pairs: HeaderPair[]): HeaderPair[] {
  const seen = new Set<string>();
  return pairs.filter((p) => {
    const k = `${p.kernel}\0${p.tools ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Tree-relative paths of the files under `dir` that `keep` accepts, sorted. */
export function walk(tree: string, dir: string, keep: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const rec = (rel: string) => {
    let names: string[];
    try {
      names = readdirSync(join(tree, rel));
    } catch {
      return;
    }
    for (const n of names.sort()) {
      const r = `${rel}/${n}`;
      let st;
      try {
        st = statSync(join(tree, r));
      } catch {
        continue;
      }
      if (st.isDirectory()) rec(r);
      else if (keep(r)) out.push(r);
    }
  };
  rec(dir);
  return out;
}

/** `arch/arm64/…` and `tools/arch/arm64/…` → arm64; other architectures' headers are read as x86_64. */
export function archOf(rel: string): { arch: string; abi: Abi } {
  const m = /^(?:tools\/)?arch\/([^/]+)\//.exec(rel);
  const arch = m ? m[1] : 'x86';
  return { arch, abi: arch === 'arm64' ? 'arm64' : 'x86_64' };
}

/**
 * The include path a header is read with: a uapi header as userspace sees it (the arch's uapi,
 * then the generic uapi); a kernel-internal header as the kernel build does; a tools/ copy with
 * tools/ first and the kernel's uapi after it for what tools/ does not copy.
 */
export function includeDirs(tree: string, rel: string): string[] {
  const { arch } = archOf(rel);
  const t = (p: string) => join(tree, p);
  const uapi = [t(`arch/${arch}/include/uapi`), t(`arch/${arch}/include/generated/uapi`), t('include/uapi'), t('include/generated/uapi')];
  if (rel.startsWith('tools/')) return [t(`tools/arch/${arch}/include/uapi`), t('tools/include/uapi'), ...uapi];
  if (rel.includes('/uapi/')) return uapi;
  return [t(`arch/${arch}/include`), t(`arch/${arch}/include/generated`), t('include'), ...uapi];
}
