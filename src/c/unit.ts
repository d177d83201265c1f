// One translation unit on one ABI: `#include <HEADER>` preprocessed as gcc would, walking the
// parsed items of every file it reaches. Conditions are evaluated, macros defined and
// undefined in order, includes followed through the search path, and every declaration
// realised into types (records, enums, typedefs). Declarations that use macros or that
// tree-sitter could not parse are macro-expanded and parsed again.
// Branches not taken are still walked, to give their declarations a syntax for the model,
// but nothing in them takes effect.
import { existsSync, readFileSync, statSync } from '../fs.js';
import { dirname, join, resolve } from 'node:path';
import { FREESTANDING, FREESTANDING_DIR } from './freestanding.js';
import { JMap, Journal, type Recording } from './journal.js';
import { ABI_INFO, COMPILER_MACROS, type Abi, type AbiInfo } from './abi.js';
import { INT_TYPES, resolved, TYPE_KEYWORDS, typeFromKeywords, type CType, type EnumDef, type MemberDef, type RecordDef } from './ctype.js';
import { EvalError, Evaluator, parseIntegerLiteral, type ExprEnv, type IntValue } from './expr.js';
import { Layouts, LayoutError, type TypeTables } from './layout.js';
import { lex, needsSpace, spell, type Token } from './lexer.js';
import { defineFromText, Expander, MacroError, type MacroDef, type XToken } from './macros.js';
import { parseDeclText, parseFile, parseStructure, type DeclItem, type Item, type ParsedFile } from './parse.js';
import { attrText, type AttrSyntax, type DeclSyntax, type EnumEntry, type FieldEntry, type SpecSyntax } from './syntax.js';

export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  col?: number;
  message: string;
}

/** Files parsed once per process, whatever the ABI. */
const MACRO_DEF = Symbol('macro definition');

export class FileCache {
  private files = new Map<string, ParsedFile>();
  private reparsed = new Map<string, ReturnType<typeof parseDeclText>>();
  parseSeconds = 0;
  reparseCount = 0;
  /** Files parsed whole (with their declarations). */
  get fileCount(): number {
    return this.files.size;
  }

  get(path: string): ParsedFile {
    return this.parsed(this.files, path, parseFile);
  }

  private structures = new Map<string, ParsedFile>();
  /** The file's directives without its declarations (no tree-sitter), or the whole parse when there is one. */
  structure(path: string): ParsedFile {
    return this.files.get(path) ?? this.parsed(this.structures, path, parseStructure);
  }

  private parsed(memo: Map<string, ParsedFile>, path: string, parse: (file: string, source: string) => ParsedFile): ParsedFile {
    let f = memo.get(path);
    if (!f) {
      const t0 = performance.now();
      f = parse(path, this.source(path));
      this.parseSeconds += (performance.now() - t0) / 1000;
      memo.set(path, f);
    }
    return f;
  }

  private source(path: string): string {
    return path.startsWith(FREESTANDING_DIR + '/') ? FREESTANDING[path.slice(FREESTANDING_DIR.length + 1)] : readFileSync(path, 'latin1');
  }

  /**
   * One MacroDef per #define item, whatever the unit: bodies are lexed once. Kept on the item
   * (items belong to this cache's parses; a WeakMap lookup at every #define walked cost more).
   */
  macro(it: Extract<Item, { kind: 'define' }>, file: string): MacroDef {
    let m = (it as { [MACRO_DEF]?: MacroDef })[MACRO_DEF];
    if (!m) {
      m = defineFromText(it.name, it.params, it.body, file, it.line);
      // not enumerable: the item compares and prints as parse.ts made it
      Object.defineProperty(it, MACRO_DEF, { value: m });
    }
    return m;
  }

  /** Replay recorded includes (off only to test that replay changes nothing). */
  constructor(readonly memoize = process.env.KDRIFT_NO_MEMO === undefined) {}
  /** Include recordings per scope (ABI, include path: Unit.memoScope), then per file (journal.ts). */
  readonly memos = new Map<string, Map<string, Recording[]>>();
  /** Include searches per scope, then per include line and where it is: the file found, the paths probed in vain. */
  readonly resolutions = new Map<string, Map<string, { target: string | null; absent: string[] }>>();
  /** Numbers anonymous records and enums, unique across units (recordings share keys). */
  anon = 0;
  /** Expansions of declarations, valid while every macro they consulted is unchanged. */
  readonly expansions = new WeakMap<DeclItem, { used: [string, MacroDef | undefined][]; text: string }[]>();

  reparse(text: string, lineBase: number): ReturnType<typeof parseDeclText> {
    const key = lineBase + '\n' + text;
    let r = this.reparsed.get(key);
    if (!r) {
      const t0 = performance.now();
      r = parseDeclText(text, lineBase);
      if (r.errors.length) {
        // `typedef unsigned long __attribute__((aligned(4))) packed_ulong;`: gcc takes an
        // attribute among the specifiers as one after the declarator; tree-sitter only the latter
        const moved = attributesToEnd(text);
        if (moved !== null) {
          const m = parseDeclText(moved, lineBase);
          if (!m.errors.length) r = m;
        }
      }
      if (r.errors.length) r = splitStatements(text, lineBase, r);
      this.parseSeconds += (performance.now() - t0) / 1000;
      this.reparseCount++;
      this.reparsed.set(key, r);
    }
    return r;
  }
}

