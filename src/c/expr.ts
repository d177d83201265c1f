// Integer constant expressions (C11 6.6) over macro-expanded tokens, with C's types:
// literal typing (6.4.4.1), integer promotions and the usual arithmetic conversions on the
// chosen ABI, casts, sizeof/_Alignof/__builtin_offsetof over the type environment.
// In #if mode (6.10.1) every integer is intmax_t/uintmax_t and unknown identifiers are 0.
// An expression that is not an integer constant gives an EvalError with the reason.
import type { AbiInfo, IntName } from './abi.js';
import { INT_TYPES, isUnsignedInt, QUALIFIERS, resolved, typeFromKeywords, TYPE_KEYWORDS, type CType, type MemberDef } from './ctype.js';
import type { XToken } from './macros.js';
import { QuietError } from './quiet-error.js';

export class EvalError extends QuietError {}

/** What the evaluator needs to know of the world beyond the expression. */
export interface ExprEnv {
  abi: AbiInfo;
  /** #if semantics: intmax_t arithmetic, `defined`, unknown identifiers are 0. */
  pp: boolean;
  enumConstant(name: string): IntValue | undefined;
  typedef(name: string): CType | undefined;
  /** `struct X`, `union X`, `enum X` as a type, or undefined if never declared. */
  tag(kind: 'struct' | 'union' | 'enum', name: string): CType | undefined;
  sizeAlign(t: CType): { size: number; align: number };
  /** Offset in bytes of a member path, and its type. */
  member(t: CType, name: string): { offset: number; type: CType } | undefined;
  /** #if only: whether a macro is defined. */
  isDefined?(name: string): boolean;
  /**
   * A record defined inside a type name (`sizeof(struct { int:(-!!(e)); })`, the kernel's
   * BUILD_BUG_ON_ZERO): its type, laid out as any other. `body` is its spelling, the same for
   * the same record.
   */
  anonymousRecord?(tag: 'struct' | 'union', body: string, members: MemberDef[]): CType;
}

export interface IntValue {
  v: bigint;
  t: IntName;
}

/** `addr`: the object's address, when known (`((struct x *)0)->m` lies at offsetof(struct x, m)). */
/** `nullPtr`: a null pointer constant (`(void *)0` of an integer constant), whose type ?: gives up for the other operand's. */
type Val = { kind: 'int'; v: bigint; t: IntName } | { kind: 'typed'; ctype: CType; v?: bigint; addr?: bigint; nullPtr?: boolean };

const RANK: Record<IntName, number> = {
  bool: 0, char: 1, schar: 1, uchar: 1, short: 2, ushort: 2, int: 3, uint: 3,
  long: 4, ulong: 4, llong: 5, ullong: 5, int128: 6, uint128: 6,
};
const UNSIGNED_OF: Partial<Record<IntName, IntName>> = { int: 'uint', long: 'ulong', llong: 'ullong', int128: 'uint128' };

function isVoidPtr(t: CType): boolean {
  const r = resolved(t);
  return r.k === 'ptr' && resolved(r.to).k === 'void';
}

/** Binary operators by level, lowest precedence first: | ^ & (== !=) (< > <= >=) (<< >>) (+ -) (* / %). */
const BINARY_LEVEL = new Map<string, number>([
  ['|', 0], ['^', 1], ['&', 2], ['==', 3], ['!=', 3], ['<', 4], ['>', 4], ['<=', 4], ['>=', 4],
  ['<<', 5], ['>>', 5], ['+', 6], ['-', 6], ['*', 7], ['/', 7], ['%', 7],
]);

/** Integer literals already typed, per ABI and mode (ordinary, #if); Vals are never changed. */
const literalValues = new WeakMap<AbiInfo, [Map<string, Val>, Map<string, Val>]>();

export class Evaluator {
  private toks: readonly XToken[] = [];
  private pos = 0;
  /** Depth of unevaluated operands (sizeof, the untaken side of ?:, && and ||). */
  private skip = 0;

  constructor(private readonly env: ExprEnv) {}

  bits(t: IntName): number {
    if (this.env.pp) return t === 'int128' || t === 'uint128' ? 128 : 64;
    return this.env.abi.ints[t].size * 8;
  }
  unsigned(t: IntName): boolean {
    return isUnsignedInt(t, this.env.abi.charSigned);
  }

  /** Evaluates a whole token list as one integer constant expression. */
  evaluate(tokens: readonly XToken[]): IntValue {
    this.toks = tokens;
    this.pos = 0;
    if (!tokens.length) throw new EvalError('empty expression');
    // a lone number (two macros in three): what the grammar below finds for it, not descended
    if (tokens.length === 1 && tokens[0].kind === 'num') {
      this.pos = 1;
      return this.asInt(this.number(tokens[0].text));
    }
    const v = this.comma();
    if (this.pos < this.toks.length) throw new EvalError(`unexpected '${this.toks[this.pos].text}'`);
    return this.asInt(v);
  }

