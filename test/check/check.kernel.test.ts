// Kernel tier of `kdrift check`: the real tree's (6.12 in CI; 7.2 passes too) tools/perf/check-headers.sh, run by
// bash, against kdrift reading it, on a copy of the parts of the tree the script touches: first
// as it is, then after each of a series of mutations (a comment, a deleted copy, a line an -I
// regex matches, a blank line, broken ignore-hunks files, random edits). Both must list the same
// pairs, in the same order, after every one. The shared cache is never written.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requireKernelTree, tempDir } from '../helpers/kernel.js';
import { runKdrift, runScript } from '../helpers/run.js';
import { copyCheckedParts, kdriftListed, agree as agreeOn, mutated as mutatedOn, randomEdits, scriptListed, type Edit } from './kernel-check.js';

let src: string;
let tmp: string;
let tree: string;

const script = () => scriptListed(tree);
const kdrift = () => kdriftListed(tree);
const agree = (what: string) => agreeOn(tree, what);
const mutated = (rel: string, edit: Edit, body: () => Promise<void>) => mutatedOn(tree, rel, edit, body);

beforeAll(() => {
  src = requireKernelTree().src;
  tmp = tempDir('kdrift-check-');
  tree = copyCheckedParts(src, join(tmp, 'linux'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('kdrift check on the kernel tree', () => {
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
    ['a blank line added to a -B copy', 'tools/include/uapi/linux/kcmp.h', (t: string) => t.replace('#include <linux/types.h>', '\n#include <linux/types.h>')],
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
    // 6.12: right after the ignored hunk that drops <linux/kernel.h> and <linux/bug.h>
    ['a line without blanks added next to the ignored hunks', 'lib/list_sort.c', (t: string) => t.replace('#include <linux/compiler.h>\n', '#define\tLIST_SORT_EXTRA\n#include <linux/compiler.h>\n')],
    ['a syscall added to a check_2 table', 'tools/perf/arch/x86/entry/syscalls/syscall_64.tbl', (t: string) => t.replace(/\n[^\n]*\n$/, '\n')],
  ] as [string, string, Edit][])('after a mutation: %s', async ([what, rel, edit]) => {
    await mutated(rel, edit, async () => {
      await agree(what);
    });
  });

  test('after random edits to the pairs, one at a time', async () => {
    await randomEdits(tree, 24, 2024);
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
    const changes: [string, Edit][] = [
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
