// The KVM_ARM_VCPU_PMU_V3_CTRL attributes of a vCPU (KVM_SET_DEVICE_ATTR), as
// arch/arm64/kvm/pmu-emul.c has them in 6.12: IRQ, INIT, FILTER, SET_PMU, and SET_NR_COUNTERS
// where the tree has it. The kernel dispatches on the attribute's number (its header's value);
// the spec states the documented rules by name: any attribute fails -EBUSY once this vCPU's PMU
// is initialised (INIT done); SET_PMU fails -ENXIO for an unknown PMU id, -EBUSY once the VM
// has run or when an event filter is set and the requested PMU differs from the current one;
// the PMU set through one vCPU is the whole VM's; attribute ids are distinct.
// Not modelled: the IRQ number's validity and ownership, the filter's event ranges, vGIC
// initialisation order beyond "INIT needs the IRQ with an in-kernel irqchip", get/has_attr.
import { Findings, explore } from './explore.js';
import { defineModel, type Generation, type ModelInput, type Sym, type Symbols } from './model.js';

const P = 'KVM_ARM_VCPU_PMU_V3_';
const GROUP = `${P}CTRL`;
const IRQ = `${P}IRQ`;
const INIT = `${P}INIT`;
const FILTER = `${P}FILTER`;
const SET_PMU = `${P}SET_PMU`;
const SET_NR = `${P}SET_NR_COUNTERS`;
const PMU_EMUL = 'arch/arm64/kvm/pmu-emul.c';
const HOST_PMUS = [10, 11];
const UNKNOWN_PMU = 99;
const DEFAULT_PMU = HOST_PMUS[0];
const VCPUS = 2;
const DEPTH = 5;

interface Vcpu {
  created: boolean;
  irq: boolean;
}
interface State {
  irqchip: boolean;
  ran: boolean;
  filter: boolean;
  pmu: number;
  vcpus: Vcpu[];
}
type Op = { k: 'attr'; vcpu: number; name: string; arg: number } | { k: 'run'; vcpu: number };

export function chooseGeneration(input: ModelInput): Generation & { handled: string[] } {
  const ev = input.evidence;
  const setPmu = ev.hasFunction(PMU_EMUL, 'kvm_arm_pmu_v3_set_pmu');
  const setNr = ev.hasFunction(PMU_EMUL, 'kvm_arm_pmu_v3_set_nr_counters');
  if (setPmu === undefined) {
    const k = input.kernel;
    if (k.get(SET_NR)) return { name: 'post-6.12 (SET_NR_COUNTERS)', handled: [IRQ, INIT, FILTER, SET_PMU, SET_NR], because: `${PMU_EMUL} is absent; ${k.file} defines ${SET_NR}` };
    if (k.get(SET_PMU)) return { name: '6.12', handled: [IRQ, INIT, FILTER, SET_PMU], because: `${PMU_EMUL} is absent; ${k.file} defines ${SET_PMU}` };
    return { name: 'pre-SET_PMU (5.17)', handled: [IRQ, INIT, FILTER], because: `${PMU_EMUL} is absent; ${k.file} has no ${SET_PMU}` };
  }
  if (!setPmu) return { name: 'pre-SET_PMU (5.17)', handled: [IRQ, INIT, FILTER], because: `${PMU_EMUL} has no kvm_arm_pmu_v3_set_pmu()` };
  if (setNr) return { name: 'post-6.12 (SET_NR_COUNTERS)', handled: [IRQ, INIT, FILTER, SET_PMU, SET_NR], because: `${PMU_EMUL} defines kvm_arm_pmu_v3_set_pmu() and kvm_arm_pmu_v3_set_nr_counters()` };
  return { name: '6.12', handled: [IRQ, INIT, FILTER, SET_PMU], because: `${PMU_EMUL} defines kvm_arm_pmu_v3_set_pmu() and no kvm_arm_pmu_v3_set_nr_counters()` };
}

