// src/validate/tables.ts: the generated tables validate gives table-missing-entry.
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { generatedTables } from '../../src/validate/tables.js';
import { REPO } from '../helpers/run.js';

const FIXTURES = join(REPO, 'fixtures', 'validate');
const pair = { kernel: 'include/uapi/linux/fadvise.h', tools: 'tools/include/uapi/linux/fadvise.h' };

describe('generatedTables', () => {
  test("a name the generator's pattern misses is not an entry", ({ expect }) => {
    expect(generatedTables(join(FIXTURES, 'fadvise-table-miss'), pair)).toEqual([
      {
        name: 'tools/perf/trace/beauty/fadvise.sh (fadvise_advices)',
        file: 'tools/perf/Makefile.perf',
        line: 12,
        prefix: 'POSIX_FADV_',
        entries: ['POSIX_FADV_NORMAL', 'POSIX_FADV_RANDOM', 'POSIX_FADV_SEQUENTIAL', 'POSIX_FADV_WILLNEED', 'POSIX_FADV_DONTNEED'],
      },
    ]);
  });

  test('a tree without Makefile.perf, or a copy no generator reads, has none', ({ expect }) => {
    expect(generatedTables(join(FIXTURES, 'perf-mediated-vpmu'), pair)).toEqual([]);
    expect(generatedTables(join(FIXTURES, 'fadvise-table-miss'), { kernel: 'include/uapi/linux/kcmp.h', tools: 'tools/include/uapi/linux/kcmp.h' })).toEqual([]);
  });
});