  /** Parses a type name (for casts and sizeof) starting at the current position, or returns null. */
  private startsTypeName(at = this.pos): boolean {
    const t = this.toks[at];
    if (!t || t.kind !== 'id') return false;
    if (TYPE_KEYWORDS.has(t.text) || QUALIFIERS.has(t.text)) return true;
    if (t.text === 'struct' || t.text === 'union' || t.text === 'enum' || t.text === 'typeof' || t.text === '__typeof__') return true;
    return !this.env.enumConstant(t.text) && this.env.typedef(t.text) !== undefined;
  }

  /** A type name; `declarator` false: its specifiers only (a member's declarator follows). */
  private typeName(declarator = true): CType {
    const words: string[] = [];
    let base: CType | undefined;
    while (this.pos < this.toks.length) {
      const t = this.toks[this.pos];
      if (t.kind !== 'id') break;
      if (QUALIFIERS.has(t.text)) {
        this.pos++;
        continue;
      }
      if (TYPE_KEYWORDS.has(t.text)) {
        words.push(t.text);
        this.pos++;
        continue;
      }
      if ((t.text === 'struct' || t.text === 'union') && this.toks[this.pos + 1]?.text === '{') {
        this.pos++;
        base = this.recordBody(t.text);
        continue;
      }
      if (t.text === 'struct' || t.text === 'union' || t.text === 'enum') {
        const name = this.toks[this.pos + 1];
        if (!name || name.kind !== 'id') throw new EvalError(`anonymous ${t.text} in a type name`);
        this.pos += 2;
        base = this.env.tag(t.text, name.text);
        if (!base) throw new EvalError(`unknown type ${t.text} ${name.text}`);
        continue;
      }
      if (t.text === 'typeof' || t.text === '__typeof__') {
        this.pos++;
        this.expect('(');
        if (this.startsTypeName()) base = this.typeName();
        else base = this.typeOfExpr();
        this.expect(')');
        continue;
      }
      if (!base && !words.length && this.env.typedef(t.text) && !this.env.enumConstant(t.text)) {
        base = this.env.typedef(t.text);
        this.pos++;
        continue;
      }
      break;
    }
    if (words.length) {
      const kw = typeFromKeywords(words);
      if (!kw) throw new EvalError(`invalid type '${words.join(' ')}'`);
      base = kw;
    }
    if (!base) throw new EvalError('expected a type name');
    return declarator ? this.abstractDeclarator(base) : base;
  }

  /**
   * `{ member; ... }` of a record defined in a type name, at its `{`: members with a name or
   * none, pointers, arrays and bit-field widths (a negative width is gcc's error, which is what
   * BUILD_BUG_ON_ZERO wants of a true condition).
   */
  private recordBody(tag: 'struct' | 'union'): CType {
    if (!this.env.anonymousRecord) throw new EvalError(`anonymous ${tag} in a type name`);
    const from = this.pos;
    this.expect('{');
    const members: MemberDef[] = [];
    while (!this.peek('}')) {
      if (this.pos >= this.toks.length) throw new EvalError(`missing '}' of an anonymous ${tag}`);
      const base = this.typeName(false);
      for (;;) {
        let t = base;
        while (this.peek('*')) {
          t = { k: 'ptr', to: t };
          this.pos++;
        }
        let name: string | undefined;
        const n = this.cur();
        if (n?.kind === 'id') {
          name = n.text;
          this.pos++;
        }
        const dims: (number | null)[] = [];
        while (this.peek('[')) {
          this.pos++;
          dims.push(this.peek(']') ? null : Number(this.asInt(this.conditional()).v));
          this.expect(']');
        }
        for (let i = dims.length - 1; i >= 0; i--) t = { k: 'array', of: t, len: dims[i] };
        let bitWidth: number | undefined;
        if (this.peek(':')) {
          this.pos++;
          const w = this.asInt(this.conditional()).v;
          if (w < 0n) throw new EvalError('negative width in bit-field (a BUILD_BUG_ON_ZERO condition holds)');
          bitWidth = Number(w);
        }
        members.push({ ...(name !== undefined ? { name } : {}), type: t, ...(bitWidth !== undefined ? { bitWidth } : {}), line: 0 });
        if (!this.peek(',')) break;
        this.pos++;
      }
      this.expect(';');
    }
    this.expect('}');
    const body = this.toks.slice(from, this.pos).map((x) => x.text).join(' ');
    return this.env.anonymousRecord(tag, body, members);
  }

