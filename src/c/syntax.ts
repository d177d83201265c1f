// Declarations as plain data, read once from tree-sitter nodes so that later passes (one
// per ABI) never cross into native code again. Expressions stay token lists: they are
// macro-expanded and evaluated per ABI. Node kinds and field names live here and in parse.ts only.
import type Parser from 'tree-sitter';
import { TYPE_KEYWORDS } from './ctype.js';
import { lex, type Token } from './lexer.js';

type Node = Parser.SyntaxNode;

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

export type Derivation = { k: 'ptr' } | { k: 'array'; size: Token[] | null } | { k: 'func' };

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
  source: string;
}

function line(n: Node, ctx: SyntaxContext): number {
  return n.startPosition.row + 1 + ctx.lineBase;
}

function tokensOf(n: Node, ctx: SyntaxContext): Token[] {
  return lex(n.text, { directives: false, lineBase: n.startPosition.row + ctx.lineBase });
}

export function readAttributes(n: Node, ctx: SyntaxContext): AttrSyntax[] {
  // attribute_specifier: __attribute__ (( a, b(args) ))
  const out: AttrSyntax[] = [];
  for (const list of n.namedChildren) {
    if (list.type !== 'argument_list') continue;
    for (const a of list.namedChildren) {
      if (a.type === 'identifier') out.push({ name: stripUnderscores(a.text), args: [] });
      else if (a.type === 'call_expression') {
        const fn = a.childForFieldName('function');
        const args = a.childForFieldName('arguments');
        const toks = args ? tokensOf(args, ctx) : [];
        out.push({ name: stripUnderscores(fn?.text ?? ''), args: toks.slice(1, -1) });
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
    d.specText = specTextOf(n);
    return d;
  }
  if (n.type === 'function_definition') d.definition = true;
  const pendingDeclarators: Node[] = [];
  // which declarator a bitfield clause or a trailing attribute follows
  const bitWidths = new Map<Node | null, Token[]>();
  const lastAttrs = new Map<Node, AttrSyntax[]>();
  for (const c of n.children) {
    switch (c.type) {
      case 'typedef':
        d.storage = 'typedef';
        break;
      case 'storage_class_specifier':
        if (c.text === 'extern' || c.text === 'static') d.storage = c.text;
        break;
      case 'type_qualifier':
      case 'function_specifier':
        break;
      case 'attribute_specifier': {
        const attrs = readAttributes(c, ctx);
        const last = pendingDeclarators[pendingDeclarators.length - 1];
        if (last) lastAttrs.set(last, [...(lastAttrs.get(last) ?? []), ...attrs]);
        else d.attrs.push(...attrs);
        break;
      }
      case 'primitive_type':
        // tree-sitter-c reads int8_t, size_t, … as primitive types; C knows them as typedef names
        if (!TYPE_KEYWORDS.has(c.text)) {
          if (sawSpec) pendingDeclarators.push(c);
          else {
            d.spec = { k: 'name', name: c.text };
            sawSpec = true;
            d.specText = c.text;
          }
          break;
        }
        words.push(c.text);
        sawSpec = true;
        d.specText = joinSpec(d.specText, c.text);
        break;
      case 'sized_type_specifier':
        for (const w of c.children) {
          if (w.type === 'primitive_type' || w.isNamed === false) words.push(w.text);
          else if (w.type === 'type_identifier') words.push(w.text);
        }
        sawSpec = true;
        d.specText = joinSpec(d.specText, c.text);
        break;
      case 'type_identifier':
        if (!sawSpec) {
          d.spec = { k: 'name', name: c.text };
          sawSpec = true;
          d.specText = c.text;
        } else {
          pendingDeclarators.push(c);
        }
        break;
      case 'struct_specifier':
      case 'union_specifier':
      case 'enum_specifier':
        d.spec = readSpecifier(c, ctx);
        d.specText = specTextOf(c);
        sawSpec = true;
        break;
      case 'macro_type_specifier':
        d.spec = { k: 'unknown', text: c.text };
        d.specText = c.text;
        sawSpec = true;
        break;
      case 'bitfield_clause': {
        const e = c.namedChildren[0];
        const width = e ? tokensOf(e, ctx) : [];
        bitWidths.set(pendingDeclarators[pendingDeclarators.length - 1] ?? null, width);
        break;
      }
      case 'compound_statement':
        break;
      default:
        if (c.isNamed && c.type !== 'comment') pendingDeclarators.push(c);
    }
  }
  if (words.length) d.spec = { k: 'keywords', words };
  for (const dn of pendingDeclarators) {
    const decl = readDeclarator(dn, ctx);
    const bw = bitWidths.get(dn);
    if (bw) decl.bitWidth = bw;
    decl.attrs.push(...(lastAttrs.get(dn) ?? []));
    d.declarators.push(decl);
  }
  const unnamedWidth = bitWidths.get(null);
  if (unnamedWidth && !pendingDeclarators.length) {
    d.declarators.push({ derivations: [], bitWidth: unnamedWidth, attrs: [], line: d.line });
  }
  return d;
}

function joinSpec(a: string, b: string): string {
  return a ? `${a} ${b}` : b;
}

function specTextOf(n: Node): string {
  const tag = n.type === 'struct_specifier' ? 'struct' : n.type === 'union_specifier' ? 'union' : 'enum';
  const name = n.childForFieldName('name');
  return name ? `${tag} ${name.text}` : `${tag} {…}`;
}

export function readSpecifier(n: Node, ctx: SyntaxContext): SpecSyntax {
  const nameNode = n.childForFieldName('name');
  const bodyNode = n.childForFieldName('body');
  const attrs: AttrSyntax[] = [];
  for (const c of n.namedChildren) if (c.type === 'attribute_specifier') attrs.push(...readAttributes(c, ctx));
  const pos = { line: line(n, ctx), col: n.startPosition.column + 1 };
  if (n.type === 'enum_specifier') {
    return { k: 'enum', name: nameNode?.text, body: bodyNode ? readEnumBody(bodyNode, ctx) : null, attrs, ...pos };
  }
  return {
    k: 'record',
    tag: n.type === 'union_specifier' ? 'union' : 'struct',
    name: nameNode?.text,
    body: bodyNode ? readFieldList(bodyNode, ctx) : null,
    attrs,
    ...pos,
  };
}

function readFieldList(n: Node, ctx: SyntaxContext): FieldEntry[] {
  const out: FieldEntry[] = [];
  for (const c of n.namedChildren) {
    if (c.type === 'field_declaration') out.push(readDecl(c, ctx));
    else if (isPreprocConditional(c.type)) out.push(readConditional(c, ctx, readFieldList));
  }
  return out;
}

function readEnumBody(n: Node, ctx: SyntaxContext): EnumEntry[] {
  const out: EnumEntry[] = [];
  for (const c of n.namedChildren) {
    if (c.type === 'enumerator') {
      const nm = c.childForFieldName('name');
      const v = c.childForFieldName('value');
      out.push({ k: 'const', name: nm?.text ?? '', value: v ? tokensOf(v, ctx) : null, line: line(c, ctx), body: v?.text });
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
    const { directive, cond } = conditionOf(cur, ctx.source, ctx.lineBase);
    branches.push({ directive, cond, line: line(cur, ctx), entries: readBody(cur, ctx) });
    cur = cur.childForFieldName('alternative');
  }
  return { k: 'cond', branches };
}

/**
 * The directive and condition text of a conditional node, read from the source line itself
 * (tree-sitter cannot parse every #if expression, e.g. `a ? b : c`).
 */
export function conditionOf(n: Node, source: string, _lineBase: number): { directive: string; cond: string } {
  const first = n.child(0);
  const directive = (first?.text ?? '#if').replace('#', '').trim();
  if (directive === 'else') return { directive, cond: '' };
  if (n.type === 'preproc_ifdef' || directive === 'elifdef' || directive === 'elifndef') {
    const nm = n.childForFieldName('name');
    return { directive, cond: nm?.text ?? '' };
  }
  // from the end of the directive keyword to the end of the logical line
  let i = first ? first.endIndex : n.startIndex;
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

export function readDeclarator(n: Node, ctx: SyntaxContext): DeclaratorSyntax {
  const out: DeclaratorSyntax = { derivations: [], attrs: [], line: line(n, ctx) };
  let cur: Node | null = n;
  while (cur) {
    switch (cur.type) {
      case 'identifier':
      case 'field_identifier':
      case 'type_identifier':
      case 'primitive_type':
        out.name = cur.text || undefined;
        cur = null;
        break;
      case 'pointer_declarator':
        out.derivations.push({ k: 'ptr' });
        cur = cur.childForFieldName('declarator');
        break;
      case 'array_declarator': {
        const size = cur.childForFieldName('size');
        out.derivations.push({ k: 'array', size: size ? tokensOf(size, ctx) : null });
        cur = cur.childForFieldName('declarator');
        break;
      }
      case 'function_declarator':
        out.derivations.push({ k: 'func' });
        for (const c of cur.namedChildren) if (c.type === 'attribute_specifier') out.attrs.push(...readAttributes(c, ctx));
        cur = cur.childForFieldName('declarator');
        break;
      case 'parenthesized_declarator':
        cur = cur.namedChildren.find((c) => c.type !== 'attribute_specifier') ?? null;
        break;
      case 'attributed_declarator':
        for (const c of cur.namedChildren) if (c.type === 'attribute_declaration' || c.type === 'attribute_specifier') out.attrs.push(...readAttributes(c, ctx));
        cur = cur.namedChildren[0] ?? null;
        break;
      case 'init_declarator':
        cur = cur.childForFieldName('declarator');
        break;
      default:
        cur = null;
    }
  }
  return out;
}
