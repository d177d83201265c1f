// prctl_option.sh: the PR_* options of uapi/linux/prctl.h, and the PR_SET_MM_* sub-options.
// The script tells options from sub-options by how they are written: options are
// `#define PR_…` and sub-options are `# define PR_…`.
import type { GeneratorSpec } from '../spec.js';
import { INDEX_FORMAT } from './shapes.js';

export const prctl_option: GeneratorSpec = {
  name: 'prctl_option',
  script: 'tools/perf/trace/beauty/prctl_option.sh',
  scripts: { 'b9abffe35263c224': 'v6.12', '3b2bed3a6d1d4969': 'v6.1' },
  args: ['beauty_uapi_linux_dir'],
  parts: [
    {
      kind: 'table',
      array: 'prctl_options',
      open: 'static const char *prctl_options[] = {\n',
      families: [
        {
          header: { dir: 'beauty_uapi_linux_dir', file: 'prctl.h' },
          select: { of: 'define', prefix: 'PR_' },
          // ^#define[[:space:]]{1}PR_(\w+)[[:space:]]*([[:xdigit:]]+)([[:space:]]*/.*)?$
          spelled: { of: 'define', hash: 'tight', afterDefine: 'one', rest: 'word', gap: 'any', value: { form: 'xdigits' }, after: 'end-or-slash' },
          exclude: [{ prefix: 'PR_SET_PTRACER', reason: 'PR_SET_PTRACER is 0x59616d61 ("Yama"): far out of the array' }],
          // prctl.h writes options `#define PR_…` and their arguments `# define PR_…`
          member: { style: 'index', convention: { hash: 'tight' } },
          guarded: false,
          line: ['value', 'name'],
          order: 'sort-n',
          format: INDEX_FORMAT,
          index: { of: 'value' },
        },
      ],
      close: '};\n',
    },
    {
      kind: 'table',
      array: 'prctl_set_mm_options',
      open: 'static const char *prctl_set_mm_options[] = {\n',
      families: [
        {
          header: { dir: 'beauty_uapi_linux_dir', file: 'prctl.h' },
          select: { of: 'define', prefix: 'PR_SET_MM_' },
          // ^#[[:space:]]+define[[:space:]]+PR_SET_MM_(\w+)[[:space:]]*([[:digit:]]+).*
          spelled: { of: 'define', hash: 'hash-spaced', afterDefine: 'blanks', rest: 'word', gap: 'any', value: { form: 'digits' }, after: 'anything' },
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
