// The shared run of a "capability with a bit mask argument" model (KVM_CHECK_EXTENSION then
// KVM_ENABLE_CAP with args[0]): every host configuration, every subset of the family's bits
// (plus one bit no member names), first with the kernel copy's numbers, then with the tools
// copy's, comparing what a tool built against the copy would get.
import { bitsOf, formatValue } from '../validate/roles.js';
import { describeConfig, Findings, requests } from './explore.js';
import type { ModelInput, Sym } from './model.js';

export type EnableResult = { err: string } | { on: ReadonlySet<string>; ignored: ReadonlyMap<string, string> };

export interface BitCapLogic<H> {
  /** What KVM_CHECK_EXTENSION returns on this host. */
  check(host: H): bigint;
  /** KVM_ENABLE_CAP with args[0] = args: an errno, or the members KVM turns on (and why it ignores others). */
  enable(args: bigint, host: H): EnableResult;
}

export interface BitCapSpec<H extends Record<string, unknown>> {
  /** The capability, for messages: `KVM_CAP_X86_DISABLE_EXITS`. */
  cap: string;
  prefix: string;
  input: ModelInput;
  hosts: readonly H[];
  logic: BitCapLogic<H>;
  /** Hosts in which whatever CHECK_EXTENSION advertises must be accepted (e.g. before vCPUs exist). */
  mustAcceptAdvertised(host: H): boolean;
  /** Why a member no scenario turns on is never enabled (what the generation's logic does with it). */
  neverReason(member: Sym): string;
}

export function outcomeText(r: EnableResult): string {
  return 'err' in r ? r.err : `0 (turns on ${[...r.on].sort().join(', ') || 'nothing'})`;
}

export function runBitCap<H extends Record<string, unknown>>(spec: BitCapSpec<H>): { scenarios: number; findings: Findings } {
  const { input, prefix, logic, cap } = spec;
  const F = new Findings(prefix);
  const members = input.kernel.members(prefix);
  const first = members[0];
  let named = 0n;
  for (const m of members) named |= m.value;
  let spare = 0n;
  while (named & (1n << spare)) spare++;
  const unnamed = 1n << spare;
  const kernelOutcome = new Map<string, string>();
  const everOn = new Set<string>();
  let scenarios = 0;
  const names = (r: readonly Sym[]) => (r.length ? r.map((m) => m.name).join(' | ') : '0');

  for (const host of spec.hosts) {
    const hostText = describeConfig(host);
    if (spec.mustAcceptAdvertised(host)) {
      const adv = logic.check(host);
      const r = logic.enable(adv, host);
      scenarios++;
      if ('err' in r) {
        F.add('advertised-rejected', first, `KVM_CHECK_EXTENSION(${cap}) advertises ${formatValue(adv, 'bits')} and KVM_ENABLE_CAP rejects it with ${r.err}`, { detail: hostText });
      }
    }
    for (const req of requests(members)) {
      for (const extra of [false, true]) {
        let args = extra ? unnamed : 0n;
        for (const m of req) args |= m.value;
        const r = logic.enable(args, host);
        scenarios++;
        if (!extra) kernelOutcome.set(`${hostText}|${req.map((m) => m.name).join(',')}`, outcomeText(r));
        if ('err' in r) continue;
        const example = `${hostText}, args[0] = ${names(req)}${extra ? ` | ${formatValue(unnamed, 'bits')}` : ''}`;
        for (const n of r.on) everOn.add(n);
        for (const m of req) {
          if (r.on.has(m.name)) continue;
          F.add('accepted-not-honored', m, `KVM_ENABLE_CAP(${cap}) returns 0 for ${m.name} and ignores it`, { detail: r.ignored.get(m.name) ?? hostText, example: '', key: m.name });
        }
        for (const n of r.on) {
          if (req.some((m) => m.name === n)) continue;
          const at = input.kernel.get(n) ?? first;
          F.add('honored-unrequested', at, `asking for other members also turns on ${n}`, { example, key: n });
        }
        if (extra) F.add('invalid-accepted', first, `KVM_ENABLE_CAP(${cap}) accepts bit ${spare}, which no ${prefix}* member names`, { example });
      }
    }
  }
  for (const m of members) {
    if (!everOn.has(m.name)) F.add('never-enabled', m, `no host configuration and no request turns ${m.name} on: ${spec.neverReason(m)}`);
  }

  const tools = input.tools;
  if (tools) {
    const kernelNames = new Set(members.map((m) => m.name));
    const toolMembers = tools.members(prefix);
    for (const host of spec.hosts) {
      const hostText = describeConfig(host);
      for (const req of requests(toolMembers)) {
        let args = 0n;
        for (const m of req) args |= m.value;
        const r = logic.enable(args, host);
        scenarios++;
        const unknown = req.filter((m) => !kernelNames.has(m.name));
        const expected = unknown.length ? `-EINVAL (the kernel header does not define ${unknown.map((m) => m.name).join(', ')})` : kernelOutcome.get(`${hostText}|${req.map((m) => m.name).join(',')}`)!;
        const got = outcomeText(r);
        if (unknown.length ? 'err' in r : got === expected) continue;
        const culprit = req.find((m) => input.kernel.get(m.name)?.value !== m.value) ?? req[0];
        const kv = input.kernel.get(culprit.name);
        F.add('copy-misread', culprit,
          `${culprit.name} is ${formatValue(culprit.value, 'bits')} in ${tools.file} but ${kv ? formatValue(kv.value, 'bits') : 'undefined'} in ${input.kernel.file}: a tool built against the copy gets other behaviour`,
          { example: `${hostText}, args[0] = ${names(req)}: ${got}, not ${expected}`, key: culprit.name });
      }
    }
  }
  return { scenarios, findings: F };
}

/** `KVM_X86_DISABLE_EXITS_MWAIT | …` of the kernel copy that the value covers, for messages. */
export function membersIn(value: bigint, members: readonly Sym[]): string {
  const ns = members.filter((m) => (m.value & value) !== 0n).map((m) => m.name);
  return ns.length ? ns.join(' | ') : bitsOf(value).map((b) => `bit ${b}`).join(', ');
}
