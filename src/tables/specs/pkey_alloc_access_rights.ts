// pkey_alloc_access_rights.sh: the PKEY_* access rights of uapi/asm-generic/mman-common.h.
import type { GeneratorSpec } from '../spec.js';
import { HEX_DEFINE } from './shapes.js';

export const pkey_alloc_access_rights: GeneratorSpec = {
  name: 'pkey_alloc_access_rights',
  script: 'tools/perf/trace/beauty/pkey_alloc_access_rights.sh',
  scripts: { '9c246f0a45a9ae12': 'v6.12', '2d01a5867138b74d': 'v6.1' },
  args: ['header_dir'],
  parts: [
    {
      kind: 'table',
      array: 'pkey_alloc_access_rights',
      open: 'static const char *pkey_alloc_access_rights[] = {\n',
      families: [
        {
          header: { dir: 'header_dir', file: 'mman-common.h' },
          select: { of: 'define', prefix: 'PKEY_' },
          // the pattern ends with [[:space:]]* and no .*: sed leaves the rest of the line, xargs reads it as more words
          spelled: { ...HEX_DEFINE, keepRest: 'after-blanks' },
          member: {
            style: 'bit',
            notMembers: [{ name: 'PKEY_ACCESS_MASK', reason: 'the mask of all access rights' }],
          },
          guarded: false,
          line: ['value', 'value', 'name'],
          order: 'sort',
          format: '\t[%s ? (ilog2(%s) + 1) : 0] = "%s",\n',
          index: { of: 'ilog2+1-or-0' },
        },
      ],
      close: '};\n',
    },
  ],
};
