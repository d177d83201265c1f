// Hand-made model inputs: symbols as a header would give them, evidence as tree-sitter would.
import { symbolsFrom, type Sym, type Symbols } from '../../src/emulator/model.js';
import type { Finding } from '../../src/validate/types.js';

/** Symbols of one copy, on consecutive lines; `families` lists member names per prefix. */
export function syms(copy: Symbols['copy'], file: string, values: Record<string, bigint>, families: Record<string, string[]> = {}): Symbols {
  let line = 10;
  const list: Sym[] = Object.entries(values).map(([name, value]) => ({ name, value, file, line: line++ }));
  return symbolsFrom(copy, file, list, new Map(Object.entries(families)));
}

/** One line per finding, as the text report prints them (without the file). */
export const dump = (fs: readonly Finding[]) => fs.map((f) => `${f.severity} ${f.code} ${f.name ?? '-'}: ${f.message}`).join('\n');
