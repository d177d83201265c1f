// The accounting of perf_create_mediated_pmu() / perf_release_mediated_pmu() and of
// include-guest events in kernel/events/core.c (the mediated vPMU series): an event counts when
// its PMU's capabilities have PERF_PMU_CAP_MEDIATED_VPMU and attr.exclude_guest is clear;
// creating a mediated PMU while such events exist fails -EBUSY; creating such an event while
// mediated VMs exist fails -EOPNOTSUPP; releases never underflow. Explored: every sequence of
// operations up to a bounded depth over PMUs that each have one capability of the family (and
// one with none), the spec judging by capability names and the kernel by their values.
// Not modelled: perf_event_alloc's other failure paths, the mutex (operations are atomic here),
// inherited events, the x86 PMI vector switching of the same series.
import { Findings, explore } from './explore.js';
import { defineModel, type Generation, type ModelInput, type Sym } from './model.js';

const P = 'PERF_PMU_CAP_';
const MEDIATED = `${P}MEDIATED_VPMU`;
const CORE_C = 'kernel/events/core.c';
const DEPTH = 5;
const MAX_EVENTS = 2;

interface Pmu {
  /** The capability it has, by name (`none` for a PMU without any). */
  cap: string;
  value: bigint;
}
interface Ev {
  pmu: number;
  excludeGuest: boolean;
}
interface State {
  vms: number;
  includeGuest: number;
  events: Ev[];
}
type Op = { k: 'create-event'; pmu: number; excludeGuest: boolean } | { k: 'free-event'; i: number } | { k: 'create-mediated' } | { k: 'release-mediated' };

export function chooseGeneration(input: ModelInput): Generation & { guardedUnaccount: boolean } {
  const has = input.evidence.hasFunction(CORE_C, 'perf_create_mediated_pmu');
  if (has === undefined) return { name: 'mediated-vpmu', guardedUnaccount: false, because: `${CORE_C} is absent; following the mediated vPMU series (v6)` };
  if (!has) return { name: 'mediated-vpmu', guardedUnaccount: false, because: `${CORE_C} has no perf_create_mediated_pmu(): ${MEDIATED} is defined without the accounting; following the mediated vPMU series (v6)` };
  const guarded = input.evidence.functionMentions(CORE_C, 'mediated_pmu_unaccount_event', 'WARN_ON_ONCE') === true;
  return guarded
    ? { name: 'mediated-vpmu+unaccount-warn', guardedUnaccount: true, because: `${CORE_C} defines perf_create_mediated_pmu(); mediated_pmu_unaccount_event() warns on underflow` }
    : { name: 'mediated-vpmu', guardedUnaccount: false, because: `${CORE_C} defines perf_create_mediated_pmu()` };
}

const opText = (op: Op, pmus: readonly Pmu[]) => {
  switch (op.k) {
    case 'create-event':
      return `perf_event_open(pmu with ${pmus[op.pmu].cap}, exclude_guest=${op.excludeGuest ? 1 : 0})`;
    case 'free-event':
      return `close(event ${op.i})`;
    case 'create-mediated':
      return 'perf_create_mediated_pmu()';
    case 'release-mediated':
      return 'perf_release_mediated_pmu()';
  }
};