export class IncludeError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const MAX_INCLUDE_DEPTH = 200;
/** C's and GNU C's words that take parentheses in a declaration, and are no macro call. */
const CALL_LIKE_KEYWORDS = new Set([
  'sizeof', '_Alignof', '__alignof__', '__alignof', 'alignof', '_Alignas', 'alignas', 'typeof', '__typeof__', '__typeof',
  '__attribute__', '__attribute', '__declspec', 'asm', '__asm__', '__asm', '_Static_assert', 'static_assert', '_Generic', '__extension__',
]);
/** Recordings kept per file: a header included under a few different macro states. */
const MAX_MEMOS = 8;

export interface UnitOptions {
  abi: Abi;
  includeDirs: string[];
  cache: FileCache;
  /**
   * false: the unit reads directives only (macros, conditions, includes) and no declaration, so
   * no file goes through tree-sitter; a value that needs a type (a cast to a typedef, sizeof of
   * a record, an enumeration constant) is not known. Default true.
   */
  declarations?: boolean;
  /**
   * Headers processed before the main file, as gcc's `-include` (searched as `<...>`): what a
   * header leaves to its includer (uapi/sound/asound.h takes `_IOR` from <sys/ioctl.h>).
   */
  preinclude?: readonly string[];
}

export interface Declared {
  file: string;
  line: number;
  name: string;
  kind: 'function' | 'variable';
  text: string;
}

export class Unit implements ExprEnv {
  readonly abi: AbiInfo;
  readonly pp = false;
  private readonly journal = new Journal();
  readonly macros = new JMap<string, MacroDef>(this.journal);
  readonly typedefs = new JMap<string, CType>(this.journal);
  readonly tagKeys = new JMap<string, string>(this.journal); // `struct foo` → record/enum key
  readonly tables: TypeTables = { records: new JMap(this.journal), enums: new JMap(this.journal) };
  readonly enumConsts = new JMap<string, IntValue>(this.journal);
  readonly layouts: Layouts;
  /** `file:line` of every branch taken. */
  readonly taken = new JMap<string, true>(this.journal);
  private readonly diagnosticSet = new JMap<Diagnostic, true>(this.journal);
  /** The syntax each declaration item was realised from (after expansion, when needed). */
  readonly declSyntax = new JMap<DeclItem, DeclSyntax[]>(this.journal);
  /**
   * What statements that declare nothing expanded to (`__SYSCALL(n, f)` outside the kernel: no
   * token), as they were met: the macros they use may be redefined or undefined further down.
   */
  readonly calls = new JMap<DeclItem, string>(this.journal);
  /**
   * `#pragma pack` in force and the values pushed before it, as `N|M,,K` (empty: none):
   * journaled, since a header may leave it set for what includes it, and a header's records are
   * laid out under the state it was included in.
   */
  private readonly packing = new JMap<'state', string>(this.journal);
  /** Parse errors that expansion did not repair, per item. */
  readonly unrepaired = new JMap<DeclItem, { line: number; col: number; kind: 'error' | 'missing' }[]>(this.journal);
  /** Every file the unit reached, in order. */
  readonly fileSet = new JMap<string, true>(this.journal);
  /** Paths include search probed and found no file at: a header added there would change the unit. */
  readonly absentSet = new JMap<string, true>(this.journal);
  private readonly stack: string[] = [];
  private readonly dirs: string[];
  /** Recordings replay only where includes resolve alike and types have the same sizes. */
  private readonly memoScope: string;
  /** This scope's recordings and include searches in the cache, found on first use. */
  private memoTable: Map<string, Recording[]> | undefined;
  private resolutionTable: Map<string, { target: string | null; absent: string[] }> | undefined;

  get diagnostics(): Diagnostic[] {
    return [...this.diagnosticSet.keys()];
  }
  get files(): string[] {
    return [...this.fileSet.keys()];
  }
  /** What the unit's result depends on in the file system (kdrift's own freestanding headers aside). */
  get dependencies(): { files: string[]; absent: string[] } {
    return { files: this.files.filter((f) => !f.startsWith(FREESTANDING_DIR + '/')), absent: [...this.absentSet.keys()] };
  }

  /** Whether the unit reads declarations (UnitOptions.declarations). */
  get declarations(): boolean {
    return this.opts.declarations !== false;
  }

  constructor(private readonly opts: UnitOptions) {
    this.abi = ABI_INFO[opts.abi];
    this.layouts = new Layouts(this.abi, this.tables);
    // gcc's own typedef names
    if (this.abi.int128) {
      this.typedefs.set('__int128_t', INT128_T);
      this.typedefs.set('__uint128_t', UINT128_T);
    }
    this.dirs = opts.includeDirs.map((d) => resolve(d));
    this.memoScope = `${opts.declarations === false ? 'directives' : 'all'}\0${opts.abi}\0${this.dirs.join('\0')}\0`;
    for (const m of builtinMacros(opts.abi)) this.macros.set(m.name, m);
  }

  // ---- ExprEnv ---------------------------------------------------------------------------
  enumConstant(name: string) {
    return this.enumConsts.get(name);
  }
  typedef(name: string) {
    return this.typedefs.get(name);
  }
  tag(kind: 'struct' | 'union' | 'enum', name: string): CType | undefined {
    const key = this.tagKeys.get(`${kind} ${name}`);
    if (!key) return undefined;
    return kind === 'enum' ? { k: 'enum', key } : { k: 'record', key };
  }
  sizeAlign(t: CType) {
    return this.layouts.sizeAlign(t);
  }
  anonymousRecord(tag: 'struct' | 'union', body: string, members: MemberDef[]): CType {
    return this.layouts.expressionRecord(`${tag} <in an expression: ${body}>`, tag, members);
  }
  member(t: CType, name: string) {
    const rt = resolved(t);
    if (rt.k !== 'record') return undefined;
    const l = this.layouts.record(rt.key);
    const m = l.flat.find((x) => x.name === name);
    return m ? { offset: m.offset, type: m.type } : undefined;
  }

