// Exit codes, in one place and listed in --help (as check-uapi.sh and difftastic do).
import type { ErrorKind } from '../errors.js';

export const EXIT = {
  ok: 0, // nothing to report, or only what the options say is not a failure
  findings: 1, // --strict / --fail-on / validate errors: the tree has a problem
  usage: 2, // malformed command line
  input: 3, // bad input: unreadable or unparsable file, missing include, macro recursion
  internal: 70, // a bug in kdrift
} as const;

export const EXIT_BY_ERROR: Record<ErrorKind, number> = {
  usage: EXIT.usage,
  'missing-file': EXIT.input,
  'path-escape': EXIT.input,
  parse: EXIT.input,
  include: EXIT.input,
  macro: EXIT.input,
  io: EXIT.input,
  internal: EXIT.internal,
};

export const EXIT_CODES_HELP = `Exit codes:
  0   success (differences are warnings unless --strict or --fail-on says otherwise)
  1   findings that the options make fatal (--strict, --fail-on, validate errors)
  2   usage error
  3   bad input (missing or unparsable file, missing include, macro recursion, path outside the tree)
  70  internal error (a bug: please report it)`;
