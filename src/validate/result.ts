// The hand-off from `kdrift validate`'s run to its renderers: plain data, nothing to compute.
import type { Family, Finding } from './types.js';

export interface HeaderReport {
  file: string;
  tools?: string;
  abi: string;
  /** Problems the model met evaluating it (missing includes, …): counted, listed with --verbose. */
  diagnostics: number;
}

export interface FamilyResult {
  family: Family;
  findings: Finding[];
}

export interface ModelResult {
  model: string;
  title: string;
  generation: string;
  because: string;
  scenarios: number;
  /** Which copies of the headers the model ran with. */
  copies: ('kernel' | 'tools')[];
  findings: Finding[];
}

export interface SkippedModel {
  model: string;
  reason: string;
}

export interface ValidateResult {
  tree: string;
  /** Where the header pairs came from. */
  pairs: string;
  headers: HeaderReport[];
  families: FamilyResult[];
  models: ModelResult[];
  skipped: SkippedModel[];
  /** rst files read and literal blocks with #define lines found in them. */
  docs: { files: number; blocks: number };
  notes: string[];
}

export function allFindings(r: ValidateResult): Finding[] {
  return [...r.families.flatMap((f) => f.findings), ...r.models.flatMap((m) => m.findings)];
}

export function counts(r: ValidateResult): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of allFindings(r)) c[f.severity]++;
  return c;
}
