// Reads tools/perf/check-headers.sh as data and lists the pairs it checks, in the order it
// checks them. The script is parsed (shell-parser.ts), never run: kdrift evaluates only
// assignments (scalars, arrays, 6.1's FILES='...' strings), `declare`/`local`, `shift`, `cd`,
// `for` loops, and calls of the script's own functions. A function that builds `cmd=...` and
// `eval`s it is a check primitive (check_2, check_ignore_some_hunks): its straight-line
// assignments are evaluated with the call's arguments and the `diff ...` (or `diff -u ... |
// grep -vf HUNKS | wc -l | grep -qw 0`) command they build is read as the pair and its options.
// Wrappers (check, beauty_check) are followed like any other function. The `-d ../../include`
// early exit is the guard; the block printing FAILURES is the report kdrift replaces.
// Anything else is a warning naming its line: never silently dropped.
import { KdriftError } from '../errors.js';
import { BreError, breToJs } from './bre.js';
import { parseDiffArgv } from './diff-options.js';
import type { AndOr, Command, List, Word } from './shell-ast.js';
import { expandFields, expandString, type Field, type Scope, type Value } from './shell-expand.js';
import { ShellSyntaxError, asAssign, parseShell, plainText } from './shell-parser.js';
import type { IgnoreHunks, ListWarning, PairList, PairSpec } from './types.js';

export interface ScriptLocation {
  /** The script's path as kdrift reports it (tree-relative). */
  file: string;
  /** Tree-relative directory the script runs from (`tools/perf`). */
  startDir: string;
}

export function readCheckHeadersScript(text: string, where: ScriptLocation): PairList {
  let program: List;
  try {
    program = parseShell(text);
  } catch (e) {
    if (e instanceof ShellSyntaxError) {
      throw new KdriftError('parse', e.message, { file: where.file, line: e.line }, 'kdrift reads check-headers.sh as shell source; use --manifest FILE for a pair list it cannot read');
    }
    throw e;
  }
  const r = new Reader(where);
  r.run(program);
  const list: PairList = { source: { kind: 'script', path: where.file }, pairs: r.pairs, warnings: r.warnings };
  if (r.guard) list.guard = r.guard;
  return list;
}

type Flow = 'next' | 'return' | 'exit';

interface Frame {
  positional: Field[];
  locals: Map<string, Value>;
}

interface FuncDef {
  name: string;
  line: number;
  body: Command;
  /** Builds `cmd=...` and `eval`s it: a check primitive. */
  primitive: boolean;
}

const IGNORED_COMMANDS = new Set(['echo', 'printf', ':', 'true']);
const DECLARE = new Set(['declare', 'typeset', 'local', 'export', 'readonly']);

class Reader implements Scope {
  readonly pairs: PairSpec[] = [];
  readonly warnings: ListWarning[] = [];
  guard?: { dir: string; shown: string; line: number };
  private readonly seen = new Set<string>();
  private readonly globals = new Map<string, Value>();
  private readonly frames: Frame[] = [];
  private readonly funcs = new Map<string, FuncDef>();
  private cwd: string;
  /** The outermost call being followed: its function name and line. */
  private call?: { via: string; line: number };

  constructor(private readonly where: ScriptLocation) {
    this.cwd = where.startDir;
  }

  // --- Scope ---------------------------------------------------------------------------------
  lookup(name: string): Value | undefined {
    for (let k = this.frames.length - 1; k >= 0; k--) {
      const v = this.frames[k]!.locals.get(name);
      if (v) return v;
    }
    return this.globals.get(name);
  }
  positional(): readonly Field[] {
    return this.frames.length ? this.frames[this.frames.length - 1]!.positional : [];
  }
  private set(name: string, v: Value): void {
    for (let k = this.frames.length - 1; k >= 0; k--) {
      if (this.frames[k]!.locals.has(name)) {
        this.frames[k]!.locals.set(name, v);
        return;
      }
    }
    this.globals.set(name, v);
  }

