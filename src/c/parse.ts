// A header as tree-sitter-c sees it, turned into plain items: macro definitions, includes,
// conditional blocks with their branches, and declarations (with their syntax read once).
// A declaration that holds ERROR nodes, or uses a macro, is expanded and parsed again by the
// unit (unit.ts); this file only parses.
import type ParserType from 'tree-sitter';
import { C, Parser } from './tree-sitter.js';
import { identifiers, lex, scanTokens, type Token, type TokenKind, type TokenSink } from './lexer.js';
import { readDecl, type DeclSyntax } from './syntax.js';
import { fieldChild, readTree, SourceText, type SNode as Node } from './tree.js';

export interface Point {
  line: number;
  col: number;
}

export type Item =
  | { kind: 'define'; name: string; params: string[] | null; body: string; line: number; col: number }
  | { kind: 'undef'; name: string; line: number }
  | { kind: 'include'; path: string; system: boolean; line: number; col: number; next?: boolean }
  | { kind: 'cond'; branches: Branch[]; line: number }
  | DeclItem
  | { kind: 'directive'; name: string; text: string; line: number };

export interface Branch {
  directive: string; // if, ifdef, ifndef, elif, elifdef, elifndef, else
  cond: string;
  line: number;
  items: Item[];
}

export interface DeclItem {
  kind: 'decl';
  line: number;
  col: number;
  text: string;
  /** Distinct identifiers outside directives: which macros could touch this declaration. */
  idents: string[];
  /** ERROR/MISSING nodes tree-sitter reported in it (before expansion). */
  errors: (Point & { kind: 'error' | 'missing' })[];
  /** Syntax of the unexpanded text, read on first use (declarations that use macros are
   * reparsed after expansion and never need it); null when it has errors. */
  readonly syntax: DeclSyntax[] | null;
}

export interface ParsedFile {
  file: string;
  source: string;
  items: Item[];
  /** The classic include guard, when the whole file is one #ifndef X / #define X … #endif. */
  guard?: string;
}

/** A file's declaration items, in every branch of every conditional. */
export function* declItems(items: readonly Item[]): Generator<DeclItem> {
  for (const it of items) {
    if (it.kind === 'cond') for (const b of it.branches) yield* declItems(b.items);
    else if (it.kind === 'decl') yield it;
  }
}

let parser: ParserType | null = null;
export function getParser(): ParserType {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(C);
  }
  return parser;
}

// tree-sitter's default buffer is small; large headers need a larger one
function parseText(text: string): Node {
  const bufferSize = Math.max(32 * 1024, text.length * 2 + 1024);
  const tree = getParser().parse(text, undefined, { bufferSize });
  return readTree(tree, text);
}

export function parseFile(file: string, source: string): ParsedFile {
  const structure = readStructure(source);
  // a file of directives and comments only (a sixth of the uapi) has no declaration to parse
  if (!structure.code) {
    const items = structure.root.items;
    sortItems(items);
    return { file, source, items, guard: findGuard(items) };
  }
  const root = parseText(structure.cText);
  placeDeclarations(root.children, new SourceText(structure.cText), structure);
  const items = structure.root.items;
  sortItems(items);
  return { file, source, items, guard: findGuard(items) };
}

// ---- structure: the preprocessor's view, from the lexer ----------------------------------

interface Container {
  items: Keyed[];
}
type Keyed = Item & { key?: number };

interface Structure {
  root: Container;
  /** The container (file level or an #if branch) each line belongs to. */
  owner: Container[];
  /** The source with file-level directives and `extern "C" {` … `}` blanked, lines kept. */
  cText: string;
  /** Body-level #define/#undef (with their body-level #if around them), by the line their declaration starts. */
  hoisted: Map<number, Keyed[]>;
  /** Whether the file has any token outside directives (else tree-sitter would find only comments). */
  code: boolean;
}

/**
 * Reads #if/#elif/#else/#endif, #define, #undef and #include with kdrift's own lexer, tracking
 * brace depth: directives outside any braces shape the file; those inside a record or enum
 * body stay in the text tree-sitter parses (#if there is part of the body), except #define and
 * #undef, which become items just before that declaration.
 */
