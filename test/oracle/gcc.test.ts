// askGcc and compareHeader on a small header and hand-written kdrift JSON: the harness checked without kdrift.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { compareHeader } from './compare.js';
import type { DumpHeader, DumpMacro } from './dump-json.js';
import { askGcc, type GccValue } from './gcc.js';
import { hasCompiler, installedTree, toolchain, type Abi } from './toolchain.js';
import { formatDisagreement } from './summary.js';

const HEADER = `#ifndef SAMPLE_H
#define SAMPLE_H
#define UC ((unsigned char)200)
#define NEG (-5)
#define U32 (-1U)
#define BIG 0xffffffffffffffffULL
#define STR "abc"
#define FLT 1.5
#define TYPE int
#define BRACE }
#define UNDECLARED (PAGE_SIZE - 1)
#define SZ sizeof(struct s1)
#define OFF offsetof(struct s1, h)
#define DUP 1
#undef DUP
#define DUP 2
#ifdef __KERNEL__
#define KONLY 3
#endif
#define LONGSZ sizeof(long)
enum e1 { A = -1, B = 0xffffffffu, C = 1ULL << 40, E_MAX };
#define E_MAX (E_MAX - 1)
struct s1 { char a; int b:3, c:5; union { long d; struct { short e, f; }; }; struct { int g; } h; int fam[]; };
typedef struct { int x; } t1_t;
/* struct in_comment { int z; }; */
struct s2 { int y; };
#include <other.h>
#ifndef OTHER_X
#define OTHER_X 5
#endif
#ifdef __KERNEL__
struct s3 { long q; };
#endif
struct s4 { int before; int renamed; };
#define renamed before
#endif
`;

/** Defines what sample.h defines only in branches that are inactive, once this is included. */
const OTHER = 'struct s3 { int q; };\n#define OTHER_X 7\n';

const macro = (name: string, value: string | null, unsigned = false, reason?: string): DumpMacro => ({
  name,
  kind: 'object',
  value,
  unsigned,
  ...(reason ? { reason } : {}),
  file: 'sample.h',
  line: 1,
  context: [],
});