  private warn(line: number, message: string): void {
    const key = `${line}\0${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.warnings.push({ file: this.where.file, line, message });
  }

  private expand(w: Word, line: number): Field[] {
    return expandFields(w, this, (m) => this.warn(line, m));
  }

  // --- Statements ----------------------------------------------------------------------------
  run(program: List): void {
    this.execList(program, 0);
  }

  private execList(list: List, depth: number): Flow {
    for (const ao of list) {
      const flow = this.execAndOr(ao, depth);
      if (flow !== 'next') return flow;
    }
    return 'next';
  }

  private execAndOr(ao: AndOr, depth: number): Flow {
    if (ao.background) this.warn(ao.line, 'a command run in the background (`&`) is not read');
    if (ao.rest.length === 0) {
      const p = ao.first;
      if (!p.negated && p.commands.length === 1) return this.execCommand(p.commands[0]!, depth);
      this.warn(ao.line, p.commands.length > 1 ? 'a pipeline is not read: kdrift reads the script, it does not run it' : 'a negated command is not read');
      return 'next';
    }
    // `cd DIR || exit`, `test -d ../../include || exit 0`
    const first = single(ao.first);
    const second = ao.rest.length === 1 ? single(ao.rest[0]!.pipeline) : null;
    if (ao.rest.length === 1 && ao.rest[0]!.op === '||' && first?.type === 'simple' && second?.type === 'simple' && !ao.first.negated) {
      const head = first.words[0] && plainText(first.words[0]);
      const tail = second.words[0] && plainText(second.words[0]);
      if (head === 'cd' && (tail === 'exit' || tail === 'return')) return this.execCommand(first, depth);
      const t = testOf(first);
      if (depth === 0 && t && !t.negated && (t.op === '-d' || t.op === '-e') && tail === 'exit') {
        this.setGuard(t.operand, ao.line);
        return 'next';
      }
    }
    this.warn(ao.line, `an && / || list is not read: kdrift reads the script, it does not run it`);
    return 'next';
  }

  private execCommand(cmd: Command, depth: number): Flow {
    switch (cmd.type) {
      case 'function':
        this.funcs.set(cmd.name, { name: cmd.name, line: cmd.line, body: cmd.body, primitive: isPrimitive(cmd.body) });
        return 'next';
      case 'simple':
        return this.execSimple(cmd, depth);
      case 'for': {
        const items = cmd.items ? cmd.items.flatMap((w) => this.expand(w, cmd.line)) : [...this.positional()];
        for (const it of items) {
          this.set(cmd.name, { kind: 'scalar', value: it });
          const flow = this.execList(cmd.body, depth);
          if (flow !== 'next') return flow;
        }
        return 'next';
      }
      case 'group': {
        const cwd = this.cwd;
        const flow = this.execList(cmd.body, depth);
        if (cmd.subshell) {
          this.cwd = cwd;
          return flow === 'exit' ? 'next' : flow;
        }
        return flow;
      }
      case 'if': {
        if (depth === 0 && this.isGuard(cmd)) return 'next';
        if (depth === 0 && mentions(cmd, 'FAILURES')) return 'next'; // the report block kdrift replaces
        this.warn(cmd.line, 'an `if` is not read: kdrift does not decide conditions; checks inside it, if any, are not made');
        return 'next';
      }
      case 'loop':
        this.warn(cmd.line, `a \`${cmd.until ? 'until' : 'while'}\` loop is not read: checks inside it, if any, are not made`);
        return 'next';
      case 'case':
        this.warn(cmd.line, 'a `case` is not read: checks inside it, if any, are not made');
        return 'next';
    }
  }

  private execSimple(cmd: Extract<Command, { type: 'simple' }>, depth: number): Flow {
    for (const a of cmd.assigns) this.assign(a.name, a.append, a.value, a.items, cmd.line, false);
    if (cmd.words.length === 0) return 'next';
    const head = this.expand(cmd.words[0]!, cmd.line)[0]?.text;
    if (head === undefined) return 'next';
    if (DECLARE.has(head)) {
      this.declare(head, cmd.words.slice(1), cmd.line);
      return 'next';
    }
    const args = cmd.words.slice(1).flatMap((w) => this.expand(w, cmd.line));
    switch (head) {
      case 'shift': {
        const f = this.frames[this.frames.length - 1];
        if (f) f.positional = f.positional.slice(Number(args[0]?.text ?? 1) || 0);
        return 'next';
      }
      case 'cd':
        this.cd(args, cmd.line);
        return 'next';
      case 'return':
        return depth > 0 ? 'return' : 'exit';
      case 'exit':
        return 'exit';
      case 'unset':
        for (const a of args) if (!a.text.startsWith('-')) this.globals.delete(a.text);
        return 'next';
      case 'set':
        if (args.every((a) => /^[-+][a-zA-Z]+$/.test(a.text) || a.text === 'pipefail')) return 'next';
        break;
    }
    if (IGNORED_COMMANDS.has(head)) return 'next';
    const fn = this.funcs.get(head);
    if (fn) return this.callFunction(fn, args, cmd.line, depth);
    this.warn(cmd.line, `\`${head}\` is not a command kdrift reads: a check made through it, if any, is not made`);
    return 'next';
  }

  private assign(name: string, append: boolean, value: Word | undefined, items: Word[] | undefined, line: number, local: boolean): void {
    let v: Value;
    const old = this.lookup(name);
    if (items) {
      const fields = items.flatMap((w) => this.expand(w, line));
      v = { kind: 'array', items: append && old ? [...(old.kind === 'array' ? old.items : [old.value]), ...fields] : fields };
    } else {
      const f = value ? expandString(value, this, (m) => this.warn(line, m)) : { text: '', line };
      if (append && old?.kind === 'array') v = { kind: 'array', items: [...old.items, f] };
      else v = { kind: 'scalar', value: append && old?.kind === 'scalar' ? { text: old.value.text + f.text, line: old.value.line } : f };
    }
    const top = this.frames[this.frames.length - 1];
    if (local && top) top.locals.set(name, v);
    else this.set(name, v);
  }

  private declare(head: string, words: Word[], line: number): void {
    const local = head === 'local' || (head !== 'export' && head !== 'readonly' && this.frames.length > 0 && !words.some((w) => plainText(w) === '-g'));
    let array = false;
    for (const w of words) {
      const a = asAssign(w);
      if (a) {
        this.assign(a.name, a.append, a.value, a.items, line, local);
        continue;
      }
      const text = this.expand(w, line)[0]?.text ?? '';
      if (text.startsWith('-') || text.startsWith('+')) {
        if (text.includes('a')) array = true;
        continue;
      }
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) {
        this.warn(line, `\`${head} ${w.raw}\` is not read`);
        continue;
      }
      if (!this.lookup(text) || local) {
        const v: Value = array ? { kind: 'array', items: [] } : { kind: 'scalar', value: { text: '', line } };
        const top = this.frames[this.frames.length - 1];
        if (local && top) top.locals.set(text, v);
        else if (!this.lookup(text)) this.set(text, v);
      }
    }
  }

  private cd(args: Field[], line: number): void {
    const dir = args[0]?.text;
    if (dir === undefined || dir === '-' || args.length > 1) {
      this.warn(line, '`cd` without one directory is not read; the directory stays where it was');
      return;
    }
    const next = this.resolve(dir);
    if (next === null) this.warn(line, `\`cd ${dir}\` leaves the tree; the directory stays where it was`);
    else this.cwd = next;
  }

  /** A path the script names, relative to the tree root; null when it leaves the tree. */
  private resolve(p: string): string | null {
    if (p.startsWith('/')) return null;
    const out: string[] = this.cwd ? this.cwd.split('/') : [];
    for (const seg of p.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg !== '..') out.push(seg);
      else if (!out.length) return null;
      else out.pop();
    }
    return out.join('/');
  }

  // --- The guard -----------------------------------------------------------------------------
  private isGuard(cmd: Extract<Command, { type: 'if' }>): boolean {
    if (cmd.clauses.length !== 1 || cmd.elseBody) return false;
    const { cond, body } = cmd.clauses[0]!;
    if (cond.length !== 1 || cond[0]!.rest.length) return false;
    const c = single(cond[0]!.first);
    const t = c?.type === 'simple' ? testOf(c) : null;
    if (!t || !(t.op === '-d' || t.op === '-e')) return false;
    const negated = cond[0]!.first.negated !== t.negated;
    if (!negated) return false;
    const exits = body.some((ao) => {
      const s = single(ao.first);
      return s?.type === 'simple' && s.words[0] !== undefined && plainText(s.words[0]) === 'exit';
    });
    if (!exits) return false;
    this.setGuard(t.operand, cmd.line);
    return true;
  }

  private setGuard(operand: Word, line: number): void {
    const shown = this.expand(operand, line)[0]?.text ?? '';
    const dir = this.resolve(shown);
    if (dir === null) this.warn(line, `the early exit tests \`${shown}\`, outside the tree; kdrift does not test it`);
    else this.guard = { dir, shown, line };
  }

  // --- Functions -----------------------------------------------------------------------------
  private callFunction(fn: FuncDef, args: Field[], line: number, depth: number): Flow {
    if (depth > 32) {
      this.warn(line, `calls nest too deep at \`${fn.name}\`; the call is not followed`);
      return 'next';
    }
    const outer = !this.call;
    if (outer) this.call = { via: fn.name, line };
    this.frames.push({ positional: args, locals: new Map() });
    try {
      if (fn.primitive) {
        this.primitive(fn, line);
        return 'next';
      }
      const flow = this.execCommand(fn.body, depth + 1);
      return flow === 'exit' ? 'exit' : 'next';
    } finally {
      this.frames.pop();
      if (outer) this.call = undefined;
    }
  }

  /** A check primitive: evaluate its assignments, read the `diff` command it builds in `cmd`. */
  private primitive(fn: FuncDef, line: number): void {
    const body = fn.body.type === 'group' ? fn.body.body : [];
    const args = [...this.positional()]; // before the body shifts them
    for (const ao of body) {
      const s = ao.rest.length === 0 && !ao.first.negated ? single(ao.first) : null;
      if (s?.type !== 'simple') continue;
      if (s.words.length === 0) {
        for (const a of s.assigns) this.assign(a.name, a.append, a.value, a.items, s.line, false);
        continue;
      }
      const head = plainText(s.words[0]!);
      if (head === 'shift' || (head !== null && DECLARE.has(head))) this.execSimple(s, 1);
    }
    const cmdVar = this.lookup('cmd');
    if (cmdVar?.kind !== 'scalar') {
      this.warn(fn.line, `function ${fn.name} runs \`eval\` but kdrift finds no \`cmd=...\` to read the diff from; its calls are not checked`);
      return;
    }
    let argvs: (string[] | null)[] | undefined = plainCommand(cmdVar.value.text) ?? undefined;
    if (!argvs) {
      let list: List;
      try {
        list = parseShell(cmdVar.value.text);
      } catch {
        this.warn(line, `the command ${fn.name} builds is not shell kdrift can read: ${cmdVar.value.text}`);
        return;
      }
      const pipeline = list.length === 1 && list[0]!.rest.length === 0 ? list[0]!.first : null;
      argvs = pipeline?.commands.map((c) => (c.type === 'simple' ? c.words.flatMap((w) => this.expand(w, line)).map((f) => f.text) : null));
    }
    const shape = argvs && !argvs.includes(null) ? readPipeline(argvs as string[][]) : null;
    if (!shape) {
      this.warn(line, `the command ${fn.name} builds is not one kdrift knows (\`diff ...\` or \`diff -u ... | grep -vf ... | wc -l | grep -qw 0\`): ${cmdVar.value.text}`);
      return;
    }
    const { options, files } = parseDiffArgv(shape.diffArgs);
    if (files.length !== 2) {
      this.warn(line, `diff is given ${files.length} files instead of 2: ${cmdVar.value.text}`);
      return;
    }
    const [toolsText, kernelText] = files as [string, string];
    const tools = this.resolve(toolsText);
    const kernel = this.resolve(kernelText);
    if (tools === null || kernel === null) {
      this.warn(line, `the pair ${toolsText} ${kernelText} leaves the tree; it is not checked`);
      return;
    }
    const at = this.call?.line ?? line;
    for (const re of options.ignoreMatching) {
      try {
        breToJs(re);
      } catch (e) {
        if (!(e instanceof BreError)) throw e;
        this.warn(at, `diff rejects the regex -I '${re}' (${e.message}): the script lists ${toolsText} whatever it holds`);
      }
    }
    for (const o of options.invalid) this.warn(at, `diff rejects the option ${o}: the script lists ${toolsText} whatever it holds`);
    for (const o of options.unmodelled) this.warn(at, `the diff option ${o} is not modelled: ${toolsText} is compared without it`);

    const itemLine = args.find((f) => f.text === kernelText)?.line ?? args.find((f) => f.text === toolsText)?.line;
    const scope = { body, kernelText, hunks: shape.hunks };
    const spec: PairSpec = {
      tools,
      kernel,
      diff: options,
      requiresKernel: this.testsFile(body, '-f', kernelText),
      origin: { file: this.where.file, line: itemLine ?? this.call?.line ?? line, via: this.call?.via ?? fn.name },
    };
    const callLine = this.call?.line ?? line;
    if (callLine !== spec.origin.line) spec.origin.callLine = callLine;
    if (scope.hunks !== undefined) {
      const file = this.resolve(scope.hunks);
      if (file === null) {
        this.warn(line, `the hunks file ${scope.hunks} is outside the tree; the pair is not checked`);
        return;
      }
      spec.ignoreHunks = { file, missing: this.hunksGuard(body, scope.hunks) };
    }
    this.pairs.push(spec);
  }

  /** Whether a `[ -f X ]` / `test -f X` anywhere in the body tests the file `text`. */
  private testsFile(body: List, op: string, text: string): boolean {
    return fileTests(body).some((t) => t.op === op && !t.negated && this.expand(t.operand, t.line)[0]?.text === text);
  }

  /** check_ignore_some_hunks' `if [ ! -f "$hunks_to_ignore" ]; then echo ...; FAILURES+=(...); return; fi`. */
  private hunksGuard(body: List, hunks: string): IgnoreHunks['missing'] {
    for (const ao of body) {
      const c = single(ao.first);
      if (c?.type !== 'if' || c.clauses.length !== 1) continue;
      const cond = c.clauses[0]!.cond;
      const tc = cond.length === 1 ? single(cond[0]!.first) : null;
      const t = tc?.type === 'simple' ? testOf(tc) : null;
      if (!t || t.op !== '-f' || t.negated === cond[0]!.first.negated) continue;
      if (this.expand(t.operand, c.line)[0]?.text !== hunks) continue;
      let warns = false;
      let message: string | undefined;
      walk(c.clauses[0]!.body, (x) => {
        if (x.type !== 'simple') return;
        if (x.assigns.some((a) => a.name === 'FAILURES' && a.append)) warns = true;
        if (x.words[0] && plainText(x.words[0]) === 'echo' && message === undefined) {
          const args = x.words.slice(1).flatMap((w) => this.expand(w, x.line)).map((f) => f.text);
          while (args[0] !== undefined && /^-[neE]+$/.test(args[0])) args.shift();
          message = args.join(' ');
        }
      });
      return message === undefined ? { warns } : { warns, message };
    }
    return { warns: false };
  }
}

