// Which beauty generators a tree's perf build runs, and with which arguments: the rules are read
// as data (variable assignments and rules), never run. Up to 6.x they are in
// tools/perf/Makefile.perf; 7.x moved them to tools/perf/trace/beauty/Build, a kbuild-style file
// of its own (its variables are not Makefile.perf's). Variables are expanded with the values
// `make -C tools/perf` would give them for the beauty rules: srctree is the tree, OUTPUT is
// empty, SRCARCH is the one asked for, CC is gcc.
import { existsSync, readFileSync } from '../fs.js';
import { basename, join, relative, resolve } from 'node:path';
import { KdriftError } from '../errors.js';

export const MAKEFILE_PERF = 'tools/perf/Makefile.perf';
/** Where 7.x keeps the beauty rules (read after Makefile.perf when the tree has it). */
export const BEAUTY_BUILD = 'tools/perf/trace/beauty/Build';
/** Every file whose rules readGenerators reads, in order. */
export const GENERATOR_MAKEFILES = [MAKEFILE_PERF, BEAUTY_BUILD] as const;
/** Where the generators live; a rule running a script elsewhere is not a beauty generator. */
export const BEAUTY_DIR = 'tools/perf/trace/beauty/';

export interface GeneratorRun {
  /** Script basename without `.sh`: the name of the spec and of the output file. */
  name: string;
  /** The script, relative to the tree and absolute. */
  script: string;
  scriptPath: string;
  /** The arguments as the recipe passes them, expanded (quotes removed). */
  args: string[];
  /** The file the rule makes (relative to OUTPUT). */
  target: string;
  /**
   * Where the script writes: its stdout (`… > $@`), or the file its argument `args[n]` names
   * (7.x's syscalltbl.sh: `$(SHELL) '$(syscall_tbl)' $(srctree)/tools $@`).
   */
  output: { stdout: true } | { arg: number };
  /** The file of the rule (relative to the tree) and the line of its recipe there. */
  makefile: string;
  line: number;
}

export interface MakefileOptions {
  srcarch?: string;
  cc?: string;
}

interface Logical {
  text: string;
  line: number;
}

/** Joins backslash continuations; strips comments outside recipes. */
function logicalLines(src: string): Logical[] {
  const out: Logical[] = [];
  const phys = src.split('\n');
  for (let i = 0; i < phys.length; i++) {
    const line = i + 1;
    let text = phys[i];
    while (text.endsWith('\\') && i + 1 < phys.length) text = text.slice(0, -1) + ' ' + phys[++i].replace(/^\s+/, '');
    out.push({ text, line });
  }
  return out;
}

/** Variable values by name: a Map, or a lookup over several. */
export interface Vars {
  get(name: string): string | undefined;
}

/** Expands $(VAR), ${VAR}, $@ and the few functions the beauty rules use (patsubst, subst, strip). */
export function expand(text: string, vars: Vars, auto: Record<string, string> = {}, depth = 0): string {
  if (depth > 50) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      continue;
    }
    const n = text[i + 1];
    if (n === '$') {
      out += '$';
      i++;
      continue;
    }
    if (n === '(' || n === '{') {
      const close = n === '(' ? ')' : '}';
      let level = 1;
      let j = i + 2;
      for (; j < text.length && level; j++) {
        if (text[j] === n) level++;
        else if (text[j] === close) level--;
      }
      const inner = text.slice(i + 2, j - 1);
      i = j - 1;
      out += call(inner, vars, auto, depth);
      continue;
    }
    out += auto[n] ?? '';
    i++;
  }
  return out;
}

function call(inner: string, vars: Vars, auto: Record<string, string>, depth: number): string {
  const sp = inner.indexOf(' ');
  const fn = sp > 0 ? inner.slice(0, sp) : '';
  const args = () => splitArgs(inner.slice(sp + 1)).map((a) => expand(a, vars, auto, depth + 1));
  switch (fn) {
    case 'patsubst': {
      const [pat, repl, text] = args();
      return text.trim().split(/\s+/).filter(Boolean).map((w) => patsubst(pat, repl, w)).join(' ');
    }
    case 'subst': {
      const [from, to, text] = args();
      return text.split(from).join(to);
    }
    case 'strip':
      return args()[0].trim().replace(/\s+/g, ' ');
  }
  const name = expand(inner, vars, auto, depth + 1);
  const v = vars.get(name);
  return v === undefined ? '' : expand(v, vars, auto, depth + 1);
}

