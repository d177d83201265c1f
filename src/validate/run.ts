// `kdrift validate` end to end: read the paired headers (and the models' headers) with the
// model, find families, run the generic checks with the tools copy and the rst literal blocks
// beside them, then run every emulator model whose symbols exist. Returns plain data.
// its scratch files are its own: only what it reads of the tree goes through ../fs.js
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync, readFileSync, statSync } from '../fs.js';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { FileCache } from '../c/unit.js';
import { treeEvidence } from '../emulator/evidence.js';
import { models as allModels } from '../emulator/index.js';
import { symbolsFrom, type Model, type Sym, type Symbols } from '../emulator/model.js';
import { KdriftError } from '../errors.js';
import { createSession, type Session } from '../model/session.js';
import type { Abi } from '../model/types.js';
import type { FamilyTable } from './check.js';
import { checks } from './checks/index.js';
import { constantsOf } from './constants.js';
import { readLiteralBlocks, type DocBlock } from './docs.js';
import { detectFamilies } from './families.js';
import { applyKnown } from './known.js';
import { generatedTables } from './tables.js';
import type { FamilyResult, HeaderReport, ModelResult, SkippedModel, ValidateResult } from './result.js';
import { archOf, headerPairs, includeDirs, walk, type HeaderPair } from './tree.js';
import type { Family, HeaderConstants } from './types.js';

export interface ValidateRequest {
  /** Tree root (absolute or cwd-relative). */
  tree: string;
  /** `--family PREFIX`: families taken as declared. */
  declared?: readonly string[];
  models?: readonly Model[];
}

interface ReadHeader {
  rel: string;
  abi: Abi;
  constants: HeaderConstants;
  families: Family[];
  diagnostics: number;
}

export function validateTree(req: ValidateRequest): ValidateResult {
  const tree = resolve(req.tree);
  const declared = req.declared ?? [];
  const notes: string[] = [];
  const sessions = new Map<string, Session>();
  let cache: FileCache | undefined;
  const sessionFor = (rel: string): Session => {
    const { abi } = archOf(rel);
    const dirs = includeDirs(tree, rel);
    const key = `${abi}\0${dirs.join('\0')}`;
    let s = sessions.get(key);
    if (!s) {
      s = createSession({ abi, includeDirs: dirs, ...(cache ? { cache } : {}) });
      cache = s.cache;
      sessions.set(key, s);
    }
    return s;
  };
  const display = (file: string) => relative(tree, file).split('\\').join('/');
  const read = new Map<string, ReadHeader | null>();
  const readHeader = (rel: string): ReadHeader | null => {
    if (read.has(rel)) return read.get(rel)!;
    let out: ReadHeader | null = null;
    try {
      const eh = sessionFor(rel).header(join(tree, rel));
      const constants = constantsOf(eh, display);
      out = { rel, abi: eh.abi, constants, families: detectFamilies(constants, { declared }), diagnostics: eh.diagnostics.length };
    } catch (e) {
      if (!(e instanceof KdriftError)) throw e;
      notes.push(`${rel}: not read: ${e.message}`);
    }
    read.set(rel, out);
    return out;
  };

  // the headers: the tree's pairs, and the models' own headers
  const found = headerPairs(tree);
  notes.push(...found.notes);
  const pairs: HeaderPair[] = [...found.pairs];
  const models = req.models ?? allModels;
  for (const m of models) {
    for (const h of m.headers) {
      if (!pairs.some((p) => p.kernel === h.kernel)) pairs.push({ kernel: h.kernel, ...(h.tools ? { tools: h.tools } : {}) });
    }
  }
  const exists = (rel: string) => existsSync(join(tree, rel)) && statSync(join(tree, rel)).isFile();

  const docs = readDocs(tree);
  // the tables a pair's tools copy feeds, made once per pair, only for pairs with families
  const tablesByPair = new Map<string, FamilyTable[]>();
  const tablesOf = (kernel: string, tools: string): FamilyTable[] => {
    const key = `${kernel}\0${tools}`;
    let ts = tablesByPair.get(key);
    if (!ts) {
      try {
        ts = generatedTables(tree, { kernel, tools });
      } catch (e) {
        if (!(e instanceof KdriftError)) throw e;
        notes.push(`${tools}: no generated tables: ${e.message}`);
        ts = [];
      }
      tablesByPair.set(key, ts);
    }
    return ts;
  };
  const headers: HeaderReport[] = [];
  const families: FamilyResult[] = [];
  for (const p of pairs) {
    if (!exists(p.kernel)) continue;
    const k = readHeader(p.kernel);
    if (!k) continue;
    const t = p.tools && exists(p.tools) ? readHeader(p.tools) : null;
    headers.push({ file: p.kernel, ...(t ? { tools: p.tools } : {}), abi: k.abi, diagnostics: k.diagnostics + (t?.diagnostics ?? 0) });
    const defined = new Set([...k.constants.constants.map((c) => c.name), ...k.constants.breakers.map((b) => b.name)]);
    for (const family of k.families) {
      const ctx = { family, defined, docs: docs.blocks, tables: t ? tablesOf(p.kernel, p.tools!) : [], ...(t ? { tools: { file: t.rel, constants: t.constants.constants } } : {}) };
      const findings = checks.flatMap((c) => c.run(ctx)).map((f) => applyKnown(f));
      families.push({ family, findings });
    }
  }
  for (const prefix of declared) {
    if (!families.some((f) => f.family.prefix === prefix && f.family.origin === 'declared')) notes.push(`--family ${prefix}: no header read defines a constant with this prefix`);
  }

  // the models
  const evidence = treeEvidence(tree);
  const modelResults: ModelResult[] = [];
  const skipped: SkippedModel[] = [];
  for (const m of models) {
    const kernelHeaders = m.headers.filter((h) => exists(h.kernel)).map((h) => readHeader(h.kernel)).filter((h): h is ReadHeader => !!h);
    const toolHeaders = m.headers.filter((h) => h.tools && exists(h.tools)).map((h) => readHeader(h.tools!)).filter((h): h is ReadHeader => !!h);
    const kernel = symbolsOf('kernel', kernelHeaders);
    const missing = m.requires.filter((n) => !kernel.get(n));
    if (!kernelHeaders.length || missing.length) {
      skipped.push({ model: m.name, reason: kernelHeaders.length ? `${missing.join(', ')} not defined in ${m.headers.map((h) => h.kernel).join(', ')}` : `${m.headers.map((h) => h.kernel).join(', ')} not in the tree` });
      continue;
    }
    const input = { kernel, evidence, ...(toolHeaders.length ? { tools: symbolsOf('tools', toolHeaders) } : {}) };
    const why = m.applies?.(input) ?? null;
    if (why) {
      skipped.push({ model: m.name, reason: why });
      continue;
    }
    const run = m.run(input);
    modelResults.push({
      model: m.name,
      title: m.title,
      generation: run.generation.name,
      because: run.generation.because,
      scenarios: run.scenarios,
      copies: toolHeaders.length ? ['kernel', 'tools'] : ['kernel'],
      findings: run.findings.map((f) => applyKnown(f)),
    });
  }
  return { tree, pairs: found.source, headers, families, models: modelResults, skipped, docs: { files: docs.files, blocks: docs.blocks.length }, notes };
}

