import { describe, test } from 'vitest';
import { parseDiffArgv } from '../../src/check/diff-options.js';

/** What an argv comes to: the modelled options, then files, then what is not modelled or rejected. */
function summary(argv: string[]): string {
  const { options: o, files } = parseDiffArgv(argv);
  const on = [
    o.ignoreBlankLines && 'B',
    ...o.ignoreMatching.map((r) => `I(${r})`),
    o.ignoreSpaceChange && 'b',
    o.ignoreAllSpace && 'w',
    o.ignoreCase && 'i',
    o.stripTrailingCr && 'strip-cr',
    o.text && 'a',
  ].filter(Boolean);
  const extra = [...o.unmodelled.map((u) => `unmodelled ${u}`), ...o.invalid.map((u) => `invalid ${u}`)];
  return [on.join(' '), `files ${files.join(' ')}`, ...extra].join('; ');
}

describe('parseDiffArgv', () => {
  test.for([
    [['-B', 'a', 'b'], 'B; files a b'],
    [['-I', '^EXPORT', '-I^SYM', 'a', 'b'], 'I(^EXPORT) I(^SYM); files a b'],
    [['--ignore-matching-lines=x', '--ignore-matching-lines', 'y', 'a', 'b'], 'I(x) I(y); files a b'],
    [['-Bw', 'a', 'b'], 'B w; files a b'],
    [['-BI', 're', 'a', 'b'], 'B I(re); files a b'],
    [['--ignore-blank', '--ignore-space', 'a', 'b'], 'B b; files a b'],
    [['a', '-B', 'b'], 'B; files a b'],
    [['-u', '-U', '5', '--unified=2', '-q', '--brief', '-3', 'a', 'b'], '; files a b'],
    [['--', '-B', 'b'], '; files -B b'],
    [['-i', '--strip-trailing-cr', '-a', 'a', 'b'], 'i strip-cr a; files a b'],
    [['-N', '--ignore-trailing-space', 'a', 'b'], '; files a b; unmodelled -N; unmodelled --ignore-trailing-space'],
    [['-Y', '--frobnicate', '--ignore', 'a', 'b'], '; files a b; invalid -Y; invalid --frobnicate; invalid --ignore'],
    [['-I'], '; files ; invalid -I'],
  ] as [string[], string][])('%j', ([argv, want], { expect }) => {
    expect(summary(argv)).toBe(want);
  });

  test('argv keeps the option words in order, without the files', ({ expect }) => {
    expect(parseDiffArgv(['-I', '^a', 'x', '-B', 'y']).options.argv).toEqual(['-I', '^a', '-B']);
  });
});
