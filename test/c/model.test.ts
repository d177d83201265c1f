// The C model on fixtures written in kernel style: values, layouts and contexts per ABI.
// Expected values were checked against gcc (x86_64, and gcc -m32 for i386) when written;
// the oracle tests (oracle.test.ts) check whole header sets against gcc on every run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { createSession } from '../../src/model/session.js';
import type { Abi, EvaluatedHeader } from '../../src/model/types.js';

const ROOT = 'fixtures/c/uapi';
const INCLUDES = [`${ROOT}/include`, `${ROOT}/arch/x86/include`];

function header(name: string, abi: Abi = 'x86_64'): EvaluatedHeader {
  return createSession({ abi, includeDirs: INCLUDES }).header(`${ROOT}/include/linux/${name}`);
}

/** A header of this text alone, in a directory of its own. */
function headerFromText(name: string, text: string, abi: Abi = 'x86_64'): EvaluatedHeader {
  const dir = mkdtempSync(join(tmpdir(), 'kdrift-text-'));
  writeFileSync(join(dir, name), text);
  return createSession({ abi, includeDirs: [] }).header(join(dir, name));
}

function value(eh: EvaluatedHeader, name: string): string {
  const v = eh.macroValue(name);
  return v.ok ? `${v.value}${v.unsigned ? 'u' : ''}` : `(${v.reason})`;
}

function layoutText(eh: EvaluatedHeader, tag: 'struct' | 'union', name: string, viaTypedef = false): string {
  const l = eh.layout(tag, name, viaTypedef);
  if (!l.ok) return `(${l.reason})`;
  const members = l.members.map((m) => `${m.name}@${m.offset}${m.bitSize !== undefined ? `:${m.bitOffset}+${m.bitSize}` : `/${m.size}`}`);
  return `${l.size}/${l.align} ${members.join(' ')}`;
}

