// Declarations as plain data, read once from tree-sitter's tree (copied to plain nodes by
// tree.ts) so that later passes (one per ABI) never look at a tree again. Expressions stay
// token lists: they are macro-expanded and evaluated per ABI. Node kinds and field names live
// here, in parse.ts and in tree.ts only.
import { TYPE_KEYWORDS } from './ctype.js';
import { lex, type Token } from './lexer.js';
import { fieldChild, type SNode as Node, type SourceText } from './tree.js';

export interface AttrSyntax {
  name: string;
  args: Token[];
}

/** `packed`, `aligned(8)`: an attribute as the model spells it. */
export function attrText(a: AttrSyntax): string {
  return a.args.length ? `${a.name}(${a.args.map((t) => t.text).join('')})` : a.name;
}

export type SpecSyntax =
  | { k: 'keywords'; words: string[] }
  | { k: 'name'; name: string }
  | { k: 'record'; tag: 'struct' | 'union'; name?: string; body: FieldEntry[] | null; attrs: AttrSyntax[]; line: number; col: number }
  | { k: 'enum'; name?: string; body: EnumEntry[] | null; attrs: AttrSyntax[]; line: number; col: number }
  | { k: 'typeof'; tokens: Token[] }
  | { k: 'unknown'; text: string };

export type Derivation = { k: 'ptr' } | { k: 'array'; size: Token[] | null } | { k: 'func'; params: ParamSyntax[] };

/** A function's parameter: its type (a declarator whose name, if any, is not part of it), or `...`. */
export type ParamSyntax = { specText: string; declarator: DeclaratorSyntax } | { variadic: true };

export interface DeclaratorSyntax {
  name?: string;
  /** Outermost first: `*a[3]` is [ptr, array] applied to the base type in this order. */
  derivations: Derivation[];
  bitWidth?: Token[];
  attrs: AttrSyntax[];
  line: number;
}

export interface DeclSyntax {
  storage: 'typedef' | 'extern' | 'static' | null;
  spec: SpecSyntax;
  /** Attributes among the declaration specifiers (apply to every declarator). */
  attrs: AttrSyntax[];
  declarators: DeclaratorSyntax[];
  line: number;
  /** A function definition (body ignored). */
  definition?: boolean;
  /** Source text of the type specifier, for the model. */
  specText: string;
}

export interface CondGroup<T> {
  k: 'cond';
  branches: { directive: string; cond: string; line: number; entries: T[] }[];
}

export type FieldEntry = DeclSyntax | CondGroup<FieldEntry>;
export type EnumEntry = { k: 'const'; name: string; value: Token[] | null; line: number; body?: string } | CondGroup<EnumEntry>;

/** Line offset so that a reparsed expansion maps back to the header's own lines. */
export interface SyntaxContext {
  lineBase: number;
  /** The text the nodes were parsed from. */
  source: SourceText;
}

function line(n: Node, ctx: SyntaxContext): number {
  return ctx.source.row(n.start) + 1 + ctx.lineBase;
}

function textOf(n: Node, ctx: SyntaxContext): string {
  return ctx.source.slice(n);
}

function tokensOf(n: Node, ctx: SyntaxContext): Token[] {
  return lex(textOf(n, ctx), { directives: false, lineBase: ctx.source.row(n.start) + ctx.lineBase });
}

export function readAttributes(n: Node, ctx: SyntaxContext): AttrSyntax[] {
  // attribute_specifier: __attribute__ (( a, b(args) ))
  const out: AttrSyntax[] = [];
  for (const list of n.children) {
    if (!list.named || list.type !== 'argument_list') continue;
    for (const a of list.children) {
      if (!a.named) continue;
      if (a.type === 'identifier') out.push({ name: stripUnderscores(textOf(a, ctx)), args: [] });
      else if (a.type === 'call_expression') {
        const fn = fieldChild(a, 'function');
        const args = fieldChild(a, 'arguments');
        const toks = args ? tokensOf(args, ctx) : [];
        out.push({ name: stripUnderscores(fn ? textOf(fn, ctx) : ''), args: toks.slice(1, -1) });
      }
    }
  }
  return out;
}

function stripUnderscores(s: string): string {
  return s.startsWith('__') && s.endsWith('__') && s.length > 4 ? s.slice(2, -2) : s;
}