  private abstractDeclarator(base: CType): CType {
    let t = base;
    while (this.peek('*') || (this.cur()?.kind === 'id' && QUALIFIERS.has(this.cur()!.text))) {
      if (this.peek('*')) t = { k: 'ptr', to: t };
      this.pos++;
    }
    if (this.peek('(') && this.toks[this.pos + 1]?.text === '*') {
      // pointer to function or array: (*)(...) or (*)[N]
      this.pos += 2;
      while (this.peek('*')) this.pos++;
      this.expect(')');
      this.skipBalancedSuffixes();
      return { k: 'ptr', to: { k: 'func' } };
    }
    const dims: (number | null)[] = [];
    while (this.peek('[')) {
      this.pos++;
      if (this.peek(']')) {
        dims.push(null);
      } else {
        const n = this.asInt(this.conditional());
        dims.push(Number(n.v));
      }
      this.expect(']');
    }
    for (let i = dims.length - 1; i >= 0; i--) t = { k: 'array', of: t, len: dims[i] };
    return t;
  }

  private skipBalancedSuffixes() {
    while (this.peek('(') || this.peek('[')) {
      let depth = 0;
      do {
        const x = this.toks[this.pos++];
        if (!x) throw new EvalError('unbalanced parentheses');
        if (x.text === '(' || x.text === '[') depth++;
        else if (x.text === ')' || x.text === ']') depth--;
      } while (depth > 0);
    }
  }

  private typeOfExpr(): CType {
    this.skip++;
    try {
      const v = this.comma();
      return v.kind === 'int' ? INT_TYPES[v.t] : v.ctype;
    } finally {
      this.skip--;
    }
  }

  private cur(): XToken | undefined {
    // not read past the end: V8 deoptimises the reader the first time an index is out of bounds
    return this.pos < this.toks.length ? this.toks[this.pos] : undefined;
  }
  private peek(p: string): boolean {
    const t = this.toks[this.pos];
    return t !== undefined && t.kind === 'punct' && t.text === p;
  }
  private expect(p: string) {
    if (!this.peek(p)) {
      const t = this.toks[this.pos];
      throw new EvalError(t ? `expected '${p}' before '${t.text}'` : `expected '${p}' at end of expression`);
    }
    this.pos++;
  }

  // ---- values and conversions ------------------------------------------------------------

  private wrap(v: bigint, t: IntName): bigint {
    const b = this.bits(t);
    if (t === 'bool') return v !== 0n ? 1n : 0n;
    return this.unsigned(t) ? BigInt.asUintN(b, v) : BigInt.asIntN(b, v);
  }
  private mk(v: bigint, t: IntName): Val {
    return { kind: 'int', v: this.wrap(v, t), t };
  }
  private asInt(v: Val): IntValue {
    if (v.kind === 'int') return { v: v.v, t: v.t };
    const rt = resolved(v.ctype);
    if (rt.k === 'int') {
      if (v.v === undefined && !this.skip) throw new EvalError('an object, not an integer constant');
      return { v: this.wrap(v.v ?? 0n, rt.name), t: rt.name };
    }
    if (rt.k === 'enum') {
      if (v.v === undefined) throw new EvalError('not a constant');
      return { v: v.v, t: 'int' };
    }
    if (rt.k === 'ptr') throw new EvalError('a pointer, not an integer constant');
    if (rt.k === 'float') throw new EvalError('a floating constant, not an integer');
    throw new EvalError('not an integer constant');
  }
  private promote(t: IntName): IntName {
    if (this.env.pp) return this.unsigned(t) ? 'ullong' : 'llong';
    if (RANK[t] < RANK.int) return 'int';
    return t;
  }
  private common(a: IntName, b: IntName): IntName {
    a = this.promote(a);
    b = this.promote(b);
    if (a === b) return a;
    const ua = this.unsigned(a);
    const ub = this.unsigned(b);
    if (ua === ub) return RANK[a] >= RANK[b] ? a : b;
    const [u, s] = ua ? [a, b] : [b, a];
    if (RANK[u] >= RANK[s]) return u;
    if (this.bits(s) > this.bits(u)) return s;
    return UNSIGNED_OF[s] ?? u;
  }

  // ---- grammar (C11 6.5), lowest precedence first ---------------------------------------

  private comma(): Val {
    let v = this.assignment();
    while (this.peek(',')) {
      this.pos++;
      v = this.assignment();
    }
    return v;
  }

  private assignment(): Val {
    return this.conditional();
  }

  private conditional(): Val {
    const c = this.logicalOr();
    if (!this.peek('?')) return c;
    this.pos++;
    const cond = this.truth(c);
    if (!cond) this.skip++;
    const a = this.comma();
    if (!cond) this.skip--;
    this.expect(':');
    if (cond) this.skip++;
    const b = this.conditional();
    if (cond) this.skip--;
    if (a.kind === 'int' && b.kind === 'int') {
      const t = this.common(a.t, b.t);
      return this.mk(cond ? a.v : b.v, t);
    }
    // pointers (C11 6.5.15p6): a null pointer constant takes the other operand's type, which
    // is how __is_constexpr(x) tells an integer constant expression (int *) from anything else (void *)
    if (a.kind === 'typed' && b.kind === 'typed' && resolved(a.ctype).k === 'ptr' && resolved(b.ctype).k === 'ptr') {
      const chosen = cond ? a : b;
      const ctype = a.nullPtr ? b.ctype : b.nullPtr ? a.ctype : isVoidPtr(a.ctype) ? a.ctype : isVoidPtr(b.ctype) ? b.ctype : chosen.ctype;
      return { kind: 'typed', ctype, ...(chosen.v !== undefined ? { v: chosen.v } : {}) };
    }
    return cond ? a : b;
  }