describe('macro values', () => {
  const consts = header('consts.h');
  test.for([
    ['C_DEC', '42'],
    ['C_HEX', '42'],
    ['C_OCT', '42'],
    ['C_UNSIGNED', '42u'],
    ['C_ULL', '18446744073709551615u'],
    ['C_BIG_HEX', '2147483648u'], // hex that does not fit int is unsigned int
    ['C_BIG_DEC', '2147483648'], // decimal that does not fit int is long
    ['C_NEG', '-1'],
    ['C_NEG_UNSIGNED', '4294967295u'],
    ['C_SHIFT', '16'],
    ['C_SHIFT31', '-2147483648'],
    ['C_LONG_SHIFT', '1099511627776u'],
    ['C_CHAR', '97'],
    ['C_CHAR_ESC', '10'],
    ['C_CHAR_HIGH', '-1'], // plain char is signed on x86
    ['C_CHAR_MULTI', '24930'],
    ['C_TERNARY', '1'],
    ['C_CAST_U8', '255u'],
    ['C_CAST_S8', '-1'],
    ['C_CAST_U64', '18446744073709551615u'],
    ['C_SIZEOF_LONG', '8u'],
    ['C_ALIGNOF_U64', '8u'],
    ['C_BITUL', '32u'],
    ['C_BITULL', '9223372036854775808u'],
    ['C_MIX', '0u'], // unsigned int wraps
    ['C_MIX_LONG', '4294967296'], // long can hold every unsigned int: the result is long
    ['C_DIV_ROUND', '3'],
    ['C_VIA_OTHER', '48u'],
    ['C_NOT', '-1'],
    ['C_NOT_U', '4294967295u'],
    ['C_LOGIC', '1'],
    ['FX_RUN', '44672u'],
    ['FX_GET_REGS', '2149101185u'], // sizeof(struct fx_regs) == 24 inside the ioctl number
    ['FX_SET_REGS', '1075359362u'],
    ['FX_RW_U64', '3221794435u'],
    ['FX_RW_ARRAY', '3222318724u'],
  ])('%s = %s', ([name, expected], { expect }) => {
    expect(value(consts, name)).toBe(expected);
  });

  test.for([
    ['C_STRING', 'string literal'],
    ['C_FLOAT', 'not an integer'],
    ['C_FUNC', 'function-like'],
    ['C_EMPTY', 'empty'],
    ['C_SELF', "macro 'C_SELF' refers to itself"],
    ['C_DIV_ZERO', 'division by zero'],
    ['C_UNDECLARED', "'undeclared_thing' is not a constant"],
  ])('%s is not an integer constant: %s', ([name, reason], { expect }) => {
    expect(value(consts, name)).toContain(reason);
  });

  test('enum constants take implicit and expression values', ({ expect }) => {
    const e = consts.model.enums.find((x) => x.name === 'fx_mode')!;
    const values = e.constants.map((c) => {
      const v = consts.enumValue(c.name);
      return `${c.name}=${v.ok ? v.value : '?'}`;
    });
    expect(values.join(' ')).toBe('FX_MODE_OFF=0 FX_MODE_ON=5 FX_MODE_NEXT=6 FX_MODE_BIT=1024 FX_MODE_FROM_MACRO=42 FX_MODE_IOCTL=2149085698');
  });

  test('the ioctl enumerator with a type argument was repaired by macro expansion', ({ expect }) => {
    expect(consts.model.problems.length).toBeGreaterThan(0);
    expect(consts.model.problems.every((p) => p.repaired)).toBe(true);
  });

  test.for([
    ['x86_64', 'C_SIZEOF_LONG', '8u'],
    ['i386', 'C_SIZEOF_LONG', '4u'],
    ['arm64', 'C_SIZEOF_LONG', '8u'],
    ['i386', 'C_BIG_DEC', '2147483648'], // long is 32-bit: the literal becomes long long
    ['i386', 'C_MIX_LONG', '0u'], // long cannot hold every unsigned int: unsigned long
    ['i386', 'C_ALIGNOF_U64', '4u'], // _Alignof(long long) in a record is 4 on i386
    ['arm64', 'C_CHAR_HIGH', '255'], // plain char is unsigned on arm64
    ['i386', 'FX_GET_REGS', '2148839041u'], // struct fx_regs is 20 bytes on i386: the ioctl number differs by ABI
  ] as [Abi, string, string][])('%s: %s = %s', ([abi, name, expected], { expect }) => {
    expect(value(header('consts.h', abi), name)).toBe(expected);
  });
});

describe("the kernel's compile-time checks (checked_bits.h)", () => {
  // gcc -S on x86_64 and gcc -m32 gave these values
  test.for([
    ['x86_64', 'CB_SNP_RESERVED_BITS', '8126464u'],
    ['x86_64', 'CB_CNTR_MASK', '3u'],
    ['x86_64', 'CB_IS_CONST', '1'],
    ['x86_64', 'CB_ZERO', '0'],
    ['x86_64', 'CB_CHOSEN_SIZE', '1u'],
    ['x86_64', 'CB_RECORD_SIZE', '16u'],
    ['x86_64', 'CB_UNION_SIZE', '6u'],
    ['i386', 'CB_CNTR_MASK', '3u'],
    ['i386', 'CB_RECORD_SIZE', '8u'],
  ] as [Abi, string, string][])('%s: %s = %s', ([abi, name, expected], { expect }) => {
    expect(value(header('checked_bits.h', abi), name)).toBe(expected);
  });

  test('a failed check is what gcc makes of it: no value', ({ expect }) => {
    expect(value(header('checked_bits.h'), 'CB_SWAPPED')).toContain('negative width in bit-field');
  });
});

