import { describe, test } from 'vitest';
import { checkTs } from '../../src/tables/emit/ts.js';

const tables = [{ name: 'kvm_ioctl_cmds', entries: [{ index: 0n, name: 'GET_API_VERSION', define: 'KVM_GET_API_VERSION', file: 'kvm.h', line: 1 }], unindexed: [] }];

describe('checkTs', () => {
  test('accepts a module with the table', ({ expect }) => {
    expect(() => checkTs('export const kvm_ioctl_cmds: Readonly<Record<number, string>> = {\n  0: "GET_API_VERSION",\n};\n', tables, { constants: [] })).not.toThrow();
  });

  test.for([
    ['a wrong name', 'export const kvm_ioctl_cmds = { 0: "CREATE_VM" };', 'in the module'],
    ['a missing table', 'export const other = { 0: "X" };', 'lacks kvm_ioctl_cmds'],
    ['an index twice', 'export const kvm_ioctl_cmds = { 0: "GET_API_VERSION", 0x0: "X" };', 'index 0 twice'],
    ['a syntax error', 'export const kvm_ioctl_cmds = {', 'does not parse'],
  ] as const)('rejects %s', ([, text, msg], { expect }) => {
    expect(() => checkTs(text, tables, { constants: [] })).toThrow(msg);
  });
});