  private truth(v: Val): boolean {
    if (v.kind === 'typed' && resolved(v.ctype).k === 'ptr') return (v.v ?? 1n) !== 0n;
    return this.asInt(v).v !== 0n;
  }

  private logicalOr(): Val {
    let l = this.logicalAnd();
    while (this.peek('||')) {
      this.pos++;
      const lt = this.skip ? false : this.truth(l);
      if (lt) this.skip++;
      const r = this.logicalAnd();
      if (lt) this.skip--;
      l = this.mk(lt || (!this.skip && this.truth(r)) ? 1n : 0n, 'int');
    }
    return l;
  }

  private logicalAnd(): Val {
    let l = this.binary(0);
    while (this.peek('&&')) {
      this.pos++;
      const lt = this.skip ? true : this.truth(l);
      if (!lt) this.skip++;
      const r = this.binary(0);
      if (!lt) this.skip--;
      l = this.mk(lt && (this.skip > 0 || this.truth(r)) ? 1n : 0n, 'int');
    }
    return l;
  }

  /**
   * The binary operators from level up (BINARY_LEVEL), by precedence climbing: one call per operand
   * rather than one per level, with the same left-to-right grouping as the level-by-level
   * grammar.
   */
  private binary(level: number): Val {
    let l = this.cast();
    for (;;) {
      const t = this.toks[this.pos];
      if (t === undefined || t.kind !== 'punct') return l;
      const p = BINARY_LEVEL.get(t.text);
      if (p === undefined || p < level) return l;
      this.pos++;
      const r = this.binary(p + 1);
      l = this.apply(t.text, l, r);
    }
  }

  private apply(op: string, lv: Val, rv: Val): Val {
    if (this.skip) {
      // unevaluated: only the type matters
      if (lv.kind !== 'int' || rv.kind !== 'int') return lv.kind !== 'int' ? lv : rv;
      const t = op === '<<' || op === '>>' ? this.promote(lv.t) : ['==', '!=', '<', '>', '<=', '>='].includes(op) ? 'int' : this.common(lv.t, rv.t);
      return { kind: 'int', v: 0n, t };
    }
    if (lv.kind === 'typed' && resolved(lv.ctype).k === 'ptr' && rv.kind === 'int' && (op === '+' || op === '-')) {
      return lv; // pointer arithmetic keeps the pointer type (only its type matters here)
    }
    const l = this.asInt(lv);
    const r = this.asInt(rv);
    if (op === '<<' || op === '>>') {
      const t = this.promote(l.t);
      const width = BigInt(this.bits(t));
      const n = r.v;
      if (n < 0n || n >= width) throw new EvalError(`shift count ${n} is out of range for a ${width}-bit type`);
      const lvv = this.wrap(l.v, t);
      return this.mk(op === '<<' ? lvv << n : lvv >> n, t);
    }
    const t = this.common(l.t, r.t);
    const a = this.wrap(l.v, t);
    const b = this.wrap(r.v, t);
    switch (op) {
      case '+': return this.mk(a + b, t);
      case '-': return this.mk(a - b, t);
      case '*': return this.mk(a * b, t);
      case '/':
        if (b === 0n) throw new EvalError('division by zero');
        return this.mk(a / b, t);
      case '%':
        if (b === 0n) throw new EvalError('division by zero');
        return this.mk(a % b, t);
      case '&': return this.mk(a & b, t);
      case '|': return this.mk(a | b, t);
      case '^': return this.mk(a ^ b, t);
      case '==': return this.mk(a === b ? 1n : 0n, 'int');
      case '!=': return this.mk(a !== b ? 1n : 0n, 'int');
      case '<': return this.mk(a < b ? 1n : 0n, 'int');
      case '>': return this.mk(a > b ? 1n : 0n, 'int');
      case '<=': return this.mk(a <= b ? 1n : 0n, 'int');
      case '>=': return this.mk(a >= b ? 1n : 0n, 'int');
    }
    throw new EvalError(`unsupported operator '${op}'`);
  }

  private cast(): Val {
    if (this.peek('(') && this.startsTypeName(this.pos + 1)) {
      const save = this.pos;
      this.pos++;
      const t = this.typeName();
      this.expect(')');
      if (this.peek('{')) {
        this.pos = save;
        throw new EvalError('compound literal is not an integer constant');
      }
      const v = this.cast();
      return this.convert(v, t);
    }
    return this.unary();
  }

