// clone.sh: the clone(2)/clone3(2) flags of uapi/linux/sched.h, indexed by bit.
// Canonical example of a flag family: hex literals, `[ilog2(0x…) + 1]`, file order. 7.x wrote
// the flags above bit 31 `(1ULL << n)` instead of `0x100000000ULL`, and its script gained a
// second pipeline for them, printed `[n + 1]`.
import type { Family, GeneratorSpec, TablePart } from '../spec.js';
import { HEX_DEFINE, ILOG2_FORMAT } from './shapes.js';

/** CLONE_([^_]+[[:alnum:]_]+)[[:space:]]+(0x[[:xdigit:]]+) */
const HEX_FLAGS: Family = {
  header: { dir: 'beauty_uapi_linux_dir', file: 'sched.h' },
  select: { of: 'define', prefix: 'CLONE_' },
  spelled: { ...HEX_DEFINE, rest: 'word2' },
  member: {
    style: 'bit',
    notMembers: [{ prefix: 'CLONE_ARGS_SIZE_VER', reason: 'sizes of struct clone_args, not flags' }],
  },
  guarded: false,
  line: ['value', 'name'],
  order: 'file',
  format: ILOG2_FORMAT,
  index: { of: 'ilog2+1' },
};

/** CLONE_([^_]+[[:alnum:]_]+)[[:space:]]+\(1ULL[[:space:]]*<<[[:space:]]*([[:digit:]]+)\) */
const SHIFTED_FLAGS: Family = {
  ...HEX_FLAGS,
  spelled: { ...HEX_DEFINE, rest: 'word2', value: { form: 'shift', one: '1ULL', gaps: 'around-shift', n: 'digits' } },
  format: '\t[%s + 1] = "%s",\n',
  index: { of: 'plus1' },
};

/** The one table, of these families. */
const flags = (families: Family[]): TablePart => ({ kind: 'table', array: 'clone_flags', open: 'static const char *clone_flags[] = {\n', families, close: '};\n' });

export const clone: GeneratorSpec = {
  name: 'clone',
  script: 'tools/perf/trace/beauty/clone.sh',
  scripts: { c5ddca8a3f71c02a: 'v7.2' },
  args: ['beauty_uapi_linux_dir'],
  parts: [flags([HEX_FLAGS, SHIFTED_FLAGS])],
};

/** The 6.12 script: hex flags only (its sched.h wrote every flag in hex). */
export const clone_v6_12: GeneratorSpec = { ...clone, scripts: { '4e4e37f7b94bf5ab': 'v6.12' }, parts: [flags([HEX_FLAGS])] };
