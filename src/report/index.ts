// The reporters of `kdrift check`, one per format.
import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import type { Format, Reporter, ReporterEnv } from './reporter.js';
import { sarifReporter } from './sarif.js';
import { textReporter } from './text.js';

export { FORMATS, type Format, type Reporter, type ReporterEnv } from './reporter.js';

export const REPORTERS: Record<Format, (env: ReporterEnv) => Reporter> = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
};
