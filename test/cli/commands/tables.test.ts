// `kdrift tables` as a user runs it, against readable transcripts (fixtures/tables/mini-tree/transcript.txt;
// KDRIFT_WRITE_GOLDENS=1 rewrites it, then review the diff).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { REPO, runKdrift } from '../../helpers/run.js';

const COMMANDS = [
  ['tables', '--tree', 'fixtures/tables/mini-tree'],
  ['tables', '--tree', 'fixtures/tables/mini-tree', '--table', 'kvm_ioctl', '--lang', 'ts'],
  ['tables', '--tree', 'fixtures/tables/mini-tree', '--coverage'],
  ['tables', '--tree', 'fixtures/tables/mini-tree', '--table', 'nosuch'],
  ['tables', '--tree', 'fixtures/tables/mini-tree', '--family', 'KVM_', '--header', 'include/uapi/linux/kvm.h'],
];

describe('kdrift tables', () => {
  test('transcript', async ({ expect }) => {
    let transcript = '';
    for (const args of COMMANDS) {
      const r = await runKdrift(args, { cwd: REPO });
      transcript += `$ kdrift ${args.join(' ')}\n${r.stdout}${r.stderr ? `[stderr]\n${r.stderr}` : ''}Exit code: ${r.code}\n\n`;
    }
    const golden = join(REPO, 'fixtures/tables/mini-tree/transcript.txt');
    if (process.env.KDRIFT_WRITE_GOLDENS === '1') writeFileSync(golden, transcript);
    expect(transcript).toBe(readFileSync(golden, 'utf8'));
  }, 120_000);
});

describe('kdrift tables with its result cache', () => {
  test('a cached run writes what an uncached one writes; a changed header is made again', async ({ expect }) => {
    const tmp = mkdtempSync(join(tmpdir(), 'kdrift-tables-cache-'));
    try {
      const tree = join(tmp, 'tree');
      cpSync(join(REPO, 'fixtures/tables/mini-tree'), tree, { recursive: true });
      const cache = join(tmp, 'cache');
      const run = async (dir: string) => {
        const r = await runKdrift(['tables', '--tree', tree], { env: { KDRIFT_CACHE_DIR: dir } });
        return `${r.code}\n${r.stdout}\n[stderr]\n${r.stderr}`;
      };
      const plain = await run('off');
      expect(await run(cache)).toBe(plain);
      expect(await run(cache)).toBe(plain);
      expect(readdirSync(cache).filter((d) => d.startsWith('tables-'))).toHaveLength(1);
      // a new ioctl in the copy the generator reads
      const kvm = join(tree, 'tools/include/uapi/linux/kvm.h');
      writeFileSync(kvm, readFileSync(kvm, 'latin1') + '#define KVM_DEMO_CACHED           _IO(KVMIO,   0xfe)\n');
      const changed = await run('off');
      expect(changed).not.toBe(plain);
      expect(changed).toContain('[0xfe] = "DEMO_CACHED"');
      expect(await run(cache)).toBe(changed);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);
});
