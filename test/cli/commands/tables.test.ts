// `kdrift tables` as a user runs it, against readable transcripts (fixtures/tables/mini-tree/transcript.txt).
import { readFileSync } from 'node:fs';
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
    expect(transcript).toBe(readFileSync(join(REPO, 'fixtures/tables/mini-tree/transcript.txt'), 'utf8'));
  }, 120_000);
});
