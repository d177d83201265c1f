import { describe, test } from 'vitest';
import { join } from 'node:path';
import { generatorsFedBy, tableImpact } from '../../src/tables/impact.js';
import { FIXTURES } from './fixture.js';

const tree = join(FIXTURES, 'mini-tree');

describe('tableImpact', () => {
  test('a sync of kvm.h adds, removes and renumbers ioctls', ({ expect }) => {
    const r = tableImpact(tree, { 'tools/include/uapi/linux/kvm.h': join(tree, 'include/uapi/linux/kvm.h') });
    // KVM_NEW_SHIFTED is written `(1 << 3)`: the script would not take it, so neither does the table
    expect(r).toEqual([{ table: 'kvm_ioctl_cmds', generator: 'kvm_ioctl', added: ['KVM_NEW_IOCTL'], removed: ['KVM_OLD_IOCTL'], changed: ['KVM_RUN'] }]);
  });

  test('a header no table reads changes no table', ({ expect }) => {
    expect(tableImpact(tree, { 'tools/include/uapi/linux/other.h': join(tree, 'include/uapi/linux/kvm.h') })).toEqual([]);
  });

  test('which generators a tools copy feeds', ({ expect }) => {
    expect(generatorsFedBy(tree, 'tools/include/uapi/linux/kvm.h').map((r) => r.name)).toEqual(['kvm_ioctl']);
  });
});
