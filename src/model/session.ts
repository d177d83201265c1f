// A session evaluates headers on one ABI with one include path. Parsed files are cached for
// the whole process (and may be shared between sessions of different ABIs); every header is
// evaluated as its own translation unit, as `#include <HEADER>` would be.
import { existsSync, statSync } from '../fs.js';
import { resolve } from 'node:path';
import { KdriftError } from '../errors.js';
import { FileCache, IncludeError, Unit } from '../c/unit.js';
import { MacroError } from '../c/macros.js';
import { LayoutError } from '../c/layout.js';
import { canonicalType, isUnsignedInt, QUALIFIERS, resolved, TYPE_KEYWORDS, typeFromKeywords } from '../c/ctype.js';
import { lex } from '../c/lexer.js';
import type { DeclaratorSyntax, SpecSyntax } from '../c/syntax.js';
import { declItems, type Item } from '../c/parse.js';
import { buildModel } from './build.js';
import type { Abi, Evaluated, EvaluatedHeader, HeaderModel, Laid, Place } from './types.js';

export interface SessionOptions {
  abi: Abi;
  /** Searched in order, as gcc's -I. */
  includeDirs: string[];
  /** Share parsed files between sessions (e.g. one per ABI). */
  cache?: FileCache;
  /** false: directives only, no file through tree-sitter (see UnitOptions.declarations). */
  declarations?: boolean;
  /** Headers processed before each header, as gcc's `-include` (see UnitOptions.preinclude). */
  preinclude?: readonly string[];
}

export interface Session {
  readonly abi: Abi;
  readonly cache: FileCache;
  /** Parse and evaluate one header (absolute or cwd-relative path). Throws KdriftError on bad input. */
  header(path: string): EvaluatedHeader;
}

export function createSession(opts: SessionOptions): Session {
  const cache = opts.cache ?? new FileCache();
  return {
    abi: opts.abi,
    cache,
    header(path: string): EvaluatedHeader {
      const file = resolve(path);
      if (!existsSync(file) || !statSync(file).isFile()) throw new KdriftError('missing-file', `no such header: ${path}`, { file: path });
      const unit = new Unit({ abi: opts.abi, includeDirs: opts.includeDirs, cache, declarations: opts.declarations, preinclude: opts.preinclude });
      try {
        unit.run(file);
      } catch (e) {
        // line 0: the command line itself (a --preinclude header), which has no line
        if (e instanceof IncludeError) throw new KdriftError('include', e.message, { file: e.file, line: e.line || undefined });
        if (e instanceof MacroError) throw new KdriftError('macro', e.message, { file: path });
        throw e;
      }
      return evaluated(unit, file, cache);
    },
  };
}

/**
 * A specifier as the compiler sees it: C's type words, a typedef resolved, `struct X`; null for
 * what only its spelling can tell (an anonymous record, typeof, an attribute among the words).
 */
function specCanon(unit: Unit, spec: SpecSyntax | string): string | null {
  if (typeof spec === 'string') {
    const words = lex(spec, { directives: false }).map((t) => t.text).filter((w) => !QUALIFIERS.has(w));
    if (words.length && words.every((w) => TYPE_KEYWORDS.has(w))) return specCanon(unit, { k: 'keywords', words });
    if (words.length === 1) return specCanon(unit, { k: 'name', name: words[0]! });
    if (words.length === 2 && (words[0] === 'struct' || words[0] === 'union' || words[0] === 'enum')) return `${words[0]} ${words[1]}`;
    return null;
  }
  switch (spec.k) {
    case 'keywords': {
      const t = typeFromKeywords(spec.words.filter((w) => !QUALIFIERS.has(w)));
      return t ? canonicalType(t) : null;
    }
    case 'name': {
      const t = unit.typedefs.get(spec.name);
      return t ? canonicalType(t) : null;
    }
    case 'record':
      return spec.name ? `${spec.tag} ${spec.name}` : null;
    case 'enum':
      return spec.name ? `enum ${spec.name}` : null;
    default:
      return null;
  }
}

/** A declarator's type over a canonical base, parameters included (`int(uint,char*)*`). */
function declaratorCanon(unit: Unit, base: string | null, decl: DeclaratorSyntax): string | null {
  let t = base;
  for (const dv of decl.derivations) {
    if (t === null) return null;
    if (dv.k === 'ptr') t = `${t}*`;
    else if (dv.k === 'array') {
      if (dv.size === null) t = `${t}[]`;
      else {
        try {
          t = `${t}[${unit.evaluateTokens(dv.size).v}]`;
        } catch {
          return null;
        }
      }
    } else {
      const params: string[] = [];
      for (const p of dv.params) {
        const c = 'variadic' in p ? '...' : declaratorCanon(unit, specCanon(unit, p.specText), p.declarator);
        if (c === null) return null;
        params.push(c);
      }
      t = `${t}(${params.join(',')})`;
    }
  }
  return t;
}