  private convert(v: Val, to: CType): Val {
    const rt = resolved(to);
    if (rt.k === 'int') {
      if (v.kind === 'typed' && resolved(v.ctype).k === 'ptr') {
        if (this.skip) return { kind: 'int', v: 0n, t: rt.name };
        if (v.v === undefined) throw new EvalError('an address, not an integer constant');
        return this.mk(v.v, rt.name);
      }
      if (this.skip && v.kind === 'typed') return { kind: 'int', v: 0n, t: rt.name };
      const iv = this.asInt(v);
      if (rt.name === 'bool') return { kind: 'int', v: iv.v !== 0n ? 1n : 0n, t: 'bool' };
      return this.mk(iv.v, rt.name);
    }
    if (rt.k === 'enum') {
      const iv = this.skip && v.kind === 'typed' ? { v: 0n } : this.asInt(v);
      return { kind: 'typed', ctype: to, v: iv.v };
    }
    if (rt.k === 'ptr') {
      const iv = v.kind === 'int' ? v.v : v.v;
      const nullPtr = v.kind === 'int' && v.v === 0n && resolved(rt.to).k === 'void';
      return { kind: 'typed', ctype: to, v: iv, ...(nullPtr ? { nullPtr } : {}) };
    }
    if (rt.k === 'void') return { kind: 'typed', ctype: to };
    if (rt.k === 'float') {
      if (this.skip) return { kind: 'typed', ctype: to };
      throw new EvalError('a floating value, not an integer constant');
    }
    throw new EvalError('cast to a non-scalar type');
  }

  private unary(): Val {
    const t = this.cur();
    if (!t) throw new EvalError('unexpected end of expression');
    if (t.kind === 'punct') {
      switch (t.text) {
        case '+':
        case '-':
        case '~': {
          this.pos++;
          const v = this.cast();
          if (this.skip && v.kind !== 'int') return v;
          const iv = this.asInt(v);
          const pt = this.promote(iv.t);
          const x = this.wrap(iv.v, pt);
          return this.mk(t.text === '-' ? -x : t.text === '~' ? ~x : x, pt);
        }
        case '!': {
          this.pos++;
          const v = this.cast();
          if (this.skip) return { kind: 'int', v: 0n, t: 'int' };
          return this.mk(this.truth(v) ? 0n : 1n, 'int');
        }
        case '*': {
          this.pos++;
          const v = this.cast();
          const rt = v.kind === 'typed' ? resolved(v.ctype) : null;
          if (!rt || (rt.k !== 'ptr' && rt.k !== 'array')) throw new EvalError('indirection of a non-pointer');
          this.requireUnevaluated('dereference');
          return { kind: 'typed', ctype: rt.k === 'ptr' ? rt.to : rt.of };
        }
        case '&': {
          this.pos++;
          const v = this.cast();
          const ct = v.kind === 'int' ? INT_TYPES[v.t] : v.ctype;
          return { kind: 'typed', ctype: { k: 'ptr', to: ct }, ...(v.kind === 'typed' && v.addr !== undefined ? { v: v.addr } : {}) };
        }
      }
    }
    if (t.kind === 'id') {
      if (t.text === 'sizeof' || t.text === '_Alignof' || t.text === 'alignof') {
        this.pos++;
        let ct: CType;
        if (this.peek('(') && this.startsTypeName(this.pos + 1)) {
          this.pos++;
          ct = this.typeName();
          this.expect(')');
        } else {
          this.skip++;
          try {
            const v = this.unary();
            ct = v.kind === 'int' ? INT_TYPES[v.t] : v.ctype;
          } finally {
            this.skip--;
          }
        }
        const sa = this.sizeAlignOf(ct);
        const sizeT: IntName = this.env.abi.pointer.size === 8 ? 'ulong' : 'uint';
        return this.mk(BigInt(t.text === 'sizeof' ? sa.size : sa.align), sizeT);
      }
      if (this.env.pp && t.text === 'defined') {
        this.pos++;
        const paren = this.peek('(');
        if (paren) this.pos++;
        const n = this.cur();
        if (!n || n.kind !== 'id') throw new EvalError("'defined' without a macro name");
        this.pos++;
        if (paren) this.expect(')');
        return this.mk(this.env.isDefined?.(n.text) ? 1n : 0n, 'llong');
      }
    }
    return this.postfix();
  }

  private sizeAlignOf(ct: CType) {
    const rt = resolved(ct);
    if (rt.k === 'array' && rt.len === null) throw new EvalError('sizeof of an incomplete array');
    if (rt.k === 'func') throw new EvalError('sizeof of a function');
    try {
      return this.env.sizeAlign(ct);
    } catch (e) {
      throw new EvalError(e instanceof Error ? e.message : String(e));
    }
  }