  // ---- preprocessing ---------------------------------------------------------------------

  /** Processes a header as the main file of the unit. */
  run(file: string) {
    for (const h of this.opts.preinclude ?? []) {
      const target = this.resolveInclude(h, true, '<command line>', false);
      if (!target) throw new IncludeError(`<${h}> (included first) not found in the include path (${this.dirs.join(', ') || 'none given'})`, '<command line>', 0);
      this.include(target, { file: '<command line>', line: 0 });
    }
    this.include(file.startsWith(FREESTANDING_DIR) ? file : resolve(file), { file: '<command line>', line: 0 }, false);
  }

  /**
   * record: keep what walking the file read and did, for the next unit that includes it. Not
   * for a unit's main file: one that another header includes is recorded there (most uapi
   * headers are included by none, and recording one costs more than walking it again).
   */
  private include(path: string, from: { file: string; line: number; col?: number }, record = true) {
    const pf = this.opts.declarations === false ? this.opts.cache.structure(path) : this.opts.cache.get(path);
    // a guarded header already included is skipped without walking it, as gcc does
    if (pf.guard && this.macros.has(pf.guard) && this.fileSet.has(path)) return;
    if (this.stack.length >= MAX_INCLUDE_DEPTH) {
      // runaway nesting: name the cycle that repeats at the top of the include stack
      const first = this.stack.indexOf(path);
      const cycle = first >= 0 ? [...this.stack.slice(first, first + 1 + this.stack.slice(first + 1).indexOf(path) + 1)] : this.stack.slice(-4);
      throw new IncludeError(`include cycle: ${cycle.map(relativeName).join(' → ')} (no include guard stops it)`, from.file, from.line);
    }
    let table = this.memoTable;
    if (!table) {
      table = this.opts.cache.memos.get(this.memoScope);
      if (!table) this.opts.cache.memos.set(this.memoScope, (table = new Map()));
      this.memoTable = table;
    }
    const memos = this.opts.cache.memoize ? table.get(path) ?? [] : [];
    for (const rec of memos) {
      if (this.journal.matches(rec)) {
        this.journal.replay(rec);
        return;
      }
    }
    this.stack.push(path);
    if (record) this.journal.begin();
    try {
      this.fileSet.set(path, true);
      this.walk(pf, pf.items, true);
      if (record) {
        const rec = this.journal.end();
        if (this.opts.cache.memoize && memos.length < MAX_MEMOS) table.set(path, [...memos, rec]);
      }
    } catch (e) {
      if (record) this.journal.abort();
      throw e;
    } finally {
      this.stack.pop();
    }
  }

  private walk(pf: ParsedFile, items: Item[], active: boolean) {
    for (const it of items) {
      switch (it.kind) {
        case 'define':
          if (active) this.macros.set(it.name, this.opts.cache.macro(it, pf.file));
          break;
        case 'undef':
          if (active) this.macros.delete(it.name);
          break;
        case 'include':
          if (active) {
            const target = this.resolveInclude(it.path, it.system, pf.file, !!it.next);
            if (!target && STRIPPED_INCLUDES.has(it.path)) {
              // scripts/headers_install.sh deletes these lines from every uapi header
            } else if (!target) {
              this.diag('error', pf.file, it.line, `${it.system ? '<' : '"'}${it.path}${it.system ? '>' : '"'} not found in the include path (${this.dirs.join(', ') || 'none given'})`, it.col);
            } else {
              this.include(target, { file: pf.file, line: it.line, col: it.col });
            }
          }
          break;
        case 'cond': {
          let done = !active;
          for (const b of it.branches) {
            let take = false;
            if (!done) {
              take = this.condition(b.directive, b.cond, pf.file, b.line);
              if (take) {
                done = true;
                this.taken.set(`${pf.file}:${b.line}`, true);
              }
            }
            this.walk(pf, b.items, take);
          }
          break;
        }
        case 'decl':
          if (this.opts.declarations !== false) this.declaration(pf, it, active);
          break;
        case 'directive':
          if (active && it.name === 'error') this.diag('error', pf.file, it.line, `#error ${it.text}`);
          if (active && it.name === 'pragma') this.pragma(it.text);
          break;
      }
    }
  }

  /** `#pragma pack(N)`, `pack(push, N)`, `pack(pop)`, `pack()`: the alignment cap of records. */
  private pragma(text: string) {
    const w = lex(text, { directives: false }).map((t) => t.text);
    if (w[0] !== 'pack' || w[1] !== '(') return;
    const args = w.slice(2, w.lastIndexOf(')')).filter((x) => x !== ',');
    const num = args.find((x) => parseIntegerLiteral(x) !== null);
    const state = this.packing.get('state');
    const bar = state ? state.indexOf('|') : -1;
    let pack = state ? state.slice(0, bar) : '';
    const stack = state && bar + 1 < state.length ? state.slice(bar + 1).split(',') : [];
    if (args[0] === 'push') {
      stack.push(pack);
      if (num) pack = String(Number(num));
    } else if (args[0] === 'pop') {
      pack = stack.pop() ?? '';
    } else {
      pack = num ? String(Number(num)) : '';
    }
    this.packing.set('state', `${pack}|${stack.join(',')}`);
  }

