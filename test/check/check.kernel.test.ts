// Kernel tier of `kdrift check`: the real 6.12 tree's own tools/perf/check-headers.sh, run by
// bash, against kdrift reading it, on a copy of the parts of the tree the script touches: first
// as it is, then after each of a series of mutations (a comment, a deleted copy, a line an -I
// regex matches, a blank line, broken ignore-hunks files, random edits). Both must list the same
// pairs, in the same order, after every one. The shared cache is never written.
import { existsSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadPairList } from '../../src/check/run.js';
import { copyTree, replaceFile, requireKernelTree, tempDir } from '../helpers/kernel.js';
import { runKdrift, runScript } from '../helpers/run.js';
import { runMain } from './run-main.js';

let src: string;
let tmp: string;
let tree: string;

/** What a run lists: the `diff -u` pairs of the warning block and the "not found" messages. */
function listed(stdout: string): string[] {
  return stdout
    .split('\n')
    .flatMap((l) => {
      const m = /^\s*diff -u (\S+) (\S+)$/.exec(l);
      if (m) return [`${m[1]} ${m[2]}`];
      return / not found\. Skipping /.test(l) ? [l] : [];
    });
}

async function script(): Promise<string[]> {
  const r = await runScript('bash ./check-headers.sh', join(tree, 'tools', 'perf'), { env: { NO_COLOR: '1' } });
  expect(r.code).toBe(0);
  return listed(r.stdout);
}

async function kdrift(): Promise<{ listed: string[]; stderr: string }> {
  const r = await runMain(['check', '--tree', tree]);
  expect(r.code).toBe(0);
  return { listed: listed(r.stdout), stderr: r.stderr };
}

async function agree(what: string): Promise<string[]> {
  const theirs = await script();
  const ours = await kdrift();
  expect(ours.listed, `after: ${what}`).toEqual(theirs);
  return theirs;
}

/** Applies an edit to a file of the copy, runs `body`, then puts the file back. */
async function mutated(rel: string, edit: ((text: string) => string) | 'delete', body: () => Promise<void>): Promise<void> {
  const file = join(tree, rel);
  const before = existsSync(file) ? readFileSync(file) : null;
  if (edit === 'delete') unlinkSync(file);
  else {
    const text = before ? before.toString('latin1') : '';
    const after = edit(text);
    expect(after, `the edit of ${rel} changes it`).not.toBe(text);
    replaceFile(file, Buffer.from(after, 'latin1'));
  }
  try {
    await body();
  } finally {
    if (before) replaceFile(file, before);
    else if (existsSync(file)) unlinkSync(file);
  }
}

