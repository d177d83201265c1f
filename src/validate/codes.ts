// The closed set of finding codes `kdrift validate` reports, generic checks and emulator models
// alike, with one table giving each code its severity and meaning. A code's severity is read
// from this table, never decided where the finding is made.

export type Severity = 'error' | 'warning' | 'info';

export type FindingCode =
  // generic checks over one family (src/validate/checks/)
  | 'bit-collision'
  | 'value-collision'
  | 'not-single-bit'
  | 'missing-from-mask'
  | 'mask-extra-bit'
  | 'docs-drift'
  | 'tools-drift'
  | 'table-missing-entry'
  // emulator models (src/emulator/)
  | 'advertised-rejected'
  | 'invalid-accepted'
  | 'accepted-not-honored'
  | 'honored-unrequested'
  | 'never-enabled'
  | 'capability-collision'
  | 'counter-underflow'
  | 'exclusion-broken'
  | 'ambiguous-attribute'
  | 'attribute-rule-broken'
  | 'copy-misread'
  // a finding that a reviewed exclusion (src/validate/known.ts) explains
  | 'known-exception';

export interface FindingInfo {
  severity: Severity;
  title: string;
  description: string;
}

export const FINDINGS: Record<FindingCode, FindingInfo> = {
  'bit-collision': {
    severity: 'error',
    title: 'Two members share a bit',
    description: 'Two members of a bit family have a bit in common: userspace cannot ask for one without the other.',
  },
  'value-collision': {
    severity: 'error',
    title: 'Two members have the same value',
    description: 'Two members of a value family (ioctl numbers, attribute ids, enumerators) are equal: the kernel cannot tell them apart.',
  },
  'not-single-bit': {
    severity: 'warning',
    title: 'A member is not one bit',
    description: 'A member of a bit family is zero or has several bits set, and is not recognised as a mask.',
  },
  'missing-from-mask': {
    severity: 'error',
    title: "A member is missing from the family's mask",
    description: 'The valid-bits mask of the family does not cover a member: code that checks requests against the mask rejects it.',
  },
  'mask-extra-bit': {
    severity: 'error',
    title: 'A mask covers a bit no member names',
    description: 'A mask of the family covers a bit that no member defines: requests with that bit pass the check.',
  },
  'docs-drift': {
    severity: 'error',
    title: 'The documentation disagrees with the header',
    description: 'An rst literal block under Documentation/ that lists the family misses a member, lists one the header lacks, or gives another value.',
  },
  'tools-drift': {
    severity: 'warning',
    title: 'The tools/ copy disagrees with the kernel header',
    description: 'The copy under tools/ lacks members, has members the kernel lacks, or gives other values (check-headers.sh would warn).',
  },
  'table-missing-entry': {
    severity: 'warning',
    title: 'A table for the family lacks a member',
    description: 'A string table generated or written for the family has no entry for a member.',
  },
  'advertised-rejected': {
    severity: 'error',
    title: 'Advertised but rejected',
    description: 'KVM_CHECK_EXTENSION advertises a bit that KVM_ENABLE_CAP then rejects in the same configuration.',
  },
  'invalid-accepted': {
    severity: 'error',
    title: 'A bit outside the allowed set is accepted',
    description: 'A request with a bit no member names, or that the configuration does not allow, succeeds.',
  },
  'accepted-not-honored': {
    severity: 'warning',
    title: 'Accepted but not honoured',
    description: 'The kernel returns success for a bit and then ignores it.',
  },
  'honored-unrequested': {
    severity: 'error',
    title: 'Honoured without being asked for',
    description: 'Asking for one member also turns on another (their values overlap).',
  },
  'never-enabled': {
    severity: 'error',
    title: 'No configuration can enable it',
    description: 'The header defines a member that no host configuration and no request gets honoured.',
  },
  'capability-collision': {
    severity: 'error',
    title: 'A capability value collides with another',
    description: 'A PMU without the capability behaves as if it had it, because the capability values overlap.',
  },
  'counter-underflow': {
    severity: 'error',
    title: 'A counter goes below zero',
    description: 'A release or free drives an accounting counter negative.',
  },
  'exclusion-broken': {
    severity: 'error',
    title: 'A mutual exclusion does not hold',
    description: 'A state the logic must never reach is reachable (e.g. a mediated PMU next to an include-guest event).',
  },
  'ambiguous-attribute': {
    severity: 'error',
    title: 'Two attributes dispatch to the same case',
    description: 'Two attribute ids of one group are equal: a request for one runs the code of the other.',
  },
  'attribute-rule-broken': {
    severity: 'error',
    title: 'An attribute rule does not hold',
    description: 'A documented rule of an attribute group (busy after init, VM-wide PMU, unknown ids) is broken.',
  },
  'copy-misread': {
    severity: 'error',
    title: 'A tool built against the copy gets other behaviour',
    description: 'A request that a tool built against the tools/ copy makes by name behaves differently from the same request built against the kernel header.',
  },
  'known-exception': {
    severity: 'info',
    title: 'Explained by a reviewed exclusion',
    description: 'A finding that src/validate/known.ts explains, with its reason.',
  },
};

export function severityOf(code: FindingCode): Severity {
  return FINDINGS[code].severity;
}
