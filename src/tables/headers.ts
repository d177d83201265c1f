// The headers a table generator reads: the model of each (one session, one ABI) and its
// physical lines, which is what the beauty scripts' grep sees. Read once per run.
import { existsSync, readFileSync, statSync } from '../fs.js';
import { dirname, join, resolve } from 'node:path';
import { buildModel } from '../model/build.js';
import { createSession, type Session } from '../model/session.js';
import type { Abi, EvaluatedHeader, HeaderModel, Include } from '../model/types.js';
import { lex } from '../c/lexer.js';
import { declItems, type Item } from '../c/parse.js';
import type { FileCache } from '../c/unit.js';
import { Dependencies } from '../cache/results.js';

export interface ReadHeader {
  path: string;
  /** Physical lines, as bytes (latin1), without their newlines. */
  lines: string[];
  /**
   * The source-level model: every entity of every branch, nothing evaluated. Enough for what
   * the scripts print, which ignores #if. Where tree-sitter needed macro expansion to read a
   * declaration, this is the evaluated header's model.
   */
  model: HeaderModel;
  /** The header evaluated on the store's ABI (contexts, values), made on first use. */
  evaluated(): EvaluatedHeader;
  /** The same, after `headers` its includers give it (gcc's `-include`: Member.includer). */
  evaluatedAfter(headers: readonly string[]): EvaluatedHeader;
  /**
   * `#define` lines inside block comments: the compiler never sees them, a grep does.
   * (The model has no such macros; the scripts print them.)
   */
  commented: { name: string; line: number }[];
}

export type HeaderLookup = { ok: true; header: ReadHeader } | { ok: false; missing: true; path: string };

export function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** One ABI, one include path; every header read at most once. */
export class HeaderStore {
  readonly session: Session;
  /** The same, reading directives only: no tree-sitter (see UnitOptions.declarations). */
  private readonly directivesOnly: Session;
  readonly includeDirs: string[];
  private read = new Map<string, HeaderLookup>();
  /** Sessions that include some headers first, by those headers. */
  private after = new Map<string, Session>();
  /** Every file the store read or evaluated, every path it found empty, every directory listed. */
  readonly dependencies = new Dependencies();

  /**
   * `overrides`: read another file where a header is asked for (table impact: the kernel's
   * version of a tools copy). `cache`: parsed files shared with other stores of the run.
   */
  constructor(abi: Abi, includeDirs: string[], private readonly overrides: ReadonlyMap<string, string> = new Map(), cache?: FileCache) {
    this.includeDirs = includeDirs.filter((d) => existsSync(d));
    this.session = createSession({ abi, includeDirs: this.includeDirs, cache });
    this.directivesOnly = createSession({ abi, includeDirs: this.includeDirs, cache: this.session.cache, declarations: false });
  }

  get(path: string): HeaderLookup {
    const asked = resolve(path);
    const p = this.overrides.get(asked) ?? asked;
    let r = this.read.get(p);
    if (!r) {
      if (!isFile(p)) {
        r = { ok: false, missing: true, path: p };
        this.dependencies.absent.add(p);
      } else {
        const text = readFileSync(p, 'latin1');
        this.dependencies.files.add(p);
        r = { ok: true, header: this.readHeader(p, text) };
      }
      this.read.set(p, r);
    }
    return r;
  }

