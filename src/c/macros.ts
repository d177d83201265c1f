// Macro expansion as C11 6.10.3 describes it, with Prosser's hide sets: a macro is not
// re-expanded inside its own expansion, function-like macros take their arguments from the
// text that follows, `#` stringifies, `##` pastes (with GNU's `, ## __VA_ARGS__`).
// Expansion is bounded so that a header cannot make kdrift run without end.
import { lex, spell, type Token } from './lexer.js';
import { QuietError } from './quiet-error.js';

export interface MacroDef {
  name: string;
  /** null for an object-like macro. */
  params: string[] | null;
  /** Name of the variadic parameter (`__VA_ARGS__` or GNU's `args...`), if any. */
  variadic?: string;
  body: Token[];
  file: string;
  line: number;
  builtin?: boolean;
  /** Whether the body has `##` (set by defineFromText; computed when absent). */
  paste?: boolean;
  /** The hide set of this macro's name alone, once made. */
  hideSelf?: ReadonlySet<string>;
}

export type MacroLookup = (name: string) => MacroDef | undefined;

export interface XToken extends Token {
  hide?: ReadonlySet<string>;
  /** An identifier that must never expand (C11 6.10.3.4p2 "painted blue"). */
  blue?: boolean;
  /** Placeholder for an empty argument next to ##. */
  placemarker?: boolean;
}

export class MacroError extends QuietError {
  constructor(
    message: string,
    readonly macro: string,
  ) {
    super(message);
  }
}

/** Upper bound on tokens one expansion may produce. */
export const EXPANSION_LIMIT = 100_000;

export function defineFromText(name: string, params: string[] | null, bodyText: string, file: string, line: number, builtin = false): MacroDef {
  let variadic: string | undefined;
  let ps = params;
  if (ps) {
    ps = ps.map((p) => {
      if (p === '...') {
        variadic = '__VA_ARGS__';
        return '__VA_ARGS__';
      }
      if (p.endsWith('...')) {
        const n = p.slice(0, -3).trim();
        variadic = n;
        return n;
      }
      return p;
    });
  }
  const body = lex(bodyText, { directives: false, lineBase: line - 1 });
  return { name, params: ps, variadic, body, file, line, builtin, paste: body.some((t) => t.text === '##') };
}

function withHide(t: XToken, hs: ReadonlySet<string> | undefined, at: Token | null): XToken {
  const out: XToken = { ...t };
  if (hs) out.hide = t.hide ? union(t.hide, hs) : hs;
  if (at) {
    out.line = at.line;
    out.col = at.col;
  }
  return out;
}

// Hide sets are few and shared by many tokens: unions are computed once per pair, the memo
// hung on the set itself (a property, not a WeakMap: a lookup for nearly every expanded token).
const UNIONS = Symbol('unions');
type HideSet = ReadonlySet<string> & {
  [UNIONS]?: WeakMap<ReadonlySet<string>, ReadonlySet<string>>;
};

function union(a: HideSet, b: ReadonlySet<string>): ReadonlySet<string> {
  if (a === b) return a;
  let byB = a[UNIONS];
  if (!byB) byB = (a as { [UNIONS]?: WeakMap<ReadonlySet<string>, ReadonlySet<string>> })[UNIONS] = new WeakMap();
  let s = byB.get(b);
  if (!s) {
    let subset = true;
    for (const x of a) if (!b.has(x)) subset = false;
    if (subset) s = b;
    else {
      const u = new Set(a);
      for (const x of b) u.add(x);
      s = u;
    }
    byB.set(b, s);
  }
  return s;
}

export class Expander {
  produced = 0;
  /**
   * Hide sets with a name added, made once per expansion: the sets a macro's expansion makes
   * are of no use to the next, and kept in one memo for the process they were 13 MB that every
   * young-generation GC copied.
   */
  private additions: Map<ReadonlySet<string>, Map<string, ReadonlySet<string>>> | undefined;

  private addTo(base: ReadonlySet<string>, name: string): ReadonlySet<string> {
    if (base.has(name)) return base;
    // (made on first use: most expansions, a macro's value or a condition, nest no macro)
    const additions = (this.additions ??= new Map());
    let byName = additions.get(base);
    if (!byName) additions.set(base, (byName = new Map()));
    let s = byName.get(name);
    if (!s) byName.set(name, (s = addTo(base, name)));
    return s;
  }

  constructor(
    private readonly lookup: MacroLookup,
    /** Called with every macro name looked up (for dependency tracking). */
    private readonly onUse?: (m: MacroDef) => void,
  ) {}

