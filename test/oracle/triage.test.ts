import { describe, test } from 'vitest';
import { comparedKey, emptyComparison, type Disagreement } from './compare.js';
import { triage } from './triage.js';

const d = (name: string, abi: Disagreement['abi'] = 'x86_64'): Disagreement => ({ abi, header: 'linux/a.h', kind: 'macro', name, gcc: '1', kdrift: '2' });

describe('triage', () => {
  const cmp = emptyComparison();
  cmp.disagreements.push(d('LISTED'), d('NEW'), d('OTHER_ABI', 'i386'));
  for (const n of ['LISTED', 'NEW', 'FIXED']) cmp.compared.add(comparedKey('x86_64', 'linux/a.h', n));
  const known = [
    { header: 'linux/a.h', name: 'LISTED', cause: 'still wrong' },
    { header: 'linux/a.h', name: 'FIXED', cause: 'fixed since' },
    { header: 'linux/a.h', name: 'ABSENT', cause: 'a name of another kernel version' },
    { abi: 'arm64' as const, header: 'linux/a.h', name: 'NEW', cause: 'another ABI' },
    { tree: 'kernel' as const, header: 'linux/a.h', name: 'NEW', cause: 'another tree' },
  ];

  test('unlisted disagreements and stale entries fail; absent names and other ABIs or trees do not apply', ({ expect }) => {
    const t = triage(cmp, { abi: 'x86_64', tree: 'system' }, known);
    expect(t.unlisted.map((x) => x.name)).toEqual(['NEW']);
    expect(t.stale.map((x) => x.name)).toEqual(['FIXED']);
    expect(t.listed).toBe(1);
  });
});

describe('triage of kdrift-only values', () => {
  test('they fail like disagreements unless listed', ({ expect }) => {
    const cmp = emptyComparison();
    cmp.kdriftOnly.push({ ...d('LENIENT'), gcc: 'rejected' });
    cmp.compared.add(comparedKey('x86_64', 'linux/a.h', 'LENIENT'));
    expect(triage(cmp, { abi: 'x86_64', tree: 'system' }, []).unlisted.map((x) => x.name)).toEqual(['LENIENT']);
    expect(triage(cmp, { abi: 'x86_64', tree: 'system' }, [{ header: 'linux/a.h', name: 'LENIENT', cause: 'c' }]).listed).toBe(1);
  });
});