/** kdrift's JSON as a correct kdrift would give it on x86_64. */
function sampleDump(): DumpHeader {
  return {
    header: 'sample.h',
    guard: 'SAMPLE_H',
    macros: [
      macro('UC', '200', true),
      macro('NEG', '-5'),
      macro('U32', '4294967295', true),
      macro('BIG', '18446744073709551615', true),
      macro('STR', null, false, 'a string literal'),
      macro('FLT', null, false, 'not an integer'),
      macro('TYPE', null, false, 'a type'),
      macro('BRACE', null, false, 'not an expression'),
      macro('UNDECLARED', null, false, "'PAGE_SIZE' is not a constant"),
      macro('SZ', '24', true),
      macro('OFF', '16', true),
      macro('DUP', null, false, 'redefined at line 16'),
      macro('DUP', '2'),
      macro('KONLY', null, false, 'inactive on x86_64'),
      macro('LONGSZ', '8', true),
      macro('E_MAX', '1099511627776'),
      macro('OTHER_X', null, false, 'inactive on x86_64'),
      macro('renamed', null, false, "'before' is not a constant"),
    ],
    enums: [{ name: 'e1', constants: [{ name: 'A', value: '-1' }, { name: 'B', value: '4294967295' }, { name: 'C', value: '1099511627776' }, { name: 'E_MAX', value: '1099511627777' }] }],
    records: [
      {
        tag: 'struct',
        name: 's1',
        size: 24,
        align: 8,
        members: [
          { name: 'a', offset: 0, size: 1 },
          { name: 'b', offset: 0, size: 4, bit_offset: 8, bit_size: 3 },
          { name: 'c', offset: 0, size: 4, bit_offset: 11, bit_size: 5 },
          { name: 'd', offset: 8, size: 8 },
          { name: 'e', offset: 8, size: 2 },
          { name: 'f', offset: 10, size: 2 },
          { name: 'h', offset: 16, size: 4 },
          { name: 'fam', offset: 20, size: 0 },
        ],
      },
      { tag: 'struct', name: 't1_t', typedef: true, size: 4, align: 4, members: [{ name: 'x', offset: 0, size: 4 }] },
      { tag: 'struct', name: 's2', size: 4, align: 4, members: [{ name: 'y', offset: 0, size: 4 }] },
      // asked for by the declared name, not what the later macro makes of it
      { tag: 'struct', name: 's4', size: 8, align: 4, members: [{ name: 'before', offset: 0, size: 4 }, { name: 'renamed', offset: 4, size: 4 }] },
    ],
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kdrift-oracle-test-'));
  mkdirSync(join(dir, 'include'));
  writeFileSync(join(dir, 'include', 'sample.h'), HEADER);
  writeFileSync(join(dir, 'include', 'other.h'), OTHER);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ask = (abi: Abi, dump = sampleDump()) => {
  const tree = installedTree(abi, join(dir, 'include'));
  return askGcc({ toolchain: toolchain(abi), includes: tree.gccIncludes, include: 'sample.h', file: join(dir, 'include', 'sample.h'), dump });
};

const show = (v: GccValue | undefined) =>
  !v ? 'missing' : v.state === 'integer' ? `${v.value}${v.unsigned ? 'u' : ''}` : v.state === 'not-integer' ? `class ${v.typeClass}` : v.state;

describe('askGcc', () => {
  test('x86_64: every kind of answer', async ({ expect }) => {
    const g = await ask('x86_64');
    expect(g.compiled).toBe(true);
    expect(Object.fromEntries([...g.macros].map(([k, v]) => [k, show(v)]))).toEqual({
      UC: '200u',
      NEG: '-5',
      U32: '4294967295u',
      BIG: '18446744073709551615u',
      STR: 'class 5', // a pointer, once decayed
      FLT: 'class 8',
      TYPE: 'error',
      BRACE: 'error',
      UNDECLARED: 'error',
      SZ: '24u',
      OFF: '16u', // offsetof without <stddef.h>: the unit's prologue supplies it
      DUP: '2',
      KONLY: 'undefined',
      LONGSZ: '8u',
      E_MAX: '1099511627776', // the macro, not the enum constant: (E_MAX - 1)
      OTHER_X: '7', // other.h's: sample.h's own definition is inactive
      renamed: 'error',
    });
    // the enum constant itself, not the macro of the same name
    expect(show(g.enums.get('E_MAX'))).toBe('1099511627777');
    const s1 = g.records.get('struct s1')!;
    expect([s1.size, s1.align]).toEqual([24, 8]);
    expect(Object.fromEntries(s1.members)).toEqual({
      a: { offset: 0, size: 1 },
      b: { bits: { offset: 8, width: 3 } },
      c: { bits: { offset: 11, width: 5 } },
      d: { offset: 8, size: 8 },
      e: { offset: 8, size: 2 },
      f: { offset: 10, size: 2 },
      h: { offset: 16, size: 4 },
      fam: { offset: 20 }, // sizeof of a flexible array member is an error
    });
    expect(g.records.get('t1_t')?.size).toBe(4);
    expect(g.defines?.macros.get('OTHER_X')?.file).toBe(join(dir, 'include', 'other.h'));
    // struct s3 is complete, but other.h's: sample.h's own is inactive
    expect(g.records.has('struct s3')).toBe(false);
  });

  test('a correct kdrift agrees everywhere', async ({ expect }) => {
    const dump = sampleDump();
    const cmp = compareHeader(await ask('x86_64', dump), dump);
    expect(cmp.disagreements.map(formatDisagreement)).toEqual([]);
    expect(cmp.counts).toEqual({
      header: { same: 1, neither: 0, differ: 0, kdriftOnly: 0 },
      macro: { same: 9, neither: 8, differ: 0, kdriftOnly: 0 },
      enum: { same: 4, neither: 0, differ: 0, kdriftOnly: 0 },
      record: { same: 4, neither: 0, differ: 0, kdriftOnly: 0 },
      member: { same: 12, neither: 0, differ: 0, kdriftOnly: 0 },
    });
  });

  test('i386: long is 4 bytes, the union aligns to 4', async ({ expect }) => {
    const g = await ask('i386');
    expect(show(g.macros.get('LONGSZ'))).toBe('4u');
    const s1 = g.records.get('struct s1')!;
    expect([s1.size, s1.align, s1.members.get('h')?.offset]).toEqual([12, 4, 8]);
  });

  test.skipIf(!hasCompiler(toolchain('arm64').cc))('arm64: the same layout as x86_64', async ({ expect }) => {
    const g = await ask('arm64');
    expect([g.records.get('struct s1')?.size, show(g.macros.get('BIG'))]).toEqual([24, '18446744073709551615u']);
  });

  test('each kind of wrong answer is a disagreement; a value gcc rejects is kdrift-only', async ({ expect }) => {
    const dump = sampleDump();
    const m = (name: string) => dump.macros.find((x) => x.name === name && x.value !== null)!;
    m('NEG').value = '4294967291';
    m('NEG').unsigned = true;
    dump.macros.find((x) => x.name === 'KONLY')!.value = '3'; // evaluated an inactive branch
    dump.macros.find((x) => x.name === 'STR')!.value = '0'; // a value for a pointer
    dump.macros.find((x) => x.name === 'UNDECLARED')!.value = '4095';
    m('SZ').value = null;
    dump.macros = dump.macros.filter((x) => x.name !== 'FLT'); // a silent drop
    dump.enums[0].constants[3].value = '1'; // the macro's value, not the constant's
    const s1 = dump.records[0];
    s1.align = 4;
    s1.members[2].bit_offset = 12;
    s1.members[6].offset = 12;
    dump.records.splice(2, 1); // a silent drop: struct s2
    const cmp = compareHeader(await ask('x86_64', dump), dump);
    expect(cmp.disagreements.map(formatDisagreement)).toEqual([
      'sample.h macro NEG: gcc -5, kdrift 4294967291u',
      'sample.h macro STR: gcc not an integer (pointer), kdrift 0',
      'sample.h macro SZ: gcc 24u, kdrift null (no reason)',
      'sample.h macro KONLY: gcc undefined, kdrift 3',
      'sample.h macro FLT: gcc defined at line 8, kdrift not listed',
      'sample.h enum E_MAX: gcc 1099511627777, kdrift 1',
      'sample.h record struct s1: gcc size 24 align 8, kdrift size 24 align 4',
      'sample.h member struct s1.c: gcc bits 11+5, kdrift bits 12+5',
      'sample.h member struct s1.h: gcc offset 16 size 4, kdrift offset 12 size 4',
      'sample.h record struct s2: gcc size 4 align 4, kdrift not listed',
    ]);
    expect(cmp.kdriftOnly.map(formatDisagreement)).toEqual(['sample.h macro UNDECLARED: gcc rejected, kdrift 4095']);
  });

  test('a header gcc cannot compile alone is not checked', async ({ expect }) => {
    writeFileSync(join(dir, 'include', 'broken.h'), 'struct needs_other { struct other o; };\n#define X 1\n');
    const tree = installedTree('x86_64', join(dir, 'include'));
    const dump: DumpHeader = { header: 'broken.h', macros: [macro('X', '1')], enums: [], records: [] };
    const g = await askGcc({ toolchain: toolchain('x86_64'), includes: tree.gccIncludes, include: 'broken.h', file: join(dir, 'include', 'broken.h'), dump });
    expect(g.compiled).toBe(false);
    expect(g.error).toMatch(/field 'o' has incomplete type|incomplete type/);
    const cmp = compareHeader(g, dump);
    expect([cmp.uncompilable.length, cmp.disagreements.length, cmp.counts.header.neither]).toEqual([1, 0, 1]);
  });
});
