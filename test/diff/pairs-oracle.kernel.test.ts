// gcc as the oracle for what `kdrift check` compares: both sides of every differing C header
// pair of the real trees (6.12 and 6.1), each evaluated exactly as check evaluates it (the tools
// include path of src/diff/pair.ts, on the pair's ABIs), against gcc given the same -I list. A
// semantic verdict is only as right as these values and layouts: kernel-internal headers
// (msr-index.h, cpufeatures.h, cputype.h, socket.h) are read here and nowhere else in the oracle.
// Then the verdicts themselves: where check says `equivalent`, gcc must see every name of both
// sides with the same value and layout; where it says `additive`, every name of the tools copy
// unchanged in the kernel's; and no pair may claim a value or a size changed that gcc sees equal.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { loadPairList } from '../../src/check/run.js';
import { isReservedName } from '../../src/diff/classify.js';
import { pairSides } from '../../src/diff/pair.js';
import { requireKernelTree, requireOlderKernelTree } from '../helpers/kernel.js';
import { runKdrift } from '../helpers/run.js';
import type { GccAnswers, GccValue } from '../oracle/gcc.js';
import { emptyComparison, type Comparison } from '../oracle/compare.js';
import { runOracle, type OracleRun } from '../oracle/run.js';
import { formatDisagreement, summary } from '../oracle/summary.js';
import { ABIS, type Abi, type Tree } from '../oracle/toolchain.js';
import { triage } from '../oracle/triage.js';

const MULTIARCH = '/usr/include/x86_64-linux-gnu';
const ARM64_SYSROOT = '/usr/aarch64-linux-gnu/include';

/** The sides of the tree's differing .h pairs that check evaluates on `abi`, grouped by include path. */
function sidesOn(tree: string, abi: Abi): Map<string, { dirs: readonly string[]; headers: Set<string> }> {
  const groups = new Map<string, { dirs: readonly string[]; headers: Set<string> }>();
  for (const p of loadPairList({ tree, cwd: tree, strict: false }).pairs) {
    if (!p.tools.endsWith('.h') || !p.kernel.endsWith('.h')) continue;
    const [a, b] = [join(tree, p.tools), join(tree, p.kernel)];
    if (!existsSync(a) || !existsSync(b) || readFileSync(a).equals(readFileSync(b))) continue;
    const s = pairSides(tree, p.tools, p.kernel);
    if (!s.abis.includes(abi)) continue;
    for (const [side, rel] of [[s.old, p.tools], [s.new, p.kernel]] as const) {
      const dirs = typeof side.includeDirs === 'function' ? side.includeDirs(abi) : side.includeDirs;
      const key = dirs.join('\0');
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { dirs, headers: new Set() }));
      g.headers.add(rel);
    }
  }
  return groups;
}

/**
 * One include path on one ABI: the headers are named from the tree's root, which gcc searches
 * last (-idirafter), after the pair's directories and before nothing that could shadow them.
 */
function pairTree(tree: string, abi: Abi, dirs: readonly string[], i386Stubs: string): Tree {
  const gccIncludes = [...dirs.flatMap((d) => ['-I', d]), '-idirafter', tree];
  if (abi === 'i386') gccIncludes.push('-idirafter', i386Stubs, '-idirafter', MULTIARCH);
  const libc = (abi === 'arm64' ? [ARM64_SYSROOT] : [MULTIARCH, '/usr/include']).filter((d) => existsSync(d));
  return { abi, root: tree, kdriftIncludes: [...dirs, ...libc], gccIncludes };
}

function merge(into: Comparison, from: Comparison) {
  for (const k of Object.keys(into.counts) as (keyof Comparison['counts'])[]) {
    into.counts[k].same += from.counts[k].same;
    into.counts[k].neither += from.counts[k].neither;
    into.counts[k].differ += from.counts[k].differ;
    into.counts[k].kdriftOnly += from.counts[k].kdriftOnly;
  }
  into.disagreements.push(...from.disagreements);
  into.kdriftOnly.push(...from.kdriftOnly);
  into.uncompilable.push(...from.uncompilable);
}

/** A pair of check's JSON: its verdict. */
interface JsonPair {
  tools: string;
  kernel: string;
  status: string;
  verdict?: string;
  changes?: { kind: string; name: string; abis?: string[] }[];
}

/**
 * The changes of a pair, whatever its verdict, that claim a value or a size changed where gcc
 * has both and they are equal: a change kdrift would make a maintainer sync for, that is none.
 */
function unfounded(p: JsonPair, abi: Abi, o: GccAnswers, n: GccAnswers): string[] {
  const out: string[] = [];
  for (const c of p.changes ?? []) {
    if (c.abis && !c.abis.includes(abi)) continue;
    if (c.kind === 'macro-value-changed' || c.kind === 'enum-constant-value-changed') {
      const table = c.kind === 'macro-value-changed' ? 'macros' : 'enums';
      const x = o[table].get(c.name);
      const y = n[table].get(c.name);
      if (integer(x) && integer(y) && x.value === y.value && x.unsigned === y.unsigned) out.push(`${c.kind} ${c.name}: gcc has ${show(x)} on both sides`);
    } else if (c.kind === 'record-size-changed') {
      const x = o.records.get(c.name);
      const y = n.records.get(c.name);
      if (x?.size !== undefined && x.size === y?.size) out.push(`${c.kind} ${c.name}: gcc has size ${x.size} on both sides`);
    }
  }
  return out;
}

const show = (v: GccValue | undefined) => (!v ? 'absent' : v.state === 'integer' ? `${v.value}${v.unsigned ? 'u' : ''}` : v.state);
const integer = (v: GccValue | undefined): v is Extract<GccValue, { state: 'integer' }> => v?.state === 'integer';

