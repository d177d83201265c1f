// madvise_behavior.sh: the MADV_* advices of uapi/asm-generic/mman-common.h, indexed by value.
import type { GeneratorSpec } from '../spec.js';
import { DIGITS_DEFINE, INDEX_FORMAT } from './shapes.js';

export const madvise_behavior: GeneratorSpec = {
  name: 'madvise_behavior',
  script: 'tools/perf/trace/beauty/madvise_behavior.sh',
  scripts: { '925bc43b81541bac': 'v6.12', 'd4d694b63c3f59e7': 'v6.1' },
  args: ['header_dir'],
  parts: [
    {
      kind: 'table',
      array: 'madvise_advices',
      open: 'static const char *madvise_advices[] = {\n',
      families: [
        {
          header: { dir: 'header_dir', file: 'mman-common.h' },
          select: { of: 'define', prefix: 'MADV_' },
          spelled: DIGITS_DEFINE,
          member: { style: 'index' },
          guarded: false,
          line: ['value', 'name'],
          order: 'sort-n',
          format: INDEX_FORMAT,
          index: { of: 'value' },
        },
      ],
      close: '};\n',
    },
  ],
};
