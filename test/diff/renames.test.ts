// src/diff/renames.ts: a removed and an added name in the same slot with the same value are one rename.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { diffHeaders } from '../../src/diff/index.js';
import type { Change, HeaderDiff } from '../../src/diff/types.js';
import { REPO } from '../helpers/run.js';

const summary = (cs: readonly Change[]) =>
  cs.map((c) => `${c.kind} ${[('before' in c ? c.before : undefined) ?? '', ('after' in c ? c.after : undefined) ?? ''].filter(Boolean).join(' → ')}`);

function diffSources(old: string, neu: string): HeaderDiff {
  const dir = mkdtempSync(join(tmpdir(), 'kdrift-renames-'));
  writeFileSync(join(dir, 'old.h'), old);
  writeFileSync(join(dir, 'new.h'), neu);
  const d = diffHeaders({ path: join(dir, 'old.h'), includeDirs: [] }, { path: join(dir, 'new.h'), includeDirs: [] }, { abis: ['x86_64'] });
  if (d.kind !== 'header') throw new Error(`not a header diff: ${JSON.stringify(d)}`);
  return d;
}

describe('macroRenames', () => {
  test('the validate fixture perf-pmu-cap-rename is one macro-renamed', ({ expect }) => {
    const f = 'include/linux/perf_event.h';
    const base = join(REPO, 'fixtures/validate/perf-pmu-cap-rename');
    const d = diffHeaders({ path: join(base, 'old', f), includeDirs: [] }, { path: join(base, 'new', f), includeDirs: [] });
    if (d.kind !== 'header') throw new Error('not a header diff');
    expect(d.verdict).toBe('incompatible');
    expect(summary(d.changes)).toEqual(['macro-renamed PERF_PMU_CAP_VPMU_PASSTHROUGH → PERF_PMU_CAP_MEDIATED_VPMU']);
  });

  test.for([
    ['same slot, same value', '#define A 1\n#define X 2\n#define B 3\n', '#define A 1\n#define Y 2\n#define B 3\n', ['macro-renamed X → Y']],
    ['same slot, value spelled differently', '#define A 1\n#define X 0x2\n#define B 3\n', '#define A 1\n#define Y (1 << 1)\n#define B 3\n', ['macro-renamed X → Y']],
    ['same slot, another value', '#define A 1\n#define X 2\n#define B 3\n', '#define A 1\n#define Y 4\n#define B 3\n', ['macro-added 4', 'macro-removed 2']],
    ['same value, another slot', '#define X 2\n#define A 1\n#define B 3\n', '#define A 1\n#define B 3\n#define Y 2\n', ['macro-added 2', 'macro-removed 2']],
    ['two adjacent renames', '#define A 1\n#define X 2\n#define Z 3\n#define B 4\n', '#define A 1\n#define Y 2\n#define W 3\n#define B 4\n', ['macro-added 2', 'macro-added 3', 'macro-removed 2', 'macro-removed 3']],
    ['function-like, same text', '#define A 1\n#define F(x) ((x) + 1)\n#define B 3\n', '#define A 1\n#define G(x) ((x) + 1)\n#define B 3\n', ['macro-renamed F → G']],
    ['function-like, another text', '#define A 1\n#define F(x) ((x) + 1)\n#define B 3\n', '#define A 1\n#define G(x) ((x) + 2)\n#define B 3\n', ['macro-added (x) ((x) + 2)', 'macro-removed (x) ((x) + 1)']],
  ] as const)('%s', ([, old, neu, want], { expect }) => {
    expect(summary(diffSources(old, neu).changes)).toEqual(want);
  });
});

describe('enumConstantRenames', () => {
  test.for([
    ['implicit value, same slot', 'enum e { A, X, B };\n', 'enum e { A, Y, B };\n', ['enum-constant-renamed X → Y']],
    ['another value', 'enum e { A, X = 5, B };\n', 'enum e { A, Y = 6, B };\n', ['enum-constant-added 6', 'enum-constant-removed 5', 'enum-constant-value-changed 6 → 7']],
  ] as const)('%s', ([, old, neu, want], { expect }) => {
    expect(summary(diffSources(old, neu).changes).filter((s) => s.startsWith('enum-constant'))).toEqual(want);
  });
});
