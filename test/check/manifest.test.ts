import { describe, test } from 'vitest';
import { readManifest } from '../../src/check/manifest.js';
import { KdriftError } from '../../src/errors.js';

describe('readManifest', () => {
  test('pairs, options, ignoreHunks, requiresKernel', ({ expect }) => {
    const l = readManifest(
      JSON.stringify({
        version: 1,
        pairs: [
          { tools: 'tools/include/a.h', kernel: 'include/a.h', options: ['-B', '-I', '^EXPORT'] },
          { tools: 'tools/lib/x.c', kernel: 'lib/x.c', ignoreHunks: 'h/x.c', requiresKernel: false },
          { tools: './tools/b.h/', kernel: 'include//b.h', options: ['-N'] },
        ],
      }),
      'm.json',
    );
    expect(l.source).toEqual({ kind: 'manifest', path: 'm.json' });
    expect(l.pairs.map((p) => [p.tools, p.kernel, p.diff.argv.join(' '), p.requiresKernel, p.ignoreHunks?.file ?? '', p.origin.line])).toEqual([
      ['tools/include/a.h', 'include/a.h', '-B -I ^EXPORT', true, '', 1],
      ['tools/lib/x.c', 'lib/x.c', '', false, 'h/x.c', 2],
      ['tools/b.h', 'include/b.h', '-N', true, '', 3],
    ]);
    expect(l.warnings).toEqual([{ file: 'm.json', message: 'pairs[2]: the diff option -N is not modelled; tools/b.h is compared without it' }]);
  });

  test.for([
    ['{"version": 1, "pairs": [}', 'parse', 'not JSON', { file: 'm.json', line: 1, column: 26 }],
    ['{"version": 2, "pairs": []}', 'parse', 'version: expected 1', { file: 'm.json' }],
    ['{"version": 1, "pairs": [], "extra": 1}', 'parse', 'extra: unknown key', { file: 'm.json' }],
    ['{"version": 1, "pairs": [{"tools": "a"}]}', 'parse', 'pairs[0].kernel: expected a non-empty string', { file: 'm.json' }],
    ['{"version": 1, "pairs": [{"tools": "a", "kernel": "b", "opts": []}]}', 'parse', 'pairs[0].opts: unknown key', { file: 'm.json' }],
    ['{"version": 1, "pairs": [{"tools": "a", "kernel": "b", "options": ["-I", "\\\\("]}]}', 'parse', "pairs[0].options: diff rejects the regex -I '\\(': Unmatched ( or \\(", { file: 'm.json' }],
    ['{"version": 1, "pairs": [{"tools": "a", "kernel": "b", "options": ["x"]}]}', 'parse', 'pairs[0].options: "x" is not a diff option', { file: 'm.json' }],
    ['{"version": 1, "pairs": [{"tools": "../a", "kernel": "b"}]}', 'path-escape', 'pairs[0].tools: ../a is outside the tree', { file: 'm.json' }],
    ['{"version": 1, "pairs": [{"tools": "a", "kernel": "/etc/b"}]}', 'path-escape', 'pairs[0].kernel: /etc/b is outside the tree', { file: 'm.json' }],
  ])('rejects %s', ([text, kind, msg, at], { expect }) => {
    try {
      readManifest(text as string, 'm.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KdriftError);
      expect((e as KdriftError).kind).toBe(kind);
      expect((e as KdriftError).message).toContain(msg);
      expect((e as KdriftError).at).toEqual(at);
    }
  });
});
