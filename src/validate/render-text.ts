// The text report of `kdrift validate`: one line per finding in gcc's voice (editors jump to
// it), grouped by family and by model, then a summary in check-uapi.sh's voice with counts.
import { FINDINGS } from './codes.js';
import { counts, type ValidateResult } from './result.js';
import type { Finding } from './types.js';

export function findingLine(f: Finding): string {
  return `${f.file}:${f.line}: ${f.severity}: ${f.message} [${f.code}${f.name ? ` ${f.name}` : ''}]`;
}

export function renderText(r: ValidateResult): string {
  const out: string[] = [];
  for (const fr of r.families) {
    if (!fr.findings.length) continue;
    const f = fr.family;
    out.push(`${f.header}: family ${f.prefix} (${f.kind}, ${f.members.length} members${f.masks.length ? `, mask ${f.masks.map((m) => m.name).join(', ')}` : ''}):`);
    for (const x of fr.findings) out.push(`  ${findingLine(x)}`);
  }
  for (const m of r.models) {
    out.push(`model ${m.model}: generation ${m.generation} (${m.because}); ${m.scenarios} scenarios with the ${m.copies.join(' and ')} headers${m.findings.length ? ':' : ', nothing to report'}`);
    for (const x of m.findings) out.push(`  ${findingLine(x)}`);
  }
  for (const s of r.skipped) out.push(`model ${s.model}: not run: ${s.reason}`);
  const c = counts(r);
  const withFindings = r.families.filter((f) => f.findings.length).length;
  out.push(
    `kdrift validate: ${plural(r.families.length, 'family', 'families')} in ${plural(r.headers.length, 'header')} (pairs from ${r.pairs}), ${withFindings} with findings; ` +
      `${plural(r.docs.blocks, 'rst literal block')} with #define lines; ${r.models.length} of ${plural(r.models.length + r.skipped.length, 'model')} run`,
  );
  const verdict = c.error ? 'FAIL' : 'OK';
  out.push(`kdrift validate: ${verdict}: ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info`);
  return out.join('\n') + '\n';
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The codes and what they mean, for --help. */
export function codesHelp(): string {
  const rows = Object.entries(FINDINGS).map(([code, info]) => `  ${code.padEnd(22)} ${info.severity.padEnd(8)} ${info.title}`);
  return `Finding codes:\n${rows.join('\n')}`;
}
