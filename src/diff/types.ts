// The hand-off of the semantic diff: what comparing two versions of a header (or of any other
// file) produces. Reporters (src/report/diff-*.ts, check's reporters) read only these types.
// Plain, immutable data: no model objects, no presentation state.
// Deliberately not modelled: the text of a difference (a reporter that wants hunks re-reads the
// files), and anything below the header model (a type's spelling is compared as text after macro
// expansion, not as a resolved C type).
import type { Abi } from '../model/types.js';

/** What a pair's differences mean for a program built against the tools copy, weakest first. */
export type Verdict =
  | 'identical' // bytes equal
  | 'equivalent' // bytes differ, nothing userspace can see differs
  | 'additive' // only new names, or members carved from reserved space
  | 'differs' // not judged: a file kdrift does not model, or a difference the model cannot place
  | 'incompatible'; // an existing name changed value, type, offset or size, was renamed or removed

/** Every change kind; its verdict, title and description live in ./kinds.ts (CHANGE_KINDS). */
export type ChangeKind =
  | AddedKind
  | RemovedKind
  | ModifiedKind
  | 'kernel-only'
  | 'comment-or-whitespace'
  | 'unexplained';

/** A name that did not exist before: `after` describes it. */
export type AddedKind =
  | 'macro-added'
  | 'enum-constant-added'
  | 'record-added'
  | 'member-added'
  | 'typedef-added'
  | 'declaration-added'
  | 'include-added';

/** A name that no longer exists: `before` describes it; `file`/`line` are of the old side. */
export type RemovedKind =
  | 'macro-removed'
  | 'enum-constant-removed'
  | 'record-removed'
  | 'member-removed'
  | 'typedef-removed'
  | 'declaration-removed'
  | 'include-removed';

/** A name on both sides whose value, spelling or layout differs: `before` and `after` say how. */
export type ModifiedKind =
  | 'macro-value-changed'
  | 'macro-respelled'
  | 'macro-renamed'
  | 'enum-constant-value-changed'
  | 'sentinel-value-changed'
  | 'enum-constant-respelled'
  | 'enum-constant-renamed'
  | 'record-size-changed'
  | 'member-renamed'
  | 'member-moved'
  | 'member-carved-from-reserved'
  | 'member-respelled'
  | 'member-unreadable'
  | 'typedef-changed'
  | 'declaration-changed'
  | 'declaration-respelled'
  | 'typedef-respelled'
  | 'macro-call-respelled'
  | 'definition-moved'
  | 'include-guard-renamed'
  | 'context-changed'
  | 'function-body-changed';

interface ChangeBase {
  /**
   * What changed, as a C programmer names it: `KVM_CAP_X`, `struct kvm_run`,
   * `struct kvm_run.flags`, `<linux/stddef.h>`; for comment and unexplained hunks the new
   * file's line range (`12-14`).
   */
  name: string;
  /** The new side's file and line (the old side's for removals). */
  file: string;
  line: number;
  /** The ABIs the change holds on, when not every ABI compared (absent: all of them). */
  abis?: readonly Abi[];
}

export type Change =
  | (ChangeBase & { kind: AddedKind; after: string })
  | (ChangeBase & { kind: RemovedKind; before: string })
  | (ChangeBase & {
      kind: ModifiedKind;
      before: string;
      after: string;
      /** Why the value changed when it is not in the macro's own text: `sizeof(struct x): 16 → 24 bytes`. */
      cause?: string;
    })
  | (ChangeBase & { kind: 'kernel-only' | 'comment-or-whitespace' | 'unexplained'; before?: string; after?: string });

/** A problem met while evaluating one side on one ABI (a missing include, an unparsable declaration). */
export interface DiffDiagnostic {
  side: 'old' | 'new';
  abis: readonly Abi[];
  severity: 'error' | 'warning';
  file: string;
  line: number;
  message: string;
}

/** Two versions of a C header compared on the model. */
export interface HeaderDiff {
  kind: 'header';
  old: string;
  new: string;
  /** The strongest verdict of `changes` (`identical` when the bytes are equal). */
  verdict: Verdict;
  /** In the new file's order; removals at their old place. Empty when identical. */
  changes: readonly Change[];
  /** The ABIs values and layouts were compared on. */
  abis: readonly Abi[];
  /** Errors met while evaluating the two sides (only those in the compared files, deduplicated). */
  diagnostics: readonly DiffDiagnostic[];
}

/** Two versions of a file kdrift does not model (`.tbl`, `.S`, `.awk`, `.txt`, `.c`), or a header it could not evaluate. */
export interface TextDiff {
  kind: 'text';
  old: string;
  new: string;
  verdict: 'identical' | 'differs';
  /** Lines deleted plus lines inserted (the `<` and `>` lines of `diff`). */
  changedLines: number;
  /** Set when this is the fallback for a header: why the model could not compare it. */
  fallback?: string;
}

export type FileDiff = HeaderDiff | TextDiff;
