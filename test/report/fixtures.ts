// Check records for the reporter tests: a run and a handful of results of every kind.
import { parseDiffArgv } from '../../src/check/diff-options.js';
import { summarize, type CheckRun, type PairResult, type PairSpec } from '../../src/check/types.js';
import type { Reporter, ReporterEnv } from '../../src/report/index.js';

export function spec(tools: string, kernel: string, argv: string[] = ['-B'], more: Partial<PairSpec> = {}): PairSpec {
  return { tools, kernel, diff: parseDiffArgv(argv).options, requiresKernel: true, origin: { file: 'tools/perf/check-headers.sh', line: 16, callLine: 178, via: 'check' }, ...more };
}

export const RUN: CheckRun = {
  tree: '/src/linux',
  source: { kind: 'script', path: 'tools/perf/check-headers.sh' },
  warnings: [{ file: 'tools/perf/check-headers.sh', line: 42, message: 'a `while` loop is not read' }],
  strict: false,
};

export const RESULTS: PairResult[] = [
  { spec: spec('tools/include/uapi/linux/const.h', 'include/uapi/linux/const.h'), status: 'identical', warned: false, bytesIdentical: true, hunks: { total: 0, ignored: 0 } },
  { spec: spec('tools/include/uapi/linux/kvm.h', 'include/uapi/linux/kvm.h'), status: 'differs', warned: true, reason: 'differs', bytesIdentical: false, hunks: { total: 3, ignored: 1 } },
  { spec: spec('tools/include/linux/bits.h', 'include/linux/bits.h'), status: 'missing-tools', warned: true, reason: 'missing-tools', bytesIdentical: false, hunks: { total: 0, ignored: 0 } },
  { spec: spec('tools/arch/x86/include/asm/x.h', 'arch/x86/include/asm/x.h'), status: 'missing-kernel', warned: false, bytesIdentical: false, hunks: { total: 0, ignored: 0 } },
  {
    spec: spec('tools/lib/bitmap.c', 'lib/bitmap.c', ['-u'], {
      ignoreHunks: { file: 'tools/perf/check-header_ignore_hunks/lib/bitmap.c', missing: { warns: true, message: 'tools/perf/check-header_ignore_hunks/lib/bitmap.c not found. Skipping lib/bitmap.c check.' } },
      origin: { file: 'tools/perf/check-headers.sh', line: 216, via: 'check_ignore_some_hunks' },
    }),
    status: 'differs',
    warned: true,
    reason: 'ignore-hunks-missing',
    bytesIdentical: false,
    hunks: { total: 0, ignored: 0 },
  },
];

export function render(make: (env: ReporterEnv) => Reporter, opts: { run?: Partial<CheckRun>; color?: boolean; base?: string; results?: PairResult[] } = {}): string {
  let out = '';
  const r = make({ write: (s) => void (out += s), color: opts.color ?? false, base: opts.base ?? '/src/linux', version: '0.1.0' });
  const results = opts.results ?? RESULTS;
  r.begin({ ...RUN, ...opts.run });
  for (const x of results) r.add(x);
  r.end(summarize(results));
  return out;
}

/** A differing pair with its semantic diff and the table impact of a sync. */
export const SEMANTIC: PairResult = {
  ...RESULTS[1]!,
  semantic: {
    kind: 'header',
    old: 'tools/include/uapi/linux/kvm.h',
    new: 'include/uapi/linux/kvm.h',
    verdict: 'additive',
    abis: ['x86_64', 'i386', 'arm64'],
    diagnostics: [],
    changes: [
      { kind: 'macro-added', name: 'KVM_CAP_X', after: '240', file: 'include/uapi/linux/kvm.h', line: 950 },
      { kind: 'macro-added', name: 'KVM_SET_X', after: '_IOW(KVMIO, 0xd6, __u64)', file: 'include/uapi/linux/kvm.h', line: 1600 },
      { kind: 'comment-or-whitespace', name: '10-12', file: 'include/uapi/linux/kvm.h', line: 10 },
    ],
  },
  tables: [{ table: 'kvm_ioctl_cmds', generator: 'kvm_ioctl', added: ['KVM_SET_X'], removed: [], changed: [] }],
};

/**
 * `kdrift check --format FORMAT` run in tools/perf of fixtures/check/unread-on-one-side, whose
 * demo_cpuid.h the model cannot read on the kernel's side only; stdout, after a clean exit.
 */
export async function checkUnreadFixture(format: 'json' | 'github' | 'sarif'): Promise<string> {
  const { runMain } = await import('../check/run-main.js');
  const { REPO } = await import('../helpers/run.js');
  const { join } = await import('node:path');
  const r = await runMain(['check', '--format', format], { cwd: join(REPO, 'fixtures', 'check', 'unread-on-one-side', 'tools', 'perf') });
  if (r.code !== 0) throw new Error(`kdrift check --format ${format} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}