/** Symbols of a model's headers from one copy; the families validate found give `members`. */
function symbolsOf(copy: Symbols['copy'], hs: ReadHeader[]): Symbols {
  const syms: Sym[] = [];
  const fams = new Map<string, string[]>();
  for (const h of hs) {
    for (const c of h.constants.constants) if (c.value !== null) syms.push({ name: c.name, value: c.value, file: c.file, line: c.line });
    for (const f of h.families) if (!fams.has(f.prefix)) fams.set(f.prefix, f.members.map((m) => m.name));
  }
  return symbolsFrom(copy, hs[0]?.rel ?? '', syms, fams);
}

/**
 * The literal blocks with #define lines of every .rst under Documentation/, their bodies
 * evaluated by the model as a small header of their own (names they use from elsewhere stay
 * unevaluated, and such lines are compared by name only).
 */
function readDocs(tree: string): { files: number; blocks: DocBlock[] } {
  const files = walk(tree, 'Documentation', (f) => f.endsWith('.rst'));
  const blocks: DocBlock[] = [];
  for (const f of files) {
    const text = readFileSync(join(tree, f), 'utf8');
    if (!text.includes('#define')) continue;
    blocks.push(...readLiteralBlocks(f, text));
  }
  if (!blocks.length) return { files: files.length, blocks };
  const dir = mkdtempSync(join(tmpdir(), 'kdrift-docs-'));
  try {
    const session = createSession({ abi: 'x86_64', includeDirs: [] });
    blocks.forEach((b, i) => {
      const file = join(dir, `block${i}.h`);
      const seen = new Set<string>();
      const lines = b.defines.filter((d) => !seen.has(d.name) && seen.add(d.name)).map((d) => `#define ${d.name} ${d.body}`);
      writeFileSync(file, lines.join('\n') + '\n');
      const eh = session.header(file);
      for (const d of b.defines) {
        const v = eh.macroValue(d.name);
        d.value = v.ok ? v.value : null;
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { files: files.length, blocks };
}
