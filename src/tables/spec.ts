// The format of a table spec: one file per perf beauty generator in ./specs, data only, read
// by the one generator in ./generate.ts. This comment is the format's documentation.
//
// A perf beauty generator (tools/perf/trace/beauty/*.sh) prints C text made of literal lines
// and of *families*: the #defines (or enumerators) of one header whose names share a prefix.
// A spec says, for each family, two things apart:
//
//   1. `select` and `member`: what belongs to the family, read from the header model — the
//      name (prefix, suffix), the context (#if branches active on the ABI) and the evaluated
//      value (a flag table wants single bits, an MSR range wants values in the range).
//   2. `spelled`: how the script's grep/sed pattern recognises a define *as written*: where
//      the `#` and `define` may stand, what may separate the name from the value, the value's
//      written form (a hex literal, a run of digits, `(1<<n)`, an `_IO*(BASE, nr, …)` call)
//      and what may follow it on the line. The generator checks this against the tokens of
//      the define's physical line (src/c/lexer.ts) and the exact blanks between them; the
//      script's regex is never run.
//
// The C output is what the script prints, byte for byte: entries are those the script
// would pick up (select ∧ spelled ∧ not excluded), ordered as the script orders them
// (`order`), each printed with the script's printf format (`format`, the format string as
// printf receives it, with the fields listed in `line`). Everything that the two views
// disagree on is a coverage finding (src/tables/coverage.ts): family members the spelling
// misses, and spelled entries that are not members. Exclusions are deliberate: each carries
// the reason the script's author gave, and an exclusion that matches nothing is reported.
//
// Canonical specs to read first:
//   specs/clone.ts          a flag family: hex literals, `[ilog2(0x…) + 1]` index
//   specs/kvm_ioctl.ts      an ioctl family: `_IO*(KVMIO, 0x…, …)`, exclusions, lexical sort
//   specs/mmap_flags.ts     several headers in a row, each only when the arch header says so,
//                           with the `#ifndef/#define` fallbacks
//   specs/x86_msr.ts        one header, three ranges, per-range offsets
//   specs/arch_errno_names.ts  one switch function per architecture
//   specs/syscalltbl.ts     7.x: no header at all, the syscall tables (.tbl), steps as data
//
// Sorting, printf and xargs behave as in coreutils under Makefile.perf's LC_COLLATE=C
// (src/tables/coreutils.ts): `sort` compares bytes, `sort -n` reads a leading decimal number
// (so every `0x…` is 0 and ties fall back to bytes), printf reuses its format for all
// arguments and prints it once with empty arguments when a family is empty and unguarded.
//
// Script versions: `scripts` lists the sha256 (16 hex digits) of every version of the script
// whose output the spec reproduces; an older version that prints otherwise has its own spec
// (specs/x86_msr.ts's x86_msr_v6_1), chosen by hash (src/tables/tree.ts).
//
// What grep sees and the model does not: a `#define` line inside a block comment. The store
// lists those lines (headers.ts) and the generator prints them as the script does; coverage
// calls them extra. Known limits, each a case no 6.1 or 6.12 header has:
//   - arch_errno_names: where two names share a value, `sort -nu` keeps the one `gcc -dM` lists
//     first, in gcc's identifier hash table order; kdrift keeps the first defined (coverage
//     reports the pair as a dropped duplicate).
//   - grep -v exclusions drop a line that mentions the name anywhere (a comment too); a spec's
//     exclusions match the define's name.
//   - xargs splits a command line past 128 KiB into several printf runs; kdrift runs one.

/** A header one of the script's arguments points at: `{ dir: 'header_dir', file: 'kvm.h' }`. */
export interface HeaderRef {
  /** Name of the script's positional argument (see GeneratorSpec.args) that holds the directory. */
  dir: string;
  file: string;
}

