// tree-sitter's parse tree copied into plain objects with one TreeCursor walk.
// node-tree-sitter 0.25 makes every SyntaxNode a wrapped native object with a weak reference
// and a finaliser, and every getter a call into native code: reading the declarations of the
// x86 uapi through SyntaxNodes cost more than parsing it. A cursor walk asks each node only
// for its type id, its range and (under parents that have fields kdrift reads) its field;
// names are asked once per id. Rows and columns are computed from the text's line starts.
import type Parser from 'tree-sitter';

export interface SNode {
  type: string;
  named: boolean;
  /** A MISSING node tree-sitter inserted to recover (zero width). */
  missing: boolean;
  /** The node is, or holds, an ERROR or MISSING node (tree-sitter's hasError). */
  hasError: boolean;
  /** UTF-16 offsets in the parsed text (kdrift reads sources as latin1: one unit a byte). */
  start: number;
  end: number;
  /** The field of the parent this node fills, where kdrift reads fields (see FIELD_PARENTS). */
  field: string | undefined;
  children: SNode[];
}

/** The parsed text and where its lines start, for rows and columns. */
export class SourceText {
  private starts: Int32Array | null = null;
  constructor(readonly text: string) {}

  private lineStarts(): Int32Array {
    if (!this.starts) {
      let n = 1;
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) n++;
      const s = new Int32Array(n);
      let k = 1;
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) s[k++] = i + 1;
      this.starts = s;
    }
    return this.starts;
  }

  /** 0-based row of an offset, as tree-sitter counts rows (by '\n'). */
  row(index: number): number {
    const s = this.lineStarts();
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** 0-based column of an offset. */
  column(index: number): number {
    return index - this.lineStarts()[this.row(index)];
  }

  slice(n: SNode): string {
    return this.text.slice(n.start, n.end);
  }
}

/** The first child that fills a field (tree-sitter's childForFieldName). */
export function fieldChild(n: SNode, field: string): SNode | null {
  for (const c of n.children) if (c.field === field) return c;
  return null;
}

/** Parents whose children's fields some reader asks for (syntax.ts, parse.ts). */
const FIELD_PARENTS = new Set([
  'struct_specifier', 'union_specifier', 'enum_specifier', 'enumerator', 'call_expression',
  'preproc_if', 'preproc_ifdef', 'preproc_elif', 'preproc_elifdef', 'preproc_else',
  'pointer_declarator', 'array_declarator', 'function_declarator', 'init_declarator',
  'abstract_pointer_declarator', 'abstract_array_declarator', 'abstract_function_declarator',
]);

/**
 * Nodes whose children no reader looks at in an error-free tree: expressions (read as text
 * and lexed), function bodies, initialisers. The walk does not enter them. (Parameter lists
 * it does: a function's type is its parameters' types.)
 */
const OPAQUE = new Set([
  'number_literal', 'string_literal', 'char_literal', 'concatenated_string', 'binary_expression', 'unary_expression',
  'parenthesized_expression', 'sizeof_expression', 'alignof_expression', 'offsetof_expression', 'cast_expression',
  'conditional_expression', 'field_expression', 'subscript_expression', 'pointer_expression', 'comma_expression',
  'compound_literal_expression', 'update_expression', 'assignment_expression', 'gnu_asm_expression', 'generic_expression',
  'compound_statement', 'initializer_list', 'type_descriptor', 'macro_type_specifier',
  'preproc_arg', 'preproc_defined', 'comment',
]);

/**
 * Parents whose unnamed tokens some reader looks at: the words of `unsigned long`, the
 * `typedef` keyword, the directive of a conditional in a body, the `;` between top-level
 * declarations. Under any other parent, an error-free subtree's tokens (a third of all nodes:
 * `;`, `,`, braces, `struct`) and its comments are not copied.
 */
const TOKEN_PARENTS = new Set([
  'translation_unit', 'sized_type_specifier', 'type_definition',
  'preproc_if', 'preproc_ifdef', 'preproc_elif', 'preproc_elifdef', 'preproc_else',
]);

/** Named nodes that are tokens: never any children, so the walk does not ask (unnamed nodes are tokens too). */
const LEAVES = new Set(['identifier', 'field_identifier', 'type_identifier', 'primitive_type', 'statement_identifier']);

/** The children of every leaf (most nodes): one array, never written. */
const NO_CHILDREN: SNode[] = Object.freeze([]) as unknown as SNode[];

// per grammar symbol id (public symbols: one name and one namedness each)
const typeNames: string[] = [];
/** What the walk needs to know of a symbol (the F_ bits), once per id. */
const typeFlags: number[] = [];
const fieldNames: string[] = [];

const F_NAMED = 1;
/** Named, and the walk enters it (not a LEAF; when not copying whole, not OPAQUE either). */
const F_ENTER_FULL = 2;
const F_ENTER = 4;
/** Its children's fields are read (FIELD_PARENTS). */
const F_FIELDS = 8;
/** A named token (LEAVES): an identifier or a type keyword, one word. */
const F_WORD = 32;
/**
 * An anonymous token whose text is its type (`;`, `struct`, `unsigned`): outside an error its
 * end is its start plus that length, and is not asked. Not the aliased directive tokens
 * (`#define` stands for `# define` too) nor the newlines that end directives.
 */
