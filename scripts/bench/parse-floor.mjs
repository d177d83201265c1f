// A floor for `kdrift check` without its cache, measured by `npm run bench` next to it: node's
// start, loading tree-sitter and parsing both sides of every differing C pair once with it
// (files as argv), and nothing else: no include, no evaluation, no diff, no output. kdrift must
// do at least this to read the pairs as the model requires.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const Parser = require('tree-sitter');
const parser = new Parser();
parser.setLanguage(require('tree-sitter-c'));
for (const f of process.argv.slice(2)) {
  const text = readFileSync(f, 'latin1');
  parser.parse(text, undefined, { bufferSize: text.length * 2 + 1024 });
}