/** The attributes of group KVM_ARM_VCPU_PMU_V3_CTRL that a copy defines. */
function attributes(s: Symbols): Sym[] {
  return s.members(P).filter((m) => m.name !== GROUP);
}

const argsOf = (name: string): number[] => (name === SET_PMU ? [...HOST_PMUS, UNKNOWN_PMU] : name === SET_NR ? [1, 64] : [0]);
const text = (op: Op) =>
  op.k === 'run' ? `KVM_RUN(vcpu ${op.vcpu})` : `vcpu ${op.vcpu}: ${op.name.slice(P.length)}${op.name === SET_PMU ? `(${op.arg})` : op.name === SET_NR ? `(${op.arg})` : ''}`;

export const arm64PmuSetPmu = defineModel({
  name: 'arm64-pmu-set-pmu',
  title: 'KVM_SET_DEVICE_ATTR on group KVM_ARM_VCPU_PMU_V3_CTRL of an arm64 vCPU',
  headers: [{ kernel: 'arch/arm64/include/uapi/asm/kvm.h', tools: 'tools/arch/arm64/include/uapi/asm/kvm.h', abi: 'arm64' }],
  family: P,
  requires: [GROUP, IRQ, INIT],
  run(input) {
    const gen = chooseGeneration(input);
    const F = new Findings(P);
    const kernelAttrs = attributes(input.kernel);
    const kv = (name: string) => input.kernel.get(name)?.value;
    let scenarios = 0;

    // attribute ids are distinct: the kernel's switch runs the first case with the number
    const seen = new Map<bigint, Sym>();
    for (const a of kernelAttrs) {
      const prev = seen.get(a.value);
      if (prev) F.add('ambiguous-attribute', a, `${a.name} and ${prev.name} are both ${a.value}: a request for ${a.name} runs the ${prev.name} case`);
      else seen.set(a.value, a);
    }

    /** The kernel: dispatch on the number, then 6.12's checks. */
    const kernelStep = (s: State, vcpu: number, attr: bigint, arg: number): { ret: string; state: State } => {
      const v = s.vcpus[vcpu];
      if (v.created) return { ret: '-EBUSY', state: s };
      const name = gen.handled.find((n) => kv(n) === attr);
      const vcpus = s.vcpus.map((x, i) => (i === vcpu ? { ...x } : x));
      const me = vcpus[vcpu];
      switch (name) {
        case IRQ:
          if (v.irq) return { ret: '-EBUSY', state: s };
          me.irq = true;
          return { ret: '0', state: { ...s, vcpus } };
        case FILTER:
          if (s.ran) return { ret: '-EBUSY', state: s };
          return { ret: '0', state: { ...s, filter: true } };
        case SET_PMU:
          if (!HOST_PMUS.includes(arg)) return { ret: '-ENXIO', state: s };
          if (s.ran || (s.filter && s.pmu !== arg)) return { ret: '-EBUSY', state: s };
          return { ret: '0', state: { ...s, pmu: arg } };
        case SET_NR:
          if (arg > 31) return { ret: '-EINVAL', state: s };
          return { ret: '0', state: s };
        case INIT:
          if (s.irqchip && !v.irq) return { ret: '-ENXIO', state: s };
          me.created = true;
          return { ret: '0', state: { ...s, vcpus } };
        default:
          return { ret: '-ENXIO', state: s };
      }
    };

    /** The spec, by the name the caller asked for: only what the rules say. */
    const spec = (s: State, vcpu: number, name: string, arg: number): string | undefined => {
      if (s.vcpus[vcpu].created) return '-EBUSY';
      if (name === SET_PMU) {
        if (!HOST_PMUS.includes(arg)) return '-ENXIO';
        if (s.ran || (s.filter && s.pmu !== arg)) return '-EBUSY';
        return '0';
      }
      return undefined;
    };

    const exploreCopy = (copy: Symbols) => {
      const attrs = attributes(copy);
      const accepted = new Set<string>();
      for (const irqchip of [false, true]) {
        const results = new Map<string, { ret: string; expected?: string }>();
        const key = (s: State) => JSON.stringify(s);
        scenarios += explore<State, Op>({
          initial: { irqchip, ran: false, filter: false, pmu: DEFAULT_PMU, vcpus: Array.from({ length: VCPUS }, () => ({ created: false, irq: false })) },
          depth: DEPTH,
          key,
          ops(s) {
            const ops: Op[] = [];
            for (let vcpu = 0; vcpu < VCPUS; vcpu++) {
              for (const a of attrs) for (const arg of argsOf(a.name)) ops.push({ k: 'attr', vcpu, name: a.name, arg });
              ops.push({ k: 'run', vcpu });
            }
            return ops;
          },
          step(s, op) {
            if (op.k === 'run') {
              // KVM_RUN needs every vCPU's PMU initialised
              if (!s.vcpus.every((v) => v.created)) return s;
              return s.ran ? s : { ...s, ran: true };
            }
            const a = copy.get(op.name)!;
            const r = kernelStep(s, op.vcpu, a.value, op.arg);
            results.set(`${key(s)}|${JSON.stringify(op)}`, { ret: r.ret, expected: spec(s, op.vcpu, op.name, op.arg) });
            return r.state;
          },
          visit(from, op, to, path) {
            if (op.k === 'run') return;
            const r = results.get(`${key(from)}|${JSON.stringify(op)}`)!;
            if (r.ret === '0') accepted.add(op.name);
            const trail = `irqchip=${irqchip ? 1 : 0}: ${[...path, op].map(text).join(', ')}`;
            const sym = copy.get(op.name)!;
            // a name the generation has no case for is reported once, as never enabled
            const unhandled = copy.copy === 'kernel' && !gen.handled.includes(op.name);
            if (r.expected !== undefined && r.expected !== r.ret && !unhandled) {
              if (copy.copy === 'tools' && kv(op.name) !== sym.value) {
                F.add('copy-misread', sym,
                  `${op.name} is ${sym.value} in ${copy.file} but ${kv(op.name) ?? 'undefined'} in ${input.kernel.file}: a tool built against the copy gets other behaviour`,
                  { example: `${trail} returns ${r.ret}, the rules say ${r.expected}`, key: op.name });
              } else {
                F.add('attribute-rule-broken', sym, `${op.name} does not follow its rules`, { example: `${trail} returns ${r.ret}, the rules say ${r.expected}`, key: op.name });
              }
            }
            if (op.name === SET_PMU && r.ret === '0') {
              // the PMU set through one vCPU is the whole VM's
              if (to.pmu !== op.arg) F.add('attribute-rule-broken', sym, `the PMU set through one vCPU does not apply to the whole VM`, { example: trail, key: 'vm-wide' });
            }
          },
        });
      }
      for (const a of attrs) {
        if (accepted.has(a.name) || F.has('copy-misread', a.name)) continue;
        const inKernel = input.kernel.get(a.name);
        if (copy.copy === 'kernel' || !inKernel || inKernel.value !== a.value) {
          const code = copy.copy === 'kernel' ? 'never-enabled' : 'copy-misread';
          const why = gen.handled.includes(a.name) ? `the ${gen.name} logic never accepts it` : `the ${gen.name} logic has no case for it (${gen.because}), so KVM_SET_DEVICE_ATTR returns -ENXIO`;
          const msg = copy.copy === 'kernel'
            ? `no sequence of calls gets ${a.name} accepted: ${why}`
            : `a tool built against ${copy.file} asking for ${a.name} (${a.value}) is never accepted: ${inKernel ? `the kernel header has ${inKernel.value}` : `${input.kernel.file} does not define it`} and ${why}`;
          F.add(code, a, msg, { key: `never ${a.name}` });
        }
      }
    };

    exploreCopy(input.kernel);
    if (input.tools) exploreCopy(input.tools);
    return { generation: { name: gen.name, because: gen.because }, scenarios, findings: F.list() };
  },
});
