// sockaddr.sh: the AF_* address families of the beauty copy of linux/socket.h, indexed by value.
import type { GeneratorSpec } from '../spec.js';
import { INDEX_FORMAT } from './shapes.js';

export const sockaddr: GeneratorSpec = {
  name: 'sockaddr',
  script: 'tools/perf/trace/beauty/sockaddr.sh',
  scripts: { '3edf2a8e9619ee00': 'v6.12', '64732634d297ad80': 'v6.1' },
  args: ['header_dir'],
  parts: [
    {
      kind: 'table',
      array: 'socket_families',
      open: 'static const char *socket_families[] = {\n',
      families: [
        {
          header: { dir: 'header_dir', file: 'socket.h' },
          select: { of: 'define', prefix: 'AF_' },
          // ^#define[[:space:]]+AF_(\w+)[[:space:]]+([[:digit:]]+).*
          spelled: { of: 'define', hash: 'tight', afterDefine: 'blanks', rest: 'word', gap: 'blanks', value: { form: 'digits' }, after: 'anything' },
          exclude: [
            // grep -E -v "\"(UNIX|MAX)\""
            { name: 'AF_UNIX', reason: 'AF_UNIX is AF_LOCAL (1): the table keeps the POSIX name' },
            { name: 'AF_MAX', reason: 'AF_MAX is the number of families, not a family' },
          ],
          member: { style: 'index', notMembers: [{ name: 'AF_MAX', reason: 'the number of families' }] },
          guarded: false,
          line: ['value', 'name'],
          order: 'file',
          format: INDEX_FORMAT,
          index: { of: 'value' },
        },
      ],
      close: '};\n',
    },
  ],
};