  /** The `#pragma pack` cap in force, if any. */
  private get pack(): number | undefined {
    const state = this.packing.get('state');
    const n = state ? state.slice(0, state.indexOf('|')) : '';
    return n ? Number(n) : undefined;
  }

  resolveInclude(path: string, system: boolean, from: string, next: boolean): string | null {
    // a search gives the same answer every time (isFile results are kept for the process):
    // it is made once per scope, and its vain probes are recorded again on every use
    let table = this.resolutionTable;
    if (!table) {
      table = this.opts.cache.resolutions.get(this.memoScope);
      if (!table) this.opts.cache.resolutions.set(this.memoScope, (table = new Map()));
      this.resolutionTable = table;
    }
    const key = (system ? '<' : '"') + (next ? 'next ' : '') + path + '\0' + (system && !next ? (from.startsWith(FREESTANDING_DIR) ? 'f' : '') : from);
    let r = table.get(key);
    if (!r) {
      const absent: string[] = [];
      r = { target: this.searchInclude(path, system, from, next, absent), absent };
      table.set(key, r);
    }
    for (const p of r.absent) this.absentSet.set(p, true);
    return r.target;
  }

  private searchInclude(path: string, system: boolean, from: string, next: boolean, absent: string[]): string | null {
    const probe = (p: string) => {
      if (isFile(p)) return true;
      absent.push(p);
      return false;
    };
    const candidates: string[] = [];
    if (!system) candidates.push(dirname(from));
    candidates.push(...this.dirs);
    let start = 0;
    if (next) {
      const fromDir = this.dirs.findIndex((d) => from.startsWith(d + '/'));
      start = fromDir >= 0 ? candidates.indexOf(this.dirs[fromDir]) + 1 : 0;
    }
    for (let i = start; i < candidates.length; i++) {
      const p = join(candidates[i], path);
      if (probe(p)) return p;
    }
    if (FREESTANDING[path] !== undefined && !from.startsWith(FREESTANDING_DIR)) return `${FREESTANDING_DIR}/${path}`;
    // Kbuild generates arch/*/include/generated/uapi/asm/X.h as `#include <asm-generic/X.h>`
    // for the headers an architecture does not provide: follow that rule on raw trees.
    if (path.startsWith('asm/')) {
      const generic = 'asm-generic/' + path.slice(4);
      for (const d of this.dirs) {
        const p = join(d, generic);
        if (probe(p)) return p;
      }
    }
    return null;
  }

  private diag(severity: Diagnostic['severity'], file: string, line: number, message: string, col?: number) {
    this.diagnosticSet.set({ severity, file, line, col, message }, true);
  }

  /** Evaluates an #if/#ifdef/#elif condition with the current macros. */
  condition(directive: string, cond: string, file: string, line: number): boolean {
    switch (directive) {
      case 'else':
        return true;
      case 'ifdef':
      case 'elifdef':
        return this.macros.has(cond.trim());
      case 'ifndef':
      case 'elifndef':
        return !this.macros.has(cond.trim());
    }
    try {
      return this.evaluateCondition(cond) !== 0n;
    } catch (e) {
      this.diag('warning', file, line, `#${directive} ${cond.trim()}: ${errorText(e)}; taken as false`);
      return false;
    }
  }

