// Include replay (src/c/journal.ts) is an optimisation only: every header of a list, dumped in
// one session that replays what earlier headers recorded, must print exactly what a session
// that walks every include again prints. Main files are walked without recording (unit.ts), so
// a header dumped first and included later is recorded where it is included.
import { join } from 'node:path';
import { FileCache } from '../../src/c/unit.js';
import { KdriftError } from '../../src/errors.js';
import { createSession } from '../../src/model/session.js';
import type { Abi } from '../../src/model/types.js';
import { dumpJsonText } from '../../src/report/dump.js';

/** Each header's dump (or error), in order, from one session with or without replay. */
export function dumps(root: string, headers: readonly string[], abi: Abi, includeDirs: string[], replay: boolean): string[] {
  const session = createSession({ abi, includeDirs, cache: new FileCache(replay) });
  return headers.map((h) => {
    try {
      return dumpJsonText(h, session.header(join(root, h)));
    } catch (e) {
      if (e instanceof KdriftError) return `error: ${e.message}`;
      throw e;
    }
  });
}

/** Headers whose dump differs between the two sessions. */
export function replayDifferences(root: string, headers: readonly string[], abi: Abi, includeDirs: string[]): string[] {
  const walked = dumps(root, headers, abi, includeDirs, false);
  const replayed = dumps(root, headers, abi, includeDirs, true);
  return headers.filter((_, i) => walked[i] !== replayed[i]);
}
