// Asks gcc every value kdrift claims for one header on one ABI: one unit, `gcc -S`, constants read back from the assembly.
//
// A unit gcc rejects loses the lines its errors name (and the notes of those errors: "in
// expansion of macro" points at the unit's line when the error sits in a header) and is
// compiled again. When errors name no line of ours, the header alone is compiled: if that fails,
// gcc cannot compile the header standalone and has no answers; otherwise the queries are
// bisected and each half solved on its own (the halves' assemblies are read together).
// Two more gcc runs happen only when needed: where a record the header's text defines but kdrift
// does not list comes from, and which file each macro's definition in force comes from.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readObjects, readUint, setBitRun } from './asm.js';
import { definedNames, definedRecords, parseDefines, type Defines } from './defines.js';
import { recordSpelling, type DumpHeader } from './dump-json.js';
import type { Toolchain } from './toolchain.js';
import { LABEL_PREFIX, PROLOGUE_LINES, queriesFor, renderUnit, type Query } from './unit.js';

/** gcc's verdict on an object-like macro or an enum constant. */
export type GccValue =
  /** An integer constant expression: the 64-bit value (negative only when the type is signed). */
  | { state: 'integer'; value: bigint; unsigned: boolean }
  /** A valid expression that is not an integer: `__builtin_classify_type` says what it is. */
  | { state: 'not-integer'; typeClass: number }
  /** The macro is not defined after the header (an inactive branch, #undef). */
  | { state: 'undefined' }
  /** gcc rejects it as an initialiser: not an expression, undeclared identifiers, not constant. */
  | { state: 'error' };

/** gcc's numbers for a record; a field is missing where gcc rejected its line. */
export interface GccRecord {
  size?: number;
  align?: number;
  members: Map<string, GccMember>;
}

export interface GccMember {
  offset?: number;
  size?: number;
  /** For a member kdrift calls a bitfield: the run of bits it occupies (from the record's start). */
  bits?: { offset: number; width: number } | null;
}

export interface GccAnswers {
  abi: Toolchain['abi'];
  /** As in `#include <…>`. */
  include: string;
  /** False when the header alone does not compile: then nothing was asked. */
  compiled: boolean;
  /** The first lines of gcc's errors when `compiled` is false. */
  error?: string;
  macros: Map<string, GccValue>;
  enums: Map<string, GccValue>;
  /** By C spelling: `struct foo`, or a typedef name. Also the records the header's text defines that kdrift does not list. */
  records: Map<string, GccRecord>;
  /**
   * Which file each macro's definition in force after the header comes from (`gcc -E -dD`); null
   * when nothing needed it. Asked only when gcc has a value kdrift left null (is the header's own
   * definition inactive, another file's in force?) or the header's text defines a name kdrift does
   * not list (is it defined there, after all?): a gcc process per header costs as much as the unit.
   */
  defines: Defines | null;
  /** gcc processes run for this header. */
  compiles: number;
  /** Queries dropped because gcc rejected their lines. */
  dropped: number;
}

export interface GccRequest {
  toolchain: Toolchain;
  /** Include options (-I, -idirafter …), after the toolchain's flags. */
  includes: string[];
  /** The header as `#include <…>` names it. */
  include: string;
  /** Its path, to read its text; default: `dump.header`. */
  file?: string;
  dump: DumpHeader;
}

/** Rounds of dropping named lines before bisecting instead (a unit that keeps failing somewhere new). */
const MAX_ROUNDS = 12;

interface Compiled {
  ok: boolean;
  asm: string;
  stderr: string;
}

/**
 * assemble: -S into stdout, zeros kept in .rodata, no warnings (every diagnostic left belongs to an error).
 * defines: the preprocessor keeping every #define and #undef in place; -fdirectives-only (implies
 * -dD) skips macro expansion of the text and is 4-5 times faster than `-E -dD`.
 */
const MODES = {
  assemble: ['-S', '-O0', '-fno-zero-initialized-in-bss', '-w', '-o', '-'],
  defines: ['-E', '-fdirectives-only', '-w', '-o', '-'],
};

