// Every fixture tree of fixtures/validate: the findings each change must produce and no others,
// and `kdrift validate` as a maintainer runs it, against a reviewed transcript
// (fixtures/validate/<case>/kdrift-validate.txt; a missing one fails, KDRIFT_WRITE_GOLDENS=1
// writes it for review).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { allFindings } from '../../src/validate/result.js';
import { validateTree } from '../../src/validate/run.js';
import { runMain } from '../check/run-main.js';
import { REPO } from '../helpers/run.js';

const FIXTURES = join(REPO, 'fixtures', 'validate');

interface Case {
  name: string;
  /** `severity code name` of every finding, families first, then models. */
  findings: string[];
  /** `model generation` of the models that ran. */
  models: string[];
  exit: number;
}

const CASES: Case[] = [
  { name: 'aperfmperf-done-right', findings: [], models: ['kvm-x86-disable-exits post-6.12+aperfmperf'], exit: 0 },
  {
    name: 'aperfmperf-mask-left-behind',
    findings: [
      'error missing-from-mask KVM_X86_DISABLE_EXITS_APERFMPERF',
      // what 6.12's logic does whatever the header says
      'warning accepted-not-honored KVM_X86_DISABLE_EXITS_MWAIT',
      'warning accepted-not-honored KVM_X86_DISABLE_EXITS_HLT',
      'warning accepted-not-honored KVM_X86_DISABLE_EXITS_PAUSE',
      'warning accepted-not-honored KVM_X86_DISABLE_EXITS_CSTATE',
      // what leaving the mask behind does
      'error never-enabled KVM_X86_DISABLE_EXITS_APERFMPERF',
    ],
    models: ['kvm-x86-disable-exits 6.12'],
    exit: 1,
  },
  { name: 'aperfmperf-docs-left-behind', findings: ['error docs-drift KVM_X86_DISABLE_EXITS_APERFMPERF'], models: ['kvm-x86-disable-exits post-6.12+aperfmperf'], exit: 1 },
  { name: 'aperfmperf-tools-left-behind', findings: ['warning tools-drift KVM_X86_DISABLE_EXITS_APERFMPERF'], models: ['kvm-x86-disable-exits post-6.12+aperfmperf'], exit: 0 },
  { name: 'perf-mediated-vpmu', findings: [], models: ['perf-mediated-pmu mediated-vpmu'], exit: 0 },
  {
    name: 'perf-mediated-vpmu-collision',
    findings: ['error bit-collision PERF_PMU_CAP_MEDIATED_VPMU', 'error capability-collision PERF_PMU_CAP_AUX_PREFER_LARGE'],
    models: ['perf-mediated-pmu mediated-vpmu'],
    exit: 1,
  },
  // the VPMU_PASSTHROUGH → MEDIATED_VPMU rename: both sides are clean; `kdrift diff` reports the rename
  { name: 'perf-pmu-cap-rename/old', findings: [], models: [], exit: 0 },
  { name: 'perf-pmu-cap-rename/new', findings: [], models: ['perf-mediated-pmu mediated-vpmu'], exit: 0 },
  { name: 'arm64-set-pmu-kernel-only', findings: ['warning tools-drift KVM_ARM_VCPU_PMU_V3_SET_PMU'], models: ['arm64-pmu-set-pmu 6.12'], exit: 0 },
  {
    name: 'arm64-set-pmu-tools-only',
    findings: ['warning tools-drift KVM_ARM_VCPU_PMU_V3_SET_PMU', 'error copy-misread KVM_ARM_VCPU_PMU_V3_SET_PMU'],
    models: ['arm64-pmu-set-pmu pre-SET_PMU (5.17)'],
    exit: 1,
  },
  // the tools copy feeds fadvise.sh (Makefile.perf): its pattern wants a blank after the value
  { name: 'fadvise-table-miss', findings: ['warning table-missing-entry POSIX_FADV_NOREUSE'], models: [], exit: 0 },
];

