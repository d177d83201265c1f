// Reads a GNU diff command line (the argv the script's `eval` would run) into DiffOptions and
// the two files, the way diff's getopt_long does: options and operands may mix, `--` ends the
// options, short options bundle (`-Bw`), long options may be abbreviated to a unique prefix.
import type { DiffOptions } from './types.js';

export interface ParsedDiffArgv {
  options: DiffOptions;
  files: string[];
}

type Effect = 'B' | 'I' | 'b' | 'w' | 'i' | 'strip-cr' | 'a' | 'output' | 'unmodelled';
interface Opt {
  effect: Effect;
  arg: 'none' | 'required' | 'optional';
}

/** Short options: the letter, what it does here, whether it takes an argument. */
const SHORT: Record<string, Opt> = {
  B: { effect: 'B', arg: 'none' },
  I: { effect: 'I', arg: 'required' },
  b: { effect: 'b', arg: 'none' },
  w: { effect: 'w', arg: 'none' },
  i: { effect: 'i', arg: 'none' },
  a: { effect: 'a', arg: 'none' },
  // Output format or directory handling only: the exit status of two regular files is the same.
  ...Object.fromEntries([...'ucqspTtdHynefltr'].map((c) => [c, { effect: 'output', arg: 'none' } as Opt])),
  ...Object.fromEntries([...'UCFLDWxXS'].map((c) => [c, { effect: 'output', arg: 'required' } as Opt])),
  // Change what compares equal or how missing files count: not modelled.
  ...Object.fromEntries([...'EZNP'].map((c) => [c, { effect: 'unmodelled', arg: 'none' } as Opt])),
};

const LONG: Record<string, Opt> = {
  'ignore-blank-lines': { effect: 'B', arg: 'none' },
  'ignore-matching-lines': { effect: 'I', arg: 'required' },
  'ignore-space-change': { effect: 'b', arg: 'none' },
  'ignore-all-space': { effect: 'w', arg: 'none' },
  'ignore-case': { effect: 'i', arg: 'none' },
  'strip-trailing-cr': { effect: 'strip-cr', arg: 'none' },
  text: { effect: 'a', arg: 'none' },
  ...Object.fromEntries(
    [
      'brief', 'report-identical-files', 'show-c-function', 'expand-tabs', 'initial-tab', 'minimal', 'speed-large-files',
      'side-by-side', 'left-column', 'suppress-common-lines', 'ed', 'normal', 'rcs', 'forward-ed', 'recursive',
      'suppress-blank-empty', 'no-dereference', 'no-ignore-file-name-case', 'ignore-file-name-case', 'binary',
      'paginate',
    ].map((n) => [n, { effect: 'output', arg: 'none' } as Opt]),
  ),
  ...Object.fromEntries(
    [
      'show-function-line', 'label', 'horizon-lines', 'width', 'exclude', 'exclude-from', 'starting-file', 'palette',
      'tabsize', 'ifdef', 'old-line-format', 'new-line-format', 'unchanged-line-format', 'line-format',
      'old-group-format', 'new-group-format', 'unchanged-group-format', 'changed-group-format',
    ].map((n) => [n, { effect: 'output', arg: 'required' } as Opt]),
  ),
  unified: { effect: 'output', arg: 'optional' },
  context: { effect: 'output', arg: 'optional' },
  color: { effect: 'output', arg: 'optional' },
  ...Object.fromEntries(
    ['new-file', 'unidirectional-new-file', 'ignore-tab-expansion', 'ignore-trailing-space'].map((n) => [n, { effect: 'unmodelled', arg: 'none' } as Opt]),
  ),
  'from-file': { effect: 'unmodelled', arg: 'required' },
  'to-file': { effect: 'unmodelled', arg: 'required' },
};

export function parseDiffArgv(argv: readonly string[]): ParsedDiffArgv {
  const o = {
    ignoreBlankLines: false,
    ignoreMatching: [] as string[],
    ignoreSpaceChange: false,
    ignoreAllSpace: false,
    ignoreCase: false,
    stripTrailingCr: false,
    text: false,
    unmodelled: [] as string[],
    invalid: [] as string[],
  };
  const files: string[] = [];
  const optionWords: string[] = [];
  const apply = (opt: Opt, spelled: string, arg: string | undefined) => {
    switch (opt.effect) {
      case 'B':
        o.ignoreBlankLines = true;
        break;
      case 'I':
        o.ignoreMatching.push(arg ?? '');
        break;
      case 'b':
        o.ignoreSpaceChange = true;
        break;
      case 'w':
        o.ignoreAllSpace = true;
        break;
      case 'i':
        o.ignoreCase = true;
        break;
      case 'strip-cr':
        o.stripTrailingCr = true;
        break;
      case 'a':
        o.text = true;
        break;
      case 'unmodelled':
        o.unmodelled.push(spelled);
        break;
      case 'output':
        break;
    }
  };

  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '--') {
      files.push(...argv.slice(k + 1));
      break;
    }
    if (a.startsWith('--')) {
      optionWords.push(a);
      const eq = a.indexOf('=');
      const spelled = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const name = LONG[spelled] ? spelled : uniquePrefix(spelled);
      const opt = name ? LONG[name] : undefined;
      if (!opt) {
        o.invalid.push(a);
        continue;
      }
      let arg: string | undefined = eq < 0 ? undefined : a.slice(eq + 1);
      if (opt.arg === 'none' && arg !== undefined) {
        o.invalid.push(a);
        continue;
      }
      if (opt.arg === 'required' && arg === undefined) {
        if (k + 1 >= argv.length) {
          o.invalid.push(a);
          continue;
        }
        arg = argv[++k]!;
        optionWords.push(arg);
      }
      apply(opt, `--${name}`, arg);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      optionWords.push(a);
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (/[0-9]/.test(c)) continue; // -3: obsolete context length
        const opt = SHORT[c];
        if (!opt) {
          o.invalid.push(`-${c}`);
          continue;
        }
        if (opt.arg === 'none') {
          apply(opt, `-${c}`, undefined);
          continue;
        }
        let arg = a.slice(j + 1);
        if (!arg) {
          if (k + 1 >= argv.length) {
            o.invalid.push(`-${c}`);
            break;
          }
          arg = argv[++k]!;
          optionWords.push(arg);
        }
        apply(opt, `-${c}`, arg);
        break;
      }
      continue;
    }
    files.push(a);
  }
  return { options: { argv: optionWords, ...o }, files };
}

function uniquePrefix(spelled: string): string | undefined {
  if (!spelled) return undefined;
  const hits = Object.keys(LONG).filter((n) => n.startsWith(spelled));
  return hits.length === 1 ? hits[0] : undefined;
}

/** The options of a plain `diff` with nothing ignored (a manifest pair without options). */
export function noDiffOptions(): DiffOptions {
  return parseDiffArgv([]).options;
}
