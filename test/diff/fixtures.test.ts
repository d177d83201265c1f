// Every case of fixtures/diff: `kdrift diff` as a maintainer runs it, against a reviewed
// transcript (fixtures/diff/<case>/kdrift-diff.txt; a missing one fails, KDRIFT_WRITE_GOLDENS=1
// writes it for review). Then, derived from the kinds table: every change kind and every verdict
// is shown by at least one case.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CHANGE_KIND_ORDER } from '../../src/diff/kinds.js';
import { VERDICTS } from '../../src/diff/classify.js';
import { REPO } from '../helpers/run.js';
import { runMain } from '../check/run-main.js';

const FIXTURES = join(REPO, 'fixtures', 'diff');

interface Case {
  name: string;
  dir: string;
  file: string;
  args: string[];
  shown: string;
}

function cases(): Case[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'include')
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(FIXTURES, name);
      const file = readdirSync(join(dir, 'new'))[0]!;
      const args = ['diff', `old/${file}`, `new/${file}`, '-I', '../include'];
      return { name, dir, file, args, shown: `cd fixtures/diff/${name} && kdrift ${args.join(' ')}` };
    });
}

function transcript(c: Case, r: { code: number; stdout: string; stderr: string }): string {
  let t = `$ ${c.shown}\n${r.stdout}`;
  if (r.stderr) t += `(stderr)\n${r.stderr}`;
  return `${t}Exit code: ${r.code}\n`;
}


describe('fixtures/diff', () => {
  test.for(cases())('$name', async (c, { expect }) => {
    const got = transcript(c, await runMain(c.args, { cwd: c.dir }));
    const golden = join(c.dir, 'kdrift-diff.txt');
    if (process.env.KDRIFT_WRITE_GOLDENS === '1') writeFileSync(golden, got);
    expect(existsSync(golden), `${golden} is missing (write it with KDRIFT_WRITE_GOLDENS=1, then review it)`).toBe(true);
    expect(got).toBe(readFileSync(golden, 'utf8'));
  });
});

describe('the fixtures cover the tables', () => {
  const all = () => cases().map((c) => (existsSync(join(c.dir, 'kdrift-diff.txt')) ? readFileSync(join(c.dir, 'kdrift-diff.txt'), 'utf8') : ''));

  test.for(CHANGE_KIND_ORDER)('change kind %s is shown by a case', (kind, { expect }) => {
    expect(all().some((t) => t.includes(`: ${kind} `) || t.includes(` ${kind},`) || t.includes(` ${kind})`))).toBe(true);
  });

  test.for(VERDICTS)('verdict %s is shown by a case', (verdict, { expect }) => {
    expect(all().some((t) => new RegExp(`: ${verdict}(:|$)`, 'm').test(t))).toBe(true);
  });

  test('a pair whose bytes differ always names what changed', ({ expect }) => {
    expect(all().filter((t) => /: (equivalent|additive|differs|incompatible): 0 changes/.test(t))).toEqual([]);
  });
});

test('every case has old/ and new/ versions of one file', () => {
  for (const c of cases()) {
    expect(readdirSync(join(c.dir, 'old')), c.name).toEqual([c.file]);
  }
});
