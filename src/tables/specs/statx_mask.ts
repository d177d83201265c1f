// statx_mask.sh: the STATX_* mask bits of uapi/linux/stat.h (the `mask` argument of statx(2)).
import type { GeneratorSpec } from '../spec.js';
import { HEX_DEFINE, ILOG2_FORMAT } from './shapes.js';

export const statx_mask: GeneratorSpec = {
  name: 'statx_mask',
  script: 'tools/perf/trace/beauty/statx_mask.sh',
  scripts: { '9a80c042acef8776': 'v6.12' },
  args: ['beauty_uapi_linux_dir'],
  parts: [
    {
      kind: 'table',
      array: 'statx_mask',
      open: 'static const char *statx_mask[] = {\n',
      families: [
        {
          header: { dir: 'beauty_uapi_linux_dir', file: 'stat.h' },
          select: { of: 'define', prefix: 'STATX_' },
          spelled: { ...HEX_DEFINE, rest: 'word2' },
          exclude: [
            { prefix: 'STATX_ALL', reason: 'STATX_ALL is another bitmask and deprecated' },
            { prefix: 'STATX_BASIC_STATS', reason: 'STATX_BASIC_STATS its a bitmask formed by the mask in the normal stat struct' },
            { prefix: 'STATX_ATTR_', reason: 'STATX_ATTR_*: Attributes to be found in stx_attributes and masked in stx_attributes_mask' },
          ],
          member: { style: 'bit', notMembers: [{ name: 'STATX__RESERVED', reason: 'reserved for future struct statx expansion' }] },
          guarded: false,
          line: ['value', 'name'],
          order: 'file',
          format: ILOG2_FORMAT,
          index: { of: 'ilog2+1' },
        },
      ],
      close: '};\n',
    },
  ],
};
