// Macro changes: added / removed for userspace, value changed (evaluated per ABI, also through
// another macro or a record size it uses), respelled (text differs, value equal), kernel-only.
// A macro that cannot be evaluated (function-like, a string, an unknown name) is compared by
// its folded text and the texts of the header's own macros it uses.
import { lex } from '../c/lexer.js';
import { compilerSpelling, sameToCompiler } from './classify.js';
import type { Abi, Evaluated, Macro } from '../model/types.js';
import { effective, groupBy, PerAbi, unionNames, type Compared, type Found } from './compared.js';
import { describeSize, describeValue, macroText } from './describe.js';
import { hiddenChanges } from './hidden.js';
import type { EvaluatedSide } from './sides.js';

/** Record sizes that changed, by `struct NAME`, per ABI: what ioctl numbers built with sizeof inherit. */
export type SizeChanges = ReadonlyMap<string, ReadonlyMap<Abi, { before: number; after: number }>>;

/** A macro on one side and ABI, with what it uses among the header's own macros and records. */
interface Resolved {
  def: Macro;
  text: string;
  /** The macro's text and, recursively, the texts of the header's own macros it uses. */
  signature: string;
  /** Header-local macros it uses, directly or not. */
  uses: string[];
  /** `struct X` / `union X` it names, directly or through the macros it uses. */
  records: string[];
  /** Other identifiers it names, directly or through the macros it uses. */
  idents: string[];
}

/** A definition's body tokens and gcc's reading of its text: the same on every ABI, lexed once. */
const lexed = new WeakMap<Macro, { toks: ReturnType<typeof lex>; canon: string; spelled: string }>();

function lexedOf(def: Macro): { toks: ReturnType<typeof lex>; canon: string; spelled: string } {
  let l = lexed.get(def);
  if (!l) {
    const all = lex(macroText(def), { directives: false });
    lexed.set(def, (l = { toks: lex(def.body, { directives: false }), canon: compilerSpelling(all), spelled: all.map((t) => t.text).join(' ') }));
  }
  return l;
}

/** Are two definitions written with other tokens (not merely other whitespace or comments)? */
function respelled(o: Resolved, n: Resolved): boolean {
  return lexedOf(o.def).spelled !== lexedOf(n.def).spelled;
}

class MacroTable {
  private readonly byName: Map<string, Macro[]>;
  private readonly memo = new Map<string, Resolved | null>();
  constructor(private readonly side: EvaluatedSide) {
    this.byName = groupBy(side.model.macros, (m) => m.name);
  }

  defs(name: string): Macro[] {
    return this.byName.get(name) ?? [];
  }

  resolve(abi: Abi, name: string, seen: Set<string> = new Set()): Resolved | null {
    const k = `${abi}\0${name}`;
    if (this.memo.has(k)) return this.memo.get(k)!;
    const def = effective(this.side, abi, this.defs(name));
    if (!def) return null;
    if (seen.has(name)) return { def, text: macroText(def), signature: `${name}=<recursive>`, uses: [], records: [], idents: [] };
    seen.add(name);
    const text = macroText(def);
    const uses: string[] = [];
    const records: string[] = [];
    const idents = new Set<string>();
    const parts: string[] = [];
    const { toks, canon } = lexedOf(def);
    const params = new Set(def.params ?? []);
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.kind !== 'id' || params.has(t.text)) continue;
      if ((t.text === 'struct' || t.text === 'union') && toks[i + 1]?.kind === 'id') {
        records.push(`${t.text} ${toks[i + 1]!.text}`);
        i++;
        continue;
      }
      if (t.text === name) continue;
      if (!this.byName.has(t.text)) {
        idents.add(t.text);
        continue;
      }
      const dep = this.resolve(abi, t.text, seen);
      if (!dep) {
        idents.add(t.text);
        continue;
      }
      for (const x of dep.idents) idents.add(x);
      if (!uses.includes(t.text)) uses.push(t.text);
      for (const u of dep.uses) if (!uses.includes(u)) uses.push(u);
      for (const r of dep.records) if (!records.includes(r)) records.push(r);
      parts.push(`${t.text}=${dep.signature}`);
    }
    seen.delete(name);
    // the signature compares as gcc reads it (`__inline__` is `inline`): canon
    const r: Resolved = { def, text, signature: parts.length ? `${canon} {${parts.join('; ')}}` : canon, uses, records, idents: [...idents] };
    this.memo.set(k, r);
    return r;
  }
}

function valueOrText(v: Evaluated, r: Resolved): string {
  return v.ok ? describeValue(v) : r.text;
}

/**
 * `changed` names the header's records (`struct X`), enum constants and typedefs that changed:
 * in the same include environment, a macro whose text and local dependencies are unchanged can
 * only change value through one of them, so no other is evaluated.
 */
