// tree.ts: tree-sitter's tree copied into plain nodes, without the tokens and comments that no
// reader looks at, except where they are read or where an error may hide.
import { describe, expect, test } from 'vitest';
import type Parser from 'tree-sitter';
import { getParser } from '../../src/c/parse.js';
import { readTree, type SNode } from '../../src/c/tree.js';

function parse(text: string): { copy: SNode; tree: Parser.Tree } {
  const tree = getParser().parse(text);
  return { copy: readTree(tree, text), tree };
}

function* nodes(n: SNode, parent: SNode | null = null): Generator<{ n: SNode; parent: SNode | null }> {
  yield { n, parent };
  for (const c of n.children) yield* nodes(c, n);
}

const SRC = `/* a file comment */
typedef unsigned long long u64; /* after */
struct s {
\tint a; /* the first */
\tunsigned short b[4], c;
\tenum e { E0 = 1, E1 } d;
};
`;

describe('readTree', () => {
  test('an error-free body keeps its named nodes only; unsigned, typedef and top-level ; stay', () => {
    const { copy, tree } = parse(SRC);
    const all = [...nodes(copy)];
    const tokensUnder = (type: string) => all.filter((x) => x.parent?.type === type && (!x.n.named || x.n.type === 'comment')).map((x) => x.n.type);
    expect(tokensUnder('field_declaration_list')).toEqual([]);
    expect(tokensUnder('field_declaration')).toEqual([]);
    expect(tokensUnder('enumerator_list')).toEqual([]);
    expect(tokensUnder('struct_specifier')).toEqual([]);
    expect(tokensUnder('sized_type_specifier')).toEqual(['unsigned', 'long', 'long', 'unsigned', 'short']);
    expect(tokensUnder('type_definition')).toEqual(['typedef', ';']);
    // the file level keeps all: declarations are split at its `;`
    expect(tokensUnder('translation_unit')).toEqual(['comment', 'comment', ';']);
    // every named node of tree-sitter's tree is there, in order, with its range
    const named: string[] = [];
    const walk = (n: Parser.SyntaxNode, underOpaque: boolean) => {
      if (n.type !== 'comment' || n.parent?.type === 'translation_unit') named.push(`${n.type}@${n.startIndex}-${n.endIndex}`);
      // expressions are copied without their children (read as text)
      const opaque = n.type === 'number_literal';
      for (const c of n.namedChildren) if (!underOpaque) walk(c, opaque);
    };
    walk(tree.rootNode, false);
    expect(all.filter((x) => x.n.named).map((x) => `${x.n.type}@${x.n.start}-${x.n.end}`)).toEqual(named);
  });

  test('a declaration with an error is copied whole: its MISSING token is found', () => {
    const { copy } = parse('struct t { int a };\nint ok;\n');
    const t = copy.children[0]!;
    expect(t.hasError).toBe(true);
    const missing = [...nodes(t)].filter((x) => x.n.missing).map((x) => x.n.type);
    expect(missing).toEqual([';']);
    // the braces of the broken body are kept, as tree-sitter has them
    expect([...nodes(t)].filter((x) => x.n.type === '{' || x.n.type === '}').length).toBe(2);
    // the next declaration is error-free and loses its tokens as any other
    const ok = copy.children.find((c) => c.type === 'declaration')!;
    expect(ok.hasError).toBe(false);
    expect(ok.children.map((c) => c.type)).toEqual(['primitive_type', 'identifier']);
  });
});
