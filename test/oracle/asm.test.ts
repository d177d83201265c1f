import { describe, test } from 'vitest';
import { readObjects, readUint, setBitRun } from './asm.js';

const hex = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('hex') : String(b));

describe('readObjects', () => {
  test('x86_64: .quad/.value/.byte/.zero/.string, negative values, labels outside the prefix ignored', ({ expect }) => {
    const asm = [
      '\t.section\t.rodata',
      '\t.align 16',
      '\t.type\t__kdo_0, @object',
      '\t.size\t__kdo_0, 24',
      '__kdo_0:',
      '\t.quad\t5',
      '\t.quad\t-1',
      '\t.quad\t0',
      '\t.globl\t__kdo_1',
      '__kdo_1:',
      '\t.zero\t1',
      '\t.byte\t248',
      '\t.value\t-1',
      '\t.long\t258',
      'other:',
      '\t.quad\t7',
      '__kdo_2:',
      '\t.string\t"ab\\n\\001"',
    ].join('\n');
    const o = readObjects(asm, 'x86_64', '__kdo_');
    expect([...o.keys()]).toEqual(['__kdo_0', '__kdo_1', '__kdo_2']);
    expect(hex(o.get('__kdo_0'))).toBe('0500000000000000' + 'ffffffffffffffff' + '0000000000000000');
    expect(hex(o.get('__kdo_1'))).toBe('00f8ffff02010000');
    expect(hex(o.get('__kdo_2'))).toBe('61620a0100');
  });

  test('i386: a 64-bit value is two .long words, low word first', ({ expect }) => {
    const o = readObjects('__kdo_0:\n\t.long\t-1\n\t.long\t0\n\t.size\t__kdo_0, 8\n', 'i386', '__kdo_');
    expect(readUint(o.get('__kdo_0')!, 0, 8)).toBe(0xffffffffn);
  });

  test('arm64: .xword is 8 bytes, .word 4, .hword 2', ({ expect }) => {
    const o = readObjects('__kdo_0:\n\t.xword\t1\n\t.word\t2\n\t.hword\t3\n\t.byte\t4\n', 'arm64', '__kdo_');
    expect(hex(o.get('__kdo_0'))).toBe('0100000000000000' + '02000000' + '0300' + '04');
  });

  test('a relocation is unreadable, not guessed', ({ expect }) => {
    const o = readObjects('__kdo_0:\n\t.quad\tsome_symbol\n', 'x86_64', '__kdo_');
    expect(o.get('__kdo_0')).toBeNull();
  });
});

describe('setBitRun', () => {
  test.for([
    ['00f8', { offset: 11, width: 5 }],
    ['0000000001', { offset: 32, width: 1 }],
    ['ffff', { offset: 0, width: 16 }],
    ['0000', null],
    ['0501', null],
  ] as const)('%s', ([bytes, want], { expect }) => {
    expect(setBitRun(Buffer.from(bytes, 'hex'))).toEqual(want);
  });
});
