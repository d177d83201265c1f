// SARIF 2.1.0 output for code-scanning services: one result per pair the script would list,
// located at the tools/ copy, the kernel file as a related location; the rules come from the
// reasons table; list warnings become tool execution notifications. Written once at the end.
// A pair's semantic verdict and table impact, when check computed them, end its message and are
// its result's properties; what the model could not read in one side of a pair is a note.
import { pathToFileURL } from 'node:url';
import type { CheckRun, PairResult, WarnReason } from '../check/types.js';
import { CHECK_SIDES, diagnosticText, oneSided } from './diff-text.js';
import { REASONS, semanticNote } from './reasons.js';
import type { Reporter, ReporterEnv } from './reporter.js';

export interface SarifLocationV1 {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId: 'SRCROOT' }; region?: { startLine: number } };
  message?: { text: string };
}

export interface SarifResultV1 {
  ruleId: string;
  ruleIndex: number;
  level: 'warning' | 'error';
  message: { text: string };
  locations: SarifLocationV1[];
  relatedLocations?: (SarifLocationV1 & { id: number })[];
  /** The semantic verdict, its changes counted by kind, and the table impact, when computed. */
  properties?: { verdict?: string; changes?: Record<string, number>; tables?: { table: string; added: string[]; removed: string[]; changed: string[] }[] };
}

function properties(r: PairResult): NonNullable<SarifResultV1['properties']> {
  const p: NonNullable<SarifResultV1['properties']> = {};
  if (r.semantic) {
    p.verdict = r.semantic.verdict;
    if (r.semantic.kind === 'header') {
      p.changes = {};
      for (const c of r.semantic.changes) p.changes[c.kind] = (p.changes[c.kind] ?? 0) + 1;
    }
  }
  if (r.tables) p.tables = r.tables.map(({ table, added, removed, changed }) => ({ table, added, removed, changed }));
  return p;
}

export interface SarifLogV1 {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: 'kdrift'; version: string; rules: { id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string }; defaultConfiguration: { level: 'warning' } }[] } };
    originalUriBaseIds: { SRCROOT: { uri: string } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: 'warning' | 'note'; message: { text: string }; locations?: SarifLocationV1[] }[] }[];
    results: SarifResultV1[];
  }[];
}

const REASON_ORDER = Object.keys(REASONS) as WarnReason[];

function loc(uri: string, line?: number): SarifLocationV1 {
  const l: SarifLocationV1 = { physicalLocation: { artifactLocation: { uri: encodeURI(uri), uriBaseId: 'SRCROOT' } } };
  if (line) l.physicalLocation.region = { startLine: line };
  return l;
}

export function sarifReporter(env: ReporterEnv): Reporter {
  let run: CheckRun | undefined;
  const results: SarifResultV1[] = [];
  /** What the model could not read on one side of a pair only: notes of the tool's execution, at their line. */
  const unread: { level: 'note'; message: { text: string }; locations: SarifLocationV1[] }[] = [];
  return {
    begin(r: CheckRun) {
      run = r;
    },
    add(r: PairResult) {
      if (!r.warned || !r.reason) return;
      if (r.semantic?.kind === 'header') {
        for (const d of oneSided(r.semantic.diagnostics)) {
          const text = `kdrift could not read this: ${diagnosticText(d, CHECK_SIDES)}`;
          unread.push({ level: 'note', message: { text }, locations: [loc(d.file, d.line)] });
        }
      }
      const info = REASONS[r.reason];
      results.push({
        ruleId: info.rule,
        ruleIndex: REASON_ORDER.indexOf(r.reason),
        level: run!.strict ? 'error' : 'warning',
        message: { text: info.message(r) + semanticNote(r) },
        locations: [loc(r.spec.tools)],
        relatedLocations: [{ id: 1, ...loc(r.spec.kernel), message: { text: 'the kernel file' } }],
        ...(r.semantic || r.tables ? { properties: properties(r) } : {}),
      });
    },
    end() {
      const notes: SarifLogV1['runs'][number]['invocations'][number]['toolExecutionNotifications'] = run!.warnings.map((w) => ({
        level: 'warning' as const,
        message: { text: w.message },
        locations: [loc(w.file, w.line)],
      }));
      if (run!.skipped) notes.push({ level: 'warning', message: { text: run!.skipped }, locations: [] });
      notes.push(...unread);
      const log: SarifLogV1 = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: {
                name: 'kdrift',
                version: env.version,
                rules: REASON_ORDER.map((k) => ({
                  id: REASONS[k].rule,
                  name: REASONS[k].rule.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
                  shortDescription: { text: REASONS[k].title },
                  fullDescription: { text: REASONS[k].description },
                  defaultConfiguration: { level: 'warning' },
                })),
              },
            },
            originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(run!.tree).href.replace(/\/?$/, '/') } },
            invocations: [{ executionSuccessful: true, toolExecutionNotifications: notes }],
            results,
          },
        ],
      };
      env.write(JSON.stringify(log, null, 2) + '\n');
    },
  };
}