export function macroChanges(c: Compared, sizes: SizeChanges, changed: ReadonlySet<string>): Found[] {
  const to = new MacroTable(c.old);
  const tn = new MacroTable(c.new);
  const out: Found[] = [];
  const visiblyChanged = new Set<string>();
  for (const name of unionNames(c.old.model.macros, c.new.model.macros, (m) => m.name)) {
    const per = new PerAbi(c.abis);
    for (const abi of c.abis) {
      const o = to.resolve(abi, name);
      const n = tn.resolve(abi, name);
      if (!o && !n) continue;
      if (!o) {
        per.add(abi, { change: { kind: 'macro-added', name, after: n!.text, file: c.new.label, line: n!.def.line }, newLine: n!.def.line });
        continue;
      }
      if (!n) {
        per.add(abi, { change: { kind: 'macro-removed', name, before: o.text, file: c.old.label, line: o.def.line }, oldLine: o.def.line });
        continue;
      }
      if (c.sameEnvironment && o.signature === n.signature && !mentions(o, changed) && !mentions(n, changed)) {
        // the same to gcc, written otherwise (`typeof` for `__typeof__`): said, as an edit needs a cause
        if (respelled(o, n)) per.add(abi, respelledChange(c, name, o, n));
        continue;
      }
      const f = compareOne(c, abi, name, o, n, to, tn, sizes);
      if (f) per.add(abi, f);
    }
    const found = per.result();
    if (found.length) visiblyChanged.add(name);
    out.push(...found);
  }
  out.push(...hiddenChanges(c, c.old.model.macros, c.new.model.macros, { name: (m) => m.name, text: macroText }, visiblyChanged));
  return out;
}

function compareOne(c: Compared, abi: Abi, name: string, o: Resolved, n: Resolved, to: MacroTable, tn: MacroTable, sizes: SizeChanges): Found | null {
  const vo = c.old.on.get(abi)!.macroValue(name);
  const vn = c.new.on.get(abi)!.macroValue(name);
  const at = { file: c.new.label, line: n.def.line };
  const lines = { oldLine: o.def.line, newLine: n.def.line };
  const sizeCause = recordCause(abi, n.records, sizes);
  if (vo.ok && vn.ok) {
    if (vo.value !== vn.value) {
      const cause = sameToCompiler(o.text, n.text) ? sizeCause ?? dependencyCause(c, abi, n, to, tn) : undefined;
      return { change: { kind: 'macro-value-changed', name, before: describeValue(vo), after: describeValue(vn), ...(cause ? { cause } : {}), ...at }, ...lines };
    }
    return respelled(o, n) ? respelledChange(c, name, o, n) : null;
  }
  // Not evaluable on at least one side: compare texts, those of the macros it uses, and the sizes of the records it names.
  if (o.signature !== n.signature) {
    const cause = sameToCompiler(o.text, n.text) ? dependencyCause(c, abi, n, to, tn) : undefined;
    return { change: { kind: 'macro-value-changed', name, before: valueOrText(vo, o), after: valueOrText(vn, n), ...(cause ? { cause } : {}), ...at }, ...lines };
  }
  if (sizeCause) return { change: { kind: 'macro-value-changed', name, before: o.text, after: n.text, cause: sizeCause, ...at }, ...lines };
  return respelled(o, n) ? respelledChange(c, name, o, n) : null;
}

function respelledChange(c: Compared, name: string, o: Resolved, n: Resolved): Found {
  return {
    change: { kind: 'macro-respelled', name, before: o.text, after: n.text, file: c.new.label, line: n.def.line },
    oldLine: o.def.line,
    newLine: n.def.line,
  };
}

function mentions(r: Resolved, names: ReadonlySet<string>): boolean {
  return r.records.some((x) => names.has(x)) || r.idents.some((x) => names.has(x));
}

function recordCause(abi: Abi, records: readonly string[], sizes: SizeChanges): string | undefined {
  for (const r of records) {
    const s = sizes.get(r)?.get(abi);
    if (s) return `sizeof(${r}): ${describeSize(s.before)} → ${describeSize(s.after)}`;
  }
  return undefined;
}

/** The first macro it uses whose value or text changed: `MSR_AMD64_SNP_RESV_BIT: 18 → 24`. */
function dependencyCause(c: Compared, abi: Abi, n: Resolved, to: MacroTable, tn: MacroTable): string | undefined {
  for (const dep of n.uses) {
    const o = to.resolve(abi, dep);
    const d = tn.resolve(abi, dep);
    if (!o || !d) continue;
    const vo = c.old.on.get(abi)!.macroValue(dep);
    const vn = c.new.on.get(abi)!.macroValue(dep);
    if (vo.ok && vn.ok && vo.value !== vn.value) return `${dep}: ${describeValue(vo)} → ${describeValue(vn)}`;
    if (!(vo.ok && vn.ok) && !sameToCompiler(o.text, d.text)) return `${dep}: ${o.text} → ${d.text}`;
  }
  return undefined;
}

