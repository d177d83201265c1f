// The JSON report of `kdrift validate`: its own versioned wire type, never a dump of internal
// objects. Values are JSON numbers when they are exact doubles, else decimal strings.
import { counts, type ValidateResult } from './result.js';
import type { Finding, FamilyKind } from './types.js';

export const JSON_VERSION = 1;

export interface WireFinding {
  severity: Finding['severity'];
  code: Finding['code'];
  family: string;
  name?: string;
  message: string;
  file: string;
  line: number;
}

export interface WireReport {
  version: typeof JSON_VERSION;
  tree: string;
  families: {
    family: string;
    header: string;
    kind: FamilyKind;
    members: { name: string; value: number | string }[];
    masks: { name: string; value: number | string; kind: 'valid' | 'partial' }[];
    findings: WireFinding[];
  }[];
  models: { model: string; generation: string; because: string; scenarios: number; copies: string[]; findings: WireFinding[] }[];
  skipped: { model: string; reason: string }[];
  summary: { errors: number; warnings: number; infos: number };
}

export function wireValue(v: bigint): number | string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

const wire = (f: Finding): WireFinding => ({
  severity: f.severity,
  code: f.code,
  family: f.family,
  ...(f.name !== undefined ? { name: f.name } : {}),
  message: f.message,
  file: f.file,
  line: f.line,
});

export function toWire(r: ValidateResult, tree: string): WireReport {
  const c = counts(r);
  return {
    version: JSON_VERSION,
    tree,
    families: r.families.map(({ family: f, findings }) => ({
      family: f.prefix,
      header: f.header,
      kind: f.kind,
      members: f.members.map((m) => ({ name: m.name, value: wireValue(m.value) })),
      masks: f.masks.map((m) => ({ name: m.name, value: wireValue(m.value), kind: m.kind })),
      findings: findings.map(wire),
    })),
    models: r.models.map((m) => ({ model: m.model, generation: m.generation, because: m.because, scenarios: m.scenarios, copies: m.copies, findings: m.findings.map(wire) })),
    skipped: r.skipped,
    summary: { errors: c.error, warnings: c.warning, infos: c.info },
  };
}

export function renderJson(r: ValidateResult, tree: string): string {
  return JSON.stringify(toWire(r, tree), null, 2) + '\n';
}