/** Which names belong to the family, by name only. */
export interface Select {
  /** Definitions (`define`) or enumeration constants (`enumerator`). */
  of: 'define' | 'enumerator';
  /** Name prefix; the printed name is what follows it (CLONE_NEWNS → NEWNS). */
  prefix?: string;
  /** Name suffix; the printed name is what precedes it (NMI_VECTOR → NMI). */
  suffix?: string;
  /** Only names ending so; the printed name keeps it (USBDEVFS_CONTROL32 → CONTROL32). */
  endsWith?: string;
}

/** Blanks as the script's regex allows them between two parts of the line. */
export type Gap =
  | 'none' //    nothing at all
  | 'blanks' //  [[:space:]]+  one or more blanks
  | 'any' //     [[:space:]]*  zero or more blanks
  | 'one' //     [[:space:]]{1}  exactly one blank
  | 'spaces' //  ' +'  one or more spaces (no tabs)
  | 'any-spaces' //  ' *'
  | 'tabs-spaces'; // [\t ]+

/** The written form of a value, as the pattern captures it. The captured text is printed. */
export type ValueSpelling =
  /** `0x` and hex digits (captures `0x` and the longest run); `startsWith` narrows the text (x86_msr's `0x00000…`). */
  | { form: 'hex'; startsWith?: string }
  /** A run of decimal digits at the value's start (so `0x10` captures `0`). */
  | { form: 'digits' }
  /** A run of hex digits at the value's start, `0x` not included (so `0x4` captures `0`). */
  | { form: 'xdigits' }
  /** `(0x)?` and hex digits (mremap_flags). */
  | { form: 'hex-or-xdigits' }
  /**
   * `(1<<N)`: captures N. `one` is the literal shifted as written (`1`, the default, or 7.x
   * clone.sh's `1ULL`). Blanks: `none` anywhere (mount_flags' `\(1<<(\d+)\)`); `any` around `<<`
   * and before `)` (rename_flags' `\(1[[:space:]]*<<[[:space:]]*(N)[[:space:]]*\)`);
   * `around-shift` around `<<` only (clone.sh's `\(1ULL[[:space:]]*<<[[:space:]]*(N)\)`).
   */
  | { form: 'shift'; one?: string; gaps: 'none' | 'any' | 'around-shift'; n: 'digits' | 'xdigits' }
  /** An ioctl number macro call, capturing its `nr` argument. */
  | IoctlSpelling;

export interface IoctlSpelling {
  form: 'ioctl';
  /** The called macro: `prefix` followed by any number (at most `max`) of the letters in `letters`. */
  callee: { prefix: string; letters: string; max?: number } | { oneOf: string[] };
  /** Between the callee and `(`. */
  open: Gap;
  /** Blanks allowed around the arguments and commas. */
  inside: Gap;
  /** The type argument before `nr`: an identifier (`KVMIO`), a quoted char (`'U'`), or none (drm's `DRM_IOWR(nr, type)`). */
  base: { ident: string } | { char: string } | null;
  /** Between the base and its comma (sndrv's `.U.,` allows none). */
  baseComma?: Gap;
  /** usbdevfs: `_IOC(_IOC_READ, 'U', …)` — an optional `_IOC_*,` argument before the base. */
  iocDir?: boolean;
  nr: 'hex' | 'digits';
}

/** What the pattern demands after the captured value on the same line. */
export type After =
  | 'anything' //       .*
  | 'blank' //          [[:space:]]+.*   (fadvise: a blank must follow)
  | 'end' //            $                (x86_irq_vectors: nothing, not even a blank)
  | 'end-or-slash' //   ([[:space:]]*/.*)?$   (prctl_option)
  | 'comma' //          ,  right after (enumerators)
  | 'blanks-comma'; //  [[:space:]]*,

