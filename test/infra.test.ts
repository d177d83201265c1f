// The CLI starts at all, and --help documents the exit codes (a user-facing contract: src/cli/exit-codes.ts).
import { describe, test } from 'vitest';
import { EXIT } from '../src/cli/exit-codes.js';
import { runKdrift } from './helpers/run.js';

describe('kdrift --help', () => {
  test('exits 0, prints usage on stdout and nothing on stderr', async ({ expect }) => {
    const r = await runKdrift(['--help']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: kdrift /m);
  });

  test('lists every exit code of src/cli/exit-codes.ts', async ({ expect }) => {
    const r = await runKdrift(['--help']);
    const section = r.stdout.slice(r.stdout.indexOf('Exit codes:'));
    expect(section, 'an "Exit codes:" section').toMatch(/^Exit codes:/);
    for (const [name, code] of Object.entries(EXIT)) {
      expect(section, `exit code ${code} (${name})`).toMatch(new RegExp(`^\\s+${code}\\s+\\S`, 'm'));
    }
  });

  test('an unknown command is a usage error', async ({ expect }) => {
    const r = await runKdrift(['no-such-command']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/unknown command/);
  });
});