  private requireUnevaluated(what: string) {
    if (!this.skip) throw new EvalError(`${what} is not an integer constant expression`);
  }

  private postfix(): Val {
    let v = this.primary();
    for (;;) {
      if (this.peek('->') || this.peek('.')) {
        const arrow = this.cur()!.text === '->';
        this.pos++;
        const name = this.cur();
        if (!name || name.kind !== 'id') throw new EvalError('expected a member name');
        this.pos++;
        let base = v.kind === 'typed' ? resolved(v.ctype) : null;
        if (arrow) {
          if (!base || (base.k !== 'ptr' && base.k !== 'array')) throw new EvalError("'->' on a non-pointer");
          base = resolved(base.k === 'ptr' ? base.to : base.of);
        }
        if (!base) throw new EvalError("member access on a non-record");
        const m = this.env.member(base, name.text);
        if (!m) throw new EvalError(`no member named '${name.text}'`);
        // an lvalue: its address is known when the pointer is a constant (the offsetof idiom)
        const at = arrow && v.kind === 'typed' ? v.v : v.kind === 'typed' ? v.addr : undefined;
        v = { kind: 'typed', ctype: m.type, ...(at !== undefined ? { addr: at + BigInt(m.offset) } : {}) };
        continue;
      }
      if (this.peek('[')) {
        this.pos++;
        this.skip++;
        try {
          this.comma();
        } finally {
          this.skip--;
        }
        this.expect(']');
        const base = v.kind === 'typed' ? resolved(v.ctype) : null;
        if (!base || (base.k !== 'ptr' && base.k !== 'array')) throw new EvalError('subscript of a non-array');
        this.requireUnevaluated('subscript');
        v = { kind: 'typed', ctype: base.k === 'ptr' ? base.to : base.of };
        continue;
      }
      if (this.peek('(')) {
        // in an operand that is not evaluated (`__builtin_constant_p(x) ? … : __fswab16(x)`)
        // a call only needs a type: int, as for an implicitly declared function
        if (!this.skip) throw new EvalError('a function call is not an integer constant expression');
        this.pos++;
        let depth = 1;
        while (this.pos < this.toks.length && depth > 0) {
          const x = this.toks[this.pos++];
          if (x.text === '(') depth++;
          else if (x.text === ')') depth--;
        }
        v = { kind: 'int', v: 0n, t: 'int' };
        continue;
      }
      return v;
    }
  }

  private primary(): Val {
    const t = this.cur();
    if (!t) throw new EvalError('unexpected end of expression');
    this.pos++;
    switch (t.kind) {
      case 'num':
        return this.number(t.text);
      case 'char':
        return this.character(t.text);
      case 'str':
        if (this.skip) return { kind: 'typed', ctype: this.stringLiteral() };
        throw new EvalError('a string literal, not an integer');
      case 'punct':
        if (t.text === '(') {
          if (this.peek('{')) throw new EvalError('a statement expression is not an integer constant');
          const v = this.comma();
          this.expect(')');
          return v;
        }
        throw new EvalError(`unexpected '${t.text}'`);
      case 'id':
        return this.identifier(t);
      default:
        throw new EvalError(`unexpected '${t.text}'`);
    }
  }

  /**
   * The array type of the string literal that starts just before pos, taking in the adjacent
   * string literals after it: C11 6.4.5p5 makes them one (`"security." "bpf."`, two macros).
   */
  private stringLiteral(): CType {
    const start = this.pos - 1;
    while (this.cur()?.kind === 'str') this.pos++;
    const pieces = this.toks.slice(start, this.pos).map((x) => x.text);
    const prefix = concatenatedPrefix(pieces);
    if (prefix === null) throw new EvalError(`string literals with different encoding prefixes (${spellPrefixes(pieces)}) cannot be concatenated`);
    const len = pieces.reduce((n, p) => n + stringChars(p), 0) + 1;
    return { k: 'array', of: stringElement(prefix, this.env.abi), len };
  }