/** Reads a declaration-like node: declaration, field_declaration, type_definition, function_definition, or a bare specifier. */
export function readDecl(n: Node, ctx: SyntaxContext): DeclSyntax {
  const d: DeclSyntax = { storage: null, spec: { k: 'unknown', text: '' }, attrs: [], declarators: [], line: line(n, ctx), specText: '' };
  const words: string[] = [];
  let sawSpec = false;
  if (n.type === 'struct_specifier' || n.type === 'union_specifier' || n.type === 'enum_specifier') {
    d.spec = readSpecifier(n, ctx);
    d.specText = specTextOf(n, ctx);
    return d;
  }
  if (n.type === 'function_definition') d.definition = true;
  const pendingDeclarators: Node[] = [];
  // which declarator a bitfield clause or a trailing attribute follows
  // (made only for the declarations that have them: most have neither)
  let bitWidths: Map<Node | null, Token[]> | undefined;
  let lastAttrs: Map<Node, AttrSyntax[]> | undefined;
  for (const c of n.children) {
    switch (c.type) {
      case 'typedef':
        d.storage = 'typedef';
        break;
      case 'storage_class_specifier': {
        const word = textOf(c, ctx);
        if (word === 'extern' || word === 'static') d.storage = word;
        break;
      }
      case 'type_qualifier':
      case 'function_specifier':
        break;
      case 'attribute_specifier': {
        const attrs = readAttributes(c, ctx);
        const last = pendingDeclarators[pendingDeclarators.length - 1];
        if (last) {
          lastAttrs ??= new Map();
          lastAttrs.set(last, [...(lastAttrs.get(last) ?? []), ...attrs]);
        }
        else d.attrs.push(...attrs);
        break;
      }
      case 'primitive_type': {
        // tree-sitter-c reads int8_t, size_t, … as primitive types; C knows them as typedef names
        const word = textOf(c, ctx);
        if (!TYPE_KEYWORDS.has(word)) {
          if (sawSpec) pendingDeclarators.push(c);
          else {
            d.spec = { k: 'name', name: word };
            sawSpec = true;
            d.specText = word;
          }
          break;
        }
        words.push(word);
        sawSpec = true;
        d.specText = joinSpec(d.specText, word);
        break;
      }
      case 'sized_type_specifier':
        for (const w of c.children) {
          if (w.type === 'primitive_type' || w.named === false) words.push(textOf(w, ctx));
          else if (w.type === 'type_identifier') words.push(textOf(w, ctx));
        }
        sawSpec = true;
        d.specText = joinSpec(d.specText, textOf(c, ctx));
        break;
      case 'type_identifier':
        if (!sawSpec) {
          d.spec = { k: 'name', name: textOf(c, ctx) };
          sawSpec = true;
          d.specText = textOf(c, ctx);
        } else {
          pendingDeclarators.push(c);
        }
        break;
      case 'struct_specifier':
      case 'union_specifier':
      case 'enum_specifier':
        d.spec = readSpecifier(c, ctx);
        d.specText = specTextOf(c, ctx);
        sawSpec = true;
        break;
      case 'macro_type_specifier':
        d.spec = { k: 'unknown', text: textOf(c, ctx) };
        d.specText = textOf(c, ctx);
        sawSpec = true;
        break;
      case 'bitfield_clause': {
        const e = c.children.find((x) => x.named);
        const width = e ? tokensOf(e, ctx) : [];
        (bitWidths ??= new Map()).set(pendingDeclarators[pendingDeclarators.length - 1] ?? null, width);
        break;
      }
      case 'compound_statement':
        break;
      default:
        if (c.named && c.type !== 'comment') pendingDeclarators.push(c);
    }
  }
  if (words.length) d.spec = { k: 'keywords', words };
  for (const dn of pendingDeclarators) {
    const decl = readDeclarator(dn, ctx);
    const bw = bitWidths?.get(dn);
    if (bw) decl.bitWidth = bw;
    const la = lastAttrs?.get(dn);
    if (la) decl.attrs.push(...la);
    d.declarators.push(decl);
  }
  const unnamedWidth = bitWidths?.get(null);
  if (unnamedWidth && !pendingDeclarators.length) {
    d.declarators.push({ derivations: [], bitWidth: unnamedWidth, attrs: [], line: d.line });
  }
  return d;
}

function joinSpec(a: string, b: string): string {
  return a ? `${a} ${b}` : b;
}

function specTextOf(n: Node, ctx: SyntaxContext): string {
  const tag = n.type === 'struct_specifier' ? 'struct' : n.type === 'union_specifier' ? 'union' : 'enum';
  const name = fieldChild(n, 'name');
  return name ? `${tag} ${textOf(name, ctx)}` : `${tag} {…}`;
}

export function readSpecifier(n: Node, ctx: SyntaxContext): SpecSyntax {
  const nameNode = fieldChild(n, 'name');
  const bodyNode = fieldChild(n, 'body');
  const name = nameNode ? textOf(nameNode, ctx) : undefined;
  const attrs: AttrSyntax[] = [];
  for (const c of n.children) if (c.named && c.type === 'attribute_specifier') attrs.push(...readAttributes(c, ctx));
  const pos = { line: line(n, ctx), col: ctx.source.column(n.start) + 1 };
  if (n.type === 'enum_specifier') {
    return { k: 'enum', name, body: bodyNode ? readEnumBody(bodyNode, ctx) : null, attrs, ...pos };
  }
  return {
    k: 'record',
    tag: n.type === 'union_specifier' ? 'union' : 'struct',
    name,
    body: bodyNode ? readFieldList(bodyNode, ctx) : null,
    attrs,
    ...pos,
  };
}

function readFieldList(n: Node, ctx: SyntaxContext): FieldEntry[] {
  const out: FieldEntry[] = [];
  for (const c of n.children) {
    if (!c.named) continue;
    if (c.type === 'field_declaration') out.push(readDecl(c, ctx));
    else if (isPreprocConditional(c.type)) out.push(readConditional(c, ctx, readFieldList));
  }
  return out;
}

