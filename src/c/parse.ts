// A header as tree-sitter-c sees it, turned into plain items: macro definitions, includes,
// conditional blocks with their branches, and declarations (with their syntax read once).
// A declaration that holds ERROR nodes, or uses a macro, is expanded and parsed again by the
// unit (unit.ts); this file only parses.
import Parser from 'tree-sitter';
import C from 'tree-sitter-c';
import { lex, type Token } from './lexer.js';
import { conditionOf, isPreprocConditional, readDecl, type DeclSyntax } from './syntax.js';

type Node = Parser.SyntaxNode;

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
  /** Syntax of the unexpanded text; null when it has errors. */
  syntax: DeclSyntax[] | null;
}

export interface ParsedFile {
  file: string;
  source: string;
  items: Item[];
  /** The classic include guard, when the whole file is one #ifndef X / #define X … #endif. */
  guard?: string;
}

let parser: Parser | null = null;
export function getParser(): Parser {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(C as unknown as Parser.Language);
  }
  return parser;
}

// tree-sitter's default buffer is small; large headers need a larger one
function parseText(text: string): Parser.Tree {
  const bufferSize = Math.max(32 * 1024, text.length * 2 + 1024);
  return getParser().parse(text, undefined, { bufferSize });
}

export function parseFile(file: string, source: string): ParsedFile {
  const tree = parseText(source);
  const root = tree.rootNode;
  const items = readItems(root.children, source, 0);
  const guard = findGuard(items);
  return { file, source, items, guard };
}

/** Parses a declaration's expanded text; lineBase maps its rows back to the header's lines. */
export function parseDeclText(text: string, lineBase: number): { syntax: DeclSyntax[]; errors: (Point & { kind: 'error' | 'missing' })[] } {
  const tree = parseText(text);
  const syntax: DeclSyntax[] = [];
  const errors: (Point & { kind: 'error' | 'missing' })[] = [];
  collectErrors(tree.rootNode, errors, lineBase);
  for (const n of tree.rootNode.namedChildren) {
    if (isDeclNode(n.type)) syntax.push(readDecl(n, { lineBase, source: text }));
  }
  return { syntax, errors };
}

function isDeclNode(type: string): boolean {
  return (
    type === 'declaration' || type === 'type_definition' || type === 'function_definition' ||
    type === 'struct_specifier' || type === 'union_specifier' || type === 'enum_specifier'
  );
}

function collectErrors(n: Node, out: (Point & { kind: 'error' | 'missing' })[], lineBase: number) {
  if (!n.hasError && !n.isMissing) return;
  // tree-sitter-c reads an unnamed bitfield (`__u8 :0;`) as a MISSING name: valid C, not an error
  if (n.isMissing && n.type === 'field_identifier' && n.nextSibling?.type === 'bitfield_clause') return;
  // an extra ';' in a member list is an empty declaration gcc only warns about
  if (n.type === 'ERROR' && n.text.trim() === ';') return;
  // kdrift reads #if conditions itself, and does not model function bodies or initialisers
  if (n.type === 'compound_statement' || n.type === 'initializer_list') return;
  const parent = n.parent;
  if (parent && (parent.type === 'preproc_if' || parent.type === 'preproc_elif') && parent.childForFieldName('condition')?.id === n.id) return;
  if (parent && parent.type === 'init_declarator' && parent.childForFieldName('value')?.id === n.id) return;
  if (n.isMissing || n.type === 'ERROR') {
    out.push({ line: n.startPosition.row + 1 + lineBase, col: n.startPosition.column + 1, kind: n.isMissing ? 'missing' : 'error' });
    if (n.isMissing) return;
  }
  for (const c of n.children) collectErrors(c, out, lineBase);
}

function readItems(nodes: Node[], source: string, lineBase: number): Item[] {
  const items: Item[] = [];
  let pending: Node[] = []; // nodes of one declaration being gathered (error recovery can split it)
  let skipUntil = -1; // end of the last #define's logical line: tree-sitter may end it early
  const flush = () => {
    if (!pending.length) return;
    // macros defined inside a record or enum body are used by that body itself (kvm_run's
    // SYNC_REGS_SIZE_BYTES): they take effect before the declaration is realised
    for (const n of pending) items.push(...nestedDirectives(n, source, lineBase));
    items.push(declItem(pending, source));
    pending = [];
  };
  for (const n of nodes) {
    const t = n.type;
    if (t === 'comment') continue;
    if (n.startIndex < skipUntil) continue;
    if (!n.isNamed) {
      if (t === ';' && pending.length) {
        pending.push(n);
        flush();
      }
      continue;
    }
    if (t.startsWith('preproc_') || (t === 'ERROR' && n.text.startsWith('#'))) {
      flush();
      const it = directiveItem(n, source, lineBase);
      if (it) items.push(it);
      if (it?.kind === 'define') skipUntil = logicalLineEnd(source, n.startIndex);
      continue;
    }
    pending.push(n);
    // a declaration ends at its ';' (or a function body); error regions run until one does
    const text = n.text;
    if (text.endsWith(';') || (t === 'function_definition' && text.endsWith('}'))) flush();
  }
  flush();
  return items;
}

