// The spec fixtures: fixtures/tables/<generator>/ holds small headers modelled on the kernel's,
// `args` (the script's arguments, relative to the fixture, as Makefile.perf passes them) and
// the goldens: expected.c (what the newest script a spec knows prints for them), coverage.txt,
// and expected.<version>.c for an older version of the script that prints otherwise.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, type Generated } from '../../src/tables/generate.js';
import { HeaderStore } from '../../src/tables/headers.js';
import { SPEC_BY_NAME } from '../../src/tables/specs/index.js';
import type { GeneratorSpec } from '../../src/tables/spec.js';

export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/tables');

export interface SpecFixture {
  dir: string;
  store: HeaderStore;
  generated: Generated;
}

export function fixtureArgs(name: string): string[] {
  const spec = SPEC_BY_NAME.get(name)!;
  const dir = join(FIXTURES, name);
  const raw = readFileSync(join(dir, 'args'), 'utf8').trim().split('\n');
  return raw.map((a, i) => (spec.nonDirArgs?.includes(spec.args[i]) ? a : resolve(dir, a)));
}

/** The fixture of `name` through its newest spec, or through `version` (an older spec of it). */
export function runFixture(name: string, version?: GeneratorSpec): SpecFixture {
  const spec = version ?? SPEC_BY_NAME.get(name);
  if (!spec) throw new Error(`no spec ${name}`);
  const dir = join(FIXTURES, name);
  const includeDirs = [dir, join(dir, 'uapi'), join(dir, 'include/uapi')].filter((d) => existsSync(d));
  const store = new HeaderStore('x86_64', includeDirs);
  const generated = generate(spec, { args: fixtureArgs(name), store });
  return { dir, store, generated };
}

export function golden(name: string, file: string, encoding: BufferEncoding = 'utf8'): string {
  const p = join(FIXTURES, name, file);
  if (!existsSync(p)) throw new Error(`missing golden ${p}: goldens are written by hand or by running the kernel's script, never by the test`);
  return readFileSync(p, encoding);
}
