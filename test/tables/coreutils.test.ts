import { describe, test } from 'vitest';
import { numericKey, printf, sortLines, sortNumericUnique, xargsWords } from '../../src/tables/coreutils.js';

describe('printf', () => {
  test.for([
    ['reuses the format', '[%s] = "%s"\n', ['1', 'A', '2', 'B'], '[1] = "A"\n[2] = "B"\n'],
    ['prints once with no arguments', '\t[ilog2(%s) + 1] = "%s",\n', [], '\t[ilog2() + 1] = "",\n'],
    ['fills missing arguments', '[%s|%s]', ['x'], '[x|]'],
    ['%d reads hex', '%d', ['0x10'], '16'],
    ['%#x', '[%#x - 0x1001]', ['0x1001'], '[0x1001 - 0x1001]'],
    ['%#x of zero has no prefix', '%#x', ['0'], '0'],
    ['%%', '100%%', [], '100%'],
  ] as const)('%s', ([, format, args, want], { expect }) => {
    expect(printf(format, [...args]).text).toBe(want);
  });

  test('a value not completely converted is an error, as coreutils says', ({ expect }) => {
    const r = printf('%d', ['1UL']);
    expect(r.text).toBe('1');
    expect(r.errors[0]).toContain('not completely converted');
  });
});

describe('sort', () => {
  test('sort -n reads every 0x… as 0, then falls back to bytes', ({ expect }) => {
    expect(numericKey('0x1f NAME')).toBe(0);
    expect(sortLines(['0x0000008b B', '0x0000008C C', '10 X', '9 Y'], (s) => s, 'sort-n')).toEqual(['0x0000008C C', '0x0000008b B', '9 Y', '10 X']);
  });

  test('sort compares bytes', ({ expect }) => {
    expect(sortLines(['10 QUERY', '2 REFRESH', '1 DISABLE'], (s) => s, 'sort')).toEqual(['1 DISABLE', '10 QUERY', '2 REFRESH']);
  });

  test('sort -nu keeps the first of equal numbers', ({ expect }) => {
    expect(sortNumericUnique(['B,7', 'A,7', 'C,3'], (s) => s.split(',')[1])).toEqual(['C,3', 'B,7']);
  });
});

describe('xargs', () => {
  test('splits at blanks and newlines, honours quotes', ({ expect }) => {
    expect(xargsWords('0x1 A\n"two words" B').words).toEqual(['0x1', 'A', 'two words', 'B']);
  });

  test('stops at an unmatched quote with the words it has', ({ expect }) => {
    const r = xargsWords("a don't");
    expect(r.words).toEqual(['a']);
    expect(r.error).toContain('unmatched single quote');
  });
});
