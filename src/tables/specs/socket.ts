// socket.sh: IPPROTO_* (an enum of uapi/linux/in.h) and SOL_* (the beauty copy of linux/socket.h), indexed by value.
import type { GeneratorSpec } from '../spec.js';
import { INDEX_FORMAT } from './shapes.js';

export const socket: GeneratorSpec = {
  name: 'socket',
  script: 'tools/perf/trace/beauty/socket.sh',
  scripts: { '7dc4d9893f5a75c2': 'v6.12', '9d325f565256cf98': 'v6.1' },
  args: ['uapi_header_dir', 'beauty_header_dir'],
  parts: [
    {
      kind: 'table',
      array: 'socket_ipproto',
      open: 'static const char *socket_ipproto[] = {\n',
      families: [
        {
          header: { dir: 'uapi_header_dir', file: 'in.h' },
          select: { of: 'enumerator', prefix: 'IPPROTO_' },
          // ^[[:space:]]+IPPROTO_(\w+)[[:space:]]+=[[:space:]]+([[:digit:]]+),.*
          spelled: { of: 'enumerator', indent: 'required', value: { around: 'blanks', after: 'comma' } },
          member: { style: 'index', notMembers: [{ name: 'IPPROTO_MAX', reason: 'the number of protocols' }] },
          guarded: false,
          line: ['value', 'name'],
          order: 'sort-n',
          format: INDEX_FORMAT,
          index: { of: 'value' },
        },
      ],
      close: '};\n\n',
    },
    {
      kind: 'table',
      array: 'socket_level',
      open: 'static const char *socket_level[] = {\n',
      families: [
        {
          header: { dir: 'beauty_header_dir', file: 'socket.h' },
          select: { of: 'define', prefix: 'SOL_' },
          // ^#define[[:space:]]+SOL_(\w+)[[:space:]]+([[:digit:]]+)([[:space:]]+/.*)?  (no .*: anything else stays)
          spelled: { of: 'define', hash: 'tight', afterDefine: 'blanks', rest: 'word', gap: 'blanks', value: { form: 'digits' }, after: 'anything', keepRest: 'unless-comment' },
          member: { style: 'index' },
          guarded: false,
          line: ['value', 'name'],
          order: 'sort-n',
          format: INDEX_FORMAT,
          index: { of: 'value' },
        },
      ],
      close: '};\n\n',
    },
    { kind: 'text', text: 'DEFINE_STRARRAY(socket_level, "SOL_");\n' },
  ],
};