describe('#pragma pack across includes', () => {
  // one session: a header's second inclusion replays what the first recorded (gcc: 5, 5, 6, 8)
  test('a pack an included header leaves in force holds for the includer, replayed too', ({ expect }) => {
    const s = createSession({ abi: 'x86_64', includeDirs: INCLUDES });
    expect(layoutText(s.header(`${ROOT}/include/linux/pack_user_a.h`), 'struct', 'pack_user_a')).toBe('5/1 c@0/1 i@1/4');
    expect(layoutText(s.header(`${ROOT}/include/linux/pack_user_b.h`), 'struct', 'pack_user_b')).toBe('5/1 c@0/1 i@1/4');
  });

  test('a header included under another pack is laid out again, not replayed', ({ expect }) => {
    const s = createSession({ abi: 'x86_64', includeDirs: INCLUDES });
    expect(layoutText(s.header(`${ROOT}/include/linux/pack_under.h`), 'struct', 'pack_record')).toBe('6/2 c@0/1 i@2/4');
    expect(layoutText(s.header(`${ROOT}/include/linux/pack_plain.h`), 'struct', 'pack_record')).toBe('8/4 c@0/1 i@4/4');
  });
});

describe('record layout', () => {
  test.for([
    ['x86_64', 'struct', 'r_plain', '24/8 a@0/1 b@4/4 c@8/2 d@16/8'],
    ['i386', 'struct', 'r_plain', '20/4 a@0/1 b@4/4 c@8/2 d@12/8'],
    ['i386', 'struct', 'r_aligned_u64', '16/8 a@0/4 b@8/8'],
    ['x86_64', 'struct', 'r_bitfields', '16/4 vector@0/1 delivery_mode@1:8+3 dest_mode@1:11+1 low@4:32+20 high@4:52+12 wide@8:64+30 tail@12/2'],
    ['x86_64', 'struct', 'r_packed', '7/1 a@0/1 b@1/4 c@5/2'],
    ['x86_64', 'struct', 'r_member_aligned', '32/16 a@0/1 b@16/4'],
    ['x86_64', 'struct', 'r_anon', '24/8 kind@0/4 value@8/8 lo@8/4 hi@12/4 tail@16/1'],
    ['i386', 'struct', 'r_anon', '16/4 kind@0/4 value@4/8 lo@4/4 hi@8/4 tail@12/1'],
    ['x86_64', 'struct', 'r_flex', '8/8 count@0/4 entries@8/0'],
    ['x86_64', 'struct', 'r_declare_flex', '8/8 nmsrs@0/4 pad@4/4 __empty_entries@8/0 entries@8/0'],
    ['x86_64', 'union', 'r_union', '4/4 bytes@0/3 word@0/4 half@0/2'],
    ['x86_64', 'struct', 'r_arrays', '48/8 name@0/16 matrix@16/12 ptr@32/8 l@40/8'],
    ['i386', 'struct', 'r_arrays', '36/4 name@0/16 matrix@16/12 ptr@28/4 l@32/4'],
    ['x86_64', 'struct', 'r_nested', '32/8 inner@0/4 plain@8/24'],
    ['x86_64', 'struct', 'r_inner', '4/2 p@0/2 q@2/1'],
    // members of a named member of anonymous record type are reached (and listed) as u.io.port
    ['x86_64', 'struct', 'r_named_anon', '16/8 exit_reason@0/4 u@8/8 u.hw@8/8 u.hw.reason@8/8 u.io@8/8 u.io.direction@8/1 u.io.port@10/2 u.io.flags@12:96+3'],
    ['i386', 'struct', 'r_named_anon', '12/4 exit_reason@0/4 u@4/8 u.hw@4/8 u.hw.reason@4/8 u.io@4/8 u.io.direction@4/1 u.io.port@6/2 u.io.flags@8:64+3'],
    ['x86_64', 'struct', 'r_attr_typedef', '20/4 id@0/4 mask@4/16'],
    ['i386', 'struct', 'r_attr_typedef', '12/4 id@0/4 mask@4/8'],
    ['x86_64', 'struct', 'r_u128', '32/16 tag@0/1 v@16/16'],
    ['arm64', 'struct', 'r_u128', '32/16 tag@0/1 v@16/16'],
  ] as [Abi, 'struct' | 'union', string, string][])('%s: %s %s', ([abi, tag, name, expected], { expect }) => {
    expect(layoutText(header('records.h', abi), tag, name)).toBe(expected);
  });

  test('a record defined inside a named member of anonymous type is one file-scope record', ({ expect }) => {
    const eh = header('records.h', 'x86_64');
    expect(eh.model.records.filter((r) => r.name === 'r_anon_inner')).toHaveLength(1);
    expect(layoutText(eh, 'struct', 'r_anon_defines')).toBe('2/2 io@0/2 io.x@0/2');
  });

  test('an anonymous record named by a typedef is laid out under that name', ({ expect }) => {
    const eh = header('records.h', 'i386');
    const r = eh.model.records.find((x) => x.name === 'r_typedef_t')!;
    expect(r.viaTypedef).toBe(true);
    expect(layoutText(eh, 'struct', 'r_typedef_t', true)).toBe('12/4 x@0/4 y@4/8');
  });
});

