// Every spec against its fixture: the C text byte for byte as the 6.12 script printed it for
// the same headers (expected.c), the coverage report (coverage.txt), and the TS and JSON forms
// carrying the same entries.
import { describe, test } from 'vitest';
import { coverage } from '../../src/tables/coverage.js';
import { emitJson } from '../../src/tables/emit/json.js';
import { emitTs } from '../../src/tables/emit/ts.js';
import { tableData } from '../../src/tables/emit/table-data.js';
import { coverageText } from '../../src/tables/report.js';
import { SPECS } from '../../src/tables/specs/index.js';
import { golden, runFixture } from './fixture.js';

const names = SPECS.map((s) => s.name);

describe('specs', () => {
  test('one spec per generator, each with a fixture', ({ expect }) => {
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(31);
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
