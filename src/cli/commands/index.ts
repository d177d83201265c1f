// Every command registers itself here: one line each.
import type { Command } from 'commander';
import { registerDump } from './dump.js';

/** A command adds itself to the program; `setExit` records the exit code it wants. */
export type RegisterCommand = (program: Command, setExit: (code: number) => void) => void;

export const commands: RegisterCommand[] = [registerDump];