function readStructure(source: string): Structure {
  const lines = source.split('\n');
  const root: Container = { items: [] };
  const owner: Container[] = new Array(lines.length + 2).fill(root);
  const hoisted = new Map<number, Keyed[]>();
  const blank = (from: number, to: number) => {
    for (let l = from; l <= to && l <= lines.length; l++) lines[l - 1] = '';
  };
  // file-level conditionals: the container stack
  const conds: { item: Extract<Item, { kind: 'cond' }>; branch: Branch; depth0: boolean; parent: Container }[] = [];
  // body-level conditionals, kept only to wrap hoisted #defines
  const inner: { item: Extract<Item, { kind: 'cond' }>; branch: Branch; parent: Keyed[] }[] = [];
  let current: Container = root;
  let depth = 0;
  let externDepth = 0; // braces of `extern "C" {`, transparent in C
  let stmtLine = 1; // first line of the declaration being read
  let stmtOpen = false;
  let code = false;
  let lastLine = 1;
  /** A token other than a directive, as the pass reads it (extern "C" { and its closing brace are blanked). */
  interface Tok {
    kind: TokenKind;
    text: string;
    line: number;
    col: number;
  }
  // `extern "C" {` is recognised on its third token: the first two wait here meanwhile
  let externTok: Tok | null = null;
  let externStr: Tok | null = null;
  /** A token other than a directive (its text only where it may be { } ; or extern), its `extern "C" {` decided. */
  const token = (kind: TokenKind, text: string, line: number, col: number) => {
    for (let l = lastLine; l <= line; l++) owner[l] = current;
    lastLine = line;
    code = true;
    if (!stmtOpen) {
      stmtLine = line;
      stmtOpen = true;
    }
    if (kind !== 'punct') return;
    if (text === '{') depth++;
    else if (text === '}') {
      if (depth === 0 && externDepth > 0) {
        externDepth--;
        blankTokens(lines, [{ text, line, col }]);
        stmtOpen = false;
        return;
      }
      depth = Math.max(0, depth - 1);
    } else if (text === ';' && depth === 0) stmtOpen = false;
  };
  /** The waiting tokens of what turned out not to be `extern "C" {`, as any others. */
  const release = () => {
    // the `extern` itself was taken when it came (only its two followers were in question)
    externTok = null;
    if (externStr) {
      const str = externStr;
      externStr = null;
      token(str.kind, str.text, str.line, str.col);
    }
  };
  const onToken: TokenSink = (kind, text, start, end, line, col) => {
    if (externTok) {
      if (!externStr) {
        if (kind === 'str') {
          externStr = { kind, text: text.slice(start, end), line, col };
          return;
        }
        release();
      } else if (kind === 'punct' && end - start === 1 && text.charCodeAt(start) === 123) {
        blankTokens(lines, [externTok, externStr, { kind, text: '{', line, col }]);
        externDepth++;
        stmtOpen = false;
        externTok = externStr = null;
        return;
      } else release();
    }
    // a token is read for { } ; and extern only: the others need no text
    const len = end - start;
    const word = (kind === 'punct' && len === 1) || (kind === 'id' && len === 6) ? text.slice(start, end) : '';
    token(kind, word, line, col);
    if (kind === 'id' && word === 'extern' && depth === 0) externTok = { kind, text: word, line, col };
  };
  const onDirective = (t: Token) => {
    if (externTok) release();
    directive(t);
  };
  const directive = (t: Token) => {
    for (let l = lastLine; l <= t.line; l++) owner[l] = current;
    lastLine = t.line;
    const d = readDirective(t, source);
    const endLine = t.endLine ?? t.line;
    if (depth === 0) {
      blank(t.line, endLine);
      for (let l = t.line; l <= endLine; l++) owner[l] = current;
      lastLine = endLine;
      switch (d.kind) {
        case 'if': {
          const branch: Branch = { directive: d.directive, cond: d.cond, line: t.line, items: [] };
          const item: Extract<Item, { kind: 'cond' }> = { kind: 'cond', branches: [branch], line: t.line };
          (current.items as Keyed[]).push(item);
          conds.push({ item, branch, depth0: true, parent: current });
          current = branch;
          break;
        }
        case 'elif':
        case 'else': {
          const top = conds[conds.length - 1];
          if (!top) break; // an #else without #if: gcc's error, nothing to attach it to
          const branch: Branch = { directive: d.directive, cond: d.cond, line: t.line, items: [] };
          top.item.branches.push(branch);
          top.branch = branch;
          current = branch;
          break;
        }
        case 'endif': {
          const top = conds.pop();
          if (top) current = top.parent;
          break;
        }
        case 'item':
          (current.items as Keyed[]).push(d.item);
          break;
      }
      return;
    }
    // inside a body: only macro definitions (and the conditions around them) leave it
    const target = (): Keyed[] => {
      const top = inner[inner.length - 1];
      if (top) return top.branch.items as Keyed[];
      let list = hoisted.get(stmtLine);
      if (!list) hoisted.set(stmtLine, (list = []));
      return list;
    };
    if (d.kind === 'if') {
      const branch: Branch = { directive: d.directive, cond: d.cond, line: t.line, items: [] };
      inner.push({ item: { kind: 'cond', branches: [branch], line: t.line }, branch, parent: target() });
    } else if ((d.kind === 'elif' || d.kind === 'else') && inner.length) {
      const top = inner[inner.length - 1];
      const branch: Branch = { directive: d.directive, cond: d.cond, line: t.line, items: [] };
      top.item.branches.push(branch);
      top.branch = branch;
    } else if (d.kind === 'endif' && inner.length) {
      const top = inner.pop()!;
      if (top.item.branches.some((b) => b.items.length)) top.parent.push(top.item);
    } else if (d.kind === 'item' && (d.item.kind === 'define' || d.item.kind === 'undef')) {
      target().push(d.item);
      blank(t.line, endLine); // tree-sitter cannot parse #define inside an enumerator list
    }
  };
  scanTokens(source, {}, onToken, onDirective);
  if (externTok) release();
  for (let l = lastLine; l < owner.length; l++) owner[l] = current;
  return { root, owner, cText: lines.join('\n'), hoisted, code };
}

