// GitHub Actions workflow commands: `::warning file=PATH,title=TITLE::MESSAGE` per pair the
// script would list (`::error` with --strict), located at the tools/ copy; list warnings at the
// script's line; the early exit as a notice. A pair's message ends with its semantic verdict and
// the table entries a sync would change, when check computed them; what the model could not read
// in one side of a pair is a notice at its line. Paths are relative to the workspace when the
// tree is inside it, else to the tree.
import { join, relative, sep } from 'node:path';
import type { CheckRun, PairResult } from '../check/types.js';
import { CHECK_SIDES, diagnosticText, oneSided } from './diff-text.js';
import { REASONS, semanticNote } from './reasons.js';
import type { Reporter, ReporterEnv } from './reporter.js';

function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function prop(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubReporter(env: ReporterEnv): Reporter {
  let run: CheckRun | undefined;
  const path = (p: string) => {
    const rel = relative(env.base, join(run!.tree, p));
    return (rel.startsWith('..') || rel === '' ? p : rel).split(sep).join('/');
  };
  const lines: string[] = [];
  return {
    begin(r: CheckRun) {
      run = r;
      for (const w of r.warnings) lines.push(`::warning file=${prop(path(w.file))}${w.line ? `,line=${w.line}` : ''},title=kdrift::${data(w.message)}`);
      if (r.skipped) lines.push(`::notice title=kdrift::${data(r.skipped)}`);
    },
    add(r: PairResult) {
      if (!r.warned || !r.reason) return;
      const info = REASONS[r.reason];
      lines.push(`::${run!.strict ? 'error' : 'warning'} file=${prop(path(r.spec.tools))},title=${prop(info.title)}::${data(info.message(r) + semanticNote(r))}`);
      // what the model could not read on one side only: at its line, since the verdict rests on the rest
      if (r.semantic?.kind === 'header') {
        for (const d of oneSided(r.semantic.diagnostics)) {
          lines.push(`::notice file=${prop(path(d.file))},line=${d.line},title=${prop('kdrift could not read this')}::${data(diagnosticText(d, CHECK_SIDES))}`);
        }
      }
    },
    end() {
      if (lines.length) env.write(lines.join('\n') + '\n');
    },
  };
}
