import { describe, test } from 'vitest';
import type { DefineSpelling } from '../../src/tables/spec.js';
import { spellDefine, spellEnumerator } from '../../src/tables/spelling.js';
import { HEX_DEFINE, IOCTL_DEFINE, IO_RW } from '../../src/tables/specs/shapes.js';

const KVM = IOCTL_DEFINE({ form: 'ioctl', callee: IO_RW, open: 'none', inside: 'any', base: { ident: 'KVMIO' }, nr: 'hex' });
const TIGHT: DefineSpelling = { of: 'define', hash: 'tight', afterDefine: 'blanks', rest: 'word', gap: 'blanks', value: { form: 'hex' }, after: 'end' };

describe('spellDefine', () => {
  test.for([
    ['hex', '#define CLONE_VM\t0x00000100\t/* vm */', HEX_DEFINE, '0x00000100'],
    ['hex with a suffix captures the digits', '#define CLONE_BIG 0x100000000ULL', HEX_DEFINE, '0x100000000'],
    ['indented, spaced #', '  #  define CLONE_VM 0x1', HEX_DEFINE, '0x1'],
    ['ioctl', '#define KVM_RUN _IO(KVMIO,   0x80)', KVM, '0x80'],
    ['tight: nothing after', '#define NMI_VECTOR\t\t\t0x02', TIGHT, '0x02'],
  ] as const)('%s', ([, line, sp, value], { expect }) => {
    const name = line.split(/\s+/).find((w) => /^[A-Z]/.test(w) && w !== 'define')!;
    const r = spellDefine(line, name, name.slice(name.indexOf('_') + 1), sp);
    expect(r).toEqual({ ok: true, value, rest: '' });
  });

  test.for([
    ['a shift', '#define CLONE_X (1 << 4)', HEX_DEFINE, 'the pattern wants a 0x… hex literal'],
    ['a comment before the value', '#define CLONE_X /* x */ 0x1', HEX_DEFINE, 'a comment where the pattern wants blanks'],
    ['a continued line', '#define KVM_X \\', KVM, 'the value is on the next line'],
    ['a named ioctl number', '#define KVM_X _IO(KVMIO, KVM_X_NR)', KVM, 'the pattern wants a 0x… hex literal'],
    ['a space before (', '#define KVM_X _IO (KVMIO, 0x1)', KVM, 'the pattern wants ( after _IO at once'],
    ['a comment after a tight value', '#define X_VECTOR 0xfe /* c */', TIGHT, 'where the pattern wants the end of the line'],
  ] as const)('misses %s', ([, line, sp, why], { expect }) => {
    const name = line.split(/\s+/)[1];
    const r = spellDefine(line, name, name.slice(name.indexOf('_') + 1), sp);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.why).toContain(why);
  });

  test('prctl: options are #define, arguments # define', ({ expect }) => {
    const sp: DefineSpelling = { of: 'define', hash: 'tight', afterDefine: 'one', rest: 'word', gap: 'any', value: { form: 'xdigits' }, after: 'end-or-slash' };
    expect(spellDefine('#define PR_SET_MM\t\t35', 'PR_SET_MM', 'SET_MM', sp).ok).toBe(true);
    expect(spellDefine('# define PR_SET_MM_MAP\t\t14', 'PR_SET_MM_MAP', 'SET_MM_MAP', sp).ok).toBe(false);
  });
});

describe('spellEnumerator', () => {
  test('fsconfig', ({ expect }) => {
    const sp = { of: 'enumerator', indent: 'any', value: { around: 'any', after: 'blanks-comma' } } as const;
    expect(spellEnumerator('\tFSCONFIG_SET_FLAG\t= 0,\t/* x */', 'FSCONFIG_SET_FLAG', sp)).toEqual({ ok: true, value: '0', rest: '' });
    expect(spellEnumerator('\tFSCONFIG_CMD_CREATE,', 'FSCONFIG_CMD_CREATE', sp).ok).toBe(false);
  });
});
