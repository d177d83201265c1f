// tree-sitter and its C grammar, loaded with require(). Both are CommonJS; an ESM `import` of
// them makes node run its CommonJS export lexer over tree-sitter's index.js, which took ~45 ms
// of every parsing start (and a TurboFan compile of the lexer on the compiler thread) on this
// machine, against ~2 ms for require().
import { createRequire } from 'node:module';
import type ParserClass from 'tree-sitter';

const load = createRequire(import.meta.url);

export const Parser = load('tree-sitter') as typeof ParserClass;
export const C = load('tree-sitter-c') as unknown as ParserClass.Language;
