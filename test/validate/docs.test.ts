import { describe, test } from 'vitest';
import { readLiteralBlocks } from '../../src/validate/docs.js';

describe('readLiteralBlocks', () => {
  test('the #define lines of literal blocks, nothing else', ({ expect }) => {
    const rst = [
      'Some prose mentions #define FOO_A 1 in passing.', // 1
      '',
      'Valid flags are::', // 3
      '',
      '  #define FOO_A   (1 << 0)',
      '  #define FOO_B \\',
      '          (1 << 1)',
      '  #define FOO_M(x) (x)',
      '',
      '  struct foo { int a; };',
      '',
      'Back to prose.',
      '',
      '.. code-block:: c', // directives are not literal blocks
      '',
      '  #define BAR 1',
    ].join('\n');
    expect(readLiteralBlocks('Documentation/x.rst', rst)).toEqual([
      {
        file: 'Documentation/x.rst',
        line: 3,
        intro: 'Valid flags are::',
        defines: [
          { name: 'FOO_A', body: '(1 << 0)', line: 5 },
          { name: 'FOO_B', body: '(1 << 1)', line: 6 },
        ],
      },
    ]);
  });
});
