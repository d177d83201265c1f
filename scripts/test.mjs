#!/usr/bin/env node
// `npm test`: the unit tier, then the kernel tier when KDRIFT_KERNEL_SRC names a tree; one count line per tier.
//
//   node scripts/test.mjs [vitest args...]     run the tiers (extra args, e.g. a file filter, go to both)
//   node scripts/test.mjs --count A.json[:CODE] ...   sum vitest JSON reports (CODE: vitest's exit code);
//                                              print `N passed, M failed[, K skipped]` (.ci/run uses it);
//                                              --extra-failed K adds K failed steps
//
// Counts come from vitest's own JSON reporter, written next to its default reporter. A test file
// that fails to load, or a run that vitest fails without a failed test (an unhandled error, the
// kernel tier's cache guard), counts as one failure: the counts never say 0 failed when vitest
// said otherwise. KDRIFT_TEST_JSON_DIR keeps the JSON reports there (default: a temp dir, removed).
// Exit code: 0 when every tier run passed, 1 otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VITEST = join(REPO, 'node_modules', 'vitest', 'vitest.mjs');

/** @typedef {{ passed: number, failed: number, skipped: number, notes: string[] }} Counts */

/** Counts of one vitest JSON report; `exitCode` is vitest's (null: not known). @returns {Counts} */
export function countReport(file, exitCode = null) {
  const c = { passed: 0, failed: 0, skipped: 0, notes: [] };
  if (!existsSync(file)) {
    if (exitCode !== 0) {
      c.failed = 1;
      c.notes.push(`${file}: no report (vitest exited ${exitCode ?? 'abnormally'})`);
    }
    return c;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  c.passed = r.numPassedTests ?? 0;
  c.failed = r.numFailedTests ?? 0;
  c.skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  for (const t of r.testResults ?? []) {
    const failedInside = (t.assertionResults ?? []).some((a) => a.status === 'failed');
    if (t.status === 'failed' && !failedInside) {
      c.failed += 1;
      c.notes.push(`${t.name}: file failed to run: ${String(t.message ?? '').split('\n')[0]}`);
    }
  }
  if (exitCode !== null && exitCode !== 0 && c.failed === 0) {
    c.failed = 1;
    c.notes.push(`vitest exited ${exitCode} without a failed test (an unhandled error or a global setup/teardown failure: see above)`);
  }
  return c;
}

/** @param {Counts[]} all */
export function sum(all) {
  return all.reduce(
    (a, c) => ({ passed: a.passed + c.passed, failed: a.failed + c.failed, skipped: a.skipped + c.skipped, notes: [...a.notes, ...c.notes] }),
    { passed: 0, failed: 0, skipped: 0, notes: [] },
  );
}

/** @param {Counts} c */
export function line(c) {
  return `${c.passed} passed, ${c.failed} failed` + (c.skipped ? `, ${c.skipped} skipped` : '');
}

function runTier(name, config, jsonFile, extraArgs, env) {
  const args = [VITEST, 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`, ...extraArgs];
  const r = spawnSync(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'], env });
  const code = r.status ?? 1;
  const c = countReport(jsonFile, code);
  for (const n of c.notes) console.error(`${name} tier: ${n}`);
  return c;
}

function main(argv) {
  if (argv[0] === '--count') {
    let extra = 0;
    const files = [];
    for (let i = 1; i < argv.length; i++) {
      if (argv[i] === '--extra-failed') extra += Number(argv[++i]);
      else files.push(argv[i]);
    }
    // FILE:CODE gives vitest's exit code too (a global teardown failure is in no report).
    const total = sum(
      files.map((f) => {
        const m = /^(.*):(\d+)$/.exec(f);
        return m ? countReport(m[1], Number(m[2])) : countReport(f);
      }),
    );
    total.failed += extra;
    for (const n of total.notes) console.error(n);
    console.log(line(total));
    return total.failed ? 1 : 0;
  }

  const keep = process.env.KDRIFT_TEST_JSON_DIR;
  const dir = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'kdrift-test-'));
  mkdirSync(dir, { recursive: true });
  const tiers = [];
  try {
    // The unit tier never sees the kernel tree, even when the caller has it set.
    const unitEnv = { ...process.env };
    delete unitEnv.KDRIFT_KERNEL_SRC;
    delete unitEnv.KDRIFT_KERNEL_HDR;
    tiers.push(['unit', runTier('unit', 'vitest.config.ts', join(dir, 'unit.json'), argv, unitEnv)]);

    if (process.env.KDRIFT_KERNEL_SRC) {
      tiers.push(['kernel', runTier('kernel', 'vitest.kernel.config.ts', join(dir, 'kernel.json'), argv, process.env)]);
    }
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }

  console.log('');
  for (const [name, c] of tiers) console.log(`${name} tier: ${line(c)}`);
  if (!process.env.KDRIFT_KERNEL_SRC) {
    console.log('kernel tier: skipped (KDRIFT_KERNEL_SRC is unset); run it: bash scripts/kernel-tree.sh && KDRIFT_KERNEL_SRC=$PWD/.cache/kernel/linux npm test');
  }
  const total = sum(tiers.map(([, c]) => c));
  return total.failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
