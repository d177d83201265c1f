// Renders coverage: text for people (one line per finding, counts per table, a verdict line)
// and a versioned JSON wire type. Reads only coverage.ts's records.
import { relative } from 'node:path';
import { FINDING_KINDS, hex, type Coverage, type Finding, type FindingKind } from './coverage.js';

const ORDER: FindingKind[] = ['miss', 'uncovered', 'extra', 'misindexed', 'shadowed', 'verbatim', 'dropped-duplicate', 'stale-exclusion'];

function where(f: { file: string; line: number }, tree: string): string {
  return f.file ? `${relative(tree, f.file)}:${f.line}` : '';
}

function findingLine(f: Finding, tree: string): string {
  const at = where(f, tree);
  const value = f.value !== undefined ? ` = ${hex(f.value)}` : '';
  return `  ${FINDING_KINDS[f.kind].title}: ${f.name}${value}${at ? ` (${at})` : ''}: ${f.detail}`;
}

export function coverageText(all: Coverage[], tree: string, opts: { verbose?: boolean } = {}): string {
  let out = '';
  const totals = new Map<FindingKind, number>();
  let entries = 0;
  let excluded = 0;
  let unchecked = 0;
  for (const c of all) {
    for (const t of c.tables) {
      entries += t.entries;
      excluded += t.excluded.length;
      unchecked += t.unchecked.length;
      const counts = ORDER.map((k) => [k, t.findings.filter((f) => f.kind === k).length] as const).filter(([, n]) => n);
      for (const [k, n] of counts) totals.set(k, (totals.get(k) ?? 0) + n);
      const parts = [`${t.entries} ${t.entries === 1 ? 'entry' : 'entries'}`, ...counts.map(([k, n]) => `${n} ${FINDING_KINDS[k].title}`)];
      if (t.excluded.length) parts.push(`${t.excluded.length} excluded`);
      if (t.unchecked.length) parts.push(`${t.unchecked.length} unchecked`);
      out += `${c.generator}: ${t.table}: ${parts.join(', ')}\n`;
      for (const k of ORDER) for (const f of t.findings.filter((x) => x.kind === k)) out += findingLine(f, tree) + '\n';
      if (opts.verbose) {
        for (const x of t.excluded) out += `  excluded: ${x.name} (${where(x, tree)}): ${x.reason}\n`;
        for (const u of t.unchecked) out += `  unchecked: ${u.name} (${where(u, tree)})${u.picked ? ', printed' : ''}: ${u.reason}\n`;
      } else if (t.unchecked.length) {
        const reasons = [...new Set(t.unchecked.map((u) => u.reason))];
        out += `  unchecked: ${t.unchecked.length} ${t.unchecked.length === 1 ? 'name whose value does' : 'names whose values do'} not evaluate (${reasons.slice(0, 2).join('; ')}${reasons.length > 2 ? '; …' : ''})\n`;
      }
    }
    for (const f of c.findings) {
      totals.set(f.kind, (totals.get(f.kind) ?? 0) + 1);
      out += `${c.generator}:${findingLine(f, tree).slice(1)}\n`;
    }
  }
  const found = ORDER.filter((k) => totals.get(k)).map((k) => `${totals.get(k)} ${FINDING_KINDS[k].title}`);
  out += `\n${all.length} ${all.length === 1 ? 'generator' : 'generators'}, ${entries} entries, ${excluded} excluded on purpose, ${unchecked} unchecked: ${found.length ? found.join(', ') : 'no silent drops'}\n`;
  return out;
}

/** Version 1 of `kdrift tables --coverage --format json`. */
export interface CoverageJsonV1 {
  kdrift: 'tables-coverage';
  version: 1;
  generators: {
    generator: string;
    tables: {
      table: string;
      entries: number;
      findings: FindingJson[];
      excluded: { name: string; file: string; line: number; reason: string }[];
      unchecked: { name: string; file: string; line: number; printed: boolean; reason: string }[];
    }[];
    findings: FindingJson[];
  }[];
}

interface FindingJson {
  kind: FindingKind;
  name: string;
  file: string;
  line: number;
  value?: string;
  written?: string;
  detail: string;
}

function findingJson(f: Finding, tree: string): FindingJson {
  return { kind: f.kind, name: f.name, file: f.file ? relative(tree, f.file) : '', line: f.line, ...(f.value !== undefined ? { value: hex(f.value) } : {}), ...(f.written !== undefined ? { written: f.written } : {}), detail: f.detail };
}

export function coverageJson(all: Coverage[], tree: string): CoverageJsonV1 {
  return {
    kdrift: 'tables-coverage',
    version: 1,
    generators: all.map((c) => ({
      generator: c.generator,
      tables: c.tables.map((t) => ({
        table: t.table,
        entries: t.entries,
        findings: t.findings.map((f) => findingJson(f, tree)),
        excluded: t.excluded.map((x) => ({ name: x.name, file: relative(tree, x.file), line: x.line, reason: x.reason })),
        unchecked: t.unchecked.map((u) => ({ name: u.name, file: relative(tree, u.file), line: u.line, printed: u.picked, reason: u.reason })),
      })),
      findings: c.findings.map((f) => findingJson(f, tree)),
    })),
  };
}

/** Whether coverage found silent drops (what --strict makes fatal). */
export function hasDrops(all: Coverage[]): boolean {
  return all.some((c) => c.findings.some((f) => f.kind === 'uncovered') || c.tables.some((t) => t.findings.some((f) => f.kind === 'miss' || f.kind === 'extra' || f.kind === 'misindexed')));
}
