// `kdrift diff OLD NEW`: the semantic diff of two versions of a header (any other file: by lines).
import { InvalidArgumentError, Option, type Command } from 'commander';
import { THRESHOLDS, diffFile, reaches, type Threshold } from '../../diff/index.js';
import { ABIS, type Abi } from '../../model/types.js';
import { diffJson } from '../../report/diff-json.js';
import { diagnosticLine, renderDiffText } from '../../report/diff-text.js';
import { EXIT } from '../exit-codes.js';
import type { RegisterCommand } from './index.js';

const HELP = `
Compares two versions of a C header on its model, as a program that includes it sees it: macro
values, enum constants, record layouts and members, typedefs and declarations, evaluated on each
ABI (x86_64, i386, arm64 unless --arch says otherwise). Each side is evaluated with its own
include path: --old-include / --new-include, then the -I directories both share. Files that are
not headers (.tbl, .S, .awk, .txt, .c) are compared by lines.

Verdicts, weakest first: identical (bytes equal), equivalent (nothing userspace can see differs:
comments, kernel-only blocks, includes, respelled macros, layout-identical spellings), additive
(only new names, or members carved from reserved space), differs (not judged: not a header,
tokens the model cannot place, or a member declaration it cannot parse), incompatible (an
existing name changed value, type, offset or size, was renamed or removed).

Exit codes: 0 done, 1 the verdict reaches --fail-on, 2 usage error, 3 unreadable input.

Example:
  kdrift diff tools/include/uapi/linux/kvm.h include/uapi/linux/kvm.h \\
    --old-include tools/include/uapi --old-include tools/include -I include/uapi -I arch/x86/include/uapi`;

interface DiffCommandOptions {
  include: string[];
  oldInclude: string[];
  newInclude: string[];
  arch: Abi[];
  format: 'text' | 'json';
  failOn?: Threshold;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

function collectAbi(v: string, prev: Abi[]): Abi[] {
  if (!(ABIS as readonly string[]).includes(v)) throw new InvalidArgumentError(`Allowed choices are ${ABIS.join(', ')}.`);
  return [...prev, v as Abi];
}

export const registerDiff: RegisterCommand = (program: Command, setExit) => {
  program
    .command('diff')
    .description('say what changed between two versions of a header for userspace, and what did not')
    .argument('<old>', 'the old version (e.g. the tools/ copy)')
    .argument('<new>', 'the new version (e.g. the kernel original)')
    .option('-I, --include <dir>', 'include directory for both sides, searched after the side\'s own', collect, [])
    .option('--old-include <dir>', 'include directory of the old side only, searched first', collect, [])
    .option('--new-include <dir>', 'include directory of the new side only, searched first', collect, [])
    .option('--arch <abi>', `compare on this ABI only (repeatable; one of ${ABIS.join(', ')}; default: all)`, collectAbi, [])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--fail-on <verdict>', 'exit 1 when the verdict is this or stronger').choices([...THRESHOLDS]))
    .addHelpText('after', HELP)
    .action((oldPath: string, newPath: string, o: DiffCommandOptions) => {
      setExit(runDiff(oldPath, newPath, o));
    });
};

function runDiff(oldPath: string, newPath: string, o: DiffCommandOptions): number {
  const d = diffFile(
    { path: oldPath, includeDirs: [...o.oldInclude, ...o.include] },
    { path: newPath, includeDirs: [...o.newInclude, ...o.include] },
    { abis: o.arch.length ? o.arch : ABIS },
  );
  if (d.kind === 'header') {
    for (const x of d.diagnostics) {
      process.stderr.write(`kdrift: ${diagnosticLine(x, { old: 'old side', new: 'new side' })}\n`);
    }
  }
  process.stdout.write(o.format === 'json' ? JSON.stringify(diffJson(d), null, 2) + '\n' : renderDiffText(d));
  return o.failOn && reaches(d.verdict, o.failOn) ? EXIT.findings : EXIT.ok;
}