  evaluateCondition(cond: string): bigint {
    // the same #if lines are evaluated in every unit that reaches them: lex each text once
    let toks = conditionTokens.get(cond);
    if (!toks) conditionTokens.set(cond, (toks = lex(cond, { directives: false })));
    // `defined X` is decided before expansion (C11 6.10.1p4)
    const pre: XToken[] = [];
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t.kind === 'id' && t.text === 'defined') {
        let j = i + 1;
        const paren = toks[j]?.text === '(';
        if (paren) j++;
        const name = toks[j];
        if (!name || name.kind !== 'id') throw new EvalError("'defined' without a macro name");
        if (paren && toks[j + 1]?.text !== ')') throw new EvalError("missing ')' after 'defined'");
        pre.push({ ...t, kind: 'num', text: this.macros.has(name.text) ? '1' : '0' });
        i = paren ? j + 1 : j;
        continue;
      }
      if (t.kind === 'id' && (t.text === '__has_include' || t.text === '__has_include_next')) {
        throw new EvalError(`${t.text} is not supported`);
      }
      pre.push(t);
    }
    const expanded = new Expander((n) => this.macros.get(n)).expand(pre);
    const ev = new Evaluator({ ...envOf(this), pp: true, isDefined: (n) => this.macros.has(n) });
    return ev.evaluate(expanded).v;
  }

  /** Expands a token list with the current macros. */
  expand(tokens: readonly XToken[]): XToken[] {
    return new Expander((n) => this.macros.get(n)).expand(tokens);
  }

  private expandTracked(tokens: readonly XToken[], onUse: (name: string, m: MacroDef | undefined) => void): XToken[] {
    // a lookup that finds nothing is recorded too: defining that name later changes the text
    return new Expander((n) => {
      const m = this.macros.get(n);
      onUse(n, m);
      return m;
    }).expand(tokens);
  }

  evaluateTokens(tokens: readonly Token[]): IntValue {
    return new Evaluator(this).evaluate(this.expand(tokens));
  }

  // ---- declarations ----------------------------------------------------------------------

  private declaration(pf: ParsedFile, it: DeclItem, active: boolean) {
    let syntax: DeclSyntax[] | null = null;
    const needsExpansion = it.errors.length > 0 || it.idents.some((n) => {
      const m = this.macros.get(n);
      return m !== undefined;
    });
    if (needsExpansion) {
      try {
        const text = this.expandDeclText(it);
        const r = this.opts.cache.reparse(text, it.line - 1);
        syntax = r.syntax;
        if (!syntax.length && !r.errors.length) this.calls.set(it, text);
        // errors inside branches not taken on this ABI do not touch what it sees
        const inactive = active && r.errors.length ? this.inactiveLines(it) : null;
        const errors = inactive ? r.errors.filter((e) => !inactive.has(e.line)) : r.errors;
        if (errors.length) this.unrepaired.set(it, errors);
        else this.unrepaired.delete(it);
      } catch (e) {
        if (active) this.diag('warning', pf.file, it.line, `declaration not expanded: ${errorText(e)}`);
        if (!syntax) syntax = [];
      }
    } else syntax = it.syntax;
    this.declSyntax.set(it, syntax ?? []);
    if (!active) return;
    if (this.unrepaired.has(it)) {
      const e = this.unrepaired.get(it)![0];
      // a gap in a type (record, enum, typedef) changes layouts: an error; in a variable or
      // function declaration it only loses that declaration from the model: a warning
      const first = lex(it.text, { directives: false })[0]?.text ?? '';
      const definesType = first === 'struct' || first === 'union' || first === 'enum' || first === 'typedef';
      const call = this.undefinedCall(it, e.line);
      const why = call ? ` (\`${call}\` is not a macro on this include path)` : '';
      this.diag(definesType ? 'error' : 'warning', pf.file, e.line, `cannot parse this declaration, even after macro expansion${why}; the part that parses is used`, e.col);
    }
    for (const d of syntax ?? []) {
      try {
        this.realise(d, pf.file);
      } catch (e) {
        this.diag('warning', pf.file, d.line, errorText(e));
      }
    }
  }

  /**
   * A name called like a macro on a line of a declaration that is none of the unit's macros,
   * typedefs or C's operators (`__DECLARE_FLEX_ARRAY(__u32, x);` without <linux/stddef.h>): the
   * likely cause of a parse error there.
   */
  private undefinedCall(it: DeclItem, line: number): string | undefined {
    const toks = lex(it.text, { directives: false, lineBase: it.line - 1 });
    for (let i = 0; i + 1 < toks.length; i++) {
      const t = toks[i];
      if (t.line !== line || t.kind !== 'id' || toks[i + 1].text !== '(' || toks[i + 2]?.text === '*') continue;
      if (CALL_LIKE_KEYWORDS.has(t.text) || TYPE_KEYWORDS.has(t.text) || this.macros.has(t.text) || this.typedefs.has(t.text)) continue;
      return t.text;
    }
    return undefined;
  }

  /** Lines of a declaration that lie in #if branches not taken on this ABI. */
  private inactiveLines(it: DeclItem): Set<number> {
    const out = new Set<number>();
    const stack: { active: boolean; done: boolean }[] = [];
    const live = () => stack.every((f) => f.active);
    let lastLine = it.line;
    for (const t of lex(it.text, { lineBase: it.line - 1 })) {
      if (!live()) for (let l = lastLine; l <= t.line; l++) out.add(l);
      lastLine = t.line;
      if (t.kind !== 'directive') continue;
      const words = lex(t.text.slice(t.text.indexOf('#') + 1), { directives: false });
      const d = words[0]?.text ?? '';
      const rest = t.text.slice(t.text.indexOf(d, t.text.indexOf('#')) + d.length);
      if (d === 'if' || d === 'ifdef' || d === 'ifndef') {
        const outer = live();
        const take = outer && this.condition(d, rest, it.text, t.line);
        stack.push({ active: take, done: take || !outer });
      } else if ((d === 'elif' || d === 'else') && stack.length) {
        const f = stack[stack.length - 1];
        const parentLive = stack.slice(0, -1).every((x) => x.active);
        const take = !f.done && parentLive && (d === 'else' || this.condition(d, rest, it.text, t.line));
        f.active = take;
        f.done = f.done || take;
      } else if (d === 'endif') stack.pop();
    }
    return out;
  }

  private expandDeclText(it: DeclItem): string {
    const memo = this.opts.cache.expansions.get(it);
    if (memo) {
      for (const e of memo) {
        if (e.used.every(([n, d]) => this.macros.rawGet(n) === d)) {
          for (const [n] of e.used) this.macros.get(n); // the journal learns what this read
          return e.text;
        }
      }
    }
    const used = new Map<string, MacroDef | undefined>();
    for (const n of it.idents) used.set(n, this.macros.get(n));
    const text = this.expandDeclTextUncached(it, (n, m) => used.set(n, m));
    const list = memo ?? [];
    if (list.length >= MAX_MEMOS) list.shift();
    list.push({ used: [...used], text });
    if (!memo) this.opts.cache.expansions.set(it, list);
    return text;
  }

  private expandDeclTextUncached(it: DeclItem, onUse: (name: string, m: MacroDef | undefined) => void): string {
    const toks = lex(it.text, { lineBase: it.line - 1 }) as XToken[];
    // expand the runs between directives separately: a macro call never spans a directive
    const out: XToken[] = [];
    let run: XToken[] = [];
    const flush = () => {
      if (run.length) out.push(...this.expandTracked(run, onUse));
      run = [];
    };
    for (const t of toks) {
      if (t.kind === 'directive') {
        flush();
        // #define/#undef in a body are items of their own (parse.ts); tree-sitter cannot
        // parse them inside an enumerator list, so the reparsed text leaves them out
        if (!isDefineDirective(t.text)) out.push(t);
      } else run.push(t);
    }
    flush();
    return render(out, it.line);
  }

  private realise(d: DeclSyntax, file: string) {
    if (d.definition) return;
    const base = this.specType(d.spec, file, d.attrs);
    for (const decl of d.declarators) {
      const t = this.derive(base, decl.derivations);
      if (!decl.name) continue;
      if (d.storage === 'typedef') {
        const align = this.alignAttr(joinAttrs(d.attrs, referenceAttrs(d.spec), decl.attrs));
        this.typedefs.set(decl.name, { k: 'named', name: decl.name, of: t, ...(align !== undefined ? { align } : {}) });
        // an anonymous record named only by a typedef is known by that name
        const rt = t;
        if (rt.k === 'record') {
          const def = this.tables.records.get(rt.key);
          if (def && !def.name && !def.typedefName) def.typedefName = decl.name;
        }
      }
    }
  }

  private derive(base: CType, derivations: DeclSyntax['declarators'][number]['derivations']): CType {
    // the outermost declarator applies to the base type first: in `*data[]` the pointer
    // wraps the base type and the array wraps the pointer (an array of pointers)
    let t = base;
    for (let i = 0; i < derivations.length; i++) {
      const dv = derivations[i];
      if (dv.k === 'ptr') t = { k: 'ptr', to: t };
      else if (dv.k === 'func') t = { k: 'func' };
      else {
        const len = dv.size === null ? null : Number(this.evaluateTokens(dv.size).v);
        t = { k: 'array', of: t, len };
      }
    }
    return t;
  }

  private specType(spec: SpecSyntax, file: string, attrs: AttrSyntax[]): CType {
    switch (spec.k) {
      case 'keywords': {
        const t = typeFromKeywords(spec.words);
        if (!t) throw new RealiseError(`invalid type '${spec.words.join(' ')}'`);
        return t;
      }
      case 'name': {
        const t = this.typedefs.get(spec.name);
        if (!t) throw new RealiseError(`unknown type name '${spec.name}'`);
        return t;
      }
      case 'record':
        return this.recordType(spec, file, attrs);
      case 'enum':
        return this.enumType(spec, file, attrs);
      case 'typeof':
        throw new RealiseError('typeof in a declaration is not supported');
      case 'unknown':
        throw new RealiseError(`cannot read the type '${spec.text}'`);
    }
  }

  private recordType(spec: Extract<SpecSyntax, { k: 'record' }>, file: string, outerAttrs: AttrSyntax[]): CType {
    const tagName = spec.name ? `${spec.tag} ${spec.name}` : undefined;
    if (!spec.body) {
      if (!tagName) throw new RealiseError(`anonymous ${spec.tag} without a body`);
      let key = this.tagKeys.get(tagName);
      if (!key) {
        key = tagName;
        this.tagKeys.set(tagName, key);
        this.tables.records.set(key, { key, tag: spec.tag, name: spec.name, file, line: spec.line, members: null, packed: false, attributes: [] });
      }
      return { k: 'record', key };
    }
    const key = tagName ?? `${spec.tag} <anonymous ${file}:${spec.line}:${spec.col}#${++this.opts.cache.anon}>`;
    if (tagName) this.tagKeys.set(tagName, key);
    const attrs = [...spec.attrs, ...outerAttrs.filter((a) => a.name === 'packed')];
    const def: RecordDef = {
      key,
      tag: spec.tag,
      name: spec.name,
      file,
      line: spec.line,
      members: null,
      packed: attrs.some((a) => a.name === 'packed'),
      align: this.alignAttr(spec.attrs),
      ...(this.pack !== undefined ? { pack: this.pack } : {}),
      attributes: attrs.map(attrText),
    };
    // visible (incomplete) while its members are read, so it can point to itself
    this.tables.records.set(key, def);
    try {
      def.members = this.fields(spec.body, file);
    } catch (e) {
      def.members = null;
      def.reason = `${spec.tag} ${spec.name ?? '(anonymous)'} at ${file}:${spec.line}: ${errorText(e)}`;
    }
    return { k: 'record', key };
  }

  private fields(entries: FieldEntry[], file: string): MemberDef[] {
    const out: MemberDef[] = [];
    for (const e of entries) {
      if ('k' in e && e.k === 'cond') {
        for (const b of e.branches) {
          if (this.condition(b.directive, b.cond, file, b.line)) {
            this.taken.set(`${file}:${b.line}`, true); // so that isActive() sees members of this branch
            out.push(...this.fields(b.entries, file));
            break;
          }
        }
        continue;
      }
      const d = e as DeclSyntax;
      const base = this.specType(d.spec, file, []);
      if (!d.declarators.length) {
        // an anonymous struct/union member; a named nested definition declares no member
        if (d.spec.k === 'record' && !d.spec.name) {
          out.push({ type: base, line: d.line, packed: d.attrs.some((a) => a.name === 'packed') || undefined });
        }
        continue;
      }
      for (const decl of d.declarators) {
        const type = this.derive(base, decl.derivations);
        const attrs = joinAttrs(d.attrs, referenceAttrs(d.spec), decl.attrs);
        const m: MemberDef = { name: decl.name, type, line: decl.line };
        if (decl.bitWidth) {
          const w = this.evaluateTokens(decl.bitWidth);
          m.bitWidth = Number(w.v);
        }
        const align = this.alignAttr(attrs);
        if (align !== undefined) m.align = align;
        if (attrs.some((a) => a.name === 'packed')) m.packed = true;
        out.push(m);
      }
    }
    return out;
  }

  private enumType(spec: Extract<SpecSyntax, { k: 'enum' }>, file: string, outerAttrs: AttrSyntax[]): CType {
    const tagName = spec.name ? `enum ${spec.name}` : undefined;
    if (!spec.body) {
      if (!tagName) throw new RealiseError('anonymous enum without a body');
      const key = this.tagKeys.get(tagName) ?? tagName;
      this.tagKeys.set(tagName, key);
      if (!this.tables.enums.has(key)) this.tables.enums.set(key, { key, name: spec.name, base: 'uint', packed: false });
      return { k: 'enum', key };
    }
    const key = tagName ?? `enum <anonymous ${file}:${spec.line}:${spec.col}#${++this.opts.cache.anon}>`;
    if (tagName) this.tagKeys.set(tagName, key);
    const values: bigint[] = [];
    let next = 0n;
    const walk = (entries: EnumEntry[]) => {
      for (const e of entries) {
        if (e.k === 'cond') {
          for (const b of e.branches) {
            if (this.condition(b.directive, b.cond, file, b.line)) {
              this.taken.set(`${file}:${b.line}`, true); // so that isActive() sees constants of this branch
              walk(b.entries);
              break;
            }
          }
          continue;
        }
        let v: bigint;
        if (e.value) {
          try {
            v = this.evaluateTokens(e.value).v;
          } catch (err) {
            this.diag('warning', file, e.line, `enumerator ${e.name}: ${errorText(err)}`);
            continue;
          }
        } else v = next;
        values.push(v);
        // C: an enumeration constant has type int when its value fits, else gcc widens it
        const t = v >= -(1n << 31n) && v < 1n << 31n ? 'int' : v >= 0n && v < 1n << 32n ? 'uint' : v >= 0n && v >= 1n << 63n ? 'ullong' : 'llong';
        this.enumConsts.set(e.name, { v, t });
        next = v + 1n;
      }
    };
    walk(spec.body);
    const packed = [...spec.attrs, ...outerAttrs].some((a) => a.name === 'packed');
    const def: EnumDef = { key, name: spec.name, base: enumBase(values, packed), packed };
    this.tables.enums.set(key, def);
    return { k: 'enum', key };
  }

  private alignAttr(attrs: AttrSyntax[]): number | undefined {
    let align: number | undefined;
    for (const a of attrs) {
      if (a.name !== 'aligned') continue;
      const n = a.args.length ? Number(this.evaluateTokens(a.args).v) : this.abi.biggestAlignment;
      align = Math.max(align ?? 0, n);
    }
    return align;
  }

  // ---- answers ---------------------------------------------------------------------------

  /** A macro's value as a program that includes the header would see it. */
  macroValue(name: string): { ok: true; value: bigint; unsigned: boolean; bits: number } | { ok: false; reason: string } {
    const m = this.macros.get(name);
    if (!m) return { ok: false, reason: 'not defined on this ABI (inactive branch or #undef)' };
    if (m.params !== null) return { ok: false, reason: 'function-like macro' };
    if (!m.body.length) return { ok: false, reason: 'empty macro' };
    try {
      const start: XToken = { kind: 'id', text: name, line: m.line, col: 1, space: false, bol: true };
      const ev = new Evaluator(this);
      const v = ev.evaluate(this.expand([start]));
      const unsigned = ev.unsigned(v.t);
      const bits = ev.bits(v.t);
      return { ok: true, value: unsigned ? BigInt.asUintN(64, v.v) : BigInt.asIntN(64, v.v), unsigned, bits };
    } catch (e) {
      return { ok: false, reason: errorText(e) };
    }
  }
}