export const perfMediatedPmu = defineModel({
  name: 'perf-mediated-pmu',
  title: 'perf_create_mediated_pmu() / perf_release_mediated_pmu() and include-guest event accounting',
  headers: [{ kernel: 'include/linux/perf_event.h', abi: 'x86_64' }],
  family: P,
  requires: [MEDIATED],
  run(input) {
    const gen = chooseGeneration(input);
    const med = input.kernel.get(MEDIATED)!;
    const caps = input.kernel.members(P);
    const pmus: Pmu[] = [{ cap: 'no capability', value: 0n }, ...caps.map((c) => ({ cap: c.name, value: c.value }))];
    const F = new Findings(P);

    // the kernel's test, by value, and the spec's, by name
    const kernelIncludesGuest = (e: Ev) => (pmus[e.pmu].value & med.value) !== 0n && !e.excludeGuest;
    const specIncludesGuest = (e: Ev) => pmus[e.pmu].cap === MEDIATED && !e.excludeGuest;

    interface Result {
      state: State;
      ret: string;
      spec: string;
      warned?: boolean;
    }
    const results = new Map<string, Result>();
    const key = (s: State) => `${s.vms}/${s.includeGuest}/${s.events.map((e) => `${e.pmu}${e.excludeGuest ? 'x' : ''}`).sort().join(',')}`;
    const opKey = (s: State, op: Op) => `${key(s)}|${JSON.stringify(op)}`;

    const step = (s: State, op: Op): Result => {
      const events = s.events;
      const specBlocked = events.some(specIncludesGuest);
      switch (op.k) {
        case 'create-event': {
          const e: Ev = { pmu: op.pmu, excludeGuest: op.excludeGuest };
          const spec = specIncludesGuest(e) && s.vms > 0 ? '-EOPNOTSUPP' : '0';
          if (kernelIncludesGuest(e)) {
            if (s.vms > 0) return { state: s, ret: '-EOPNOTSUPP', spec };
            return { state: { ...s, includeGuest: s.includeGuest + 1, events: [...events, e] }, ret: '0', spec };
          }
          return { state: { ...s, events: [...events, e] }, ret: '0', spec };
        }
        case 'free-event': {
          const e = events[op.i];
          const rest = events.filter((_, i) => i !== op.i);
          if (!kernelIncludesGuest(e)) return { state: { ...s, events: rest }, ret: '0', spec: '0' };
          if (gen.guardedUnaccount && s.includeGuest === 0) return { state: { ...s, events: rest }, ret: '0', spec: '0', warned: true };
          return { state: { ...s, includeGuest: s.includeGuest - 1, events: rest }, ret: '0', spec: '0' };
        }
        case 'create-mediated': {
          const spec = s.vms === 0 && specBlocked ? '-EBUSY' : '0';
          if (s.vms > 0) return { state: { ...s, vms: s.vms + 1 }, ret: '0', spec };
          if (s.includeGuest > 0) return { state: s, ret: '-EBUSY', spec };
          return { state: { ...s, vms: 1 }, ret: '0', spec };
        }
        case 'release-mediated': {
          if (s.vms === 0) return { state: s, ret: 'WARN', spec: 'WARN', warned: true };
          return { state: { ...s, vms: s.vms - 1 }, ret: '0', spec: '0' };
        }
      }
    };

    const scenarios = explore<State, Op>({
      initial: { vms: 0, includeGuest: 0, events: [] },
      depth: DEPTH,
      key,
      ops(s) {
        const ops: Op[] = [{ k: 'create-mediated' }, { k: 'release-mediated' }];
        s.events.forEach((_, i) => ops.push({ k: 'free-event', i }));
        if (s.events.length < MAX_EVENTS) {
          pmus.forEach((_, pmu) => {
            ops.push({ k: 'create-event', pmu, excludeGuest: false });
            ops.push({ k: 'create-event', pmu, excludeGuest: true });
          });
        }
        return ops;
      },
      step(s, op) {
        const r = step(s, op);
        results.set(opKey(s, op), r);
        return r.state;
      },
      visit(from, op, to, path) {
        const r = results.get(opKey(from, op))!;
        const trail = [...path, op].map((o) => opText(o, pmus)).join(', ');
        if (r.ret !== r.spec) {
          // the kernel and the spec disagree: some PMU is mediated by value and not by name
          const odd = pmus.find((p) => p.cap !== MEDIATED && (p.value & med.value) !== 0n);
          const at: Sym = (odd && input.kernel.get(odd.cap)) || med;
          F.add('capability-collision', at,
            odd
              ? `a PMU with only ${odd.cap} (0x${odd.value.toString(16)}) behaves as mediated, because ${MEDIATED} is 0x${med.value.toString(16)}`
              : `${MEDIATED} is 0x${med.value.toString(16)}: a PMU that has the capability does not behave as mediated`,
            { example: `${trail} returns ${r.ret}, expected ${r.spec}`, key: 'collision' });
        }
        if (to.vms < 0 || to.includeGuest < 0) {
          F.add('counter-underflow', med, `an accounting counter goes below zero (nr_mediated_pmu_vms=${to.vms}, nr_include_guest_events=${to.includeGuest})`, { example: trail, key: 'underflow' });
        }
        if (to.vms > 0 && to.events.some(specIncludesGuest)) {
          F.add('exclusion-broken', med, `a mediated PMU exists next to an include-guest event of a ${MEDIATED} PMU`, { example: trail, key: 'exclusion' });
        }
      },
    });
    return { generation: { name: gen.name, because: gen.because }, scenarios, findings: F.list() };
  },
});
