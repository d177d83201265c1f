// x86_irq_vectors.sh: the *_VECTOR numbers of arch/x86's asm/irq_vectors.h (the beauty copy),
// indexed by vector, FIRST_EXTERNAL_VECTOR replaced by its value first.
import type { GeneratorSpec } from '../spec.js';
import { INDEX_FORMAT } from './shapes.js';

export const x86_irq_vectors: GeneratorSpec = {
  name: 'x86_irq_vectors',
  script: 'tools/perf/trace/beauty/tracepoints/x86_irq_vectors.sh',
  scripts: { '2a5810bc27edf92e': 'v6.12', 'ac90e75be273a63b': 'v6.1' },
  args: ['beauty_arch_asm_dir'],
  parts: [
    {
      kind: 'table',
      array: 'x86_irq_vectors',
      open: 'static const char *x86_irq_vectors[] = {\n',
      families: [
        {
          header: { dir: 'beauty_arch_asm_dir', file: 'irq_vectors.h' },
          select: { of: 'define', suffix: '_VECTOR' },
          // ^#define[[:space:]]+([[:alnum:]_]+)_VECTOR[[:space:]]+(0x[[:xdigit:]]+)$  — nothing may follow
          spelled: { of: 'define', hash: 'tight', afterDefine: 'blanks', rest: 'word', gap: 'blanks', value: { form: 'hex' }, after: 'end' },
          member: {
            style: 'index',
            range: [0n, 255n],
            anyConfig: true,
            notMembers: [
              { name: 'FIRST_EXTERNAL_VECTOR', reason: '"not that useful": the first vector devices get, replaced by its number where it is used' },
              { name: 'FIRST_SYSTEM_VECTOR', reason: 'the first system vector: another name for a vector the table has' },
            ],
          },
          guarded: false,
          line: ['value', 'name'],
          order: 'sort-n',
          format: INDEX_FORMAT,
          index: { of: 'value' },
          // sed -r "s/FIRST_EXTERNAL_VECTOR/${first_external_vector}/g"
          substitute: 'FIRST_EXTERNAL_VECTOR',
        },
      ],
      close: '};\n\n',
    },
  ],
};