beforeAll(() => {
  src = requireKernelTree().src;
  // The parts of the tree the script reads: itself, its hunks files, and both sides of each pair.
  const list = loadPairList({ tree: src, cwd: src, strict: false });
  const paths = new Set(['tools/perf/check-headers.sh', 'tools/perf/check-header_ignore_hunks']);
  for (const p of list.pairs) for (const f of [p.tools, p.kernel]) if (existsSync(join(src, f))) paths.add(f);
  tmp = tempDir('kdrift-check-');
  tree = copyTree(src, join(tmp, 'linux'), [...paths].sort());
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('kdrift check on the 6.12 tree', () => {
  test('the pristine tree: the same pairs as check-headers.sh, read without warnings', async () => {
    const theirs = await script();
    expect(theirs.length).toBeGreaterThan(0);
    const ours = await kdrift();
    expect(ours.listed).toEqual(theirs);
    expect(ours.stderr).toBe('');
  });

  test('the real binary, run without arguments in tools/perf, prints the same block', async () => {
    const theirs = await runScript('bash ./check-headers.sh', join(tree, 'tools', 'perf'));
    const ours = await runKdrift(['check'], { cwd: join(tree, 'tools', 'perf') });
    expect(ours.code).toBe(0);
    // the script's block byte for byte, then the semantic verdicts after a blank line
    const block = theirs.stdout.replace(/\x1b\[[0-9;]*m/g, '');
    expect(ours.stdout.slice(0, block.length)).toBe(block);
    expect(ours.stdout.slice(block.length)).toMatch(/^(\nSemantic diff of \d+ differing pairs?: [^\n]+\n[\s\S]*)?$/);
    const plain = await runKdrift(['check', '--no-semantic'], { cwd: join(tree, 'tools', 'perf') });
    expect(plain.stdout).toBe(block);
  });

  test.for([
    ['a comment changed in an identical -B copy', 'tools/include/uapi/linux/const.h', (t: string) => t.replace('/* const.h: Macros for dealing with constants.  */', '/* const.h: macros for constants. */')],
    ['a tools copy deleted', 'tools/include/uapi/linux/kcmp.h', 'delete'],
    ['a kernel file deleted', 'include/uapi/linux/kcmp.h', 'delete'],
    ['a blank line added to a -B copy', 'tools/include/uapi/linux/fadvise.h', (t: string) => t.replace('#define POSIX_FADV_NORMAL', '\n#define POSIX_FADV_NORMAL')],
    ['blank lines added at the end of a -B copy', 'tools/include/uapi/linux/kcmp.h', (t: string) => t + '\n\n'],
    ['the last newline removed from a -B copy', 'tools/include/uapi/linux/kcmp.h', (t: string) => t.replace(/\n$/, '')],
    ['a whitespace-only line added to a -B copy', 'tools/include/uapi/linux/kcmp.h', (t: string) => t.replace('#include <linux/types.h>', '#include <linux/types.h>\n \t')],
    ['a line matching an -I regex added', 'tools/arch/x86/lib/memcpy_64.S', (t: string) => t + 'EXPORT_SYMBOL(memcpy_extra)\n'],
    ['a __ignore_sync_check__ line changed', 'tools/arch/x86/include/asm/insn.h', (t: string) => t.replace('#include "inat.h" /* __ignore_sync_check__ */', '#include <asm/inat.h> /* __ignore_sync_check__ */')],
    ['a line not matching the -I regex next to one that does', 'tools/arch/x86/lib/memset_64.S', (t: string) => t + 'EXPORT_SYMBOL(memset_extra)\n\tnop\n'],
    ['an -I regex of BRE alternation matched', 'tools/include/linux/build_bug.h', (t: string) => t.replace(/\n#endif(.*)\n/, '\n#endif$1\n#ifndef static_assert\n')],
    ['the ignore-hunks file deleted', 'tools/perf/check-header_ignore_hunks/lib/list_sort.c', 'delete'],
    ['the blank context line removed from the ignore-hunks file', 'tools/perf/check-header_ignore_hunks/lib/list_sort.c', (t: string) => t.replace(/^ \n/m, '')],
    ['a hunk of the ignore-hunks file changed', 'tools/perf/check-header_ignore_hunks/lib/list_sort.c', (t: string) => t.replace('+\tu8 count = 0;', '+\tu16 count = 0;')],
    ['a line without blanks added next to the ignored hunks', 'lib/list_sort.c', (t: string) => t.replace('#include <linux/bug.h>\n', '#include <linux/bug.h>\n#define\tLIST_SORT_EXTRA\n')],
    ['a syscall added to a check_2 table', 'tools/perf/arch/x86/entry/syscalls/syscall_64.tbl', (t: string) => t.replace(/\n[^\n]*\n$/, '\n')],
  ] as [string, string, ((t: string) => string) | 'delete'][])('after a mutation: %s', async ([what, rel, edit]) => {
    await mutated(rel, edit, async () => {
      await agree(what);
    });
  });

  test('after random edits to the pairs, one at a time', async () => {
    const list = loadPairList({ tree, cwd: tree, strict: false });
    const files = list.pairs.filter((p) => !p.ignoreHunks && existsSync(join(tree, p.tools)) && existsSync(join(tree, p.kernel)));
    let seed = 2024;
    const r = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
    const edits: [string, (lines: string[], at: number) => void][] = [
      ['insert a blank line', (l, at) => l.splice(at, 0, '')],
      ['insert a comment', (l, at) => l.splice(at, 0, '/* kdrift was here */')],
      ['delete a line', (l, at) => l.splice(at, 1)],
      ['duplicate a line', (l, at) => l.splice(at, 0, l[at] ?? '')],
      ['blank a line', (l, at) => (l[at] = '')],
      ['insert an EXPORT_SYMBOL line', (l, at) => l.splice(at, 0, 'EXPORT_SYMBOL(kdrift);')],
    ];
    for (let k = 0; k < 24; k++) {
      const p = files[Math.floor(r() * files.length)]!;
      const [name, edit] = edits[Math.floor(r() * edits.length)]!;
      const side = r() < 0.5 ? p.tools : p.kernel;
      await mutated(side, (t) => {
        const lines = t.split('\n');
        edit(lines, Math.floor(r() * lines.length));
        return lines.join('\n');
      }, async () => {
        await agree(`${name} in ${side}`);
      });
    }
  });

  test('with its result cache: a kept run prints what an uncached run prints, before and after each mutation', async () => {
    const cache = join(tmp, 'kdrift-cache');
    const run = async (dir: string) => {
      const r = await runKdrift(['check', '--tree', tree], { env: { KDRIFT_CACHE_DIR: dir, NO_COLOR: '1' } });
      return `${r.code}\n${r.stdout}[stderr]\n${r.stderr}`;
    };
    const plain = await run('off');
    // computed, kept, replayed
    for (let i = 0; i < 3; i++) expect(await run(cache)).toBe(plain);
    const changes: [string, ((t: string) => string) | 'delete'][] = [
      ['tools/include/uapi/linux/const.h', (t) => t.replace('/* const.h: Macros for dealing with constants.  */', '/* const.h: macros for constants. */')],
      ['tools/include/uapi/linux/kcmp.h', 'delete'],
      ['include/uapi/linux/kvm.h', (t) => t.replace('#define KVM_API_VERSION 12', '#define KVM_API_VERSION 13')],
      ['tools/arch/x86/lib/memcpy_64.S', (t) => t + 'EXPORT_SYMBOL(memcpy_extra)\n'],
    ];
    for (const [rel, edit] of changes) {
      await mutated(rel, edit, async () => {
        const want = await run('off');
        expect(await run(cache), `after a change of ${rel}`).toBe(want);
        expect(await run(cache), `after a change of ${rel}, again`).toBe(want);
      });
      expect(await run(cache), `with ${rel} put back`).toBe(plain);
    }
  }, 300_000);

  test('the copy, not the cache, was changed', () => {
    expect(readFileSync(join(src, 'tools/include/uapi/linux/kcmp.h'), 'latin1')).toBe(readFileSync(join(tree, 'tools/include/uapi/linux/kcmp.h'), 'latin1'));
  });
});
