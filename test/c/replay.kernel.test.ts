// Include replay over the ~1000 headers of the kernel tree's headers_install (see replay.ts).
import { describe, test } from 'vitest';
import { requireKernelTree } from '../helpers/kernel.js';
import { headersUnder } from '../oracle/run.js';
import { replayDifferences } from './replay.js';

describe('include replay changes nothing: headers_install of the kernel tree', () => {
  test.for([['x86_64', 'hdrX86'], ['arm64', 'hdrArm64']] as const)('%s', ([abi, dir], { expect }) => {
    const include = requireKernelTree()[dir];
    const headers = headersUnder(include, '.');
    expect(headers.length).toBeGreaterThan(900);
    expect(replayDifferences(include, headers, abi, [include])).toEqual([]);
  });
});