export class RealiseError extends Error {}

function envOf(u: Unit): ExprEnv {
  return {
    abi: u.abi,
    pp: u.pp,
    enumConstant: (n) => u.enumConstant(n),
    typedef: (n) => u.typedef(n),
    tag: (k, n) => u.tag(k, n),
    sizeAlign: (t) => u.sizeAlign(t),
    member: (t, n) => u.member(t, n),
  };
}

/**
 * `struct ts_config __attribute__((aligned(8))) *config;`: tree-sitter hangs the attribute on
 * the struct reference, but without a body there is no type to qualify: it is the declaration's.
 */
function referenceAttrs(spec: SpecSyntax): AttrSyntax[] {
  return (spec.k === 'record' || spec.k === 'enum') && spec.body === null ? spec.attrs : [];
}

/** a, b and c in a row (only read): most declarations have no attribute, and get no new array. */
function joinAttrs(a: AttrSyntax[], b: AttrSyntax[], c: AttrSyntax[]): AttrSyntax[] {
  if (!b.length && !c.length) return a;
  if (!a.length && !c.length) return b;
  if (!a.length && !b.length) return c;
  return [...a, ...b, ...c];
}

function enumBase(values: bigint[], packed: boolean): EnumDef['base'] {
  const min = values.reduce((a, b) => (b < a ? b : a), 0n);
  const max = values.reduce((a, b) => (b > a ? b : a), 0n);
  const neg = min < 0n;
  if (packed) {
    if (neg ? min >= -128n && max <= 127n : max <= 255n) return neg ? 'schar' : 'uchar';
    if (neg ? min >= -32768n && max <= 32767n : max <= 65535n) return neg ? 'short' : 'ushort';
  }
  if (neg ? min >= -(1n << 31n) && max < 1n << 31n : max < 1n << 32n) return neg ? 'int' : 'uint';
  return neg ? 'llong' : 'ullong';
}