describe('preprocessor context', () => {
  const eh = header('context.h');
  const ctx = (name: string) => eh.model.macros.filter((m) => m.name === name).map((m) => `${m.context.map((c) => c.text).join(' && ') || '-'}${eh.isActive(m) ? ' [active]' : ''}`);

  test('the include guard is known and left out of contexts', ({ expect }) => {
    expect(eh.model.guard).toBe('_FIXTURE_LINUX_CONTEXT_H');
    expect(ctx('CTX_ALWAYS')).toEqual(['- [active]']);
  });

  test('#ifdef __KERNEL__ is kernel-only: kept, with its condition, never active', ({ expect }) => {
    expect(ctx('CTX_KERNEL_ONLY')).toEqual(['defined(__KERNEL__)']);
    const r = eh.model.records.find((x) => x.name === 'ctx_kernel')!;
    expect(r.context.map((c) => c.text)).toEqual(['defined(__KERNEL__)']);
    expect(eh.isActive(r)).toBe(false);
  });

  test('every branch of an #if/#elif/#else chain is kept with its condition', ({ expect }) => {
    expect(ctx('CTX_WORD')).toEqual([
      'defined(__x86_64__) [active]',
      '!defined(__x86_64__) && defined(__i386__)',
      '!defined(__x86_64__) && !defined(__i386__)',
    ]);
    expect(value(header('context.h', 'i386'), 'CTX_WORD')).toBe('4');
    expect(value(header('context.h', 'arm64'), 'CTX_WORD')).toBe('0');
  });

  test('members keep their branch; the layout takes the branch of the ABI', ({ expect }) => {
    const r = eh.model.records.find((x) => x.name === 'ctx_record')!;
    expect(r.members.map((m) => `${m.name}${m.context.length ? ` [${m.context.map((c) => c.text).join(' && ')}]` : ''}`)).toEqual([
      'always',
      'kernel_only [defined(__KERNEL__)]',
      'wide [defined(__x86_64__) || defined(__aarch64__)]',
      'narrow [!(defined(__x86_64__) || defined(__aarch64__))]',
    ]);
    expect(layoutText(eh, 'struct', 'ctx_record')).toBe('16/8 always@0/4 wide@8/8');
    expect(layoutText(header('context.h', 'i386'), 'struct', 'ctx_record')).toBe('8/4 always@0/4 narrow@4/4');
  });
});