function runGcc(tc: Toolchain, mode: keyof typeof MODES, includes: string[], source: string): Promise<Compiled> {
  return new Promise((resolve, reject) => {
    const child = spawn(tc.cc, [...tc.target, ...MODES[mode], ...includes, '-x', 'c', '-'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ok: code === 0, asm: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
    child.stdin.on('error', () => {}); // gcc may exit before reading all of a broken unit
    child.stdin.end(source);
  });
}

/** Lines of the unit (read from stdin) that gcc's diagnostics name, past the prologue. */
function namedLines(stderr: string): Set<number> {
  const lines = new Set<number>();
  for (const m of stderr.matchAll(/<stdin>:(\d+):/g)) {
    const n = Number(m[1]);
    if (n > PROLOGUE_LINES) lines.add(n);
  }
  return lines;
}

class HeaderFails extends Error {}

/** gcc's first errors on `#include <include>` alone, or null when it compiles. */
export async function headerError(tc: Toolchain, includes: string[], include: string): Promise<string | null> {
  const r = await runGcc(tc, 'assemble', includes, renderUnit(include, []).text);
  return r.ok ? null : firstErrors(r.stderr);
}

/** gcc's answers to everything `dump` lists for its header. */
export async function askGcc(req: GccRequest): Promise<GccAnswers> {
  const { toolchain: tc, includes, include } = req;
  const answers: GccAnswers = {
    abi: tc.abi,
    include,
    compiled: true,
    macros: new Map(),
    enums: new Map(),
    records: new Map(),
    defines: null,
    compiles: 0,
    dropped: 0,
  };
  const compile = (qs: readonly Query[]) => {
    answers.compiles++;
    const unit = renderUnit(include, qs);
    return runGcc(tc, 'assemble', includes, unit.text).then((r) => ({ ...r, unit }));
  };
  let headerAlone: Promise<Compiled> | undefined;
  const asms: string[] = [];
  const dropped: Query[] = [];

  const solve = async (queries: readonly Query[]): Promise<void> => {
    let kept = queries;
    for (let round = 0; kept.length; round++) {
      const r = await compile(kept);
      if (r.ok) {
        asms.push(r.asm);
        return;
      }
      const named = new Set<Query>();
      for (const line of namedLines(r.stderr)) {
        const q = r.unit.queryAt.get(line);
        if (q) named.add(q);
      }
      if (named.size && round < MAX_ROUNDS) {
        dropped.push(...named);
        kept = kept.filter((q) => !named.has(q));
        continue;
      }
      headerAlone ??= compile([]);
      const alone = await headerAlone;
      if (!alone.ok) throw new HeaderFails(alone.stderr);
      if (kept.length === 1) {
        dropped.push(kept[0]);
        return;
      }
      const mid = kept.length >> 1;
      await solve(kept.slice(0, mid));
      await solve(kept.slice(mid));
      return;
    }
  };

  const file = req.file ?? req.dump.header;
  const text = readFileSync(file, 'utf8');
  const listedRecords = new Set(req.dump.records.map(recordSpelling));
  // a tag that is itself a macro (asound.h's `struct __snd_pcm_mmap_status`) is its expansion to
  // gcc and to kdrift alike, which lists it under that name
  const macroNames = new Set(req.dump.macros.filter((m) => m.kind === 'object').map((m) => m.name));
  const moreRecords = definedRecords(text).filter((r) => !listedRecords.has(r) && !macroNames.has(r.slice(r.indexOf(' ') + 1)));
  const queries = queriesFor(req.dump, moreRecords);
  try {
    await solve(queries);
  } catch (e) {
    if (!(e instanceof HeaderFails)) throw e;
    answers.compiled = false;
    answers.error = firstErrors(e.message);
    return answers;
  }
  answers.dropped = dropped.length;

  const objects = new Map<string, Uint8Array | null>();
  for (const asm of asms) for (const [k, v] of readObjects(asm, tc.abi, LABEL_PREFIX)) objects.set(k, v);
  const rec = (name: string): GccRecord => {
    let r = answers.records.get(name);
    if (!r) answers.records.set(name, (r = { members: new Map() }));
    return r;
  };
  const member = (record: string, name: string): GccMember => {
    const r = rec(record);
    let m = r.members.get(name);
    if (!m) r.members.set(name, (m = {}));
    return m;
  };
  for (const q of queries) {
    const obj = objects.get(`${LABEL_PREFIX}${q.id}`);
    switch (q.kind) {
      case 'macro':
        answers.macros.set(q.name, objects.has(`${LABEL_PREFIX}${q.id}_u`) ? { state: 'undefined' } : intValue(obj));
        break;
      case 'enum':
        answers.enums.set(q.name, intValue(obj));
        break;
      case 'record': {
        const r = rec(q.record);
        const size = obj ? readUint(obj, 0, 8) : null;
        const align = obj ? readUint(obj, 8, 8) : null;
        if (size !== null) r.size = Number(size);
        if (align !== null) r.align = Number(align);
        break;
      }
      case 'offset':
      case 'size': {
        const v = obj ? readUint(obj, 0, 8) : null;
        if (v !== null) member(q.record, q.member)[q.kind] = Number(v);
        else member(q.record, q.member);
        break;
      }
      case 'bits':
        member(q.record, q.member).bits = obj ? setBitRun(obj) : undefined;
        break;
    }
  }

  // a record the text defines that gcc has complete may still come from another header (the
  // text's definition sits in an inactive branch): keep it only if gcc's definition is this header's
  const complete = moreRecords.filter((r) => answers.records.get(r)?.size !== undefined);
  if (complete.length) {
    answers.compiles++;
    const origins = await recordOrigins(tc, includes, include, complete);
    for (const r of complete) if (origins.get(r) !== resolve(file)) answers.records.delete(r);
  }

  const unlisted = definedNames(text).filter(
    (n) => n !== req.dump.guard && !req.dump.macros.some((m) => m.name === n),
  );
  const valueOnlyGcc = [...answers.macros].some(
    ([name, g]) => g.state === 'integer' && req.dump.macros.every((m) => m.name !== name || m.value === null),
  );
  if (unlisted.length || valueOnlyGcc) {
    answers.compiles++;
    const r = await runGcc(tc, 'defines', includes, renderUnit(include, []).text);
    if (!r.ok) throw new Error(`gcc -E fails on <${include}>, which compiles:\n${firstErrors(r.stderr)}`);
    answers.defines = parseDefines(r.asm);
  }
  return answers;
}

/**
 * The file each record's definition in force comes from: defining it again makes gcc say where
 * the first one is ("redefinition of 'struct foo'" + "note: originally defined here").
 */
async function recordOrigins(tc: Toolchain, includes: string[], include: string, records: string[]): Promise<Map<string, string>> {
  const source = [`#include <${include}>`, ...records.map((r) => `${r} { char __kdo_probe; };`)].join('\n') + '\n';
  const r = await runGcc(tc, 'assemble', includes, source);
  const origins = new Map<string, string>();
  let current: string | undefined;
  for (const line of r.stderr.split('\n')) {
    const e = /^<stdin>:(\d+):\d+: error: redefinition of /.exec(line);
    if (e) current = records[Number(e[1]) - 2];
    const n = /^(.+?):\d+:\d+: note: originally defined here/.exec(line);
    if (n && current) {
      origins.set(current, resolve(n[1]));
      current = undefined;
    }
  }
  return origins;
}

/** {value, type class, unsigned} as the unit stores them -> a verdict. */
function intValue(obj: Uint8Array | null | undefined): GccValue {
  if (!obj) return { state: 'error' };
  const raw = readUint(obj, 0, 8);
  const typeClass = readUint(obj, 8, 8);
  const unsigned = readUint(obj, 16, 8);
  if (raw === null || typeClass === null || unsigned === null) return { state: 'error' };
  // integer, char, enumeral, boolean
  if (typeClass < 1n || typeClass > 4n) return { state: 'not-integer', typeClass: Number(BigInt.asIntN(64, typeClass)) };
  return { state: 'integer', value: unsigned ? raw : BigInt.asIntN(64, raw), unsigned: unsigned !== 0n };
}

function firstErrors(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => / error: /.test(l))
    .slice(0, 3)
    .join('\n');
}

/** Names of `__builtin_classify_type` results (gcc's typeclass.h). */
export const TYPE_CLASSES: Record<number, string> = {
  [-1]: 'no type',
  0: 'void',
  1: 'integer',
  2: 'char',
  3: 'enum',
  4: 'bool',
  5: 'pointer',
  6: 'reference',
  7: 'offset',
  8: 'floating',
  9: 'complex',
  10: 'function',
  11: 'method',
  12: 'struct',
  13: 'union',
  14: 'array',
  15: 'string',
  16: 'lang',
  17: 'opaque',
  18: 'bitint',
};
