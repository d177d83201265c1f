// src/report/dump.ts: the JSON line dump writes by hand is, byte for byte, JSON.stringify of the
// dump object (the contract's shape), on every header of fixtures/.
import { join } from 'node:path';
import { test } from 'vitest';
import { createSession } from '../../src/model/session.js';
import { dumpJson, dumpJsonText } from '../../src/report/dump.js';
import { headersUnder } from '../helpers/headers.js';
import { REPO } from '../helpers/run.js';


test('dumpJsonText is JSON.stringify(dumpJson) on every fixture header, on every ABI', ({ expect }) => {
  const includeDirs = [join(REPO, 'fixtures', 'diff', 'include'), join(REPO, 'fixtures', 'demo-tree', 'include', 'uapi')];
  let compared = 0;
  for (const abi of ['x86_64', 'i386', 'arm64'] as const) {
    const session = createSession({ abi, includeDirs });
    for (const f of headersUnder(join(REPO, 'fixtures'))) {
      let eh;
      try {
        eh = session.header(f);
      } catch {
        continue; // headers made to fail
      }
      expect(dumpJsonText(f, eh), f).toBe(JSON.stringify(dumpJson(f, eh)));
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(600);
});