  private readHeader(p: string, text: string): ReadHeader {
    const lines = text.split('\n');
    if (text.endsWith('\n')) lines.pop();
    const once = (s: Session) => {
      let eh: EvaluatedHeader | undefined;
      return () => {
        if (!eh) {
          eh = s.header(p);
          this.dependencies.add(eh.dependencies);
        }
        return eh;
      };
    };
    const evaluate = once(this.session);
    const evaluateDirectives = once(this.directivesOnly);
    // Macros and includes come from the preprocessor's structure alone. Declarations need their
    // syntax, and a header whose declarations need macro expansion the whole translation unit:
    // most tables read none, so those are made on first use.
    const directives = buildModel({ parsed: this.session.cache.structure(p), declSyntax: new Map(), unrepaired: new Map() }, { declarations: false });
    let raw: HeaderModel | undefined;
    const unexpanded = (): HeaderModel => (raw ??= buildModel({ parsed: this.session.cache.get(p), declSyntax: new Map(), unrepaired: new Map() }));
    let full: HeaderModel | undefined;
    const whole = (): HeaderModel => {
      if (!full) {
        full = unexpanded();
        if (full.problems.length) full = evaluate().model;
      }
      return full;
    };
    // Enumerators, as the syntax reads them, need no expansion unless a declaration that fails
    // to parse could hold an enum: in.h's IPPROTO_* are read without evaluating in.h and all it
    // includes for the sake of its struct ip_msfilter (a flexible array in a union)
    let fromSyntax: boolean | undefined;
    const enums = (): HeaderModel['enums'] => ((fromSyntax ??= enumsParse(this.session.cache.get(p).items)) ? unexpanded().enums : whole().enums);
    const model: HeaderModel = {
      file: directives.file,
      guard: directives.guard,
      macros: directives.macros,
      includes: directives.includes,
      get enums() {
        return enums();
      },
      get records() {
        return whole().records;
      },
      get typedefs() {
        return whole().typedefs;
      },
      get declarations() {
        return whole().declarations;
      },
      get problems() {
        return whole().problems;
      },
    };
    // Conditions and most values need no declaration: the translation unit of directives decides
    // them. A value it cannot give (a cast to a typedef, sizeof of a record) would fail there for
    // want of that declaration, and is asked of the whole unit; nothing else depends on them.
    let evaluated: EvaluatedHeader | undefined;
    const evaluatedFirstByDirectives = (): EvaluatedHeader =>
      (evaluated ??= {
        abi: this.session.abi,
        get model() {
          return evaluate().model;
        },
        isActive: (place) => evaluateDirectives().isActive(place),
        macroValue: (name) => {
          const v = evaluateDirectives().macroValue(name);
          return v.ok ? v : evaluate().macroValue(name);
        },
        enumValue: (name) => evaluate().enumValue(name),
        layout: (tag, name, viaTypedef, types) => evaluate().layout(tag, name, viaTypedef, types),
        callAt: (line) => evaluate().callAt(line),
        typedefCanon: (name) => evaluate().typedefCanon(name),
        declarationCanon: (name) => evaluate().declarationCanon(name),
        get diagnostics() {
          return evaluate().diagnostics;
        },
        get dependencies() {
          return evaluate().dependencies;
        },
      });
    const afterThese = new Map<string, EvaluatedHeader>();
    const evaluatedAfter = (headers: readonly string[]): EvaluatedHeader => {
      const key = headers.join('\0');
      let eh = afterThese.get(key);
      if (!eh) {
        let s = this.after.get(key);
        if (!s) this.after.set(key, (s = createSession({ abi: this.session.abi, includeDirs: this.includeDirs, cache: this.session.cache, preinclude: headers })));
        eh = s.header(p);
        this.dependencies.add(eh.dependencies);
        afterThese.set(key, eh);
      }
      return eh;
    };
    return { path: p, lines, model, evaluated: evaluatedFirstByDirectives, evaluatedAfter, commented: commentedDefines(text, lines) };
  }

  private probe(p: string): boolean {
    if (isFile(p)) return true;
    this.dependencies.absent.add(p);
    return false;
  }

  /** Where `#include` of `inc` from its file lands, as gcc searches (quoted: the file's directory first). */
  resolveInclude(inc: Include): string | null {
    const dirs = inc.system ? this.includeDirs : [dirname(inc.file), ...this.includeDirs];
    for (const d of dirs) {
      const p = join(d, inc.path);
      if (this.probe(p)) return p;
    }
    // Kbuild's generated asm/X.h is `#include <asm-generic/X.h>`
    if (inc.path.startsWith('asm/')) {
      for (const d of this.includeDirs) {
        const p = join(d, 'asm-generic', inc.path.slice(4));
        if (this.probe(p)) return p;
      }
    }
    return null;
  }
}

/** Lines that begin a block comment's continuation with `#define NAME`: what grep sees and cc does not. */
export function commentedDefines(text: string, lines: string[]): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  let inComment = false;
  let line = 1;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (atLineStart && inComment && (lines[line - 1] ?? '').trimStart().startsWith('#')) {
      const toks = lex(lines[line - 1] ?? '', { directives: false });
      if (toks[0]?.text === '#' && toks[1]?.text === 'define' && toks[2]?.kind === 'id') out.push({ name: toks[2].text, line });
    }
    atLineStart = false;
    if (c === '\n') {
      line++;
      atLineStart = true;
      continue;
    }
    if (inComment) {
      if (c === '*' && text[i + 1] === '/') {
        inComment = false;
        i++;
      }
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      inComment = true;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      // a literal: up to its closing quote on the same line
      for (i++; i < text.length && text[i] !== c && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
      if (text[i] === '\n') i--;
    }
  }
  return out;
}

/** The ABI kdrift evaluates on for a perf SRCARCH. */
export function abiForSrcarch(srcarch: string): Abi {
  return srcarch === 'arm64' ? 'arm64' : 'x86_64';
}

/** Whether no declaration tree-sitter could not parse (before expansion) declares an enum. */
function enumsParse(items: readonly Item[]): boolean {
  for (const it of declItems(items)) if (it.errors.length && it.idents.includes('enum')) return false;
  return true;
}