/** #define, #undef and the conditionals around them, found inside a declaration's body. */
function nestedDirectives(n: Node, source: string, lineBase: number): Item[] {
  if (!n.text.includes('#')) return [];
  const out: Item[] = [];
  for (const c of n.namedChildren) {
    const t = c.type;
    if (t === 'preproc_def' || t === 'preproc_function_def' || (t === 'preproc_call' && c.text.startsWith('#undef'))) {
      const it = directiveItem(c, source, lineBase);
      if (it) out.push(it);
    } else if (t === 'preproc_if' || t === 'preproc_ifdef') {
      const it = directiveItem(c, source, lineBase);
      if (it && it.kind === 'cond') {
        // keep only what defines macros; declarations there belong to the body
        const strip = (items: Item[]): Item[] => items.flatMap((x): Item[] => (x.kind === 'decl' ? [] : x.kind === 'cond' ? [{ ...x, branches: x.branches.map((b) => ({ ...b, items: strip(b.items) })) }] : [x]));
        const kept = { ...it, branches: it.branches.map((b) => ({ ...b, items: strip(b.items) })) };
        if (kept.branches.some((b) => b.items.length)) out.push(kept);
      }
    } else if (c.namedChildCount) {
      out.push(...nestedDirectives(c, source, lineBase));
    }
  }
  return out;
}

function declItem(nodes: Node[], source: string): DeclItem {
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  let text = source.slice(first.startIndex, last.endIndex);
  const errors: DeclItem['errors'] = [];
  for (const n of nodes) collectErrors(n, errors, 0);
  const lineBase = first.startPosition.row;
  // keep the text's first token at its original column so that reparsed positions agree
  const tokens = lex(text, { lineBase });
  const idents = new Set<string>();
  for (const t of tokens) if (t.kind === 'id') idents.add(t.text);
  let syntax: DeclSyntax[] | null = null;
  if (!errors.length) {
    syntax = [];
    for (const n of nodes) if (isDeclNode(n.type)) syntax.push(readDecl(n, { lineBase: 0, source }));
  }
  if (!text.trimEnd().endsWith(';')) text += ';';
  return { kind: 'decl', line: lineBase + 1, col: first.startPosition.column + 1, text, idents: [...idents], errors, syntax };
}

function directiveItem(n: Node, source: string, lineBase: number): Item | null {
  const line = n.startPosition.row + 1 + lineBase;
  switch (n.type) {
    case 'preproc_def': {
      const nameNode = n.childForFieldName('name');
      const name = nameNode?.text ?? '';
      const body = nameNode ? source.slice(nameNode.endIndex, logicalLineEnd(source, n.startIndex)) : '';
      return { kind: 'define', name, params: null, body, line, col: n.startPosition.column + 1 };
    }
    case 'preproc_function_def': {
      const name = n.childForFieldName('name')?.text ?? '';
      const paramsNode = n.childForFieldName('parameters');
      const params: string[] = [];
      if (paramsNode) {
        for (const c of paramsNode.children) {
          if (c.type === 'identifier') params.push(c.text);
          else if (c.type === '...') {
            if (params.length && paramsNode.children[paramsNode.children.indexOf(c) - 1]?.type === 'identifier') params[params.length - 1] += '...';
            else params.push('...');
          }
        }
      }
      const body = paramsNode ? source.slice(paramsNode.endIndex, logicalLineEnd(source, n.startIndex)) : '';
      return { kind: 'define', name, params, body, line, col: n.startPosition.column + 1 };
    }
    case 'preproc_include': {
      const p = n.childForFieldName('path');
      const text = p?.text ?? '';
      const system = p?.type === 'system_lib_string';
      const first = n.child(0)?.text ?? '#include';
      return { kind: 'include', path: text.slice(1, -1), system, line, col: n.startPosition.column + 1, next: first.includes('include_next') };
    }
    case 'preproc_if':
    case 'preproc_ifdef': {
      const branches: Branch[] = [];
      let cur: Node | null = n;
      while (cur) {
        const { directive, cond } = conditionOf(cur, source, lineBase);
        const body = cur.namedChildren.filter((c) => c !== cur!.childForFieldName('condition') && c !== cur!.childForFieldName('name') && c !== cur!.childForFieldName('alternative'));
        branches.push({ directive, cond, line: cur.startPosition.row + 1 + lineBase, items: readItems(body, source, lineBase) });
        cur = cur.childForFieldName('alternative');
      }
      return { kind: 'cond', branches, line };
    }
    case 'preproc_call': {
      const d = '#' + (n.childForFieldName('directive')?.text ?? '').slice(1).trim();
      const arg = n.childForFieldName('argument')?.text ?? '';
      if (d === '#undef') return { kind: 'undef', name: arg.trim(), line };
      if (d === '#include_next' || d === '#include') {
        const a = arg.trim();
        const system = a.startsWith('<');
        return { kind: 'include', path: a.slice(1, -1), system, line, col: n.startPosition.column + 1, next: d === '#include_next' };
      }
      return { kind: 'directive', name: d.slice(1), text: arg.trim(), line };
    }
    default:
      return { kind: 'directive', name: n.type, text: n.text, line };
  }
}

/**
 * Where a directive starting at `from` ends: the first newline that is neither escaped by a
 * backslash nor inside a block comment (C11 5.1.1.2 phases 2 and 3).
 */
export function logicalLineEnd(source: string, from: number): number {
  let i = from;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === 10) return i;
    if (c === 92 && source.charCodeAt(i + 1) === 10) {
      i += 2;
      continue;
    }
    if (c === 92 && source.charCodeAt(i + 1) === 13 && source.charCodeAt(i + 2) === 10) {
      i += 3;
      continue;
    }
    if (c === 47 && source.charCodeAt(i + 1) === 42) {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
      continue;
    }
    if (c === 47 && source.charCodeAt(i + 1) === 47) {
      // a line comment ends at the newline, unless a backslash continues it
      while (i < source.length && source.charCodeAt(i) !== 10) i++;
      if (source.charCodeAt(i - 1) === 92) {
        i++;
        continue;
      }
      return i;
    }
    i++;
  }
  return source.length;
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

export function isConditional(type: string): boolean {
  return isPreprocConditional(type);
}

export type { Token };
