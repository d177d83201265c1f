// --lang c: the text the beauty script prints, byte for byte (strings hold bytes as latin1).
import type { Generated } from '../generate.js';

export const C_EXTENSION = '.c';

export function emitC(g: Generated): string {
  return g.text;
}
