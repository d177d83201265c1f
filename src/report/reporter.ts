// The reporter interface of `kdrift check`: one reporter per output format, told about the run,
// then each pair in order, then the summary. Reporters only render the plain records of
// src/check/types.ts and keep their own state; they write through `out` and nowhere else.
import type { CheckRun, CheckSummary, PairResult } from '../check/types.js';

export interface Reporter {
  begin(run: CheckRun): void;
  add(result: PairResult): void;
  end(summary: CheckSummary): void;
}

export interface ReporterEnv {
  write(text: string): void;
  /** Colour escapes allowed (a terminal, and NO_COLOR unset). */
  color: boolean;
  /** The directory paths in annotations are relative to (GitHub's workspace, else the cwd). */
  base: string;
  version: string;
}

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