function single(p: { commands: Command[] }): Command | null {
  return p.commands.length === 1 ? p.commands[0]! : null;
}

/** `[ ! -d X ]`, `test -f X`: the unary file test a simple command makes, else null. */
function testOf(c: Extract<Command, { type: 'simple' }>): { op: string; operand: Word; negated: boolean } | null {
  const w = c.words.map((x) => plainText(x));
  let args: Word[];
  if (w[0] === '[' && w[w.length - 1] === ']') args = c.words.slice(1, -1);
  else if (w[0] === 'test') args = c.words.slice(1);
  else return null;
  let negated = false;
  if (args.length === 3 && plainText(args[0]!) === '!') {
    negated = true;
    args = args.slice(1);
  }
  if (args.length !== 2) return null;
  const op = plainText(args[0]!);
  if (!op || !/^-[a-zA-Z]$/.test(op)) return null;
  return { op, operand: args[1]!, negated };
}

const testsCache = new WeakMap<List, { op: string; operand: Word; negated: boolean; line: number }[]>();

/** The unary file tests (`[ -f X ]`, `test -d X`) anywhere in a list, found once per list. */
function fileTests(body: List): { op: string; operand: Word; negated: boolean; line: number }[] {
  let found = testsCache.get(body);
  if (!found) {
    const list: { op: string; operand: Word; negated: boolean; line: number }[] = [];
    walk(body, (c) => {
      const t = c.type === 'simple' ? testOf(c) : null;
      if (t) list.push({ ...t, line: c.line });
    });
    testsCache.set(body, (found = list));
  }
  return found;
}