/** How the script's pattern sees a `#define` line. */
export interface DefineSpelling {
  of: 'define';
  /**
   * How `#define` is written: `flexible` ^[[:space:]]*#[[:space:]]*define, `hash-any` ^#[[:space:]]*define,
   * `hash-spaced` ^#[[:space:]]+define (prctl's sub-options), `tight` ^#define.
   */
  hash: 'flexible' | 'hash-any' | 'hash-spaced' | 'tight';
  /** Between `define` and the name. */
  afterDefine: Gap;
  /** The part of the name after the prefix: `word` [[:alnum:]_]+, `word2` two or more and not starting with `_`, `upper` [A-Z0-9_]+. */
  rest: 'word' | 'word2' | 'upper';
  /** usbdevfs' `(\(\w+\))?`: a function-like macro with one parameter is seen too. */
  params?: 'one';
  /** Between the name and the value. */
  gap: Gap;
  value: ValueSpelling;
  after: After;
  /**
   * The script's sed pattern does not run to the end of the line: what it leaves behind is
   * printed too (drm's i915 lines) or goes on to xargs as more words (pkey_alloc's `\s*`).
   * `after-value`: everything after the captured value; `after-blanks`: after the blanks that follow it;
   * `unless-comment`: socket's `([[:space:]]+/.*)?`, which takes a trailing comment and leaves anything else.
   */
  keepRest?: 'after-value' | 'after-blanks' | 'unless-comment';
}

/** How the script's pattern sees an enumerator line (`  FSCONFIG_SET_FLAG = 0, …`). */
export interface EnumeratorSpelling {
  of: 'enumerator';
  /** Blanks before the name: `required` ^[[:space:]]+, `any` ^[[:space:]]*. */
  indent: 'required' | 'any';
  /** `none`: the name is followed by `,` at once (kcmp); else `=` with these gaps around it and a digit run. */
  value: 'none' | { around: Gap; after: After };
}

export type Spelling = DefineSpelling | EnumeratorSpelling;

/**
 * A deliberate exclusion. Matches by full name (`name`), name prefix or suffix, and optionally
 * by the value as written (fadvise drops DONTNEED only where it is written `6`).
 */
export interface Exclusion {
  name?: string;
  /** Names containing this. */
  contains?: string;
  prefix?: string;
  suffix?: string;
  written?: string;
  /** Why: in the script author's words where the script gives them. */
  reason: string;
}

/** What makes a selected name a member of the family, on the ABI, beyond its name. */
export interface Member {
  /**
   * `bit`: a flag; its value must be a single bit. `index`: any value. `ioctl`: an ioctl
   * command whose type byte (`_IOC_TYPE`) is `ioctlType`; it belongs at its number (`_IOC_NR`).
   */
  style: 'bit' | 'index' | 'ioctl';
  /** For `ioctl`: the type, as C writes it (`KVMIO`, `'U'`). */
  ioctlType?: string;
  /** For `ioctl`: only these directions (`_IOC_DIR`: _IO none, _IOW write, _IOR read, _IOWR both). */
  ioctlDirs?: ('none' | 'write' | 'read' | 'both')[];
  /** Only values in [min, max] (x86_msr's ranges, x86_arch_prctl's code ranges). */
  range?: [bigint, bigint];
  /** Names that are not entries of the family although the name matches (aliases, counts, masks). */
  notMembers?: Exclusion[];
  /** Members are written as one integer literal (or another member's name); this says why expressions are not. */
  literalsOnly?: string;
  /**
   * Members are the names another macro of the header pairs with: DRM_I915_INIT is an i915
   * command because DRM_IOCTL_I915_INIT exists (prefix `DRM_IOCTL_I915_` + the printed name).
   */
  pairedWith?: { prefix: string; reason: string };
  /** A kernel-internal header: conditions on CONFIG_ options count as holding. */
  anyConfig?: boolean;
  /**
   * Headers every user of this one includes first, because it leaves their macros to its
   * includer (asound.h's `_IOR` comes from <sys/ioctl.h>): members are evaluated after them,
   * as gcc's `-include`. The header's own lines and the table are unchanged.
   */
  includer?: { headers: string[]; reason: string };
  /**
   * The header's own convention for members, where nothing but the spelling tells them apart
   * (prctl.h writes options `#define PR_…` and their arguments `# define PR_…`).
   */
  convention?: { hash: DefineSpelling['hash'] };
}

