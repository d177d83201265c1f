// The kdrift command line: one commander program, one file per command in ./commands.
// (./main.ts runs it, or replays a kept run without loading it.)
import { Command, CommanderError } from 'commander';
import { KdriftError, formatError } from '../errors.js';
import { EXIT, EXIT_BY_ERROR, EXIT_CODES_HELP } from './exit-codes.js';
import { commands } from './commands/index.js';

export async function runProgram(argv: string[]): Promise<number> {
  const program = new Command('kdrift')
    .description('Semantic drift checks for the Linux kernel tools/ header copies, perf beauty tables and capability bitmasks')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addHelpText('after', '\n' + EXIT_CODES_HELP);
  let code: number = EXIT.ok;
  // the command named first is the only one loaded; without one (help, a typo) all are
  const named = argv.find((a) => !a.startsWith('-'));
  const wanted = named !== undefined && named in commands ? [named] : Object.keys(commands);
  for (const name of wanted) {
    const register = await commands[name]();
    register(program, (c) => {
      code = c;
    });
  }
  for (const c of program.commands) c.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    return exitFor(e);
  }
}

export function exitFor(e: unknown): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    return EXIT.usage; // commander has already printed its message
  }
  if (e instanceof KdriftError) {
    process.stderr.write(formatError(e) + '\n');
    return EXIT_BY_ERROR[e.kind];
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`kdrift: internal error: ${msg}\n  hint: this is a bug in kdrift; set KDRIFT_DEBUG=1 for a stack trace\n`);
  if (process.env.KDRIFT_DEBUG && e instanceof Error) process.stderr.write(String(e.stack) + '\n');
  return EXIT.internal;
}
