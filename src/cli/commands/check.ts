// `kdrift check`: a drop-in for tools/perf/check-headers.sh that reads the tree's own script.
import { Option, type Command } from 'commander';
import { existsSync } from '../../fs.js';
import { resolve } from 'node:path';
import { describeRun, isDirectory, loadPairListCached, SCRIPT_PATH, type CheckRequest } from '../../check/source.js';
import { comparePairsIndexed } from '../../check/pair-index.js';
import { summarize, type ListWarning, type PairResult } from '../../check/types.js';
import { KdriftError, formatPoint } from '../../errors.js';
import { FORMATS, REPORTERS, type Format } from '../../report/index.js';
import { EXIT } from '../exit-codes.js';
import type { RegisterCommand } from './index.js';
import { reaches, THRESHOLDS, warnsUnder, type Threshold } from '../../diff/classify.js';
import type { StampMemo } from '../../cache/results.js';

const HELP = `
Run without options in tools/perf of a kernel tree, it does what check-headers.sh does: it reads
that script (never runs it) for the pairs and their diff options (-B, -I REGEX, check_2,
beauty_check, check_ignore_some_hunks), compares them as GNU diff would, and prints the same
warning block. Constructs of the script it does not understand are warnings on stderr, with
their line. Colour only on a terminal, never with NO_COLOR.

Manifest (--manifest FILE), for trees without the script; paths relative to the tree:
  {"version": 1, "pairs": [{"tools": "tools/include/uapi/linux/kvm.h",
     "kernel": "include/uapi/linux/kvm.h", "options": ["-B"]}]}
  Optional per pair: "ignoreHunks": "FILE" (grep patterns, as check_ignore_some_hunks),
  "requiresKernel": false (a missing kernel file is reported instead of skipped).

Exit codes: 0 done (differences are warnings), 1 differences with --strict, 2 usage error,
3 unreadable tree, script or manifest, 70 internal error.
`;

interface CheckOptions {
  tree?: string;
  manifest?: string;
  format: Format;
  strict?: boolean;
  semantic: boolean;
  only?: Threshold;
  failOn?: Threshold;
}

export const registerCheck: RegisterCommand = (program: Command, setExit) => {
  program
    .command('check')
    .description("compare the tools/ header copies with the kernel's, as tools/perf/check-headers.sh does")
    .option('--tree <dir>', 'the kernel tree to check (default: the tree whose tools/perf is the current directory)')
    .option('--manifest <file>', 'read the pairs from this JSON file instead of the tree\'s check-headers.sh')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--strict', 'exit 1 when a pair differs')
    .addOption(new Option('--only <verdict>', 'warn only about pairs whose semantic verdict reaches this, or that it could not judge (a build warns when it matters)').choices(THRESHOLDS))
    .addOption(new Option('--fail-on <verdict>', 'exit 1 when a pair\'s semantic verdict reaches this').choices(THRESHOLDS))
    .option('--no-semantic', 'only what check-headers.sh does: no semantic diff or table impact of the differing pairs')
    .addHelpText('after', HELP)
    .action(async (opts: CheckOptions) => {
      setExit(await runCheck(opts, program.version() ?? '0.0.0'));
    });
};

async function runCheck(opts: CheckOptions, version: string): Promise<number> {
  if (!opts.semantic && (opts.only || opts.failOn)) {
    throw new KdriftError('usage', '--only and --fail-on need the semantic diff', undefined, 'drop --no-semantic');
  }
  const cwd = process.cwd();
  const req: CheckRequest = { tree: locateTree(opts, cwd), cwd, strict: !!opts.strict };
  if (opts.manifest !== undefined) req.manifest = opts.manifest;
  else if (opts.tree === undefined) req.scriptDir = cwd; // like the script: run in its own directory
  const list = await loadPairListCached(req);
  const run = describeRun(req, list);

  let out = '';
  const env = {
    write: (s: string) => void (out += s),
    color: !!process.stdout.isTTY && !process.env.NO_COLOR,
    base: process.env.GITHUB_WORKSPACE ? resolve(process.env.GITHUB_WORKSPACE) : cwd,
    version,
  };
  const reporter = REPORTERS[opts.format](env);
  // On a terminal the list warnings go to stderr; GitHub's format carries them as annotations.
  const notes: ListWarning[] = opts.format === 'github' ? [] : [...list.warnings];
  reporter.begin(run);
  const results: PairResult[] = [];
  if (!run.skipped) {
    // The text block names pairs only: no need to count the hunks of a pair that surely differs.
    for (const r of await comparePairsIndexed(req.tree, list, { detail: opts.format !== 'text' })) {
      // A problem the list's reader already warned about (same line) is not repeated.
      const p = r.problem;
      if (p && opts.format !== 'github' && !list.warnings.some((w) => w.file === p.file && w.line === p.line)) notes.push(p);
      results.push(r);
    }
  }
  if (opts.semantic) {
    // one look at each file the cached results depend on, for the whole run
    const stamps: StampMemo = new Map();
    await addSemantics(req.tree, results, notes, stamps);
  }
  let failed = false;
  for (const r of results) {
    if (r.semantic && opts.only && !warnsUnder(r.semantic.verdict, opts.only)) r.warned = false;
    if (r.semantic && opts.failOn && reaches(r.semantic.verdict, opts.failOn)) failed = true;
    reporter.add(r);
  }
  const summary = summarize(results);
  reporter.end(summary);
  if (notes.length) process.stderr.write(notes.map((w) => `kdrift: ${formatPoint(w)}: warning: ${w.message}\n`).join(''));
  process.stdout.write(out);
  return (opts.strict && summary.warned > 0) || failed ? EXIT.findings : EXIT.ok;
}

/**
 * For every pair whose files differ: its semantic diff and, when its tools copy feeds one of
 * perf's table generators (read from the tree's Makefile.perf), the entries a sync would change
 * in those tables. A pair the model cannot read is a warning.
 */
async function addSemantics(tree: string, results: PairResult[], notes: ListWarning[], stamps: StampMemo) {
  const differing = results.filter((r) => r.status === 'differs');
  if (!differing.length) return;
  const [{ semanticOutcomes }, { MAKEFILE_PERF }] = await Promise.all([import('../check-semantic.js'), import('../../tables/makefile.js')]);
  const job = { tree, pairs: differing.map((r) => ({ tools: r.spec.tools, kernel: r.spec.kernel })), tables: existsSync(resolve(tree, MAKEFILE_PERF)) };
  const outcomes = await semanticOutcomes(job, stamps);
  differing.forEach((r, i) => {
    const o = outcomes[i]!;
    if (o.semantic) r.semantic = o.semantic;
    if (o.tables) r.tables = o.tables;
    notes.push(...o.notes);
  });
}

/** The tree root: --tree, else the tree whose tools/perf holds the script in the current directory. */
function locateTree(opts: CheckOptions, cwd: string): string {
  if (opts.tree !== undefined) {
    const tree = resolve(cwd, opts.tree);
    if (!isDirectory(tree)) throw new KdriftError('missing-file', `${opts.tree}: no such directory`, undefined, '--tree names the top directory of a kernel tree');
    return tree;
  }
  if (opts.manifest !== undefined) return cwd;
  if (!existsSync(resolve(cwd, 'check-headers.sh'))) {
    throw new KdriftError('usage', 'no check-headers.sh in the current directory', undefined, `run \`kdrift check\` in tools/perf of a kernel tree, or name the tree with --tree DIR (it reads DIR/${SCRIPT_PATH})`);
  }
  return resolve(cwd, '../..');
}