/** How C evaluates the index the format prints, for --lang ts/json and for impact. */
export type IndexRule =
  | { of: 'value' } //                      [0x46]
  | { of: 'ilog2+1' } //                    [ilog2(0x100) + 1]
  | { of: 'ilog2+1-or-0' } //               [x ? (ilog2(x) + 1) : 0]
  | { of: 'plus1' } //                      [16 + 1]
  | { of: 'minus'; offset: bigint } //      [0x1001 - 0x1001]
  | { of: 'minus-constant'; constant: string } // [0xc0000080 - x86_64_specific_MSRs_offset] (a FirstValuePart's constant)
  | { of: 'plus'; macro: string } //        [DRM_COMMAND_BASE + 0x20]
  | { of: 'name' }; //                      [KCMP_FILE] (the enumerator's value)

/** When a source is read at all (mmap_flags: only when the arch header includes the generic one). */
export type When =
  | { exists: HeaderRef }
  | { notExists: HeaderRef }
  /** The header has an #include whose path contains `contains` (and, with `angle`, is `<…>` and ends there). */
  | { includes: HeaderRef; contains: string; angle?: boolean };

/** One grep … | sed … | sort | xargs printf pipeline of the script. */
export interface Family {
  header: HeaderRef;
  /** All must hold (an `any` list: one must hold). */
  when?: (When | { any: When[] })[];
  select: Select;
  spelled: Spelling;
  /** The script's own exclusions (grep -v), each with its reason. */
  exclude?: Exclusion[];
  member: Member;
  /**
   * `grep -q … &&`: the script prints nothing for an empty family. Without it xargs still
   * runs printf once, which prints the format with empty fields (`[ilog2() + 1] = ""`).
   */
  guarded: boolean;
  /** The words of the line the sed prints, in order: the captured value, the name after the prefix, the full name, or the value's text with `substitute` done. */
  line: ('value' | 'name' | 'full')[];
  order: 'file' | 'sort' | 'sort-n';
  /**
   * `printf`: xargs printf FORMAT (the default). `sed`: the script's sed prints each line with
   * FORMAT itself, and a line its grep took that the sed pattern does not match is printed as
   * it is (`grep` says what the grep takes).
   */
  emit?: { by: 'printf' } | { by: 'sed'; grep: SedGrep };
  /** The printf format as printf receives it (after the shell's quoting). */
  format: string;
  index: IndexRule;
  /** x86_irq_vectors: a macro name the script replaces by its value's text before matching. */
  substitute?: string;
}

/** What a line-printing grep takes before its sed rewrites (drm, sndrv). */
export interface SedGrep {
  /** `^#define ` with one space (drm) or `^#define[\t ]\+` read as BRE: spaces (sndrv). */
  afterDefine: 'one-space' | 'spaces';
  /** Text that must follow the name somewhere on the line (drm's `.*DRM_IO`). */
  contains?: string;
  /** The name's part after the prefix must be [A-Z_0-9]+ and be followed by tabs or spaces and this text (drm's i915 `[A-Z_0-9]\+[\t ]\+0x`). */
  upperThen?: string;
}

export interface TablePart {
  kind: 'table';
  /** The C array's name: also the name of the TS const and the JSON table. */
  array: string;
  /** Printed before the entries, e.g. `static const char *kvm_ioctl_cmds[] = {\n`. */
  open: string;
  families: Family[];
  close: string;
}

/** Literal text the script prints (`printf "};\n\n"`, `DEFINE_STRARRAY(…)`). */
export interface TextPart {
  kind: 'text';
  text: string;
}

/** Lines of a header printed as they are (drm's `grep "#define DRM_COMMAND_BASE" drm.h`). */
export interface GrepPart {
  kind: 'grep';
  header: HeaderRef;
  /** The #define whose line is printed (the script greps `#define NAME`). */
  define: string;
}

