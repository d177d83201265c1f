// The real kernel tree of the kernel test tier: where it is, how to copy parts of it, and a guard that it stays pristine.
//
// `scripts/kernel-tree.sh [CACHE]` builds the tree (default CACHE = <repo>/.cache/kernel):
//   CACHE/linux                    pristine partial source of Debian's linux-source-6.12 -> KDRIFT_KERNEL_SRC
//   CACHE/hdr/{x86,arm64}/include  `make headers_install` output                           (KDRIFT_KERNEL_HDR = CACHE/hdr)
//   CACHE/i386-stubs               empty gnu/stubs-32.h for `gcc -m32` without gcc-multilib
//   CACHE/linux-6.1                the same parts of Debian's linux-source-6.1, source only     -> olderKernelTree()
// The cache is shared by every test and every run: tests never write into it. A test that needs
// to change files works on a copy (`copyTree`); the default export, registered as vitest's
// globalSetup by vitest.kernel.config.ts, fails the run when anything under the cache changed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

export interface KernelTree {
  /** The source tree (KDRIFT_KERNEL_SRC), absolute. Read-only. */
  src: string;
  /** `include` dir of `make headers_install ARCH=x86`: what `-I` takes. */
  hdrX86: string;
  /** `include` dir of `make headers_install ARCH=arm64`. */
  hdrArm64: string;
  /** For `gcc -m32 -idirafter <i386Stubs> -idirafter /usr/include/x86_64-linux-gnu`. */
  i386Stubs: string;
}

const HOW_TO = 'run `bash scripts/kernel-tree.sh`, then `KDRIFT_KERNEL_SRC=<repo>/.cache/kernel/linux npm test`';

/**
 * The kernel tree named by KDRIFT_KERNEL_SRC, or null when it is unset (the unit tier).
 * Throws when it is set but incomplete: a half-built tree must fail, not skip.
 */
export function kernelTree(env: NodeJS.ProcessEnv = process.env): KernelTree | null {
  const srcVar = env.KDRIFT_KERNEL_SRC;
  if (!srcVar) return null;
  const src = resolve(srcVar);
  const hdr = resolve(env.KDRIFT_KERNEL_HDR || join(src, '..', 'hdr'));
  const tree: KernelTree = {
    src,
    hdrX86: join(hdr, 'x86', 'include'),
    hdrArm64: join(hdr, 'arm64', 'include'),
    i386Stubs: join(dirname(hdr), 'i386-stubs'),
  };
  const expected: [string, string][] = [
    [join(tree.src, 'Makefile'), 'KDRIFT_KERNEL_SRC'],
    [join(tree.src, 'tools', 'perf', 'check-headers.sh'), 'KDRIFT_KERNEL_SRC'],
    [join(tree.hdrX86, 'linux', 'types.h'), 'KDRIFT_KERNEL_HDR'],
    [join(tree.hdrArm64, 'linux', 'types.h'), 'KDRIFT_KERNEL_HDR'],
    [join(tree.i386Stubs, 'gnu', 'stubs-32.h'), 'KDRIFT_KERNEL_HDR'],
  ];
  for (const [file, variable] of expected) {
    if (!existsSync(file)) throw new Error(`kernel tree incomplete: ${file} is missing (from ${variable}); ${HOW_TO}`);
  }
  return tree;
}

/** kernelTree(), or an error saying how to get one: for files of the kernel tier. */
export function requireKernelTree(): KernelTree {
  const tree = kernelTree();
  if (!tree) throw new Error(`KDRIFT_KERNEL_SRC is not set: the kernel tier needs the real kernel tree; ${HOW_TO}`);
  return tree;
}

/**
 * The second, older real tree: Debian's linux-source-6.1, source only (an older check-headers.sh
 * with the old warning format, and Makefile.perf's generators of that release). It is
 * CACHE/linux-6.1, the sibling of KDRIFT_KERNEL_SRC, unless KDRIFT_KERNEL_SRC_6_1 names another
 * (e.g. a full v6.1 checkout); tests read that variable, kdrift never does. Null when
 * KDRIFT_KERNEL_SRC is unset (the unit tier); throws when it is set but the 6.1 tree is missing.
 */
export function olderKernelTree(env: NodeJS.ProcessEnv = process.env): string | null {
  if (!env.KDRIFT_KERNEL_SRC) return null;
  const variable = env.KDRIFT_KERNEL_SRC_6_1 ? 'KDRIFT_KERNEL_SRC_6_1' : 'KDRIFT_KERNEL_SRC: its sibling linux-6.1';
  const src = resolve(env.KDRIFT_KERNEL_SRC_6_1 || join(env.KDRIFT_KERNEL_SRC, '..', 'linux-6.1'));
  for (const file of ['Makefile', 'tools/perf/check-headers.sh', 'tools/perf/Makefile.perf']) {
    if (!existsSync(join(src, file))) {
      throw new Error(`the linux-6.1 tree is missing: ${join(src, file)} does not exist (from ${variable}); ${HOW_TO}`);
    }
  }
  return src;
}