  private identifier(t: XToken): Val {
    const name = t.text;
    // `#define IFF_UP IFF_UP` names the enumerator of the same name: only an unresolved name is an error
    if (t.blue && !this.env.enumConstant(name)) throw new EvalError(`macro '${name}' refers to itself (C does not expand a macro inside its own expansion)`);
    if (name === '__builtin_offsetof' || name === 'offsetof') {
      this.expect('(');
      const ty = this.typeName();
      this.expect(',');
      let off = 0;
      let cur: CType = ty;
      for (;;) {
        const m = this.cur();
        if (!m || m.kind !== 'id') throw new EvalError('expected a member designator');
        this.pos++;
        const mem = this.env.member(resolved(cur), m.text);
        if (!mem) throw new EvalError(`no member named '${m.text}'`);
        off += mem.offset;
        cur = mem.type;
        while (this.peek('[')) {
          this.pos++;
          const idx = this.asInt(this.conditional());
          this.expect(']');
          const rt = resolved(cur);
          if (rt.k !== 'array') throw new EvalError('subscript of a non-array');
          off += Number(idx.v) * this.sizeAlignOf(rt.of).size;
          cur = rt.of;
        }
        if (this.peek('.')) {
          this.pos++;
          continue;
        }
        break;
      }
      this.expect(')');
      return this.mk(BigInt(off), this.env.abi.pointer.size === 8 ? 'ulong' : 'uint');
    }
    if (name === '__builtin_choose_expr') {
      // gcc's compile-time ?: : the result is the chosen operand itself, type and all
      this.expect('(');
      const c = this.truth(this.assignment());
      this.expect(',');
      if (!c) this.skip++;
      const a = this.assignment();
      if (!c) this.skip--;
      this.expect(',');
      if (c) this.skip++;
      const b = this.assignment();
      if (c) this.skip--;
      this.expect(')');
      return c ? a : b;
    }
    if (name === '__builtin_constant_p') {
      this.expect('(');
      const save = this.pos;
      let ok = 1n;
      try {
        this.skip++;
        this.comma();
      } catch {
        ok = 0n;
      } finally {
        this.skip--;
      }
      if (ok) {
        try {
          this.pos = save;
          this.asInt(this.comma());
        } catch {
          ok = 0n;
        }
      }
      this.skipToClose(save);
      return this.mk(ok, 'int');
    }
    const e = this.env.enumConstant(name);
    if (e) return this.mk(e.v, e.t);
    if (this.env.pp) {
      if (this.peek('(')) throw new EvalError(`function-like macro '${name}' is not defined`);
      return this.mk(0n, 'llong');
    }
    if (this.skip) {
      const td = this.env.typedef(name);
      if (td) return { kind: 'typed', ctype: td };
      if (this.peek('(')) return { kind: 'typed', ctype: { k: 'func' } };
    }
    throw new EvalError(`'${name}' is not a constant (undeclared, a variable or a function)`);
  }

  private skipToClose(from: number) {
    this.pos = from;
    let depth = 1;
    while (this.pos < this.toks.length && depth > 0) {
      const x = this.toks[this.pos++];
      if (x.text === '(') depth++;
      else if (x.text === ')') depth--;
    }
    if (depth) throw new EvalError("missing ')'");
  }

  /** This evaluator's table of literalValues (its ABI and mode), found on first use. */
  private literals: Map<string, Val> | undefined;

  private number(text: string): Val {
    // a literal's value and type depend only on its text, the ABI and #if mode: found once
    let cache = this.literals;
    if (!cache) {
      let byMode = literalValues.get(this.env.abi);
      if (!byMode) literalValues.set(this.env.abi, (byMode = [new Map(), new Map()]));
      cache = this.literals = byMode[this.env.pp ? 1 : 0];
    }
    let v = cache.get(text);
    if (v === undefined) cache.set(text, (v = this.literal(text)));
    return v;
  }

  private literal(text: string): Val {
    const lit = parseIntegerLiteral(text);
    if (!lit) throw new EvalError(`'${text}' is not an integer literal`);
    const { value, suffixU, suffixL, decimal } = lit;
    // C11 6.4.4.1: the first type of the list in which the value fits
    const cands: IntName[] = [];
    if (this.env.pp) {
      cands.push(suffixU ? 'ullong' : 'llong');
      if (!suffixU) cands.push('ullong');
    } else if (suffixU) {
      if (suffixL <= 0) cands.push('uint');
      if (suffixL <= 1) cands.push('ulong');
      cands.push('ullong');
    } else if (decimal) {
      if (suffixL <= 0) cands.push('int');
      if (suffixL <= 1) cands.push('long');
      cands.push('llong');
      cands.push('ullong'); // gcc: "integer constant is so large that it is unsigned"
    } else {
      if (suffixL <= 0) cands.push('int', 'uint');
      if (suffixL <= 1) cands.push('long', 'ulong');
      cands.push('llong', 'ullong');
    }
    for (const c of cands) {
      const b = BigInt(this.bits(c));
      const max = this.unsigned(c) ? (1n << b) - 1n : (1n << (b - 1n)) - 1n;
      if (value <= max) return { kind: 'int', v: value, t: c };
    }
    throw new EvalError(`integer constant '${text}' is too large`);
  }

  private character(text: string): Val {
    let s = text;
    let prefix = '';
    const q = s.indexOf("'");
    prefix = s.slice(0, q);
    s = s.slice(q + 1, -1);
    const chars = decodeEscapes(s);
    if (!chars.length) throw new EvalError('empty character constant');
    if (prefix) return this.mk(BigInt(chars[chars.length - 1]), prefix === 'u8' ? 'uchar' : 'int');
    if (chars.length === 1) {
      const c = chars[0] & 0xff;
      const v = this.env.abi.charSigned && c >= 0x80 ? c - 0x100 : c;
      return this.mk(BigInt(v), 'int');
    }
    // gcc: multi-character constants are big-endian packed into an int
    let v = 0n;
    for (const c of chars) v = (v << 8n) | BigInt(c & 0xff);
    return this.mk(v, 'int');
  }
}

