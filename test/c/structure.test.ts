// parseStructure (a file's directives without tree-sitter) and units that read directives only:
// on every header of fixtures/, what they give agrees with the whole parse and the whole unit.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { parseFile, parseStructure } from '../../src/c/parse.js';
import { FileCache } from '../../src/c/unit.js';
import { buildModel } from '../../src/model/build.js';
import { createSession } from '../../src/model/session.js';
import { headersUnder } from '../helpers/headers.js';
import { REPO } from '../helpers/run.js';


const ALL = headersUnder(join(REPO, 'fixtures'));
const none = { declSyntax: new Map(), unrepaired: new Map() };

describe('parseStructure', () => {
  test('a #define inside an enumerator list keeps its place among the directives', ({ expect }) => {
    const src = '#define A 1\nenum e {\n#define B 2\n\tX = B,\n#undef B\n};\n#define C 3\n';
    const m = buildModel({ parsed: parseStructure('t.h', src), ...none }, { declarations: false });
    expect(m.macros.map((x) => `${x.name}@${x.line}`)).toEqual(['A@1', 'B@3', 'C@7']);
  });

  test(`every fixture header: the same macros and includes as the whole parse (${ALL.length} headers)`, ({ expect }) => {
    for (const f of ALL) {
      const src = readFileSync(f, 'latin1');
      const whole = buildModel({ parsed: parseFile(f, src), ...none }, { declarations: false });
      const structure = buildModel({ parsed: parseStructure(f, src), ...none }, { declarations: false });
      expect(structure.macros, f).toEqual(whole.macros);
      expect(structure.includes, f).toEqual(whole.includes);
      expect(structure.guard, f).toBe(whole.guard);
    }
  });
});

describe('a unit of directives only', () => {
  test('decides conditions as the whole unit does, and gives the values it can give alike', ({ expect }) => {
    let compared = 0;
    for (const f of ALL) {
      const includeDirs = [join(REPO, 'fixtures', 'diff', 'include'), join(REPO, 'fixtures', 'demo-tree', 'include', 'uapi')];
      const cache = new FileCache();
      const whole = createSession({ abi: 'x86_64', includeDirs, cache });
      const directives = createSession({ abi: 'x86_64', includeDirs, cache: new FileCache(), declarations: false });
      let a, b;
      try {
        a = whole.header(f);
      } catch {
        continue; // a header made to fail (a cycle, a runaway macro) fails in both
      }
      b = directives.header(f);
      for (const m of a.model.macros) {
        expect(b.isActive(m), `${f}:${m.line}`).toBe(a.isActive(m));
        const vb = b.macroValue(m.name);
        if (vb.ok) {
          expect(vb, `${f}: ${m.name}`).toEqual(a.macroValue(m.name));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  test('a value that needs a declaration is not given', ({ expect }) => {
    const dir = join(REPO, 'fixtures', 'diff', 'record-size-ioctl', 'new');
    const f = join(dir, readdirSync(dir)[0]!);
    const includeDirs = [join(REPO, 'fixtures', 'diff', 'include')];
    const whole = createSession({ abi: 'x86_64', includeDirs }).header(f);
    const directives = createSession({ abi: 'x86_64', includeDirs, declarations: false }).header(f);
    const sized = whole.model.macros.filter((m) => m.body.includes('struct') && whole.macroValue(m.name).ok);
    expect(sized.length).toBeGreaterThan(0);
    for (const m of sized) expect(directives.macroValue(m.name).ok).toBe(false);
  });
});
