// The generated tables validate gives table-missing-entry: for a header pair whose tools copy
// feeds one of perf's table generators (tools/perf/Makefile.perf), each table regenerated from
// the kernel's version (what a sync would make). Which names a table must hold is the tables
// module's judgement (src/tables/coverage.ts): a name its pattern misses (`miss`) is left out of
// the entries; every other name of the family's prefix (an entry, an exclusion with its reason,
// a name the spec says is no member) counts as covered. A tree without Makefile.perf has none.
import { existsSync } from '../fs.js';
import { resolve } from 'node:path';
import { coverage } from '../tables/coverage.js';
import { generate } from '../tables/generate.js';
import { abiForSrcarch, HeaderStore } from '../tables/headers.js';
import { generatorsFedBy, srcarchOfTools } from '../tables/impact.js';
import { MAKEFILE_PERF } from '../tables/makefile.js';
import { SPEC_BY_NAME } from '../tables/specs/index.js';
import { chooseSpec, toolsIncludeDirs } from '../tables/tree.js';
import type { FamilyTable } from './check.js';

/** The tables fed by `tools` (tree-relative), made from `kernel`'s version of it. */
export function generatedTables(tree: string, pair: { kernel: string; tools: string }): FamilyTable[] {
  if (!existsSync(resolve(tree, MAKEFILE_PERF))) return [];
  const srcarch = srcarchOfTools(pair.tools);
  const runs = generatorsFedBy(tree, pair.tools, { srcarch });
  if (!runs.length) return [];
  const toolsPath = resolve(tree, pair.tools);
  const store = new HeaderStore(abiForSrcarch(srcarch), toolsIncludeDirs(tree, srcarch), new Map([[toolsPath, resolve(tree, pair.kernel)]]));
  const out: FamilyTable[] = [];
  for (const run of runs) {
    const spec = chooseSpec(run)?.spec ?? SPEC_BY_NAME.get(run.name)!;
    const g = generate(spec, { args: run.args, store });
    const cov = coverage(g, store);
    for (const t of g.tables) {
      const missed = new Set(cov.tables.find((c) => c.table === t.array)?.findings.filter((f) => f.kind === 'miss').map((f) => f.name));
      for (const fr of t.runs) {
        const prefix = fr.family.select.prefix;
        if (!prefix || resolve(fr.header) !== toolsPath) continue;
        const got = store.get(fr.header);
        if (!got.ok) continue;
        const names = [...got.header.model.macros, ...got.header.model.enums.flatMap((e) => e.constants)].map((x) => x.name).filter((n) => n.startsWith(prefix));
        out.push({ name: `${run.script} (${t.array})`, file: run.makefile, line: run.line, prefix, entries: [...new Set(names)].filter((n) => !missed.has(n)) });
      }
    }
  }
  return out;
}