/** x86_msr's `#define x86_64_specific_MSRs_offset ` + the first value of the range (`sort -n | head -1`). */
export interface FirstValuePart {
  kind: 'first-value';
  /** The macro the line defines. */
  constant: string;
  /** The values are those of this family (its exclusions are not applied: the script has none there). */
  family: Family;
}

/**
 * arch_errno_names: for `generic` and for every architecture with an errno.h, a switch
 * function from the errno values that `gcc -E -dM` leaves defined, and a function choosing by
 * architecture name.
 */
export interface ErrnoPart {
  kind: 'errno';
  /** The tools directory argument. */
  dir: string;
  /** Name prefix of errno macros (`E`). */
  prefix: string;
  /** Order of the architectures: `sorted` (a shell glob, 6.12) or `reversed` (`find … | sort -r`, 6.1). */
  archOrder: 'sorted' | 'reversed';
  /** What the script prints first (its here-document). */
  head: string;
  /**
   * The chooser at the end: `function` returns the switch function
   * (`arch_syscalls__strerrno_t *arch_syscalls__strerrno_function(const char *arch)`, 6.12);
   * `call` calls it (`const char *arch_syscalls__strerrno(const char *arch, int err)`, 6.1);
   * `eMachine` switches on the ELF machine (`arch_syscalls__strerrno(uint16_t e_machine, int err)`,
   * 7.x), with the EM_* cases of each architecture (one without cases is left out).
   */
  chooser: 'function' | 'call' | { eMachine: Readonly<Record<string, readonly string[]>> };
}

/**
 * 7.x's syscalltbl.sh: C arrays made from the syscall tables (`.tbl` files), not from headers.
 * The steps are the script's, in its order: text it prints, a table's two arrays (numbers to
 * names, and the numbers sorted by name), an entry of the outer table of every ABI.
 */
export interface SyscallTablesPart {
  kind: 'syscalltbl';
  /** The tools directory argument. */
  dir: string;
  steps: SyscallStep[];
  /**
   * What the script prints, `%m` standing for the ELF machine: each table's two arrays (their
   * openings, and an entry: `%n` the number, `%s` the name) and an entry of the outer table.
   */
  print: { numToName: string; numEntry: string; sortedNames: string; sortedEntry: string; close: string; outer: string };
}

export type SyscallStep =
  | { text: string }
  /** build_tables: the lines of `table` (relative to the tools directory) whose ABI is one of `abis`, for `eMachine`. */
  | { table: string; abis: string[]; eMachine: string }
  /** build_outer_table: the struct syscalltbl entry of `eMachine`. */
  | { outer: string };

export type Part = TablePart | TextPart | GrepPart | FirstValuePart | ErrnoPart | SyscallTablesPart;

export interface GeneratorSpec {
  /** Basename of the script and of the file kdrift writes: `kvm_ioctl` → kvm_ioctl.c. */
  name: string;
  /** The script, relative to the tree (`tools/perf/trace/beauty/kvm_ioctl.sh`). */
  script: string;
  /**
   * The versions of the script whose output this spec reproduces, by the first 16 hex digits
   * of their sha256, with the kernel they come from. Checked, not trusted: a tree whose script
   * is none of these gets the newest spec of the name and a warning.
   */
  scripts: Record<string, string>;
  /** Names of the script's positional arguments, in the order Makefile.perf passes them. */
  args: string[];
  /** Arguments that are not directories (arch_errno_names' compiler). */
  nonDirArgs?: string[];
  /** What the output holds, in order. */
  parts: Part[];
  /**
   * The whole family the generator is about, when its tables split it (x86_arch_prctl's
   * ranges): coverage reports members that no table takes.
   */
  whole?: WholeFamily[];
  /** Everything the spec knows that the script does not say (shown by --coverage). */
  notes?: string[];
}

export interface WholeFamily {
  header: HeaderRef;
  select: Select;
  member: Member;
  /** What the family is, for the report. */
  about: string;
}