const F_FIXED = 16;
/** Its unnamed children are read (TOKEN_PARENTS). */
const F_TOKENS = 64;
/** Not copied under a parent without F_TOKENS, outside an error: a token or a comment. */
const F_DROP = 128;

function flagsOf(type: string, named: boolean): number {
  let f = 0;
  if (named) {
    f |= F_NAMED;
    if (LEAVES.has(type)) f |= F_WORD;
    else {
      f |= F_ENTER_FULL;
      if (!OPAQUE.has(type)) f |= F_ENTER;
    }
  } else if (type.length > 0 && type[0] !== '#' && !hasSpace(type)) f |= F_FIXED;
  if (FIELD_PARENTS.has(type)) f |= F_FIELDS;
  if (TOKEN_PARENTS.has(type)) f |= F_TOKENS;
  if (!named || type === 'comment') f |= F_DROP;
  return f;
}

function hasSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) <= 32) return true;
  return false;
}

/**
 * Copies a tree. A top-level node with errors is copied whole, so that every ERROR and MISSING
 * node in it is found (collectErrors); otherwise OPAQUE nodes are copied without their
 * children (an error-free subtree has no error to find). A sixth of the uapi headers have an
 * error somewhere, and they hold a third of all nodes.
 */
export function readTree(tree: Parser.Tree, text: string): SNode {
  const root = tree.rootNode;
  const c = tree.walk();
  source = text;
  try {
    if (!root.hasError) return readNode(c, 0, false);
    // which top-level nodes hold an error: asked of the (few) top-level SyntaxNodes only
    return readNode(c, 0, true, root.children.map((n) => n.hasError));
  } finally {
    source = '';
  }
}

/** The text of the tree being read. */
let source = '';

/**
 * Where a word that starts at start ends: after its run of ASCII identifier characters, as
 * tree-sitter-c's identifier (and every type keyword) ends, or -1 where the run stops at a
 * character that could continue an identifier there (non-ASCII, a \u escape): then the
 * cursor is asked.
 */
function wordEnd(start: number): number {
  const s = source;
  let i = start;
  for (; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (!((ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95 || ch === 36)) break;
  }
  if (i === start) return -1;
  if (i < s.length) {
    const ch = s.charCodeAt(i);
    if (ch >= 128 || ch === 92) return -1;
  }
  return i;
}

/**
 * parentFlags: the parent's F_ bits (0 for the root). childFull: for the root, whether each
 * child is copied whole (else every node as `full`).
 */
function readNode(c: Parser.TreeCursor, parentFlags: number, full: boolean, childFull?: boolean[]): SNode {
  return readKnown(c, parentFlags, full, knownId(c), childFull);
}

/** The cursor's node's symbol id, its name and flags known from then on. */
function knownId(c: Parser.TreeCursor): number {
  const id = c.nodeTypeId;
  if (typeNames[id] === undefined) {
    const type = (typeNames[id] = c.nodeType);
    typeFlags[id] = flagsOf(type, c.nodeIsNamed);
  }
  return id;
}

/** readNode for a node whose id has been read (knownId). */
function readKnown(c: Parser.TreeCursor, parentFlags: number, full: boolean, id: number, childFull?: boolean[]): SNode {
  const type = typeNames[id];
  const flags = typeFlags[id];
  const start = c.startIndex;
  // an error-free subtree has no MISSING node: a fixed token there has its type's length,
  // a word the length of its run of identifier characters
  let end: number;
  if (full) end = c.endIndex;
  else if ((flags & F_FIXED) !== 0) end = start + type.length;
  else if ((flags & F_WORD) !== 0) {
    end = wordEnd(start);
    if (end < 0) end = c.endIndex;
  } else end = c.endIndex;
  const missing = start === end && c.nodeIsMissing;
  let field: string | undefined;
  if ((parentFlags & F_FIELDS) !== 0) {
    const fid = c.currentFieldId;
    if (fid !== undefined) {
      field = fieldNames[fid];
      if (field === undefined) field = fieldNames[fid] = c.currentFieldName;
    }
  }
  const named = (flags & F_NAMED) !== 0;
  const n: SNode = { type, named, missing, hasError: missing || type === 'ERROR', start, end, field, children: NO_CHILDREN };
  if ((flags & (full ? F_ENTER_FULL : F_ENTER)) !== 0 && c.gotoFirstChild()) {
    const children: SNode[] = [];
    let k = 0;
    do {
      const chFull = childFull ? childFull[k++] : full;
      const chId = knownId(c);
      if (!chFull && (typeFlags[chId] & F_DROP) !== 0 && (flags & F_TOKENS) === 0) continue;
      const ch = readKnown(c, flags, chFull, chId);
      if (ch.hasError) n.hasError = true;
      children.push(ch);
    } while (c.gotoNextSibling());
    c.gotoParent();
    n.children = children;
  }
  return n;
}
