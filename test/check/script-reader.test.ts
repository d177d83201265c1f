import { describe, test } from 'vitest';
import { readCheckHeadersScript } from '../../src/check/script-reader.js';
import { KdriftError } from '../../src/errors.js';
import type { PairList } from '../../src/check/types.js';

const WHERE = { file: 'tools/perf/check-headers.sh', startDir: 'tools/perf' };

// The check functions as 6.12 writes them.
const FUNCS_612 = `
declare -a FAILURES

check_2 () {
  tools_file=$1
  orig_file=$2

  shift
  shift

  cmd="diff $* $tools_file $orig_file > /dev/null"

  if [ -f "$orig_file" ] && ! eval "$cmd"
  then
    FAILURES+=(
      "$tools_file $orig_file"
    )
  fi
}

check () {
  file=$1

  shift

  check_2 "tools/$file" "$file" "$@"
}

beauty_check () {
  file=$1

  shift

  check_2 "tools/perf/trace/beauty/$file" "$file" "$@"
}

check_ignore_some_hunks () {
  orig_file="$1"
  tools_file="tools/$orig_file"
  hunks_to_ignore="tools/perf/check-header_ignore_hunks/$orig_file"

  if [ ! -f "$hunks_to_ignore" ]; then
    echo "$hunks_to_ignore not found. Skipping $orig_file check."
    FAILURES+=(
      "$tools_file $orig_file"
    )
    return
  fi

  cmd="diff -u \\"$tools_file\\" \\"$orig_file\\" | grep -vf \\"$hunks_to_ignore\\" | wc -l | grep -qw 0"

  if [ -f "$orig_file" ] && ! eval "$cmd"
  then
    FAILURES+=(
      "$tools_file $orig_file"
    )
  fi
}
`;

// The check functions as 6.1 writes them.
const FUNCS_61 = `
check_2 () {
  file1=$1
  file2=$2

  shift
  shift

  cmd="diff $* $file1 $file2 > /dev/null"

  test -f $file2 && {
    eval $cmd || {
      echo "Warning: Kernel ABI header at '$file1' differs from latest version at '$file2'" >&2
      echo diff -u $file1 $file2
    }
  }
}

check () {
  file=$1

  shift

  check_2 tools/$file $file $*
}
`;

/** A readable dump: one line per pair (via, line, paths, options), then the warnings. */
function dump(l: PairList): string {
  const pairs = l.pairs.map((p) => {
    const ih = p.ignoreHunks ? ` hunks=${p.ignoreHunks.file}${p.ignoreHunks.missing.warns ? ' (warns)' : ''}` : '';
    return `${p.origin.via}:${p.origin.line}${p.origin.callLine ? `/${p.origin.callLine}` : ''} ${p.tools} ${p.kernel} [${p.diff.argv.join('|')}]${p.requiresKernel ? '' : ' !-f'}${ih}`;
  });
  const warns = l.warnings.map((w) => `warning ${w.line}: ${w.message}`);
  const guard = l.guard ? [`guard ${l.guard.line}: ${l.guard.dir} (${l.guard.shown})`] : [];
  return [...guard, ...pairs, ...warns].join('\n');
}

function read(src: string): string {
  return dump(readCheckHeadersScript(src, WHERE));
}