/**
 * `make headers_install` of the 6.1 tree (x86, arm64): CACHE/hdr-6.1, beside the tree's parent
 * (scripts/kernel-tree.sh). Throws, saying how to get them, when they are missing.
 */
export function requireOlderKernelHeaders(): { hdrX86: string; hdrArm64: string } {
  const src = requireOlderKernelTree();
  const hdr = join(dirname(src), 'hdr-6.1');
  const out = { hdrX86: join(hdr, 'x86', 'include'), hdrArm64: join(hdr, 'arm64', 'include') };
  for (const dir of [out.hdrX86, out.hdrArm64]) {
    if (!existsSync(join(dir, 'linux', 'types.h'))) throw new Error(`the 6.1 tree's installed headers are missing: ${dir}; ${HOW_TO}`);
  }
  return out;
}

/** olderKernelTree(), or an error saying how to get it: for the *-6.1.kernel.test.ts files. */
export function requireOlderKernelTree(): string {
  const src = olderKernelTree();
  if (!src) throw new Error(`KDRIFT_KERNEL_SRC is not set: the kernel tier needs the real kernel trees; ${HOW_TO}`);
  return src;
}

export interface CopyOptions {
  /**
   * Paths (relative to src) hardlinked instead of copied: 5x faster (include/ + tools/: 0.9 s
   * against 5 s), but writing into a linked file writes into the cache. Only for parts the test
   * reads; to change one such file anyway, `replaceFile` it (that breaks the link first).
   */
  link?: string[];
}

/**
 * Copies `subdirs` (files or directories, relative to `src`) of a tree to `dst`, keeping their
 * paths (`cp -a --parents`), so that a test may change them. Returns `dst`. Every copied byte
 * is the test's own; only `opts.link` paths share inodes with the cache.
 */
export function copyTree(src: string, dst: string, subdirs: string[], opts: CopyOptions = {}): string {
  const from = resolve(src);
  const to = resolve(dst);
  const rel = relative(from, to);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw new Error(`copyTree: destination ${to} lies inside the source tree ${from}`);
  }
  for (const p of [...subdirs, ...(opts.link ?? [])]) {
    if (isAbsolute(p) || p.split('/').includes('..')) throw new Error(`copyTree: ${p} is not a path inside the tree`);
    if (!existsSync(join(from, p))) throw new Error(`copyTree: ${join(from, p)} does not exist`);
  }
  mkdirSync(to, { recursive: true });
  if (subdirs.length) execFileSync('cp', ['-a', '--parents', '--', ...subdirs, to], { cwd: from, stdio: 'inherit' });
  if (opts.link?.length) execFileSync('cp', ['-al', '--parents', '--', ...opts.link, to], { cwd: from, stdio: 'inherit' });
  return to;
}

/** Writes `file` as a new inode (unlink first): safe on a hardlinked copy. */
export function replaceFile(file: string, content: string | Uint8Array): void {
  if (existsSync(file)) unlinkSync(file);
  writeFileSync(file, content);
}

/** A fresh temporary directory for a test's copy; remove it with `rmSync(dir, { recursive: true })`. */
export function tempDir(prefix = 'kdrift-kernel-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * vitest globalSetup of the kernel tier (vitest.kernel.config.ts): checks the tree is complete
 * before any test, and after the last one fails the run if any file or directory under the
 * cache (source, headers, stubs) was modified, created or deleted.
 */
export default function kernelTierGuard(): (() => void) | undefined {
  const tree = kernelTree();
  if (!tree) return undefined; // no tree: requireKernelTree() fails the tests that need one
  const marker = join(mkdtempSync(join(tmpdir(), 'kdrift-guard-')), 'start');
  writeFileSync(marker, '');
  const roots = [tree.src, dirname(tree.hdrX86), dirname(tree.hdrArm64), tree.i386Stubs];
  // The 6.1 tree too, when there is one: its absence fails the tests that need it, not the run.
  const older = resolve(process.env.KDRIFT_KERNEL_SRC_6_1 || join(tree.src, '..', 'linux-6.1'));
  if (existsSync(older)) roots.push(older);
  return () => {
    const changed = execFileSync('find', [...roots, '-newer', marker, '-print'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    rmSync(dirname(marker), { recursive: true, force: true });
    if (changed.length) {
      const shown = changed.slice(0, 10).join('\n  ');
      throw new Error(
        `a kernel-tier test modified the shared kernel cache (${changed.length} paths changed, mtime after the run began):\n  ${shown}\n` +
          'tests must work on copyTree() copies (and replaceFile() on hardlinked ones); rebuild the cache: ' +
          `rm -rf ${dirname(tree.src)} && bash scripts/kernel-tree.sh`,
      );
    }
  };
}

