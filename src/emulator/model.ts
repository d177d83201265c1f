// How an emulator model is defined. A model restates one piece of the kernel's capability
// logic against symbolic names (KVM_X86_DISABLE_EXITS_HLT, not 2); every number it uses comes
// from the parsed headers of the tree under test, once from the kernel's copy and once from the
// tools/ copy. It picks the kernel generation whose logic it follows from evidence in the tree.
// Models are registered in ./index.ts; the shared explorer is ./explore.ts.
import type { Abi } from '../model/types.js';
import type { Finding } from '../validate/types.js';

/** A constant as a model sees it: a name with a number from one copy of the headers. */
export interface Sym {
  name: string;
  value: bigint;
  file: string;
  line: number;
}

/** The constants of the headers a model reads, from one copy (kernel or tools). */
export interface Symbols {
  copy: 'kernel' | 'tools';
  get(name: string): Sym | undefined;
  /** Constants whose name starts with `prefix`, in header order. */
  withPrefix(prefix: string): Sym[];
  /**
   * Members of the family validate found with exactly this prefix (masks, sentinels, aliases and
   * group ids left out); falls back to withPrefix when no such family was found.
   */
  members(prefix: string): Sym[];
  /** The header path (tree-relative) of this copy that defines most of the model's symbols. */
  file: string;
}

export function symbolsFrom(copy: Symbols['copy'], file: string, syms: readonly Sym[], families: ReadonlyMap<string, readonly string[]> = new Map()): Symbols {
  const byName = new Map<string, Sym>();
  for (const s of syms) if (!byName.has(s.name)) byName.set(s.name, s);
  const ordered = [...byName.values()];
  const withPrefix = (prefix: string) => ordered.filter((s) => s.name.startsWith(prefix));
  return {
    copy,
    file,
    get: (name) => byName.get(name),
    withPrefix,
    members: (prefix) => {
      const names = families.get(prefix);
      return names ? names.map((n) => byName.get(n)).filter((s): s is Sym => !!s) : withPrefix(prefix);
    },
  };
}

/** What the tree's C files show (found with tree-sitter, see ./evidence.ts). */
export interface Evidence {
  /** Whether the file (tree-relative) defines a function of that name; undefined if the file is absent. */
  hasFunction(file: string, fn: string): boolean | undefined;
  /** Whether the function's definition names the identifier; undefined if the file or function is absent. */
  functionMentions(file: string, fn: string, identifier: string): boolean | undefined;
  /** Whether the file names the identifier anywhere (fields included); undefined if the file is absent. */
  mentions(file: string, identifier: string): boolean | undefined;
  /** A `#define NAME …` of the file: its line and the identifiers its body names, if it is an OR of them. */
  define(file: string, name: string): { line: number; body: string; orOf: string[] | null } | undefined;
}

export interface Generation {
  /** A kernel version, or a short name for the logic when the version is not certain. */
  name: string;
  /** The evidence that chose it. */
  because: string;
}

export interface ModelInput {
  kernel: Symbols;
  /** Absent when the tree has no tools/ copy of the model's headers. */
  tools?: Symbols;
  evidence: Evidence;
}

export interface ModelRun {
  generation: Generation;
  /** Distinct situations checked (configurations × requests, or explored transitions). */
  scenarios: number;
  findings: Finding[];
}

/** A header a model reads: the kernel's file, the tools/ copy of it, and the ABI to evaluate on. */
export interface ModelHeader {
  kernel: string;
  tools?: string;
  abi: Abi;
}

export interface Model {
  name: string;
  /** One line: the kernel logic modelled. */
  title: string;
  headers: readonly ModelHeader[];
  /** The family (prefix) the model's findings are about. */
  family: string;
  /** Symbols that must exist in the kernel copy for the model to apply. */
  requires: readonly string[];
  /** Beyond `requires`: why the model does not apply to this tree, or null when it does. */
  applies?(input: ModelInput): string | null;
  run(input: ModelInput): ModelRun;
}

export function defineModel(model: Model): Model {
  return model;
}