/** The file's own declarations (not typedefs) by name, as the compiler sees their types. */
function declarationCanons(unit: Unit, items: readonly Item[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const it of declItems(items)) {
    for (const d of unit.declSyntax.get(it) ?? []) {
      if (d.storage === 'typedef') continue;
      const base = specCanon(unit, d.spec);
      for (const decl of d.declarators) if (decl.name && !out.has(decl.name)) out.set(decl.name, declaratorCanon(unit, base, decl));
    }
  }
  return out;
}

/** The file's statements that declared nothing once expanded, with their lines (Unit.calls). */
function callStatements(unit: Unit, items: readonly Item[]): { from: number; to: number; expansion: string }[] {
  const out: { from: number; to: number; expansion: string }[] = [];
  for (const it of declItems(items)) {
    const expansion = unit.calls.get(it);
    if (expansion === undefined) continue;
    let to = it.line;
    for (let i = it.text.indexOf('\n'); i >= 0; i = it.text.indexOf('\n', i + 1)) to++;
    out.push({ from: it.line, to, expansion });
  }
  return out;
}

function evaluated(unit: Unit, file: string, cache: FileCache): EvaluatedHeader {
  const parsed = unit.declarations ? cache.get(file) : cache.structure(file);
  // made on first use: check reads the model of one ABI of each side, and values of all three
  let model: HeaderModel | undefined;
  const values = new Map<string, Evaluated>();
  // the unit has run: what it took no longer changes. Places of one branch share their context
  // array (build.ts), so each array is decided once per file
  const decided = new WeakMap<Place['context'], { file: string; active: boolean }>();
  const isActive = (place: Place) => {
    const d = decided.get(place.context);
    if (d && d.file === place.file) return d.active;
    const active = place.context.every((c) => unit.taken.has(`${place.file}:${c.line}`));
    if (!d) decided.set(place.context, { file: place.file, active });
    return active;
  };
  let calls: { from: number; to: number; expansion: string }[] | undefined;
  let declarations: Map<string, string | null> | undefined;
  return {
    abi: unit.abi.name,
    get model() {
      return (model ??= buildModel({ parsed, declSyntax: unit.declSyntax, unrepaired: unit.unrepaired }, { declarations: unit.declarations }));
    },
    declarationCanon(name: string) {
      if (!declarations) declarations = declarationCanons(unit, parsed.items);
      return declarations.get(name);
    },
    typedefCanon(name: string) {
      const t = unit.typedefs.get(name);
      return t === undefined ? undefined : canonicalType(t);
    },
    callAt(line: number) {
      if (!calls) calls = callStatements(unit, parsed.items);
      return calls.find((c) => c.from <= line && line <= c.to);
    },
    diagnostics: unit.diagnostics,
    dependencies: unit.dependencies,
    isActive,
    macroValue(name: string): Evaluated {
      let v = values.get(name);
      if (!v) {
        v = unit.macroValue(name);
        values.set(name, v);
      }
      return v;
    },
    enumValue(name: string): Evaluated {
      const c = unit.enumConsts.get(name);
      if (!c) return { ok: false, reason: 'no such enumeration constant on this ABI' };
      const unsigned = isUnsignedInt(c.t, unit.abi.charSigned);
      return { ok: true, value: c.v, unsigned, bits: unit.abi.ints[c.t].size * 8 };
    },
    layout(tag, name, viaTypedef, types): Laid {
      let key: string | undefined;
      if (viaTypedef) {
        const t = unit.typedefs.get(name);
        const rt = t ? resolved(t) : undefined;
        key = rt?.k === 'record' ? rt.key : undefined;
      } else key = unit.tagKeys.get(`${tag} ${name}`);
      if (!key) return { ok: false, reason: `${tag} ${name} is not defined on ${unit.abi.name}` };
      try {
        const l = unit.layouts.record(key);
        // the types, for the semantic diff only: dump lays out every record and needs none
        const members = !types
          ? l.members
          : l.members.map((m, i) => {
              const canon = canonicalType(l.flat[i]!.type);
              return canon === null ? m : { ...m, canon };
            });
        return { ok: true, size: l.size, align: l.align, members };
      } catch (e) {
        if (e instanceof LayoutError) return { ok: false, reason: e.message };
        throw e;
      }
    },
  };
}