describe('headers included first (gcc -include)', () => {
  const file = `${ROOT}/include/linux/ioctl_user.h`;
  test('a header that leaves _IO* to its includer has their values after them', ({ expect }) => {
    expect(value(createSession({ abi: 'x86_64', includeDirs: INCLUDES }).header(file), 'IU_GET')).toMatch(/^\(.*_IOR.*not a constant/);
    const after = createSession({ abi: 'x86_64', includeDirs: INCLUDES, preinclude: ['asm-generic/ioctl.h'] }).header(file);
    // _IOC_READ << 30 | sizeof(struct iu_args) << 16 | 'U' << 8 | 0x12
    expect(value(after, 'IU_GET')).toBe(`${(2 << 30 >>> 0) + (8 << 16) + (0x55 << 8) + 0x12}u`);
    expect(value(after, 'IU_RESET')).toBe(`${(0x55 << 8) + 0x13}u`);
    // the model is the header's own: the included-first header's macros are not in it
    expect(after.model.macros.map((m) => m.name)).toEqual(['IU_GET', 'IU_RESET']);
  });
  test('one that is not on the include path is an include error of the command line', ({ expect }) => {
    expect(() => createSession({ abi: 'x86_64', includeDirs: INCLUDES, preinclude: ['sys/ioctl.h'] }).header(file)).toThrow(/<sys\/ioctl\.h> \(included first\) not found/);
  });
});

describe('adjacent string literals are one (C11 6.4.5p5)', () => {
  // kernel style (xattr.h's name and its length through macros); gcc 12 gave every value
  const text = String.raw`#ifndef _LINUX_STRCAT_H
#define _LINUX_STRCAT_H
#define SC_SECURITY_PREFIX "security."
#define SC_BPF_SUFFIX "bpf."
#define SC_NAME_BPF (SC_SECURITY_PREFIX SC_BPF_SUFFIX)
#define SC_NAME_BPF_LEN (sizeof(SC_NAME_BPF) - 1)
#define SC_PLAIN sizeof("ab" "cd")
#define SC_HEX sizeof("\x41" "B")
#define SC_OCTAL sizeof("\101\0" "\n")
#define SC_SINGLE sizeof("abc")
#define SC_PARENS sizeof(("a" "b"))
#define SC_WIDE sizeof(L"a" "b")
#define SC_UTF16 sizeof(u"ab" "c")
#define SC_UTF32 sizeof("a" U"b")
#define SC_UTF8 sizeof(u8"ab" "c")
#define SC_ALIGN_WIDE _Alignof(L"a" "b")
#define SC_MIXED sizeof(u"a" U"b")
#define SC_MIXED_U8 sizeof(u8"a" L"b")
#define SC_IN_ARITHMETIC ("a" "b" + 1)
#endif
`;
  const eh = (abi: Abi = 'x86_64') => headerFromText('strcat.h', text, abi);

  test.for([
    ['x86_64', 'SC_NAME_BPF_LEN', '13u'],
    ['i386', 'SC_NAME_BPF_LEN', '13u'],
    ['arm64', 'SC_NAME_BPF_LEN', '13u'],
    ['x86_64', 'SC_PLAIN', '5u'],
    ['x86_64', 'SC_HEX', '3u'], // an escape sequence is one char, in whichever piece
    ['x86_64', 'SC_OCTAL', '4u'],
    ['x86_64', 'SC_SINGLE', '4u'],
    ['x86_64', 'SC_PARENS', '3u'],
    ['x86_64', 'SC_WIDE', '12u'], // the plain piece becomes wide: 3 wchar_t of 4 bytes
    ['i386', 'SC_WIDE', '12u'],
    ['arm64', 'SC_WIDE', '12u'],
    ['x86_64', 'SC_UTF16', '8u'],
    ['x86_64', 'SC_UTF32', '12u'],
    ['x86_64', 'SC_UTF8', '4u'],
    ['x86_64', 'SC_ALIGN_WIDE', '4u'],
  ] as [Abi, string, string][])('%s: %s = %s', ([abi, name, expected], { expect }) => {
    expect(value(eh(abi), name)).toBe(expected);
  });

  test.for([
    ['SC_MIXED', 'different encoding prefixes (u and U)'],
    ['SC_MIXED_U8', 'different encoding prefixes (u8 and L)'],
    ['SC_NAME_BPF', 'a string literal, not an integer'],
    ['SC_IN_ARITHMETIC', 'a string literal, not an integer'],
  ])('%s has a reason: %s', ([name, reason], { expect }) => {
    expect(value(eh(), name)).toContain(reason);
  });
});

describe('bad input', () => {
  test('an expression nested deeper than the evaluator reaches has a reason, not an internal error', async ({ expect }) => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'kdrift-deep-'));
    writeFileSync(join(dir, 'deep.h'), `#define DEEP ${'('.repeat(30000)}1${')'.repeat(30000)}\n#define FINE (1)\n`);
    const eh = createSession({ abi: 'x86_64', includeDirs: [] }).header(join(dir, 'deep.h'));
    expect(value(eh, 'DEEP')).toBe('(nested too deeply to evaluate)');
    expect(value(eh, 'FINE')).toBe('1');
  });
});