/** Re-emits expanded tokens so each stays on its original line (reparsed rows map back). */
function render(tokens: XToken[], firstLine: number): string {
  let out = '';
  let line = firstLine;
  let prev: XToken | null = null;
  for (const t of tokens) {
    if (t.kind === 'directive') {
      while (line < t.line) {
        out += '\n';
        line++;
      }
      if (!out.endsWith('\n') && out.length) {
        out += '\n';
        line++;
      }
      out += t.text + '\n';
      line++;
      prev = null;
      continue;
    }
    if (t.line > line) {
      while (line < t.line) {
        out += '\n';
        line++;
      }
      prev = null;
    }
    if (prev && (t.space || needsSpace(prev, t))) out += ' ';
    out += t.text;
    prev = t;
  }
  return out;
}

/** Moves every file-level `__attribute__((…))` of a one-statement text to just before its ';'. */
function attributesToEnd(text: string): string | null {
  const toks = lex(text, { directives: false });
  const cut: [number, number][] = []; // token index ranges
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.text === '{') depth++;
    else if (t.text === '}') depth--;
    else if (depth === 0 && t.kind === 'id' && t.text === '__attribute__' && toks[i + 1]?.text === '(') {
      let j = i + 1;
      let paren = 0;
      do {
        if (toks[j].text === '(') paren++;
        else if (toks[j].text === ')') paren--;
        j++;
      } while (j < toks.length && paren > 0);
      cut.push([i, j]);
      i = j - 1;
    }
  }
  const semi = toks.length - 1;
  if (!cut.length || toks[semi]?.text !== ';' || toks.slice(0, semi).some((t) => t.text === ';')) return null;
  const keep = toks.filter((_, k) => !cut.some(([a, b]) => k >= a && k < b));
  const attrs = cut.flatMap(([a, b]) => toks.slice(a, b));
  const body = keep.slice(0, -1);
  return spell([...body, ...attrs.map((t, k) => (k === 0 ? { ...t, space: true } : t)), keep[keep.length - 1]].map((t) => ({ ...t, bol: false })));
}