/** Blanks single-line tokens in place (they were the only content kdrift must hide). */
function blankTokens(lines: string[], toks: { text: string; line: number; col: number }[]) {
  for (const t of toks) {
    const l = lines[t.line - 1];
    if (l === undefined) continue;
    const at = t.col - 1;
    if (l.slice(at, at + t.text.length) === t.text) lines[t.line - 1] = l.slice(0, at) + ' '.repeat(t.text.length) + l.slice(at + t.text.length);
  }
}

type DirectiveRead =
  | { kind: 'if' | 'elif' | 'else'; directive: string; cond: string }
  | { kind: 'endif' }
  | { kind: 'item'; item: Item }
  | { kind: 'none' };

/** One directive line (continuations joined, comments folded) as kdrift's own item. */
function readDirective(t: Token, _source: string): DirectiveRead {
  const text = t.text.slice(t.text.indexOf('#') + 1);
  // the name, and the words a directive's form needs: a function-like #define's parameters
  // are the only words past the third that are read (a body is lexed when it is defined)
  let words = lex(text, { directives: false, maxTokens: 3 });
  if (words[0]?.text === 'define' && words[2]?.text === '(' && !words[2].space) words = lex(text, { directives: false });
  const name = words[0]?.text ?? '';
  const rest = (w: Token | undefined) => (w ? text.slice(w.col - 1) : '');
  const after = words[0] ? text.slice(words[0].col - 1 + name.length) : '';
  const line = t.line;
  switch (name) {
    case 'if':
    case 'ifdef':
    case 'ifndef':
      return { kind: 'if', directive: name, cond: name === 'if' ? after : (words[1]?.text ?? '') };
    case 'elif':
      return { kind: 'elif', directive: name, cond: after };
    case 'elifdef':
    case 'elifndef':
      return { kind: 'elif', directive: name, cond: words[1]?.text ?? '' };
    case 'else':
      return { kind: 'else', directive: 'else', cond: '' };
    case 'endif':
      return { kind: 'endif' };
    case 'define': {
      const nm = words[1];
      if (!nm) return { kind: 'none' };
      const open = words[2];
      // function-like only when '(' touches the name (C11 6.10.3p3)
      if (open && open.text === '(' && !open.space) {
        const params: string[] = [];
        let j = 3;
        for (; j < words.length && words[j].text !== ')'; j++) {
          const w = words[j];
          if (w.text === ',') continue;
          if (w.text === '...') {
            if (params.length && words[j - 1]?.kind === 'id') params[params.length - 1] += '...';
            else params.push('...');
          } else params.push(w.text);
        }
        const close = words[j];
        const body = close ? text.slice(close.col) : '';
        return { kind: 'item', item: { kind: 'define', name: nm.text, params, body, line, col: t.col } };
      }
      return { kind: 'item', item: { kind: 'define', name: nm.text, params: null, body: text.slice(nm.col - 1 + nm.text.length), line, col: t.col } };
    }
    case 'undef':
      return words[1] ? { kind: 'item', item: { kind: 'undef', name: words[1].text, line } } : { kind: 'none' };
    case 'include':
    case 'include_next': {
      const arg = rest(words[1]).trim();
      const system = arg.startsWith('<');
      const close = system ? arg.indexOf('>') : arg.indexOf('"', 1);
      const path = close > 0 ? arg.slice(1, close) : arg;
      return { kind: 'item', item: { kind: 'include', path, system, line, col: t.col, next: name === 'include_next' } };
    }
    default:
      return name ? { kind: 'item', item: { kind: 'directive', name, text: after.trim(), line } } : { kind: 'none' };
  }
}

