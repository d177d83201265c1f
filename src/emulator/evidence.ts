// Evidence for picking a model's kernel generation, read from the tree's C files with
// tree-sitter-c: which functions a file defines, which identifiers a function names, and the
// #defines of kernel-internal headers the models need (KVM_X86_VALID_QUIRKS). C is parsed,
// never matched with patterns; the bodies of #defines go through the C lexer.
import { existsSync, readFileSync } from '../fs.js';
import { join } from 'node:path';
import type Parser from 'tree-sitter';
import { Parser as ParserClass } from '../c/tree-sitter.js';
import { fold, lex } from '../c/lexer.js';
import { getParser } from '../c/parse.js';
import type { Evidence } from './model.js';
import { asset } from '../paths.js';

type Node = Parser.SyntaxNode;

let query: Parser.Query | null = null;
let idQuery: Parser.Query | null = null;
function queries(): { main: Parser.Query; ids: Parser.Query } {
  if (!query || !idQuery) {
    const lang = getParser().getLanguage();
    const text = readFileSync(asset('c/queries/evidence.scm'), 'utf8');
    query = new ParserClass.Query(lang, text);
    idQuery = new ParserClass.Query(lang, '[(identifier) (field_identifier)] @id');
  }
  return { main: query, ids: idQuery };
}

interface CFile {
  tree: Parser.Tree;
  functions: Map<string, Node>;
  defines: Map<string, { line: number; body: string }>;
  idents?: Set<string>;
  fnIdents: Map<string, Set<string>>;
}

/** The name a function_definition defines: down its declarator to the function_declarator. */
export function functionName(fn: Node): string | undefined {
  let d: Node | null = fn.childForFieldName('declarator');
  while (d) {
    if (d.type === 'function_declarator') {
      const inner = d.childForFieldName('declarator');
      if (inner?.type === 'identifier') return inner.text;
      d = inner;
      continue;
    }
    d = d.childForFieldName('declarator');
  }
  return undefined;
}

function parseC(text: string): Parser.Tree {
  return getParser().parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length * 2 + 1024) });
}

function readC(path: string): CFile {
  const tree = parseC(readFileSync(path, 'utf8'));
  const functions = new Map<string, Node>();
  const defines = new Map<string, { line: number; body: string }>();
  for (const m of queries().main.matches(tree.rootNode)) {
    const cap = (n: string) => m.captures.find((c) => c.name === n)?.node;
    const fn = cap('function');
    if (fn) {
      const name = functionName(fn);
      if (name && !functions.has(name)) functions.set(name, fn);
      continue;
    }
    const name = cap('define.name');
    if (name && !defines.has(name.text)) defines.set(name.text, { line: name.startPosition.row + 1, body: cap('define.value')?.text ?? '' });
  }
  return { tree, functions, defines, fnIdents: new Map() };
}

/** Evidence over the C files of a tree; each file is parsed once, when first asked about. */
export function treeEvidence(root: string): Evidence {
  const files = new Map<string, CFile | null>();
  const get = (file: string): CFile | null => {
    if (!files.has(file)) {
      const p = join(root, file);
      files.set(file, existsSync(p) ? readC(p) : null);
    }
    return files.get(file)!;
  };
  const idsOf = (n: Node): Set<string> => new Set(queries().ids.captures(n).map((c) => c.node.text));
  return {
    hasFunction(file, fn) {
      const f = get(file);
      return f ? f.functions.has(fn) : undefined;
    },
    functionMentions(file, fn, identifier) {
      const f = get(file);
      const node = f?.functions.get(fn);
      if (!f || !node) return undefined;
      let ids = f.fnIdents.get(fn);
      if (!ids) {
        ids = idsOf(node);
        f.fnIdents.set(fn, ids);
      }
      return ids.has(identifier);
    },
    mentions(file, identifier) {
      const f = get(file);
      if (!f) return undefined;
      f.idents ??= idsOf(f.tree.rootNode);
      return f.idents.has(identifier);
    },
    define(file, name) {
      const d = get(file)?.defines.get(name);
      if (!d) return undefined;
      return { line: d.line, body: fold(d.body), orOf: orOfIdentifiers(d.body) };
    },
  };
}

/** `(A | B | C)` → [A, B, C]; null when the body is anything else. Continuations are joined by the lexer. */
export function orOfIdentifiers(body: string): string[] | null {
  const toks = lex(body, { directives: false });
  if (!toks.length || !toks.every((t) => t.kind === 'id' || t.text === '|' || t.text === '(' || t.text === ')')) return null;
  const ids = toks.filter((t) => t.kind === 'id').map((t) => t.text);
  return ids.length ? ids : null;
}

/** Evidence made by hand, for tests: functions per file and the identifiers each names. */
export function handEvidence(files: Record<string, { functions?: Record<string, string[]>; defines?: Record<string, string>; idents?: string[] }>): Evidence {
  return {
    hasFunction: (file, fn) => (files[file] ? fn in (files[file].functions ?? {}) : undefined),
    functionMentions: (file, fn, id) => files[file]?.functions?.[fn]?.includes(id),
    mentions: (file, id) => {
      const f = files[file];
      if (!f) return undefined;
      return (f.idents ?? []).includes(id) || Object.values(f.functions ?? {}).some((ids) => ids.includes(id));
    },
    define: (file, name) => {
      const body = files[file]?.defines?.[name];
      return body === undefined ? undefined : { line: 1, body, orOf: orOfIdentifiers(body) };
    },
  };
}
