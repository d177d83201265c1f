import { describe, test } from 'vitest';
import { definedNames, definedRecords, parseDefines } from './defines.js';

describe('parseDefines', () => {
  test('the file of the definition in force; the header is what <stdin> includes', ({ expect }) => {
    const out = [
      '# 0 "<stdin>"',
      '# 0 "<built-in>"',
      '#define __STDC__ 1',
      '# 1 "/usr/include/stdc-predef.h" 1 3 4',
      '#define __STDC_IEC_559__ 1',
      '# 0 "<command-line>" 2',
      '# 1 "<stdin>"',
      '# 1 "/inc/linux/a.h" 1',
      '#define A_H',
      '# 1 "/inc/linux/b.h" 1',
      '#define SHARED 2',
      '#define GONE 1',
      '# 4 "/inc/linux/a.h" 2',
      '/* a comment */',
      '#ifndef SHARED',
      '#undef GONE',
      '#define OWN 3',
    ].join('\n');
    const d = parseDefines(out);
    expect(d.header).toBe('/inc/linux/a.h');
    expect(d.macros.get('SHARED')).toEqual({ file: '/inc/linux/b.h', line: 1 });
    expect(d.macros.get('OWN')).toEqual({ file: '/inc/linux/a.h', line: 7 });
    expect(d.macros.has('GONE')).toBe(false);
  });
});

describe('definedNames', () => {
  test('every branch; not in comments; continued lines joined', ({ expect }) => {
    const text = ['#ifdef X', '#define A 1', '#else', '# define B 2', '#endif', '/* #define C 3', '#define D */', '// #define E', '#define F \\', '  #define G', '\t#  define\tH(x) x'].join('\n');
    expect(definedNames(text)).toEqual(['A', 'B', 'F', 'H']);
  });
});

describe('definedRecords', () => {
  test('tagged definitions only: not declarations, comments or macro bodies', ({ expect }) => {
    const text = ['struct a {', '  struct b { int x; } y;', '  union', '  c {', '} ;', 'struct d;', 'struct a *p;', '/* struct e { */', '#define DECL struct f {', 'typedef struct { int x; } g_t;'].join('\n');
    expect(definedRecords(text)).toEqual(['struct a', 'struct b', 'union c']);
  });
});
