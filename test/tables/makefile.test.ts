import { describe, test } from 'vitest';
import { join } from 'node:path';
import { expand, readGenerators } from '../../src/tables/makefile.js';
import { FIXTURES } from './fixture.js';

describe('readGenerators', () => {
  test('reads the beauty rules of Makefile.perf as data', ({ expect }) => {
    const tree = join(FIXTURES, 'mini-tree');
    const runs = readGenerators(tree, { srcarch: 'x86' });
    expect(runs.map((r) => [r.name, r.args.map((a) => a.replace(tree, '$T')), r.target])).toEqual([
      ['clone', ['$T/tools/perf/trace/beauty/include/uapi/linux/'], 'trace/beauty/generated/clone_flags_array.c'],
      ['kvm_ioctl', ['$T/tools/include/uapi/linux'], 'trace/beauty/generated/ioctl/kvm_ioctl_array.c'],
    ]);
  });

  test("reads 7.x's rules from trace/beauty/Build, a script writing the file $@ names too", ({ expect }) => {
    const tree = join(FIXTURES, 'build-tree');
    const runs = readGenerators(tree, { srcarch: 'x86' });
    expect(runs.map((r) => [r.name, r.makefile, r.line, r.args.map((a) => a.replace(tree, '$T')), r.output])).toEqual([
      ['syscalltbl', 'tools/perf/trace/beauty/Build', 15, ['$T/tools', 'trace/beauty/generated/syscalltbl.c'], { arg: 1 }],
      ['clone', 'tools/perf/trace/beauty/Build', 22, ['$T/tools/perf/trace/beauty/include/uapi/linux/'], { stdout: true }],
    ]);
    // Makefile.perf's rules come first where a tree has both (6.x's mini-tree has no Build)
    expect(readGenerators(join(FIXTURES, 'mini-tree')).every((r) => r.makefile === 'tools/perf/Makefile.perf')).toBe(true);
  });

  test('expands patsubst as arch_errno_names is passed the compiler', ({ expect }) => {
    expect(expand("'$(patsubst -%,,$(CC))'", new Map([['CC', 'gcc']]))).toBe("'gcc'");
  });
});

describe('specForScript', () => {
  test('older versions of a script get their own spec, by hash', async ({ expect }) => {
    const { specForScript } = await import('../../src/tables/specs/index.js');
    expect(specForScript('x86_msr', 'a746d3ef533f378c' + '0'.repeat(48))?.parts[0]).toMatchObject({ open: 'static const char *x86_MSRs[] = {\n' });
    expect(specForScript('x86_msr', '8dbc189d44fcd66c' + '0'.repeat(48))?.parts[0]).toMatchObject({ open: 'static const char * const x86_MSRs[] = {\n' });
    expect(specForScript('x86_msr', 'ffffffffffffffff')).toBeUndefined();
  });
});
