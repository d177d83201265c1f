import { describe, test } from 'vitest';
import { headersUnder } from '../oracle/run.js';
import { replayDifferences } from './replay.js';

const ROOT = 'fixtures/c/uapi';
const INCLUDES = [`${ROOT}/include`, `${ROOT}/arch/x86/include`];

describe('include replay changes nothing', () => {
  // the list in both orders: each header is dumped both before and after those that include it
  test.for(['x86_64', 'i386', 'arm64'] as const)('fixtures, %s', (abi, { expect }) => {
    const headers = [...headersUnder(ROOT, 'include'), ...headersUnder(ROOT, 'arch/x86/include')];
    expect(headers.length).toBeGreaterThan(15);
    for (const list of [headers, [...headers].reverse()]) expect(replayDifferences(ROOT, list, abi, INCLUDES)).toEqual([]);
  });
});