/** Groups tree-sitter's top-level nodes into declarations and files each in its branch. */
function placeDeclarations(nodes: Node[], cText: SourceText, st: Structure) {
  let pending: Node[] = [];
  const flush = () => {
    if (!pending.length) return;
    const it: Keyed = declItem(pending, cText);
    const owner = st.owner[it.line] ?? st.root;
    const hoisted = st.hoisted.size ? collectHoisted(st, pending, cText) : [];
    // a body's #define serves the body itself; its #undef ends that after the declaration
    for (const h of hoisted) (owner.items as Keyed[]).push({ ...h, key: h.kind === 'undef' ? it.line + 0.5 : it.line - 0.5 });
    // the item itself, not a copy: a spread would read its syntax, which is read on first use
    it.key = it.line;
    (owner.items as Keyed[]).push(it);
    pending = [];
  };
  for (const n of nodes) {
    const t = n.type;
    if (t === 'comment') continue;
    if (!n.named) {
      if (t === ';' && pending.length) {
        pending.push(n);
        flush();
      }
      continue;
    }
    pending.push(n);
    const last = n.end > n.start ? cText.text.charCodeAt(n.end - 1) : -1;
    if (last === 59 /* ; */ || (t === 'function_definition' && last === 125 /* } */)) flush();
  }
  flush();
}

function collectHoisted(st: Structure, nodes: Node[], src: SourceText): Keyed[] {
  const out: Keyed[] = [];
  const from = src.row(nodes[0].start) + 1;
  const to = src.row(nodes[nodes.length - 1].end) + 1;
  for (const [line, items] of st.hoisted) {
    if (line >= from && line <= to) {
      out.push(...items);
      st.hoisted.delete(line);
    }
  }
  return out;
}

/** Restores source order inside every container (declarations were placed after directives). */
function sortItems(items: Keyed[]) {
  const key = (it: Keyed) => it.key ?? it.line;
  items.sort((a, b) => key(a) - key(b));
  for (const it of items) {
    delete it.key;
    if (it.kind === 'cond') for (const b of it.branches) sortItems(b.items as Keyed[]);
  }
}

/** Parses a declaration's expanded text; lineBase maps its rows back to the header's lines. */
export function parseDeclText(text: string, lineBase: number): { syntax: DeclSyntax[]; errors: (Point & { kind: 'error' | 'missing' })[] } {
  const root = parseText(text);
  const src = new SourceText(text);
  const syntax: DeclSyntax[] = [];
  const errors: (Point & { kind: 'error' | 'missing' })[] = [];
  collectErrors(root, null, null, errors, lineBase, src);
  for (const n of root.children) {
    if (n.named && isDeclNode(n.type)) syntax.push(readDecl(n, { lineBase, source: src }));
  }
  return { syntax, errors };
}

function isDeclNode(type: string): boolean {
  return (
    type === 'declaration' || type === 'type_definition' || type === 'function_definition' ||
    type === 'struct_specifier' || type === 'union_specifier' || type === 'enum_specifier'
  );
}

