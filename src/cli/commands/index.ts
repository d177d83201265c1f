// Every command, by name; its module (and what it imports: tree-sitter, specs, models) loads
// only when that command runs, so `kdrift check` starts without the rest. One line each.
import type { Command } from 'commander';

/** A command adds itself to the program; `setExit` records the exit code it wants. */
export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

export const commands: Record<string, () => Promise<RegisterCommand>> = {
  check: async () => (await import('./check.js')).registerCheck,
  diff: async () => (await import('./diff.js')).registerDiff,
  tables: async () => (await import('./tables.js')).registerTables,
  validate: async () => (await import('./validate.js')).registerValidate,
  dump: async () => (await import('./dump.js')).registerDump,
};
