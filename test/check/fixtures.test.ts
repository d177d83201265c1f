// Every fixture tree of fixtures/check (and the demo tree): `kdrift check` as a maintainer runs it,
// against a reviewed transcript (fixtures/check/<case>/kdrift-check.txt; a missing one fails,
// KDRIFT_WRITE_GOLDENS=1 writes it for review), and against the fixture's own check-headers.sh
// run by bash (or sh), which must warn about the same pairs in the same order.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO, runScript } from '../helpers/run.js';
import { runMain } from './run-main.js';

const FIXTURES = join(REPO, 'fixtures', 'check');

interface Case {
  name: string;
  dir: string;
  /** Where `kdrift check` runs, and its arguments. */
  cwd: string;
  args: string[];
  shown: string;
  /** Why the fixture's own script is not expected to agree, when it is not. */
  noParity?: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const name of readdirSync(FIXTURES).sort()) {
    const dir = join(FIXTURES, name);
    if (existsSync(join(dir, 'tools', 'perf', 'check-headers.sh'))) {
      const c: Case = { name, dir, cwd: join(dir, 'tools', 'perf'), args: ['check'], shown: `cd fixtures/check/${name}/tools/perf && kdrift check` };
      if (name === 'unknown-constructs') c.noParity = 'the script computes pairs at run time ($(...), while, case, if): kdrift warns instead';
      out.push(c);
    } else if (existsSync(join(dir, 'kdrift-pairs.json'))) {
      out.push({ name, dir, cwd: dir, args: ['check', '--manifest', 'kdrift-pairs.json'], shown: `cd fixtures/check/${name} && kdrift check --manifest kdrift-pairs.json`, noParity: 'no script' });
    }
  }
  const demo = join(REPO, 'fixtures', 'demo-tree');
  out.push({ name: 'demo-tree', dir: demo, cwd: REPO, args: ['check', '--tree', 'fixtures/demo-tree'], shown: 'kdrift check --tree fixtures/demo-tree' });
  return out;
}

function transcript(c: Case, r: { code: number; stdout: string; stderr: string }): string {
  let t = `$ ${c.shown}\n${r.stdout}`;
  if (r.stderr) t += `(stderr)\n${r.stderr}`;
  return `${t}Exit code: ${r.code}\n`;
}

/** The pairs a run lists: `  diff -u A B` (the modern block) or `diff -u A B` (6.1's echo). */
function listed(stdout: string): string[] {
  return [...stdout.matchAll(/^\s*diff -u (\S+) (\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
}

const hasShell = existsSync('/bin/bash') && existsSync('/usr/bin/diff');

describe('fixtures/check', () => {
  test.for(cases())('$name: transcript', async (c, { expect }) => {
    const r = await runMain(c.args, { cwd: c.cwd, env: { NO_COLOR: undefined } });
    const got = transcript(c, r);
    const golden = join(c.dir, 'kdrift-check.txt');
    if (process.env.KDRIFT_WRITE_GOLDENS === '1') writeFileSync(golden, got);
    expect(existsSync(golden), `${golden} is missing (write it with KDRIFT_WRITE_GOLDENS=1, then review it)`).toBe(true);
    expect(got).toBe(readFileSync(golden, 'utf8'));
  });

  test.for(cases().filter((c) => !c.noParity))('$name: agrees with its own check-headers.sh', async (c, { expect, skip }) => {
    if (!hasShell) skip('bash and GNU diff are needed to run the fixture script');
    const script = readFileSync(join(c.dir, 'tools/perf/check-headers.sh'), 'utf8');
    const shell = script.startsWith('#!/bin/sh') ? 'sh' : 'bash';
    const theirs = await runScript(`${shell} ./check-headers.sh`, join(c.dir, 'tools', 'perf'));
    expect(theirs.code).toBe(0);
    const ours = await runMain(['check', '--tree', c.dir]);
    expect(listed(ours.stdout)).toEqual(listed(theirs.stdout));
    const skipped = (s: string) => s.split('\n').filter((l) => / not found\. Skipping /.test(l));
    expect(skipped(ours.stdout)).toEqual(skipped(theirs.stdout));
  });
});

describe('kdrift check --format json on the fixtures', () => {
  test('arrays-6.12: every status, the list lines, the options', async () => {
    const r = await runMain(['check', '--tree', join(FIXTURES, 'arrays-6.12'), '--format', 'json']);
    const j = JSON.parse(r.stdout);
    const rows = j.pairs.map((p: { tools: string; status: string; warned: boolean; line: number; via: string; options: string[] }) => `${p.status.padEnd(14)} ${p.warned ? 'W' : '-'} ${`${p.via}:${p.line}`.padEnd(16)} ${p.tools} [${p.options.join(' ')}]`);
    expect(rows.join('\n')).toBe(
      [
        'identical      - check:10         tools/include/uapi/linux/const.h [-B]',
        'differs        W check:11         tools/include/uapi/linux/kcmp.h [-B]',
        'identical      - check:12         tools/include/uapi/linux/fadvise.h [-B]',
        'missing-tools  W check:13         tools/include/linux/bits.h [-B]',
        'missing-kernel - check:14         tools/arch/x86/include/asm/msr-index.h [-B]',
        'missing-kernel - check:15         tools/include/uapi/linux/gone.h [-B]',
        'identical      - check:20         tools/arch/x86/include/asm/inat.h [-I ^.*\\/\\*.*__ignore_sync_check__.*\\*\\/.*$]',
        'differs        W check:21         tools/arch/x86/lib/insn.c [-I ^.*\\/\\*.*__ignore_sync_check__.*\\*\\/.*$]',
        'differs        W check_2:115      tools/perf/arch/x86/entry/syscalls/syscall_64.tbl []',
        'identical      - beauty_check:29  tools/perf/trace/beauty/include/uapi/linux/mount.h [-B]',
        'differs        W beauty_check:30  tools/perf/trace/beauty/include/uapi/linux/fs.h [-B]',
        'identical      - check_2:123      tools/perf/util/hashmap.h []',
      ].join('\n'),
    );
    expect(j.summary).toEqual({ pairs: 12, identical: 5, differs: 4, missingKernel: 2, missingTools: 1, warned: 5, ignoredHunks: 3 });
  });
});
