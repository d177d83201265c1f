import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { comparePair } from '../../src/check/compare.js';
import { parseDiffArgv } from '../../src/check/diff-options.js';
import type { PairResult, PairSpec } from '../../src/check/types.js';

let root: string;
const files: Record<string, string> = {
  'k/same.h': 'a\nb\n',
  't/same.h': 'a\nb\n',
  'k/blank.h': 'a\nb\n',
  't/blank.h': 'a\n\nb\n',
  'k/real.h': 'a\nb\n',
  't/real.h': 'a\nc\n',
  'k/only-kernel.h': 'a\n',
  't/only-tools.h': 'a\n',
  'k/bin.h': 'a\0b\n',
  't/bin.h': 'a\0c\n',
  'k/hunks.c': 'x\n\ny\nz\n',
  't/hunks.c': 'x\n\ny\n',
  'h/ok': '@@ -1,3 +1,4 @@\n x\n \n y\n+z\n',
  'h/short': '+z\n',
  'h/bad': '\\(\n',
};
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kdrift-compare-'));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), c);
  }
  mkdirSync(join(root, 'k/dir.h'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function spec(name: string, argv: string[] = [], more: Partial<PairSpec> = {}): PairSpec {
  return { tools: `t/${name}`, kernel: `k/${name}`, diff: parseDiffArgv(argv).options, requiresKernel: true, origin: { file: 's', line: 1, via: 'check' }, ...more };
}
function row(r: PairResult): string {
  return `${r.status} ${r.warned ? `warned:${r.reason}` : 'quiet'} bytes=${r.bytesIdentical} hunks=${r.hunks ? `${r.hunks.total}/${r.hunks.ignored}` : '-'}${r.unfilteredLines !== undefined ? ` left=${r.unfilteredLines}` : ''}${r.binary ? ' binary' : ''}${r.problem ? ` problem=${r.problem.message}` : ''}`;
}

describe('comparePair', () => {
  test.for([
    ['byte-identical', spec('same.h', ['-B']), 'identical quiet bytes=true hunks=-'],
    ['a blank line under -B', spec('blank.h', ['-B']), 'identical quiet bytes=false hunks=1/1'],
    ['a blank line without -B', spec('blank.h'), 'differs warned:differs bytes=false hunks=1/0'],
    ['a real change', spec('real.h', ['-B']), 'differs warned:differs bytes=false hunks=1/0'],
    ['a real change, matched by -I', spec('real.h', ['-I', '^[bc]$']), 'identical quiet bytes=false hunks=1/1'],
    ['the tools copy missing', spec('only-kernel.h', ['-B']), 'missing-tools warned:missing-tools bytes=false hunks=-'],
    ['the kernel file missing, tested first', spec('only-tools.h'), 'missing-kernel quiet bytes=false hunks=-'],
    ['the kernel file missing, not tested', spec('only-tools.h', [], { requiresKernel: false }), 'missing-kernel warned:missing-kernel bytes=false hunks=-'],
    ['the kernel path a directory', spec('dir.h'), 'missing-kernel quiet bytes=false hunks=-'],
    ['binary files ignore -B/-I', spec('bin.h', ['-I', 'b']), 'differs warned:differs bytes=false hunks=1/0 binary'],
    ['binary compared as text with -a', spec('bin.h', ['-a', '-I', '^a']), 'identical quiet bytes=false hunks=1/1'],
    ['an invalid regex: diff fails', spec('same.h', ['-I', '\\(']), "identical warned:diff-trouble bytes=true hunks=- problem=diff rejects the regex -I '\\(': Unmatched ( or \\("],
    ['an invalid option: diff fails', spec('real.h', ['-Y']), 'differs warned:diff-trouble bytes=false hunks=1/0 problem=diff rejects -Y'],
    ['hunks: all known', spec('hunks.c', ['-u'], { ignoreHunks: { file: 'h/ok', missing: { warns: true } } }), 'identical quiet bytes=false hunks=1/1 left=0'],
    ['hunks: only the + line known', spec('hunks.c', ['-u'], { ignoreHunks: { file: 'h/short', missing: { warns: true } } }), 'differs warned:differs bytes=false hunks=1/0 left=6'],
    ['hunks: the file missing, with the guard', spec('hunks.c', ['-u'], { ignoreHunks: { file: 'h/none', missing: { warns: true, message: 'm' } } }), 'differs warned:ignore-hunks-missing bytes=false hunks=-'],
    ['hunks: the file missing, no guard', spec('hunks.c', ['-u'], { ignoreHunks: { file: 'h/none', missing: { warns: false } } }), 'differs quiet bytes=false hunks=-'],
    ['hunks: a bad pattern passes', spec('hunks.c', ['-u'], { ignoreHunks: { file: 'h/bad', missing: { warns: true } } }), "differs quiet bytes=false hunks=1/0 left=0 problem=grep rejects this pattern (Unmatched ( or \\(), so the pair is never reported"],
    ['hunks: the tools copy missing passes', spec('only-kernel.h', ['-u'], { ignoreHunks: { file: 'h/ok', missing: { warns: true } } }), 'missing-tools quiet bytes=false hunks=- left=0'],
    ['hunks: identical', spec('same.h', ['-u'], { ignoreHunks: { file: 'h/ok', missing: { warns: true } } }), 'identical quiet bytes=true hunks=- left=0'],
  ] as [string, PairSpec, string][])('%s', ([, s, want], { expect }) => {
    expect(row(comparePair(root, s))).toBe(want);
  });

  test.for([
    ['a real change is decided on the bytes', spec('real.h', ['-B']), 'differs warned:differs bytes=false hunks=-'],
    ['a blank line still needs the line diff', spec('blank.h', ['-B']), 'identical quiet bytes=false hunks=1/1'],
    ['-I: kept lines differ', spec('real.h', ['-I', '^b$']), 'differs warned:differs bytes=false hunks=-'],
  ] as [string, PairSpec, string][])('without detail: %s', ([, s, want], { expect }) => {
    expect(row(comparePair(root, s, { detail: false }))).toBe(want);
  });
});