/**
 * What gcc sees change from the tools copy (o) to the kernel's (n) that the verdict rules out:
 * for `equivalent`, any name whose value or layout differs, appears or goes; for `additive`, any
 * name of the tools copy whose value or layout differs or that goes.
 */
function contradictions(verdict: 'equivalent' | 'additive', o: GccAnswers, n: GccAnswers): string[] {
  const out: string[] = [];
  const values = (kind: string, a: Map<string, GccValue>, b: Map<string, GccValue>) => {
    for (const name of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(name);
      const y = b.get(name);
      if (integer(x) && integer(y)) {
        if (x.value !== y.value || x.unsigned !== y.unsigned) out.push(`${kind} ${name}: ${show(x)} → ${show(y)}`);
      } else if (integer(x) && !integer(y) && y?.state !== 'error') out.push(`${kind} ${name} gone: ${show(x)} → ${show(y)}`);
      else if (verdict === 'equivalent' && !integer(x) && x?.state !== 'error' && integer(y)) out.push(`${kind} ${name} appears: ${show(x)} → ${show(y)}`);
    }
  };
  values('macro', o.macros, n.macros);
  values('enum constant', o.enums, n.enums);
  for (const name of new Set([...o.records.keys(), ...n.records.keys()])) {
    const x = o.records.get(name);
    const y = n.records.get(name);
    if (x?.size === undefined || y?.size === undefined) {
      if (x?.size !== undefined && !y) out.push(`${name} gone`);
      else if (verdict === 'equivalent' && y?.size !== undefined && !x) out.push(`${name} appears`);
      continue;
    }
    if (x.size !== y.size || x.align !== y.align) out.push(`${name}: size ${x.size} align ${x.align} → size ${y.size} align ${y.align}`);
    for (const m of new Set([...x.members.keys(), ...y.members.keys()])) {
      const a = x.members.get(m);
      const b = y.members.get(m);
      // __DECLARE_FLEX_ARRAY's zero-size placeholder is no member a program uses
      if (m.startsWith('__empty_') && (a?.size ?? b?.size) === 0) continue;
      // additive allows carving new members out of reserved space in a record of the same size
      // (the names: __reserved*, reserved*, spare*, pad*, __pad*)
      const carved = verdict === 'additive' && isReservedName(m) && x.size === y.size && x.align === y.align;
      if (a?.offset !== undefined && b?.offset !== undefined) {
        if ((a.offset !== b.offset || a.size !== b.size) && !carved) out.push(`${name}.${m}: at ${a.offset} (${a.size}) → at ${b.offset} (${b.size})`);
      } else if (a?.offset !== undefined && !b && !carved) out.push(`${name}.${m} gone`);
      else if (verdict === 'equivalent' && b?.offset !== undefined && !a) out.push(`${name}.${m} appears`);
    }
  }
  return out;
}

const TREES = [
  ['6.12', () => requireKernelTree().src],
  ['6.1', () => requireOlderKernelTree()],
] as const;

describe('gcc oracle: both sides of the differing pairs, as check reads them', () => {
  for (const [name, treeOf] of TREES) {
    test.for(ABIS)(`${name}: %s`, async (abi, { expect }) => {
      const tree = treeOf();
      const stubs = requireKernelTree().i386Stubs;
      const total: OracleRun = { comparison: emptyComparison(), kdriftFailed: [], headers: 0, compiles: 0, kdriftSeconds: 0, seconds: 0 };
      const answers = new Map<string, GccAnswers>();
      for (const g of sidesOn(tree, abi).values()) {
        const run = await runOracle(pairTree(tree, abi, g.dirs, stubs), [...g.headers], { keepAnswers: true });
        for (const [h, a] of run.answers ?? []) answers.set(h, a);
        merge(total.comparison, run.comparison);
        total.kdriftFailed.push(...run.kdriftFailed);
        total.headers += run.headers;
        total.compiles += run.compiles;
        total.kdriftSeconds += run.kdriftSeconds;
        total.seconds += run.seconds;
      }
      const t = triage(total.comparison, { abi, tree: 'kernel' });
      console.log(summary(abi, `${name} pairs`, total, t));
      expect(total.headers, 'the tree has differing header pairs on this ABI').toBeGreaterThan(0);
      expect(total.comparison.counts.macro.same, 'values both gcc and kdrift give').toBeGreaterThan(0);
      expect(t.unlisted.map(formatDisagreement), 'disagreements not in test/oracle/known-disagreements.ts').toEqual([]);

      // the verdicts, against what gcc sees of the two sides
      const r = await runKdrift(['check', '--tree', tree, '--format', 'json'], { env: { NO_COLOR: '1' } });
      expect(r.code, r.stderr).toBe(0);
      const pairs = (JSON.parse(r.stdout) as { pairs: JsonPair[] }).pairs;
      const judged: string[] = [];
      const wrong: string[] = [];
      for (const p of pairs) {
        if (p.status !== 'differs') continue;
        const o = answers.get(p.tools);
        const n = answers.get(p.kernel);
        // a pair not on this ABI, or a side gcc cannot compile alone: nothing to hold it to
        if (!o?.compiled || !n?.compiled) continue;
        for (const c of unfounded(p, abi, o, n)) wrong.push(`${p.kernel} (${p.verdict}): ${c}`);
        if (p.verdict !== 'equivalent' && p.verdict !== 'additive') continue;
        judged.push(`${p.verdict} ${p.kernel}`);
        for (const c of contradictions(p.verdict, o, n)) wrong.push(`${p.kernel} (${p.verdict}): ${c}`);
      }
      console.log(`verdicts held to gcc on ${abi}: ${judged.length}\n  ${judged.join('\n  ')}`);
      expect(wrong, 'what gcc sees change where the verdict says it does not').toEqual([]);
    });
  }
});