/** Every command in a list, nested ones included. */
function walk(list: List, visit: (c: Command) => void): void {
  const cmd = (c: Command): void => {
    visit(c);
    switch (c.type) {
      case 'if':
        for (const cl of c.clauses) walk(cl.cond, visit), walk(cl.body, visit);
        if (c.elseBody) walk(c.elseBody, visit);
        break;
      case 'for':
        walk(c.body, visit);
        break;
      case 'loop':
        walk(c.cond, visit), walk(c.body, visit);
        break;
      case 'case':
        for (const a of c.arms) walk(a.body, visit);
        break;
      case 'group':
        walk(c.body, visit);
        break;
      case 'function':
        cmd(c.body);
        break;
      case 'simple':
        break;
    }
  };
  for (const ao of list) for (const p of [ao.first, ...ao.rest.map((r) => r.pipeline)]) for (const c of p.commands) cmd(c);
}

/** A function is a check primitive when it assigns `cmd` and `eval`s. */
function isPrimitive(body: Command): boolean {
  let evals = false;
  let assignsCmd = false;
  walk([{ line: 0, first: { line: 0, negated: false, commands: [body] }, rest: [], background: false }], (c) => {
    if (c.type !== 'simple') return;
    if (c.assigns.some((a) => a.name === 'cmd')) assignsCmd = true;
    if (c.words[0] && plainText(c.words[0]) === 'eval') evals = true;
  });
  return evals && assignsCmd;
}