  /** Fully macro-expands a token list. */
  expand(input: readonly XToken[]): XToken[] {
    const out: XToken[] = [];
    const stack: XToken[] = [];
    for (let i = input.length - 1; i >= 0; i--) stack.push(input[i]);
    while (stack.length) {
      const t = stack.pop()!;
      if (t.kind !== 'id' || t.blue) {
        out.push(t);
        continue;
      }
      const m = this.lookup(t.text);
      if (!m) {
        out.push(t);
        continue;
      }
      if (t.hide?.has(t.text)) {
        out.push({ ...t, blue: true });
        continue;
      }
      if (m.params === null) {
        this.onUse?.(m);
        const hs = t.hide ? this.addTo(t.hide, m.name) : (m.hideSelf ??= addTo(EMPTY, m.name));
        const body = this.substitute(m, null, hs, t);
        for (let i = body.length - 1; i >= 0; i--) stack.push(body[i]);
        continue;
      }
      // function-like: only when a '(' follows
      const next = stack.length ? stack[stack.length - 1] : undefined;
      if (!next || next.text !== '(' || next.kind !== 'punct') {
        out.push(t);
        continue;
      }
      this.onUse?.(m);
      const { args, rparen } = this.collectArgs(stack, m, t);
      const hs = t.hide && rparen.hide ? this.addTo(intersect(t.hide, rparen.hide), m.name) : (m.hideSelf ??= addTo(EMPTY, m.name));
      const body = this.substitute(m, args, hs, t);
      for (let i = body.length - 1; i >= 0; i--) stack.push(body[i]);
    }
    return out;
  }

  private collectArgs(stack: XToken[], m: MacroDef, at: Token): { args: XToken[][]; rparen: XToken } {
    stack.pop(); // '('
    const params = m.params!;
    const args: XToken[][] = [[]];
    let depth = 0;
    while (stack.length) {
      const t = stack.pop()!;
      if (t.kind === 'punct') {
        if (t.text === '(') depth++;
        else if (t.text === ')') {
          if (depth === 0) {
            if (params.length === 0 && args.length === 1 && args[0].length === 0) return { args: [], rparen: t };
            if (args.length < params.length && m.variadic && args.length === params.length - 1) args.push([]);
            if (args.length !== params.length) {
              throw new MacroError(`macro "${m.name}" requires ${params.length} argument${params.length === 1 ? '' : 's'}, but ${args.length} given`, m.name);
            }
            return { args, rparen: t };
          }
          depth--;
        } else if (t.text === ',' && depth === 0 && !(m.variadic && args.length === params.length)) {
          args.push([]);
          continue;
        }
      }
      args[args.length - 1].push(t);
    }
    throw new MacroError(`unterminated argument list invoking macro "${m.name}" (line ${at.line})`, m.name);
  }

  private substitute(m: MacroDef, args: XToken[][] | null, hs: ReadonlySet<string>, at: Token): XToken[] {
    const body = m.body;
    const params = m.params;
    if (!hasPaste(m)) return this.substituteDirect(m, args, hs, at);
    const paramIndex = (t: Token | undefined): number => (params && t && t.kind === 'id' ? params.indexOf(t.text) : -1);
    const res: XToken[] = [];
    const expandedArgs = new Map<number, XToken[]>();
    for (let i = 0; i < body.length; i++) {
      const t = body[i];
      if (params && args && t.kind === 'punct' && (t.text === '#' || t.text === '%:')) {
        const pi = paramIndex(body[i + 1]);
        if (pi >= 0) {
          res.push({ kind: 'str', text: stringify(args[pi]), line: at.line, col: at.col, space: t.space, bol: false });
          i++;
          continue;
        }
      }
      const pi = args ? paramIndex(t) : -1;
      if (pi >= 0) {
        const arg = args![pi];
        const pasteNext = body[i + 1]?.text === '##';
        const pastePrev = body[i - 1]?.text === '##';
        let rep: XToken[];
        if (pasteNext || pastePrev) {
          rep = arg.length ? arg.map((a) => ({ ...a })) : [{ kind: 'other', text: '', line: at.line, col: at.col, space: false, bol: false, placemarker: true }];
        } else {
          let e = expandedArgs.get(pi);
          if (!e) {
            e = this.expand(arg);
            expandedArgs.set(pi, e);
          }
          rep = e.map((a) => ({ ...a }));
        }
        if (rep.length) rep[0] = { ...rep[0], space: t.space };
        for (const r of rep) res.push(r);
        continue;
      }
      res.push({ ...t, line: at.line, col: at.col });
    }
    const pasted = body.some((t) => t.text === '##') ? paste(res, m) : res;
    this.produced += pasted.length;
    if (this.produced > EXPANSION_LIMIT) {
      throw new MacroError(`expansion of "${m.name}" exceeds ${EXPANSION_LIMIT} tokens`, m.name);
    }
    const out: XToken[] = [];
    for (const t of pasted) {
      if (t.placemarker) continue;
      out.push(withHide(t, hs, null));
    }
    if (out.length) out[0] = { ...out[0], space: at.space, bol: at.bol };
    return out;
  }

