// Builds the source-level model of one header (every branch, nothing evaluated) from its
// parsed items and the syntax its unit realised each declaration from.
import { fold } from '../c/lexer.js';
import type { DeclItem, Item, ParsedFile } from '../c/parse.js';
import { attrText, type DeclaratorSyntax, type DeclSyntax, type EnumEntry, type FieldEntry, type ParamSyntax, type SpecSyntax } from '../c/syntax.js';
import type { Condition, Declaration, Enum, EnumConstant, HeaderModel, Include, Macro, Member, ParseProblem, Record, Typedef, UnreadMember } from './types.js';

export interface BuildInput {
  parsed: ParsedFile;
  declSyntax: ReadonlyMap<DeclItem, DeclSyntax[]>;
  unrepaired: ReadonlyMap<DeclItem, { line: number; col: number; kind: 'error' | 'missing' }[]>;
}

/**
 * `declarations: false` leaves enums, records, typedefs, declarations and parse problems empty:
 * macros and includes need no declaration syntax (and so no tree-sitter walk).
 */
export function buildModel({ parsed, declSyntax, unrepaired }: BuildInput, opts: { declarations?: boolean } = {}): HeaderModel {
  const withDecls = opts.declarations ?? true;
  const file = parsed.file;
  const m: HeaderModel = { file, guard: parsed.guard, macros: [], enums: [], records: [], typedefs: [], declarations: [], includes: [], problems: [] };
  let items = parsed.items;
  if (parsed.guard && items[0]?.kind === 'cond') items = items[0].branches[0].items.slice(1);
  walkItems(items, [], (it, context) => {
    switch (it.kind) {
      case 'define':
        // (literals in the key order a spread gave them: models are compared and printed)
        m.macros.push(
          it.params
            ? ({ name: it.name, kind: 'function', params: it.params, body: foldedBody(it), file, line: it.line, context } satisfies Macro)
            : ({ name: it.name, kind: 'object', body: foldedBody(it), file, line: it.line, context } satisfies Macro),
        );
        break;
      case 'include':
        m.includes.push({ path: it.path, system: it.system, file, line: it.line, context } satisfies Include);
        break;
      case 'decl': {
        if (!withDecls) break;
        for (const e of it.errors) {
          const left = unrepaired.get(it);
          m.problems.push({ file, line: e.line, column: e.col, kind: e.kind, repaired: !left, fallback: left ? 'the part tree-sitter recovered is used' : 'parsed after macro expansion' } satisfies ParseProblem);
        }
        for (const d of declSyntax.get(it) ?? it.syntax ?? []) addDecl(m, d, file, context);
        break;
      }
    }
  });
  return m;
}

/**
 * A #define's body as the model spells it, folded once per item: a header's model is built on
 * every ABI, and check builds both sides' (items belong to the parse, shared by all).
 */
const folded = new WeakMap<object, string>();
function foldedBody(it: { body: string }): string {
  let f = folded.get(it);
  if (f === undefined) folded.set(it, (f = fold(it.body)));
  return f;
}

/** Visits items with the conditions that enclose them. */
export function walkItems(items: Item[], context: Condition[], visit: (it: Item, context: Condition[]) => void) {
  for (const it of items) {
    if (it.kind === 'cond') {
      condBranches(it.branches, (b) => b.items, context, (items, ctx) => walkItems(items, ctx, visit));
      continue;
    }
    visit(it, context);
  }
}

function branchCondition(directive: string, cond: string): string {
  switch (directive) {
    case 'ifdef':
    case 'elifdef':
      return `defined(${cond.trim()})`;
    case 'ifndef':
    case 'elifndef':
      return `!defined(${cond.trim()})`;
    case 'else':
      return '';
    default:
      return fold(cond);
  }
}

function negate(c: string): string {
  if (c.startsWith('!defined(') && c.endsWith(')') && !c.slice(1).includes(' ')) return c.slice(1);
  if (c.startsWith('defined(') && !c.includes(' ')) return '!' + c;
  return `!(${c})`;
}

function addDecl(m: HeaderModel, d: DeclSyntax, file: string, context: Condition[]) {
  addSpec(m, d.spec, file, context, d.storage === 'typedef' ? d.declarators.find((x) => x.name && !x.derivations.length)?.name : undefined);
  for (const decl of d.declarators) {
    if (!decl.name) continue;
    if (d.storage === 'typedef') {
      m.typedefs.push({ name: decl.name, type: typeText(d.specText, decl), file, line: decl.line, context } satisfies Typedef);
    } else {
      const isFunc = decl.derivations.some((x) => x.k === 'func');
      m.declarations.push({ name: decl.name, kind: isFunc ? 'function' : 'variable', text: typeText(d.specText, decl, decl.name), file, line: decl.line, context } satisfies Declaration);
    }
  }
}

function addSpec(m: HeaderModel, spec: SpecSyntax, file: string, context: Condition[], typedefName?: string) {
  if (spec.k === 'enum' && spec.body) {
    const constants: EnumConstant[] = [];
    walkEntries(spec.body, context, (e, ctx) => {
      constants.push(e.body !== undefined ? { name: e.name, body: fold(e.body), file, line: e.line, context: ctx } : { name: e.name, file, line: e.line, context: ctx });
    });
    m.enums.push(spec.name ? ({ name: spec.name, constants, file, line: spec.line, context } satisfies Enum) : ({ constants, file, line: spec.line, context } satisfies Enum));
  }
  if (spec.k === 'record' && spec.body) {
    const name = spec.name ?? typedefName;
    const members: Member[] = [];
    const unread: UnreadMember[] = [];
    collectMembers(m, spec.body, file, context, members, unread);
    if (name) {
      const attributes = spec.attrs.map(attrText);
      const r: Record = spec.name
        ? { tag: spec.tag, name, members, attributes, file, line: spec.line, context }
        : { tag: spec.tag, name, viaTypedef: true, members, attributes, file, line: spec.line, context };
      if (unread.length) r.unread = unread;
      m.records.push(r);
    }
  }
}