function mentions(c: Command, name: string): boolean {
  let hit = false;
  const inWord = (w: Word) =>
    w.parts.some((p) => (p.kind === 'param' && p.ref.name === name) || (p.kind === 'dq' && p.parts.some((q) => q.kind === 'param' && q.ref.name === name)));
  walk([{ line: 0, first: { line: 0, negated: false, commands: [c] }, rest: [], background: false }], (x) => {
    if (x.type === 'simple' && (x.words.some(inWord) || x.assigns.some((a) => a.name === name))) hit = true;
  });
  return hit;
}

/**
 * A command of plain words only (no quotes, escapes, expansions, globs or operators), with an
 * optional `> /dev/null`: its argv, split on blanks as the shell would. Else null.
 */
function plainCommand(text: string): string[][] | null {
  const m = /^[ \t]*([^'"\\$`|&;()<>*?[\]{}~#=\n]*?)[ \t]*(?:>[ \t]*\/dev\/null[ \t]*)?$/.exec(text);
  if (!m || !m[1]) return null;
  return [m[1].split(/[ \t]+/)];
}

/** `diff ARGS` or `diff -u ARGS | grep -vf HUNKS | wc -l | grep -qw 0`. */
function readPipeline(argvs: string[][]): { diffArgs: string[]; hunks?: string } | null {
  const d = argvs[0];
  if (!d || d[0] !== 'diff') return null;
  if (argvs.length === 1) return { diffArgs: d.slice(1) };
  if (argvs.length !== 4) return null;
  const [, g1, wc, g2] = argvs as [string[], string[], string[], string[]];
  const flags = (argv: string[]) =>
    argv
      .slice(1)
      .filter((a) => a.startsWith('-'))
      .map((a) => a.slice(1))
      .join('');
  if (g1[0] !== 'grep' || !flags(g1).includes('v') || !/f$/.test(g1[g1.length - 2] ?? '')) return null;
  if (wc.join(' ') !== 'wc -l') return null;
  if (g2[0] !== 'grep' || g2[g2.length - 1] !== '0' || !flags(g2).includes('q') || !flags(g2).includes('w')) return null;
  if (!d.slice(1).some((a) => a === '-u' || a === '--unified' || /^-[a-zA-Z]*u/.test(a))) return null;
  return { diffArgs: d.slice(1), hunks: g1[g1.length - 1]! };
}