describe('fixtures/validate', () => {
  test.for(CASES)('$name: its findings and no others', (c, { expect }) => {
    const r = validateTree({ tree: join(FIXTURES, c.name) });
    expect(allFindings(r).map((f) => `${f.severity} ${f.code} ${f.name}`)).toEqual(c.findings);
    expect(r.models.map((m) => `${m.model} ${m.generation}`)).toEqual(c.models);
    expect(r.notes).toEqual([]);
  });

  test.for(CASES)('$name: transcript', async (c, { expect }) => {
    const args = ['validate', '--tree', `fixtures/validate/${c.name}`];
    const r = await runMain(args, { cwd: REPO });
    expect(r.code).toBe(c.exit);
    let got = `$ kdrift ${args.join(' ')}\n${r.stdout}`;
    if (r.stderr) got += `(stderr)\n${r.stderr}`;
    got += `Exit code: ${r.code}\n`;
    const golden = join(FIXTURES, c.name, 'kdrift-validate.txt');
    if (process.env.KDRIFT_WRITE_GOLDENS === '1') writeFileSync(golden, got);
    expect(existsSync(golden), `${golden} is missing (write it with KDRIFT_WRITE_GOLDENS=1, then review it)`).toBe(true);
    expect(got).toBe(readFileSync(golden, 'utf8'));
  });
});

describe('kdrift validate --format json', () => {
  test('perf-mediated-vpmu-collision: the wire shape', async () => {
    const r = await runMain(['validate', '--tree', join(FIXTURES, 'perf-mediated-vpmu-collision'), '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['version', 'tree', 'families', 'models', 'skipped', 'summary']);
    const fam = j.families.find((f: { family: string }) => f.family === 'PERF_PMU_CAP_');
    expect(fam.header).toBe('include/linux/perf_event.h');
    expect(fam.kind).toBe('bits');
    expect(fam.members.at(-1)).toEqual({ name: 'PERF_PMU_CAP_MEDIATED_VPMU', value: 1024 });
    expect(fam.findings[0]).toEqual({
      severity: 'error',
      code: 'bit-collision',
      family: 'PERF_PMU_CAP_',
      name: 'PERF_PMU_CAP_MEDIATED_VPMU',
      message: 'PERF_PMU_CAP_MEDIATED_VPMU (0x400) shares bit 10 with PERF_PMU_CAP_AUX_PREFER_LARGE (0x400, line 22)',
      file: 'include/linux/perf_event.h',
      line: 23,
    });
    expect(j.models.map((m: { model: string; generation: string; findings: unknown[] }) => [m.model, m.generation, m.findings.length])).toEqual([['perf-mediated-pmu', 'mediated-vpmu', 1]]);
    expect(j.summary).toEqual({ errors: 2, warnings: 0, infos: 0 });
  });

  test('--family takes every constant with the prefix, the group id included', () => {
    const r = validateTree({ tree: join(FIXTURES, 'arm64-set-pmu-kernel-only'), declared: ['KVM_ARM_VCPU_PMU_V3_'] });
    const declared = r.families.filter((f) => f.family.origin === 'declared');
    expect(declared.map((f) => [f.family.prefix, f.family.kind, f.family.members.map((m) => m.name.slice(20))])).toEqual([
      ['KVM_ARM_VCPU_PMU_V3_', 'values', ['CTRL', 'IRQ', 'INIT', 'FILTER', 'SET_PMU']],
    ]);
    expect(declared[0].findings.map((x) => `${x.code} ${x.name}`)).toEqual(['value-collision KVM_ARM_VCPU_PMU_V3_IRQ', 'tools-drift KVM_ARM_VCPU_PMU_V3_SET_PMU']);
  });

  test('a tree that does not exist is a usage of bad input', async () => {
    const r = await runMain(['validate', '--tree', join(FIXTURES, 'no-such-tree')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no such tree');
  });
});