/** ERROR and MISSING nodes of a subtree; parent and next are n's parent and next sibling. */
function collectErrors(n: Node, parent: Node | null, next: Node | null, out: (Point & { kind: 'error' | 'missing' })[], lineBase: number, src: SourceText) {
  if (!n.hasError && !n.missing) return;
  // tree-sitter-c reads an unnamed bitfield (`__u8 :0;`) as a MISSING name: valid C, not an error
  if (n.missing && n.type === 'field_identifier' && next?.type === 'bitfield_clause') return;
  // an extra ';' in a member list is an empty declaration gcc only warns about
  if (n.type === 'ERROR' && src.slice(n).trim() === ';') return;
  // kdrift reads #if conditions itself, and does not model function bodies or initialisers
  if (n.type === 'compound_statement' || n.type === 'initializer_list') return;
  if (parent && (parent.type === 'preproc_if' || parent.type === 'preproc_elif') && fieldChild(parent, 'condition') === n) return;
  if (parent && parent.type === 'init_declarator' && fieldChild(parent, 'value') === n) return;
  if (n.missing || n.type === 'ERROR') {
    out.push({ line: src.row(n.start) + 1 + lineBase, col: src.column(n.start) + 1, kind: n.missing ? 'missing' : 'error' });
    if (n.missing) return;
  }
  const cs = n.children;
  for (let i = 0; i < cs.length; i++) collectErrors(cs[i], n, cs[i + 1] ?? null, out, lineBase, src);
}

function declItem(nodes: Node[], source: SourceText): DeclItem {
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  let text = source.text.slice(first.start, last.end);
  const errors: DeclItem['errors'] = [];
  for (const n of nodes) collectErrors(n, null, null, errors, 0, source);
  const lineBase = source.row(first.start);
  const idents = identifiers(text);
  let syntax: DeclSyntax[] | null | undefined = errors.length ? null : undefined;
  // the nodes are let go once read (a file's items outlive its tree)
  let held: { nodes: Node[]; source: SourceText } | null = syntax === undefined ? { nodes, source } : null;
  const read = () => {
    if (syntax === undefined) {
      syntax = [];
      const h = held!;
      for (const n of h.nodes) if (isDeclNode(n.type)) syntax.push(readDecl(n, { lineBase: 0, source: h.source }));
      held = null;
    }
    return syntax;
  };
  if (!text.trimEnd().endsWith(';')) text += ';';
  return {
    kind: 'decl',
    line: lineBase + 1,
    col: source.column(first.start) + 1,
    text,
    idents,
    errors,
    get syntax() {
      return read();
    },
  };
}

function findGuard(items: Item[]): string | undefined {
  if (items.length !== 1) return undefined;
  const only = items[0];
  if (only.kind !== 'cond' || only.branches.length !== 1) return undefined;
  const b = only.branches[0];
  if (b.directive !== 'ifndef' && !(b.directive === 'if' && b.cond.trim().startsWith('!defined'))) return undefined;
  const name = b.directive === 'ifndef' ? b.cond.trim() : guardOfIf(b.cond);
  const first = b.items[0];
  if (!first || first.kind !== 'define' || first.name !== name) return undefined;
  return name;
}

/** `!defined(X)` or `!defined X` as an #if condition: X, else undefined. */
function guardOfIf(cond: string): string | undefined {
  const t = lex(cond, { directives: false }).map((x) => x.text);
  if (t[0] !== '!' || t[1] !== 'defined') return undefined;
  if (t[2] === '(' && t.length === 5 && t[4] === ')') return t[3];
  return t.length === 3 ? t[2] : undefined;
}


export type { Token };

/**
 * A file as the preprocessor sees it, without tree-sitter: its directives and their conditions,
 * no declarations. What readers of macros alone (perf's tables) need. A #define inside a record
 * or enum body stands at its own line (the full parse puts it just before that declaration:
 * the same place among the file's directives).
 */
export function parseStructure(file: string, source: string): ParsedFile {
  const st = readStructure(source);
  for (const [line, items] of st.hoisted) {
    const owner = st.owner[line] ?? st.root;
    for (const h of items) (owner.items as Keyed[]).push({ ...h, key: h.line });
  }
  const items = st.root.items;
  sortItems(items);
  return { file, source, items, guard: findGuard(items) };
}
