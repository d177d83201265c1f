// Sorts a run's disagreements against the reviewed list: the unlisted ones and the stale entries both fail the oracle test.
import { comparedKey, KDRIFT_ONLY_FAILS, type Comparison, type Disagreement } from './compare.js';
import { KNOWN_DISAGREEMENTS, type KnownDisagreement } from './known-disagreements.js';
import type { Abi } from './toolchain.js';

export interface Triage {
  /** Disagreements no entry explains (kdrift-only values among them when KDRIFT_ONLY_FAILS). */
  unlisted: Disagreement[];
  /** Entries that applied to this run (their name was compared) and found no disagreement: delete them. */
  stale: KnownDisagreement[];
  /** Disagreements an entry explains. */
  listed: number;
}

/** Triage of one run over one tree on one ABI. */
export function triage(
  cmp: Comparison,
  run: { abi: Abi; tree: 'system' | 'kernel' },
  known: readonly KnownDisagreement[] = KNOWN_DISAGREEMENTS,
): Triage {
  const entries = known.filter((k) => (k.abi ?? run.abi) === run.abi && (k.tree ?? run.tree) === run.tree);
  const byKey = new Map(entries.map((k) => [comparedKey(run.abi, k.header, k.name), k]));
  const used = new Set<KnownDisagreement>();
  const unlisted: Disagreement[] = [];
  let listed = 0;
  for (const d of KDRIFT_ONLY_FAILS ? [...cmp.disagreements, ...cmp.kdriftOnly] : cmp.disagreements) {
    if (d.abi !== run.abi) continue;
    const k = byKey.get(comparedKey(d.abi, d.header, d.name));
    if (k) {
      used.add(k);
      listed++;
    } else unlisted.push(d);
  }
  const stale = entries.filter((k) => !used.has(k) && cmp.compared.has(comparedKey(run.abi, k.header, k.name)));
  return { unlisted, stale, listed };
}