function walkEntries(entries: EnumEntry[], context: Condition[], visit: (e: Extract<EnumEntry, { k: 'const' }>, ctx: Condition[]) => void) {
  for (const e of entries) {
    if (e.k === 'cond') {
      condBranches(e.branches, (b) => b.entries, context, (entries, ctx) => walkEntries(entries, ctx, visit));
    } else visit(e, context);
  }
}

/** The branches of one #if chain, each with its condition: an #elif/#else holds when every earlier branch did not. */
function condBranches<B extends { directive: string; cond: string; line: number }, T>(
  branches: B[],
  body: (b: B) => T[],
  context: Condition[],
  visit: (entries: T[], ctx: Condition[]) => void,
) {
  const previous: string[] = [];
  for (const b of branches) {
    const own = branchCondition(b.directive, b.cond);
    const text = b.directive === 'else' || b.directive.startsWith('elif') ? [...previous.map(negate), ...(own ? [own] : [])].join(' && ') : own;
    if (own) previous.push(own);
    visit(body(b), [...context, { text, line: b.line }]);
  }
}

/**
 * A record's members into `out`, and the member declarations that could not be read (no name,
 * a type the model cannot read) into `unread`; the records and enums defined among them into
 * `m` (null: already added).
 */
function collectMembers(m: HeaderModel | null, entries: FieldEntry[], file: string, context: Condition[], out: Member[], unread: UnreadMember[] = []) {
  for (const e of entries) {
    if ('k' in e && e.k === 'cond') {
      condBranches(e.branches, (b) => b.entries, context, (entries, ctx) => collectMembers(m, entries, file, ctx, out, unread));
      continue;
    }
    const d = e as DeclSyntax;
    if (!d.declarators.length) {
      if (d.spec.k === 'unknown') unread.push({ text: d.spec.text, line: d.line });
      else if (d.spec.k === 'record' && d.spec.body && !d.spec.name) collectMembers(m, d.spec.body, file, context, out, unread);
      else if (m) addSpec(m, d.spec, file, context);
      continue;
    }
    if (m) {
      if (d.spec.k === 'record' && d.spec.name) addSpec(m, d.spec, file, context);
      else if (d.spec.k === 'record' && d.spec.body) nestedDefinitions(m, d.spec.body, file, context);
      if (d.spec.k === 'enum') addSpec(m, d.spec, file, context);
    }
    for (const decl of d.declarators) {
      if (!decl.name) continue;
      const bw = decl.bitWidth && decl.bitWidth.length === 1 && decl.bitWidth[0].kind === 'num' ? Number.parseInt(decl.bitWidth[0].text, 10) : undefined;
      const type = typeText(d.specText, decl);
      out.push(bw !== undefined && !Number.isNaN(bw) ? { name: decl.name, type, line: decl.line, bitWidth: bw, context } : { name: decl.name, type, line: decl.line, context });
      // `struct { ... } hw;`: its members are `hw.x` (as the layout lists them); what the body
      // defines, nestedDefinitions has added above
      if (d.spec.k === 'record' && d.spec.body && !d.spec.name && !decl.derivations.length) {
        const inner: Member[] = [];
        collectMembers(null, d.spec.body, file, context, inner);
        for (const x of inner) out.push({ ...x, name: `${decl.name}.${x.name}` });
      }
    }
  }
}

/** Named records and enums defined inside an anonymous record's body are file-scope in C. */
function nestedDefinitions(m: HeaderModel, entries: FieldEntry[], file: string, context: Condition[]) {
  for (const e of entries) {
    if ('k' in e && e.k === 'cond') {
      condBranches(e.branches, (b) => b.entries, context, (entries, ctx) => nestedDefinitions(m, entries, file, ctx));
      continue;
    }
    const d = e as DeclSyntax;
    if ((d.spec.k === 'record' || d.spec.k === 'enum') && d.spec.name && d.spec.body) addSpec(m, d.spec, file, context);
    else if (d.spec.k === 'record' && d.spec.body) nestedDefinitions(m, d.spec.body, file, context);
  }
}

/**
 * A type as C spells it, around `name` when there is one (`int (*)(void)`, `char *argv[2]`,
 * `int f(struct msghdr *, int)`). Parameters are their types: a renamed parameter is the same
 * type. Spacing is canonical, so that the same type in two spellings compares equal.
 */
function typeText(spec: string, decl: DeclaratorSyntax, name = ''): string {
  let s = name;
  // derivations are outermost first: the name takes the innermost first
  for (let i = decl.derivations.length - 1; i >= 0; i--) {
    const d = decl.derivations[i]!;
    if (d.k === 'ptr') {
      s = '*' + s;
      continue;
    }
    if (s.startsWith('*')) s = `(${s})`;
    s += d.k === 'array' ? `[${d.size ? d.size.map((t) => t.text).join(' ') : ''}]` : `(${d.params.map(paramText).join(', ')})`;
  }
  return !s ? spec : s.startsWith('[') ? spec + s : `${spec} ${s}`;
}

function paramText(p: ParamSyntax): string {
  return 'variadic' in p ? '...' : typeText(p.specText, p.declarator);
}