  /**
   * substitute() for a body without `##`: the same tokens, each copied once, straight into
   * its final form (position, hide set, the spacing of the first and of each argument).
   */
  private substituteDirect(m: MacroDef, args: XToken[][] | null, hs: ReadonlySet<string>, at: Token): XToken[] {
    const body = m.body;
    const params = m.params;
    const out: XToken[] = [];
    let expandedArgs: (XToken[] | undefined)[] | undefined;
    for (let i = 0; i < body.length; i++) {
      const t = body[i];
      if (params && args && t.kind === 'punct' && (t.text === '#' || t.text === '%:')) {
        const next = body[i + 1];
        const pi = next && next.kind === 'id' ? params.indexOf(next.text) : -1;
        if (pi >= 0) {
          out.push({ kind: 'str', text: stringify(args[pi]), line: at.line, col: at.col, space: t.space, bol: false, hide: hs });
          i++;
          continue;
        }
      }
      const pi = args && params && t.kind === 'id' ? params.indexOf(t.text) : -1;
      if (pi >= 0) {
        expandedArgs ??= [];
        let e = expandedArgs[pi];
        if (!e) e = expandedArgs[pi] = this.expand(args![pi]);
        // neighbouring tokens mostly share a hide set: the last union is kept
        let lastHide: ReadonlySet<string> | undefined;
        let lastUnion = hs;
        for (let k = 0; k < e.length; k++) {
          const a = e[k];
          if (a.hide && a.hide !== lastHide) {
            lastHide = a.hide;
            lastUnion = union(a.hide, hs);
          }
          const r: XToken = { kind: a.kind, text: a.text, line: a.line, col: a.col, space: k === 0 ? t.space : a.space, bol: a.bol, hide: a.hide ? lastUnion : hs };
          if (a.blue) r.blue = true;
          out.push(r);
        }
        continue;
      }
      // body tokens come from the lexer: no hide set of their own, never blue
      out.push({ kind: t.kind, text: t.text, line: at.line, col: at.col, space: t.space, bol: t.bol, hide: hs });
    }
    this.produced += out.length;
    if (this.produced > EXPANSION_LIMIT) {
      throw new MacroError(`expansion of "${m.name}" exceeds ${EXPANSION_LIMIT} tokens`, m.name);
    }
    if (out.length) {
      out[0].space = at.space;
      out[0].bol = at.bol;
    }
    return out;
  }
}

/** `##` in a body (bodies never change once defined). */
function hasPaste(m: MacroDef): boolean {
  return (m.paste ??= m.body.some((t) => t.text === '##'));
}

const EMPTY: ReadonlySet<string> = new Set();

/** A new hide set: base and name (memoised by Expander.addTo and MacroDef.hideSelf). */
function addTo(base: ReadonlySet<string>, name: string): ReadonlySet<string> {
  const n = new Set(base);
  n.add(name);
  return n;
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  // mostly one holds the other: that one is the intersection, and already has its unions
  if (a === b || isSubset(a, b)) return a;
  if (isSubset(b, a)) return b;
  const s = new Set<string>();
  for (const x of a) if (b.has(x)) s.add(x);
  return s;
}

function isSubset(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size > b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function paste(tokens: XToken[], m: MacroDef): XToken[] {
  const out: XToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'punct' && t.text === '##' && out.length && i + 1 < tokens.length) {
      const left = out.pop()!;
      const right = tokens[++i];
      // GNU: `, ## __VA_ARGS__` drops the comma when the variadic argument is empty
      if (left.text === ',' && right.placemarker && m.variadic) continue;
      if (left.placemarker) {
        out.push(right);
        continue;
      }
      if (right.placemarker) {
        out.push(left);
        continue;
      }
      const joined = lex(left.text + right.text, { directives: false });
      if (joined.length !== 1) {
        // gcc: "pasting does not give a valid preprocessing token": keep both
        out.push(left, { ...right, space: false });
        continue;
      }
      out.push({ ...left, kind: joined[0].kind, text: joined[0].text, hide: left.hide });
      continue;
    }
    out.push(t);
  }
  return out;
}

function stringify(arg: XToken[]): string {
  const s = spell(arg.map((t, i) => ({ ...t, bol: false, space: i > 0 && t.space })));
  let out = '"';
  for (const ch of s) {
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else out += ch;
  }
  // only backslashes inside string and character literals are escaped; outside they are kept
  return out + '"';
}
