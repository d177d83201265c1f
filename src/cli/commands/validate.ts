// `kdrift validate`: capability bitmasks checked end to end (families, masks, docs, tools/
// copies) and through the reference emulator models.
import { Option, type Command } from 'commander';
import { existsSync, statSync } from '../../fs.js';
import { resolve } from 'node:path';
import { KdriftError } from '../../errors.js';
import { counts } from '../../validate/result.js';
import { renderJson } from '../../validate/render-json.js';
import { codesHelp, renderText } from '../../validate/render-text.js';
import { validateTree } from '../../validate/run.js';
import { EXIT } from '../exit-codes.js';
import type { RegisterCommand } from './index.js';
import { tuneCompiler } from '../v8-tuning.js';

const HELP = `
Reads the header pairs tools/perf/check-headers.sh lists (or, without the script, every
tools/**/*.h whose original exists) and the headers of the emulator models, finds families of
constants by prefix and shape (bit families, value families, ioctl numbers; --family takes one
as declared), checks them against their masks, the tools/ copies and the #define lines of rst
literal blocks under Documentation/, and runs every emulator model whose symbols the tree has.

${codesHelp()}

Exit codes: 0 no error finding, 1 an error finding, 2 usage error, 3 unreadable tree.`;

interface ValidateOptions {
  tree?: string;
  family: string[];
  format: 'text' | 'json';
}

export const registerValidate: RegisterCommand = (program: Command, setExit) => {
  program
    .command('validate')
    .description('check capability bitmasks end to end: families, masks, docs, tools/ copies, emulator models')
    .option('--tree <dir>', 'the kernel tree (default: the current directory)')
    .option('--family <prefix>', 'take the constants with this prefix as a family (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', HELP)
    .action((opts: ValidateOptions) => {
      const tree = resolve(opts.tree ?? '.');
      if (!existsSync(tree) || !statSync(tree).isDirectory()) throw new KdriftError('missing-file', `no such tree: ${opts.tree ?? '.'}`, { file: opts.tree ?? '.' }, 'give the kernel tree with --tree DIR');
      tuneCompiler();
      const result = validateTree({ tree, declared: opts.family });
      for (const n of result.notes) process.stderr.write(`kdrift: note: ${n}\n`);
      process.stdout.write(opts.format === 'json' ? renderJson(result, opts.tree ?? '.') : renderText(result));
      setExit(counts(result).error > 0 ? EXIT.findings : EXIT.ok);
    });
};