describe('readCheckHeadersScript', () => {
  test('the 6.12 form: arrays, for loops, -B, the sync-check regex, check_2, beauty_check', ({ expect }) => {
    const src = `#!/bin/bash
declare -a FILES
FILES=(
  "include/uapi/linux/const.h"
  "include/uapi/linux/kvm.h"
)
declare -a SYNC_CHECK_FILES
SYNC_CHECK_FILES=(
  "arch/x86/lib/insn.c"
)
declare -a BEAUTY_FILES
BEAUTY_FILES=(
  "include/linux/socket.h"
)
${FUNCS_612}
if ! [ -d ../../include ]
then
  echo -e "\${YELLOW}Warning\${NC}: Skipped check-headers due to missing ../../include"
  exit 0
fi

cd ../..

for i in "\${FILES[@]}"
do
  check "$i" -B
done

for i in "\${SYNC_CHECK_FILES[@]}"
do
  check "$i" '-I "^.*\\/\\*.*__ignore_sync_check__.*\\*\\/.*$"'
done

check arch/x86/lib/memcpy_64.S        '-I "^EXPORT_SYMBOL" -I"^SYM_FUNC_START\\(_LOCAL\\)*(memcpy_\\(erms\\|orig\\))"'
check arch/x86/include/asm/amd-ibs.h  '-I "^#include [<\\"]\\(asm/\\)*msr-index.h"'
check_2 tools/perf/arch/x86/entry/syscalls/syscall_64.tbl arch/x86/entry/syscalls/syscall_64.tbl

for i in "\${BEAUTY_FILES[@]}"
do
  beauty_check "$i" -B
done

check_ignore_some_hunks lib/list_sort.c

cd tools/perf || exit

if [ \${#FAILURES[@]} -gt 0 ]
then
  echo -e "\${YELLOW}Warning\${NC}: Kernel ABI header differences:"
  for i in "\${FAILURES[@]}"
  do
    echo "  diff -u $i"
  done
fi
`;
    expect(read(src)).toBe(
      [
        'guard 74: include (../../include)',
        'check:4/84 tools/include/uapi/linux/const.h include/uapi/linux/const.h [-B]',
        'check:5/84 tools/include/uapi/linux/kvm.h include/uapi/linux/kvm.h [-B]',
        'check:9/89 tools/arch/x86/lib/insn.c arch/x86/lib/insn.c [-I|^.*\\/\\*.*__ignore_sync_check__.*\\*\\/.*$]',
        'check:92 tools/arch/x86/lib/memcpy_64.S arch/x86/lib/memcpy_64.S [-I|^EXPORT_SYMBOL|-I^SYM_FUNC_START\\(_LOCAL\\)*(memcpy_\\(erms\\|orig\\))]',
        'check:93 tools/arch/x86/include/asm/amd-ibs.h arch/x86/include/asm/amd-ibs.h [-I|^#include [<"]\\(asm/\\)*msr-index.h]',
        'check_2:94 tools/perf/arch/x86/entry/syscalls/syscall_64.tbl arch/x86/entry/syscalls/syscall_64.tbl []',
        'beauty_check:13/98 tools/perf/trace/beauty/include/linux/socket.h include/linux/socket.h [-B]',
        'check_ignore_some_hunks:101 tools/lib/list_sort.c lib/list_sort.c [-u] hunks=tools/perf/check-header_ignore_hunks/lib/list_sort.c (warns)',
      ].join('\n'),
    );
    const l = readCheckHeadersScript(src, WHERE);
    expect(l.pairs[3]!.diff.ignoreMatching).toEqual(['^EXPORT_SYMBOL', '^SYM_FUNC_START\\(_LOCAL\\)*(memcpy_\\(erms\\|orig\\))']);
    expect(l.pairs.map((p) => p.requiresKernel)).toEqual(Array(8).fill(true));
    expect(l.pairs[7]!.ignoreHunks!.missing.message).toBe('tools/perf/check-header_ignore_hunks/lib/list_sort.c not found. Skipping lib/list_sort.c check.');
  });

  test("the 6.1 form: FILES='...' strings, unquoted $* (blanks inside a regex fold), test -d || exit 0", ({ expect }) => {
    const src = `#!/bin/sh
FILES='
include/uapi/linux/const.h
include/uapi/linux/kvm.h
'
${FUNCS_61}
test -d ../../include || exit 0

cd ../..

for i in $FILES; do
  check $i -B
done

check lib/list_sort.c\t\t      '-I "^#include  <linux/bug.h>"'
check_2 tools/perf/util/hashmap.h tools/lib/bpf/hashmap.h

cd tools/perf
`;
    expect(read(src)).toBe(
      [
        'guard 32: include (../../include)',
        'check:3/37 tools/include/uapi/linux/const.h include/uapi/linux/const.h [-B]',
        'check:4/37 tools/include/uapi/linux/kvm.h include/uapi/linux/kvm.h [-B]',
        'check:40 tools/lib/list_sort.c lib/list_sort.c [-I|^#include <linux/bug.h>]',
        'check_2:41 tools/perf/util/hashmap.h tools/lib/bpf/hashmap.h []',
      ].join('\n'),
    );
  });

  test('"$@" keeps blanks that $* folds', ({ expect }) => {
    const src = `${FUNCS_612}\ncd ../..\ncheck lib/list_sort.c '-I "^#include  <linux/bug.h>"'\n`;
    expect(readCheckHeadersScript(src, WHERE).pairs[0]!.diff.ignoreMatching).toEqual(['^#include  <linux/bug.h>']);
  });

  test('shell forms: declare -a X=(...), +=, `; do`, continuations, a literal list, local', ({ expect }) => {
    const src = `${FUNCS_612}
declare -a FILES=(
  "a.h"   # one
  'b.h' c.h
)
FILES+=( "d.h" )
cd ../..
for i in "\${FILES[@]}"; do check "include/$i" -B; done
check include/e.h \\
\t"-I ^#define[[:space:]]*E"
pair () {
  local what="$1"
  check_2 "tools/perf/util/$what" "tools/lib/bpf/$what"
}
for f in hashmap.h hashmap.c; do pair $f; done
`;
    expect(read(src)).toBe(
      [
        'check:61/66 tools/include/a.h include/a.h [-B]',
        'check:62/66 tools/include/b.h include/b.h [-B]',
        'check:62/66 tools/include/c.h include/c.h [-B]',
        'check:64/66 tools/include/d.h include/d.h [-B]',
        'check:67 tools/include/e.h include/e.h [-I|^#define[[:space:]]*E]',
        'pair:73 tools/perf/util/hashmap.h tools/lib/bpf/hashmap.h []',
        'pair:73 tools/perf/util/hashmap.c tools/lib/bpf/hashmap.c []',
      ].join('\n'),
    );
  });

  test('paths follow cd: before `cd ../..` they are relative to tools/perf', ({ expect }) => {
    const src = `${FUNCS_612}\ncheck_2 ../../tools/a.h ../../a.h\ncd ../..\ncheck_2 tools/b.h b.h\ncd tools/perf || exit\ncheck_2 x.h ../../x.h\n`;
    expect(read(src)).toBe(['check_2:60 tools/a.h a.h []', 'check_2:62 tools/b.h b.h []', 'check_2:64 tools/perf/x.h x.h []'].join('\n'));
  });

  test('a primitive without `[ -f KERNEL ]`: a missing kernel file is not skipped', ({ expect }) => {
    const src = `check_2 () {\n  cmd="diff $3 $1 $2 > /dev/null"\n  eval "$cmd" || echo "diff -u $1 $2"\n}\ncd ../..\ncheck_2 tools/a.h a.h -B\n`;
    expect(read(src)).toBe('check_2:6 tools/a.h a.h [-B] !-f');
  });

  test('a hunks check without its guard: a missing hunks file is not reported', ({ expect }) => {
    const src = `ih () {\n  cmd="diff -u tools/$1 $1 | grep -vf hunks/$1 | wc -l | grep -qw 0"\n  [ -f "$1" ] && ! eval "$cmd" && echo "$1"\n}\ncd ../..\nih lib/a.c\n`;
    expect(read(src)).toBe('ih:6 tools/lib/a.c lib/a.c [-u] hunks=hunks/lib/a.c');
  });

  test.for([
    ['a while loop', 'while true; do check a.h -B; done', 'warning 61: a `while` loop is not read: checks inside it, if any, are not made'],
    ['a case', 'case x in x) check a.h ;; esac', 'warning 61: a `case` is not read: checks inside it, if any, are not made'],
    ['an if', 'if [ -n "$X" ]; then check a.h; fi', 'warning 61: an `if` is not read: kdrift does not decide conditions; checks inside it, if any, are not made'],
    ['an unknown command', 'make -C x', 'warning 61: `make` is not a command kdrift reads: a check made through it, if any, is not made'],
    ['an undefined function', 'check_3 a.h', 'warning 61: `check_3` is not a command kdrift reads: a check made through it, if any, is not made'],
    ['a pipeline', 'ls | wc -l', 'warning 61: a pipeline is not read: kdrift reads the script, it does not run it'],
    ['an && list', 'true && check a.h', 'warning 61: an && / || list is not read: kdrift reads the script, it does not run it'],
    ['a command substitution', 'for i in $(ls); do check $i; done', 'warning 61: `$(ls)` is not evaluated: kdrift reads the script, it does not run it'],
    ['a path leaving the tree', 'check_2 ../x.h ../../../y.h', 'warning 61: the pair ../x.h ../../../y.h leaves the tree; it is not checked'],
    ['an invalid regex', `check a.h '-I "\\(x"'`, "warning 61: diff rejects the regex -I '\\(x' (Unmatched ( or \\(): the script lists tools/a.h whatever it holds"],
    ['an invalid option', `check a.h -Y`, 'warning 61: diff rejects the option -Y: the script lists tools/a.h whatever it holds'],
    ['an option not modelled', `check a.h -N`, 'warning 61: the diff option -N is not modelled: tools/a.h is compared without it'],
  ])('warns: %s', ([, stmt, want], { expect }) => {
    const src = `${FUNCS_612}\ncd ../..\n${stmt}\n`;
    const out = read(src!).split('\n');
    expect(out.filter((l) => l.startsWith('warning'))).toEqual([want]);
  });

  test('the warnings of a loop body are given once', ({ expect }) => {
    const src = `A=(a b c)\nfor i in "\${A[@]}"; do\n  frob "$i"\ndone\n`;
    expect(read(src)).toBe('warning 3: `frob` is not a command kdrift reads: a check made through it, if any, is not made');
  });

  test('a syntax error is a located parse error', ({ expect }) => {
    try {
      readCheckHeadersScript('FILES=(\n  "a.h"\n\ncheck () {\n', WHERE);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KdriftError);
      expect((e as KdriftError).kind).toBe('parse');
      expect((e as KdriftError).at).toEqual({ file: 'tools/perf/check-headers.sh', line: 4 });
      expect((e as KdriftError).message).toBe("unexpected '(' in the array assignment to FILES");
    }
  });

  test('nothing after an unconditional exit is read', ({ expect }) => {
    expect(read(`${FUNCS_612}\ncd ../..\ncheck a.h\nexit 0\ncheck b.h\n`)).toBe('check:61 tools/a.h a.h []');
  });
});
