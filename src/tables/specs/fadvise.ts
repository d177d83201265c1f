// fadvise.sh: the POSIX_FADV_* advices of uapi/linux/fadvise.h, indexed by value.
import type { GeneratorSpec } from '../spec.js';
import { DIGITS_DEFINE, INDEX_FORMAT } from './shapes.js';

export const fadvise: GeneratorSpec = {
  name: 'fadvise',
  script: 'tools/perf/trace/beauty/fadvise.sh',
  scripts: { '2df84a3575829219': 'v7.2', '4e8707e8f73dedc3': 'v6.12', '87c3ecce56380259': 'v6.1' },
  args: ['header_dir'],
  parts: [
    {
      kind: 'table',
      array: 'fadvise_advices',
      open: 'static const char *fadvise_advices[] = {\n',
      families: [
        {
          header: { dir: 'header_dir', file: 'fadvise.h' },
          select: { of: 'define', prefix: 'POSIX_FADV_' },
          // ([[:digit:]]+)[[:space:]]+.*: a blank must follow the digits on the line
          spelled: { ...DIGITS_DEFINE, after: 'blank' },
          exclude: [
            // grep -v "[6].*DONTNEED" | grep -v "[7].*NOREUSE"
            { name: 'POSIX_FADV_DONTNEED', written: '6', reason: 'a hack to filter out the s/390 oddity (see fadvise.h): on s390x DONTNEED and NOREUSE are 6 and 7' },
            { name: 'POSIX_FADV_NOREUSE', written: '7', reason: 'a hack to filter out the s/390 oddity (see fadvise.h): on s390x DONTNEED and NOREUSE are 6 and 7' },
          ],
          member: { style: 'index' },
          guarded: false,
          line: ['value', 'name'],
          order: 'sort',
          format: INDEX_FORMAT,
          index: { of: 'value' },
        },
      ],
      close: '};\n',
    },
  ],
  notes: ['The table is not per architecture: perf trace on x86 shows s390x advices 6 and 7 as DONTNEED and NOREUSE would be on x86 (4 and 5).'],
};
