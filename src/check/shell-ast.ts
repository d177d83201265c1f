// The syntax tree of the small shell subset kdrift reads check-headers.sh with: words with
// their quoting kept, simple commands, pipelines, and-or lists, if/for/while/case, groups and
// function definitions. Produced by shell-parser.ts, read by script-reader.ts.
// Deliberately not modelled: arithmetic, `[[ ]]` operators, globbing, process substitution;
// they parse as opaque words or parts and the reader warns where they matter.

/** A parameter reference: `$x`, `${x}`, `${x[@]}`, `${x[2]}`, `${#x[@]}`, `$1`, `$@`, `$*`. */
export interface ParamRef {
  name: string;
  /** `@`, `*` or a number, for `${name[...]}`. */
  index?: string;
  /** `${#name}` / `${#name[@]}`. */
  length?: boolean;
  /** Anything after the name kdrift does not evaluate (`:-default`, `%suffix`, ...). */
  modifier?: string;
}

/** Parts of a double-quoted string. */
export type DqPart =
  | { kind: 'lit'; text: string }
  | { kind: 'param'; ref: ParamRef }
  | { kind: 'subst'; text: string };

export type WordPart =
  /** Unquoted text, backslash escapes removed. `escaped` when any character came from `\c`. */
  | { kind: 'lit'; text: string; escaped?: boolean }
  /** `'...'` (and `$'...'`, its escapes decoded). */
  | { kind: 'sq'; text: string }
  | { kind: 'dq'; parts: DqPart[] }
  /** An unquoted parameter expansion: subject to word splitting. */
  | { kind: 'param'; ref: ParamRef }
  /** `$(...)`, backquotes, `$((...))`: never evaluated. */
  | { kind: 'subst'; text: string };

export interface Word {
  parts: WordPart[];
  /** Source text of the word, for messages. */
  raw: string;
  line: number;
  /** `NAME=(...)` / `NAME+=(...)` written as an argument (`declare -a NAME=(...)`). */
  arrayAssign?: ArrayAssign;
}

export interface ArrayAssign {
  name: string;
  append: boolean;
  items: Word[];
  line: number;
}

/** `NAME=value`, `NAME+=value`, `NAME=(...)` before a command or alone. */
export interface Assign {
  name: string;
  append: boolean;
  line: number;
  /** Scalar value (absent for `NAME=`, the empty string). */
  value?: Word;
  /** Array value. */
  items?: Word[];
}

export interface Redirect {
  op: string;
  fd?: number;
  target: Word;
}

export type Command =
  | { type: 'simple'; line: number; assigns: Assign[]; words: Word[]; redirects: Redirect[] }
  | { type: 'if'; line: number; clauses: { cond: List; body: List }[]; elseBody?: List }
  | { type: 'for'; line: number; name: string; items?: Word[]; body: List }
  | { type: 'loop'; line: number; until: boolean; cond: List; body: List }
  | { type: 'case'; line: number; subject: Word; arms: { patterns: Word[]; body: List }[] }
  | { type: 'group'; line: number; subshell: boolean; body: List }
  | { type: 'function'; line: number; name: string; body: Command };

export interface Pipeline {
  line: number;
  negated: boolean;
  commands: Command[];
}

export interface AndOr {
  line: number;
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  background: boolean;
}

export type List = AndOr[];
