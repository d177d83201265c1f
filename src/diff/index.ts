// The semantic diff's entry points: `diffHeaders` compares two versions of a C header on the
// model (bytes, then C tokens, then every entity evaluated on each ABI); `diffText` compares any
// other file by lines; `diffFile` picks one by the file name. A header the model cannot evaluate
// at all falls back to the text comparison, and says why.
import { resolve } from 'node:path';
import type { Dependencies } from '../cache/results.js';
import { FileCache } from '../c/unit.js';
import { ABIS, type Abi } from '../model/types.js';
import { commentChanges, computeChanges } from './changes.js';
import { isHeaderPath, verdictOf } from './classify.js';
import { evaluateSide, type EvaluatedSide, type HeaderSide } from './sides.js';
import { compareTokens } from './tokens.js';
import { diffText, readCompared, textDiff } from './text.js';
import type { DiffDiagnostic, FileDiff, HeaderDiff } from './types.js';

export type { HeaderSide } from './sides.js';
export { diffText } from './text.js';
export type * from './types.js';
export { CHANGE_KINDS, CHANGE_KIND_ORDER } from './kinds.js';
export { reaches, strongest, verdictOf, THRESHOLDS, VERDICTS, type Threshold } from './classify.js';

export interface DiffOptions {
  /** ABIs to compare values and layouts on (default: all of ABIS). */
  abis?: readonly Abi[];
  /** One cache for a whole run, so that files both sides include are parsed once. */
  cache?: FileCache;
  /** Told every file the comparison reads and every include path it finds empty. */
  dependencies?: Dependencies;
}

/** Compares two versions of a header; each side is evaluated with its own include path. */
export function diffHeaders(old: HeaderSide, neu: HeaderSide, opts: DiffOptions = {}): FileDiff {
  const abis = opts.abis ?? ABIS;
  const labels = { old: old.label ?? old.path, new: neu.label ?? neu.path };
  const a = readCompared(old.path, labels.old);
  const b = readCompared(neu.path, labels.new);
  const base = { kind: 'header' as const, old: labels.old, new: labels.new };
  if (a.equals(b)) return { ...base, verdict: 'identical', changes: [], abis, diagnostics: [] };
  const tokens = compareTokens(a.toString('latin1'), b.toString('latin1'));
  // Equal tokens make equal models: nothing to evaluate.
  if (tokens.equal) return { ...base, verdict: 'equivalent', changes: commentChanges(labels.new, tokens), abis, diagnostics: [] };
  const cache = opts.cache ?? new FileCache();
  const so = evaluateSide(old, abis, cache);
  const sn = evaluateSide(neu, abis, cache);
  for (const s of [so, sn]) {
    if ('on' in s) for (const eh of s.on.values()) opts.dependencies?.add(eh.dependencies);
    // what a failed evaluation read is not known: such a result is not kept
    if (opts.dependencies && (!('on' in s) || s.failed.size)) opts.dependencies.incomplete = true;
  }
  if ('unevaluated' in so || 'unevaluated' in sn) {
    const why = 'unevaluated' in so ? `${labels.old}: ${so.unevaluated}` : `${labels.new}: ${(sn as { unevaluated: string }).unevaluated}`;
    return { ...textDiff(a, b, labels.old, labels.new), fallback: `the model could not evaluate ${why}` };
  }
  const both = abis.filter((x) => so.on.has(x) && sn.on.has(x));
  const changes = computeChanges({ old: so, new: sn, abis: both, sameEnvironment: sameEnvironment(old, neu, both, so, sn) }, tokens);
  const diagnostics = [...diagnosticsOf('old', so), ...diagnosticsOf('new', sn)];
  const result: HeaderDiff = { ...base, verdict: verdictOf(changes), changes, abis: both, diagnostics };
  return result;
}

/** Every include resolves to the same file on both sides: equal -I lists, no quoted (file-relative) include. */
function sameEnvironment(old: HeaderSide, neu: HeaderSide, abis: readonly Abi[], so: EvaluatedSide, sn: EvaluatedSide): boolean {
  const dirs = (s: HeaderSide, abi: Abi) => (typeof s.includeDirs === 'function' ? s.includeDirs(abi) : s.includeDirs).map((d) => resolve(d));
  const quoted = [...so.model.includes, ...sn.model.includes].some((i) => !i.system);
  return !quoted && abis.every((abi) => dirs(old, abi).join('\0') === dirs(neu, abi).join('\0'));
}

/** Errors met in the compared file itself, merged across ABIs. */
function diagnosticsOf(side: 'old' | 'new', s: EvaluatedSide): DiffDiagnostic[] {
  const byKey = new Map<string, DiffDiagnostic & { abis: Abi[] }>();
  for (const [abi, eh] of s.on) {
    for (const d of eh.diagnostics) {
      if (d.severity !== 'error' || d.file !== s.file) continue;
      const key = `${d.line}\0${d.message}`;
      const e = byKey.get(key);
      if (e) e.abis.push(abi);
      else byKey.set(key, { side, abis: [abi], severity: d.severity, file: s.label, line: d.line, message: d.message });
    }
  }
  for (const [abi, why] of s.failed) byKey.set(`failed\0${abi}`, { side, abis: [abi], severity: 'error', file: s.label, line: 0, message: `not evaluated on ${abi}: ${why}` });
  return [...byKey.values()];
}

/** A header by the model, any other file by its text. */
export function diffFile(old: HeaderSide, neu: HeaderSide, opts: DiffOptions = {}): FileDiff {
  if (isHeaderPath(neu.path) && isHeaderPath(old.path)) return diffHeaders(old, neu, opts);
  return diffText(old.path, neu.path, { old: old.label ?? old.path, new: neu.label ?? neu.path });
}