/**
 * When tree-sitter's error recovery runs one declaration into the next, parse each top-level
 * statement alone, so that an error stays in the statement that has it.
 */
function splitStatements(text: string, lineBase: number, whole: ReturnType<typeof parseDeclText>): ReturnType<typeof parseDeclText> {
  const lines = text.split('\n');
  const ends: number[] = []; // line index (0-based) of each depth-0 ';'
  let depth = 0;
  for (const t of lex(text, { directives: true })) {
    if (t.kind !== 'punct') continue;
    if (t.text === '{') depth++;
    else if (t.text === '}') depth = Math.max(0, depth - 1);
    else if (t.text === ';' && depth === 0) ends.push(t.line - 1);
  }
  if (ends.length < 2 || new Set(ends).size !== ends.length) return whole;
  const out: ReturnType<typeof parseDeclText> = { syntax: [], errors: [] };
  let from = 0;
  for (const end of ends) {
    const piece = lines.slice(from, end + 1).join('\n');
    const r = parseDeclText(piece, lineBase + from);
    out.syntax.push(...r.syntax);
    out.errors.push(...r.errors);
    from = end + 1;
  }
  return out;
}

const conditionTokens = new Map<string, readonly XToken[]>();

/**
 * The predefined and compiler macros of an ABI, made once per process: the same objects in
 * every unit, so that a recording that read one (`#ifdef __x86_64__` in asm/bitsperlong.h)
 * matches in the next unit (journal.ts compares values by identity). Made anew in each unit,
 * they kept every header that tests one, and every header that includes it, from replaying.
 */
// gcc's own typedef names, one object each for the same reason
const INT128_T: CType = { k: 'named', name: '__int128_t', of: INT_TYPES.int128 };
const UINT128_T: CType = { k: 'named', name: '__uint128_t', of: INT_TYPES.uint128 };

const BUILTINS = new Map<Abi, MacroDef[]>();
function builtinMacros(abi: Abi): MacroDef[] {
  let list = BUILTINS.get(abi);
  if (!list) {
    list = [...ABI_INFO[abi].predefined, ...COMPILER_MACROS].map(([n, v]) => defineFromText(n, null, v, '<built-in>', 0, true));
    BUILTINS.set(abi, list);
  }
  return list;
}

/** Includes scripts/headers_install.sh removes: absent from installed headers, so not an error. */
const STRIPPED_INCLUDES = new Set(['linux/compiler.h', 'linux/compiler_types.h']);

function relativeName(f: string): string {
  const cwd = process.cwd() + '/';
  return f.startsWith(cwd) ? f.slice(cwd.length) : f;
}

function isDefineDirective(text: string): boolean {
  const toks = lex(text.slice(text.indexOf('#') + 1), { directives: false });
  return toks[0]?.text === 'define' || toks[0]?.text === 'undef';
}

// include search probes the same paths for every header: remember the answers per process
const fileExists = new Map<string, boolean>();
function isFile(p: string): boolean {
  let r = fileExists.get(p);
  if (r === undefined) {
    try {
      r = existsSync(p) && statSync(p).isFile();
    } catch {
      r = false;
    }
    fileExists.set(p, r);
  }
  return r;
}

export function errorText(e: unknown): string {
  if (e instanceof EvalError || e instanceof MacroError || e instanceof LayoutError || e instanceof RealiseError || e instanceof IncludeError) return e.message;
  // an expression nested deeper than the JavaScript stack reaches: bad input, not kdrift's bug
  if (e instanceof RangeError && /call stack/.test(e.message)) return 'nested too deeply to evaluate';
  if (e instanceof Error) return `internal: ${e.message}`;
  return String(e);
}

