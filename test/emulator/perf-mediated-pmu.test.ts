import { describe, expect, test } from 'vitest';
import { handEvidence } from '../../src/emulator/evidence.js';
import { perfMediatedPmu } from '../../src/emulator/perf-mediated-pmu.js';
import { dump, syms } from './make.js';

const H = 'include/linux/perf_event.h';
const CAPS = {
  PERF_PMU_CAP_NO_INTERRUPT: 0x1n,
  PERF_PMU_CAP_NO_NMI: 0x2n,
  PERF_PMU_CAP_AUX_NO_SG: 0x4n,
  PERF_PMU_CAP_AUX_PREFER_LARGE: 0x400n,
};
const fam = (names: string[]) => ({ PERF_PMU_CAP_: names });
const core = handEvidence({ 'kernel/events/core.c': { functions: { perf_create_mediated_pmu: [], mediated_pmu_unaccount_event: ['is_include_guest_event'] } } });

describe('perf-mediated-pmu', () => {
  test('MEDIATED_VPMU on a bit of its own: the accounting holds', () => {
    const vals = { ...CAPS, PERF_PMU_CAP_MEDIATED_VPMU: 0x800n };
    const run = perfMediatedPmu.run({ kernel: syms('kernel', H, vals, fam(Object.keys(vals))), evidence: core });
    expect(run.generation).toEqual({ name: 'mediated-vpmu', because: 'kernel/events/core.c defines perf_create_mediated_pmu()' });
    expect(run.scenarios).toBeGreaterThan(1000);
    expect(dump(run.findings)).toBe('');
  });

  test('MEDIATED_VPMU colliding with AUX_PREFER_LARGE: a PMU without it behaves as mediated', () => {
    const vals = { ...CAPS, PERF_PMU_CAP_MEDIATED_VPMU: 0x400n };
    const run = perfMediatedPmu.run({ kernel: syms('kernel', H, vals, fam(Object.keys(vals))), evidence: core });
    expect(dump(run.findings)).toMatchInlineSnapshot(`"error capability-collision PERF_PMU_CAP_AUX_PREFER_LARGE: a PMU with only PERF_PMU_CAP_AUX_PREFER_LARGE (0x400) behaves as mediated, because PERF_PMU_CAP_MEDIATED_VPMU is 0x400 (46 scenarios, e.g. perf_create_mediated_pmu(), perf_event_open(pmu with PERF_PMU_CAP_AUX_PREFER_LARGE, exclude_guest=0) returns -EOPNOTSUPP, expected 0)"`);
  });

  test('MEDIATED_VPMU of 0: include-guest events of a mediated PMU go uncounted', () => {
    const vals = { ...CAPS, PERF_PMU_CAP_MEDIATED_VPMU: 0n };
    const run = perfMediatedPmu.run({ kernel: syms('kernel', H, vals, fam(Object.keys(vals))), evidence: handEvidence({}) });
    expect(run.generation.because).toBe('kernel/events/core.c is absent; following the mediated vPMU series (v6)');
    expect(dump(run.findings)).toMatchInlineSnapshot(`
      "error capability-collision PERF_PMU_CAP_MEDIATED_VPMU: PERF_PMU_CAP_MEDIATED_VPMU is 0x0: a PMU that has the capability does not behave as mediated (53 scenarios, e.g. perf_create_mediated_pmu(), perf_event_open(pmu with PERF_PMU_CAP_MEDIATED_VPMU, exclude_guest=0) returns 0, expected -EOPNOTSUPP)
      error exclusion-broken PERF_PMU_CAP_MEDIATED_VPMU: a mediated PMU exists next to an include-guest event of a PERF_PMU_CAP_MEDIATED_VPMU PMU (153 scenarios, e.g. perf_create_mediated_pmu(), perf_event_open(pmu with PERF_PMU_CAP_MEDIATED_VPMU, exclude_guest=0))"
    `);
  });
});
