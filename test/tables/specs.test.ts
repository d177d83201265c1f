// Every spec against its fixture: the C text byte for byte as the newest script it knows printed
// it for the same headers (expected.c), the coverage report (coverage.txt), and the TS and JSON
// forms carrying the same entries. An older version of a script that prints otherwise has its
// own spec, held to its own golden (expected.v6.12.c: what 6.12's script printed).
import { describe, test } from 'vitest';
import { coverage } from '../../src/tables/coverage.js';
import { emitJson } from '../../src/tables/emit/json.js';
import { emitTs } from '../../src/tables/emit/ts.js';
import { tableData } from '../../src/tables/emit/table-data.js';
import { coverageText } from '../../src/tables/report.js';
import { OLDER_SPECS, SPECS } from '../../src/tables/specs/index.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, golden, runFixture } from './fixture.js';

const names = SPECS.map((s) => s.name);
/** Older specs with a golden of their own on the fixture: [label, spec, version]. */
const older = OLDER_SPECS.flatMap((spec) =>
  [...new Set(Object.values(spec.scripts).flatMap((v) => v.split(', ')))]
    .filter((v) => existsSync(join(FIXTURES, spec.name, `expected.${v}.c`)))
    .map((v) => [`${spec.name} ${v}`, spec, v] as const),
);

describe('specs', () => {
  test('one spec per generator, each with a fixture', ({ expect }) => {
    expect(new Set(names).size).toBe(names.length);
    // 6.12's 31, and 7.2's fsmount_attr.sh and syscalltbl.sh
    expect(names.length).toBe(33);
  });

  test('the older versions of the scripts 7.2 changed have their goldens', ({ expect }) => {
    expect(older.map(([label]) => label).sort()).toEqual(['arch_errno_names v6.12', 'clone v6.12', 'fs_at_flags v6.12', 'fsmount v6.12']);
  });

  test.for(older)('%s: byte-identical to that version of the script on the fixture', ([, spec, version], { expect }) => {
    const { generated } = runFixture(spec.name, spec);
    expect(generated.text).toBe(golden(spec.name, `expected.${version}.c`, 'latin1'));
  });

  test.for(names)('%s: byte-identical to the script on its fixture', (name, { expect }) => {
    const { generated } = runFixture(name);
    expect(generated.text).toBe(golden(name, 'expected.c', 'latin1'));
  });

  test.for(names)('%s: coverage', (name, { expect }) => {
    const { generated, store, dir } = runFixture(name);
    expect(coverageText([coverage(generated, store)], dir)).toBe(golden(name, 'coverage.txt'));
  });

  test.for(names)('%s: the TS module and the JSON carry the table', (name, { expect }) => {
    const { generated, dir } = runFixture(name);
    // emitTs parses its module back and throws when an entry differs
    const ts = emitTs(generated, dir);
    const json = JSON.parse(emitJson(generated, dir));
    const data = tableData(generated);
    expect(json.tables.map((t: { name: string }) => t.name)).toEqual(data.map((t) => t.name));
    for (const t of data) {
      expect(ts).toContain(`export const ${t.name}: Readonly<Record<number, string>> = {`);
      const jt = json.tables.find((x: { name: string }) => x.name === t.name);
      expect(jt.entries.map((e: { index: number; name: string }) => [e.index, e.name])).toEqual(t.entries.map((e) => [Number(e.index), e.name]));
    }
  });
});
