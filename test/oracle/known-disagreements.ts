// The reviewed list of places where kdrift and gcc disagree, each with its cause in kdrift. It only shrinks.
//
// The oracle test fails on a disagreement this list does not hold, and on an entry that no longer
// disagrees (fixed: delete it). An entry matches a disagreement of the same header (as
// `#include <…>` names it) and name — a macro or enum constant, `struct foo` (or a typedef
// name), `struct foo.member` — on `abi` (every ABI when absent) in `tree` (both trees when
// absent: `system` is /usr/include's linux-libc-dev, `kernel` the headers_install output of the
// kernel tier). An entry whose name the run did not compare (another kernel version's header)
// is not stale, just not applicable.
import type { Abi } from './toolchain.js';

export interface KnownDisagreement {
  abi?: Abi;
  tree?: 'system' | 'kernel';
  header: string;
  name: string;
  /** Why kdrift differs: the missing feature or the bug, in a maintainer's words. */
  cause: string;
}

export const KNOWN_DISAGREEMENTS: readonly KnownDisagreement[] = [];