export interface IntegerLiteral {
  value: bigint;
  suffixU: boolean;
  /** 0 none, 1 L, 2 LL */
  suffixL: number;
  decimal: boolean;
}

export function parseIntegerLiteral(text: string): IntegerLiteral | null {
  let s = text.replace(/'/g, '');
  let end = s.length;
  let suffixU = false;
  let suffixL = 0;
  // suffixes: u, l, ll in any order/case (not lL)
  for (;;) {
    const c = s[end - 1];
    if ((c === 'u' || c === 'U') && !suffixU) {
      suffixU = true;
      end--;
    } else if ((c === 'l' || c === 'L') && suffixL === 0) {
      if (s[end - 2] === c) {
        suffixL = 2;
        end -= 2;
      } else {
        suffixL = 1;
        end--;
      }
    } else break;
  }
  s = s.slice(0, end);
  let base = 10;
  let digits = s;
  if (s.startsWith('0x') || s.startsWith('0X')) {
    base = 16;
    digits = s.slice(2);
  } else if (s.startsWith('0b') || s.startsWith('0B')) {
    base = 2;
    digits = s.slice(2);
  } else if (s.length > 1 && s[0] === '0') {
    base = 8;
    digits = s.slice(1);
  }
  if (!digits.length) return null;
  let value = 0n;
  const B = BigInt(base);
  for (const ch of digits) {
    const d = digitValue(ch);
    if (d < 0 || d >= base) return null;
    value = value * B + BigInt(d);
  }
  return { value, suffixU, suffixL, decimal: base === 10 };
}

function digitValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const SIMPLE_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, '\\': 92, "'": 39, '"': 34, '?': 63 };

/** Decodes the body of a character or string literal into code units. */
export function decodeEscapes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      out.push(s.charCodeAt(i));
      continue;
    }
    const e = s[++i];
    if (e in SIMPLE_ESCAPES) out.push(SIMPLE_ESCAPES[e]);
    else if (e === 'x') {
      let v = 0;
      while (i + 1 < s.length && digitValue(s[i + 1]) >= 0) v = v * 16 + digitValue(s[++i]);
      out.push(v);
    } else if (e >= '0' && e <= '7') {
      let v = digitValue(e);
      for (let k = 0; k < 2 && i + 1 < s.length && s[i + 1] >= '0' && s[i + 1] <= '7'; k++) v = v * 8 + digitValue(s[++i]);
      out.push(v);
    } else out.push(s.charCodeAt(i));
  }
  return out;
}

/** Chars of a string literal without its terminating NUL, an escape sequence counting one. */
function stringChars(lit: string): number {
  const q = lit.indexOf('"');
  return decodeEscapes(lit.slice(q + 1, -1)).length;
}

/** A string literal's encoding prefix: '', 'u8', 'u', 'U' or 'L'. */
function stringPrefix(lit: string): string {
  return lit.slice(0, lit.indexOf('"'));
}

/**
 * The prefix of adjacent string literals made one (C11 6.4.5p5): an unprefixed piece takes the
 * others' prefix; two different prefixes give null (gcc: "unsupported non-standard concatenation").
 */
function concatenatedPrefix(pieces: readonly string[]): string | null {
  let prefix = '';
  for (const p of pieces) {
    const q = stringPrefix(p);
    if (!q || q === prefix) continue;
    if (prefix) return null;
    prefix = q;
  }
  return prefix;
}

/** The pieces' prefixes for a reason: `u and U`. */
function spellPrefixes(pieces: readonly string[]): string {
  return [...new Set(pieces.map(stringPrefix).filter(Boolean))].join(' and ');
}

/** The element type of a string literal of this prefix (C11 6.4.5p6, on Linux ABIs). */
function stringElement(prefix: string, abi: AbiInfo): CType {
  switch (prefix) {
    case 'u':
      return INT_TYPES.ushort; // char16_t: uint_least16_t
    case 'U':
      return INT_TYPES.uint; // char32_t: uint_least32_t
    case 'L':
      return wcharType(abi);
    default:
      return INT_TYPES.char; // u8 too: sizeof is the same as char8_t's (C23)
  }
}

/** wchar_t as gcc predefines it for the ABI (`__WCHAR_TYPE__`: int, long int, unsigned int). */
function wcharType(abi: AbiInfo): CType {
  const spelled = abi.predefined.find(([name]) => name === '__WCHAR_TYPE__')?.[1] ?? 'int';
  return typeFromKeywords(spelled.split(' ')) ?? INT_TYPES.int;
}
