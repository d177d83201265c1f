// syscalltbl.sh (7.x) reads syscall tables, not headers. Its fixture and golden are checked with
// every spec (specs.test.ts); here what the script does when a table is not there: `set -e` and
// exit 1 after "Missing file", its output cut before that table.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { generate } from '../../src/tables/generate.js';
import { HeaderStore } from '../../src/tables/headers.js';
import { SPEC_BY_NAME } from '../../src/tables/specs/index.js';
import { FIXTURES, golden } from './fixture.js';

describe('syscalltbl', () => {
  test('a table that is not there ends the output where the script stops', ({ expect }) => {
    const dir = mkdtempSync(join(tmpdir(), 'kdrift-syscalltbl-'));
    try {
      cpSync(join(FIXTURES, 'syscalltbl', 'tools'), join(dir, 'tools'), { recursive: true });
      const mips = join(dir, 'tools/perf/arch/mips/entry/syscalls/syscall_n64.tbl');
      rmSync(mips);
      const g = generate(SPEC_BY_NAME.get('syscalltbl')!, { args: [join(dir, 'tools'), 'out.c'], store: new HeaderStore('x86_64', []) });
      const full = golden('syscalltbl', 'expected.c', 'latin1');
      const cut = full.indexOf('static const char *const syscall_num_to_name_EM_MIPS[]');
      expect(cut).toBeGreaterThan(0);
      expect(g.text).toBe(full.slice(0, cut));
      expect(g.missing).toEqual([mips]);
      expect(g.problems.join('\n')).toContain('Missing file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