function readEnumBody(n: Node, ctx: SyntaxContext): EnumEntry[] {
  const out: EnumEntry[] = [];
  for (const c of n.children) {
    if (!c.named) continue;
    if (c.type === 'enumerator') {
      const nm = fieldChild(c, 'name');
      const v = fieldChild(c, 'value');
      out.push({ k: 'const', name: nm ? textOf(nm, ctx) : '', value: v ? tokensOf(v, ctx) : null, line: line(c, ctx), body: v ? textOf(v, ctx) : undefined });
    } else if (isPreprocConditional(c.type)) out.push(readConditional(c, ctx, readEnumBody));
  }
  return out;
}

export function isPreprocConditional(type: string): boolean {
  return type === 'preproc_if' || type === 'preproc_ifdef';
}

/** An #if/#ifdef/#ifndef with its #elif/#else chain, inside a record or enum body. */
function readConditional<T>(n: Node, ctx: SyntaxContext, readBody: (n: Node, ctx: SyntaxContext) => T[]): CondGroup<T> {
  const branches: CondGroup<T>['branches'] = [];
  let cur: Node | null = n;
  while (cur) {
    const { directive, cond } = conditionOf(cur, ctx.source);
    branches.push({ directive, cond, line: line(cur, ctx), entries: readBody(cur, ctx) });
    cur = fieldChild(cur, 'alternative');
  }
  return { k: 'cond', branches };
}

/**
 * The directive and condition text of a conditional node, read from the source line itself
 * (tree-sitter cannot parse every #if expression, e.g. `a ? b : c`).
 */
export function conditionOf(n: Node, src: SourceText): { directive: string; cond: string } {
  const first = n.children[0];
  const directive = (first ? src.slice(first) : '#if').replace('#', '').trim();
  if (directive === 'else') return { directive, cond: '' };
  if (n.type === 'preproc_ifdef' || directive === 'elifdef' || directive === 'elifndef') {
    const nm = fieldChild(n, 'name');
    return { directive, cond: nm ? src.slice(nm) : '' };
  }
  // from the end of the directive keyword to the end of the logical line
  const source = src.text;
  let i = first ? first.end : n.start;
  let text = '';
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\n') {
      if (text.endsWith('\\')) {
        text = text.slice(0, -1) + ' ';
        i++;
        continue;
      }
      break;
    }
    text += ch;
    i++;
  }
  return { directive, cond: text };
}

/** A parameter list's parameters, in order (`(void)` is one parameter of type void). */
function readParams(list: Node, ctx: SyntaxContext): ParamSyntax[] {
  const out: ParamSyntax[] = [];
  for (const c of list.children) {
    if (c.type === 'variadic_parameter') out.push({ variadic: true });
    else if (c.type === 'parameter_declaration') {
      const d = readDecl(c, ctx);
      out.push({ specText: d.specText, declarator: d.declarators[0] ?? { derivations: [], attrs: [], line: d.line } });
    }
  }
  return out;
}

export function readDeclarator(n: Node, ctx: SyntaxContext): DeclaratorSyntax {
  const out: DeclaratorSyntax = { derivations: [], attrs: [], line: line(n, ctx) };
  let cur: Node | null = n;
  while (cur) {
    switch (cur.type) {
      case 'identifier':
      case 'field_identifier':
      case 'type_identifier':
      case 'primitive_type':
        out.name = textOf(cur, ctx) || undefined;
        cur = null;
        break;
      case 'pointer_declarator':
      case 'abstract_pointer_declarator':
        out.derivations.push({ k: 'ptr' });
        cur = fieldChild(cur, 'declarator');
        break;
      case 'array_declarator':
      case 'abstract_array_declarator': {
        const size = fieldChild(cur, 'size');
        out.derivations.push({ k: 'array', size: size ? tokensOf(size, ctx) : null });
        cur = fieldChild(cur, 'declarator');
        break;
      }
      case 'function_declarator':
      case 'abstract_function_declarator': {
        const params = fieldChild(cur, 'parameters');
        out.derivations.push({ k: 'func', params: params ? readParams(params, ctx) : [] });
        for (const c of cur.children) if (c.named && c.type === 'attribute_specifier') out.attrs.push(...readAttributes(c, ctx));
        cur = fieldChild(cur, 'declarator');
        break;
      }
      case 'parenthesized_declarator':
      case 'abstract_parenthesized_declarator':
        cur = cur.children.find((c) => c.named && c.type !== 'attribute_specifier') ?? null;
        break;
      case 'attributed_declarator':
        for (const c of cur.children) if (c.named && (c.type === 'attribute_declaration' || c.type === 'attribute_specifier')) out.attrs.push(...readAttributes(c, ctx));
        cur = cur.children.find((c) => c.named) ?? null;
        break;
      case 'init_declarator':
        cur = fieldChild(cur, 'declarator');
        break;
      default:
        cur = null;
    }
  }
  return out;
}