function splitArgs(s: string): string[] {
  const out: string[] = [];
  let level = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(' || c === '{') level++;
    if (c === ')' || c === '}') level--;
    if (c === ',' && level === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function patsubst(pat: string, repl: string, word: string): string {
  const p = pat.indexOf('%');
  if (p < 0) return word === pat ? repl : word;
  const pre = pat.slice(0, p);
  const post = pat.slice(p + 1);
  if (!word.startsWith(pre) || !word.endsWith(post) || word.length < pre.length + post.length) return word;
  const stem = word.slice(pre.length, word.length - post.length);
  return repl.includes('%') ? repl.replace('%', stem) : repl;
}

/** Splits a recipe into shell words: blanks separate, single and double quotes group. */
function shellWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === ' ' || c === '\t') {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      cur += s.slice(i + 1, end < 0 ? s.length : end);
      i = end < 0 ? s.length : end;
      inWord = true;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

/**
 * The beauty generators of a tree's perf build, in the order of their rules: Makefile.perf's,
 * then trace/beauty/Build's. Throws when the tree has no Makefile.perf.
 */
export function readGenerators(tree: string, opts: MakefileOptions = {}): GeneratorRun[] {
  const root = resolve(tree);
  const texts: { file: string; src: string }[] = [];
  for (const file of GENERATOR_MAKEFILES) {
    try {
      texts.push({ file, src: readFileSync(join(root, file), 'latin1') });
    } catch {
      if (file === MAKEFILE_PERF) throw new KdriftError('missing-file', `no ${MAKEFILE_PERF} in ${tree}`, { file: join(root, file) }, 'give --tree the top of a kernel source tree');
    }
  }
  // check asks once per differing pair: the same texts are expanded once per process
  const memo = [root, opts.srcarch ?? '', opts.cc ?? '', ...texts.flatMap((t) => [t.file, t.src])].join('\0');
  let runs = readMemo.get(memo);
  if (!runs) {
    runs = texts.flatMap((t) => generatorsOf(t.src, root, opts, t.file));
    readMemo.set(memo, runs);
  }
  return runs;
}

/** Throws a usage error naming the first of `names` that no run of the tree makes. */
export function checkGeneratorNames(tree: string, runs: readonly GeneratorRun[], names: readonly string[]): void {
  for (const name of names) {
    if (runs.some((r) => r.name === name)) continue;
    const where = existsSync(join(resolve(tree), BEAUTY_BUILD)) ? 'Makefile.perf and trace/beauty/Build run' : 'Makefile.perf runs';
    const hint = runs.length ? `it runs: ${runs.map((r) => r.name).join(', ')}` : 'it runs none';
    throw new KdriftError('usage', `the tree's ${where} no generator named ${name}`, { file: join(relative(process.cwd(), tree) || '.', MAKEFILE_PERF) }, hint);
  }
}

const readMemo = new Map<string, GeneratorRun[]>();

/** Where `$@` stands in a recipe while its words are split (no shell word holds a NUL). */
const TARGET = '\0@';

/** The beauty rules of one makefile's text (`makefile`: its path in the tree, for messages). */
export function generatorsOf(src: string, root: string, opts: MakefileOptions = {}, makefile: string = MAKEFILE_PERF): GeneratorRun[] {
  const vars = new Map<string, string>();
  const fixed = new Map<string, string>([
    ['srctree', root],
    ['OUTPUT', ''],
    ['SRCARCH', opts.srcarch ?? 'x86'],
    ['CC', opts.cc ?? 'gcc'],
    ['Q', ''],
    ['SHELL', 'sh'],
  ]);
  // fixed values win over the Makefile's own assignments
  const scope: Vars = { get: (n) => fixed.get(n) ?? vars.get(n) };
  const lines = logicalLines(src);
  const runs: GeneratorRun[] = [];
  let target: string | null = null;
  for (const { text, line } of lines) {
    if (text.startsWith('\t')) {
      if (target === null) continue;
      const recipe = expand(text.slice(1), scope, { '@': TARGET });
      const words = shellWords(recipe);
      const sh = words.indexOf('sh');
      if (sh < 0 || !words[sh + 1]) continue;
      const scriptPath = words[sh + 1];
      const rel = scriptPath.startsWith(root + '/') ? scriptPath.slice(root.length + 1) : scriptPath;
      if (!rel.startsWith(BEAUTY_DIR) || !rel.endsWith('.sh')) continue;
      const gt = words.indexOf('>', sh + 2);
      const args = words.slice(sh + 2, gt < 0 ? undefined : gt);
      const at = args.indexOf(TARGET);
      const output: GeneratorRun['output'] = gt < 0 && at >= 0 ? { arg: at } : { stdout: true };
      runs.push({ name: basename(rel, '.sh'), script: rel, scriptPath, args: args.map((a) => a.split(TARGET).join(target!)), target, output, makefile, line });
      continue;
    }
    const t = text.replace(/#.*$/, '');
    const assign = /^\s*(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(:=|::=|\?=|\+=|=)\s*(.*)$/.exec(t);
    if (assign) {
      target = null;
      const [, name, op, value] = assign;
      if (fixed.has(name)) continue;
      const v = op === ':=' || op === '::=' ? expand(value.trim(), scope) : value.trim();
      if (op === '?=' && vars.has(name)) continue;
      vars.set(name, op === '+=' && vars.has(name) ? vars.get(name) + ' ' + v : v);
      continue;
    }
    const rule = /^([^:=\s][^:=]*?)\s*:(?!=)/.exec(t);
    if (rule && !t.startsWith(' ')) {
      target = expand(rule[1].trim(), scope);
      continue;
    }
    if (t.trim() !== '') target = null;
  }
  return runs;
}
