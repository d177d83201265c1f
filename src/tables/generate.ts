// The one generator: a spec and the directories Makefile.perf passes its script give the
// text the script prints (byte for byte), the tables as data, and the rows coverage reads.
import { readdirSync } from '../fs.js';
import { join } from 'node:path';
import type { Macro, Place } from '../model/types.js';
import { printf, printfNumber, sortLines, sortNumericUnique } from './coreutils.js';
import { runFamily, type Entry, type FamilyRun, type RunContext } from './family.js';
import { HeaderStore, isFile } from './headers.js';
import type { ErrnoPart, GeneratorSpec, GrepPart, SyscallTablesPart } from './spec.js';

/** One table of a generated file: the C array and its entries in the script's order. */
export interface Table {
  array: string;
  entries: Entry[];
  /** The families that fed it (empty for errno tables). */
  runs: FamilyRun[];
}

export interface Generated {
  spec: GeneratorSpec;
  /** The C text, as the script prints it. */
  text: string;
  tables: Table[];
  /** Constants the text defines from the data (x86_msr's offsets). */
  constants: { name: string; written: string }[];
  /** Headers the spec reads that are not there (the script's grep complains and goes on). */
  missing: string[];
  /** What went oddly in emulating the script (printf errors, shifted words, lines printed as they are). */
  problems: string[];
  /** arch_errno_names: names `sort -nu` dropped because another has their value. */
  errnoDropped: { table: string; name: string; file: string; line: number; value: bigint; kept: string }[];
}

export interface GenerateOptions {
  /** Script argument name → directory, in the spec's `args` order as Makefile.perf passes them. */
  args: string[];
  store: HeaderStore;
  /** For arch_errno_names: a store per include path. */
  storeFor?: (includeDirs: string[]) => HeaderStore;
  /**
   * Compute the index C gives each entry (default true). Some index rules need the header
   * evaluated (kcmp's enumerators, drm's DRM_COMMAND_BASE); the C text never does.
   */
  index?: boolean;
}

export function generate(spec: GeneratorSpec, opts: GenerateOptions): Generated {
  const dirs: Record<string, string> = {};
  spec.args.forEach((a, i) => {
    if (opts.args[i] !== undefined) dirs[a] = opts.args[i];
  });
  const ctx: RunContext = { store: opts.store, dirs, constants: new Map(), index: opts.index ?? true };
  const out: Generated = { spec, text: '', tables: [], constants: [], missing: [], problems: [], errnoDropped: [] };
  const note = (r: FamilyRun) => {
    if (r.missing && !out.missing.includes(r.header)) out.missing.push(r.header);
    out.problems.push(...r.problems);
  };
  for (const part of spec.parts) {
    switch (part.kind) {
      case 'text':
        out.text += part.text;
        break;
      case 'table': {
        out.text += part.open;
        const table: Table = { array: part.array, entries: [], runs: [] };
        for (const f of part.families) {
          const r = runFamily(f, ctx);
          note(r);
          out.text += r.text;
          table.entries.push(...r.entries);
          table.runs.push(r);
        }
        out.text += part.close;
        out.tables.push(table);
        break;
      }
      case 'first-value': {
        const r = runFamily({ ...part.family, exclude: [], guarded: true }, ctx);
        note(r);
        const values = r.rows.filter((x) => x.spelled.ok).map((x) => (x.spelled as { value: string }).value);
        out.text += `#define ${part.constant} `;
        // `sort -n | head -1`
        const first = sortLines(values, (v) => v, 'sort-n')[0];
        if (first !== undefined) {
          out.text += first + '\n';
          out.constants.push({ name: part.constant, written: first });
          ctx.constants.set(part.constant, first);
        }
        break;
      }
      case 'grep':
        out.text += grepLines(part, ctx, out);
        break;
      case 'errno':
        generateErrno(part, dirs, opts, out);
        break;
      case 'syscalltbl':
        generateSyscallTables(part, dirs, opts, out);
        break;
    }
  }
  return out;
}

/** drm's `grep "#define DRM_COMMAND_BASE" drm.h`: the lines of that define, as they are. */
function grepLines(part: GrepPart, ctx: RunContext, out: Generated): string {
  const path = join(ctx.dirs[part.header.dir], part.header.file);
  const got = ctx.store.get(path);
  if (!got.ok) {
    out.missing.push(path);
    return '';
  }
  const want = '#define ' + part.define;
  let text = '';
  for (const m of got.header.model.macros) {
    if (!m.name.startsWith(part.define)) continue;
    const line = got.header.lines[m.line - 1] ?? '';
    if (line.includes(want)) text += line + '\n';
  }
  return text;
}

// ---- arch_errno_names ---------------------------------------------------------------------

/** `echo ARCH | sed -e 'y/- /__/' | tr upper lower` */
export function archString(arch: string): string {
  return arch.replace(/[- ]/g, '_').toLowerCase();
}

function generateErrno(part: ErrnoPart, dirs: Record<string, string>, opts: GenerateOptions, out: Generated) {
  const tools = dirs[part.dir];
  const includeDirs = [join(tools, 'include/uapi')];
  const store = opts.storeFor ? opts.storeFor(includeDirs) : new HeaderStore(opts.store.session.abi, includeDirs);
  const archDir = join(tools, 'arch');
  opts.store.dependencies.add({ dirs: [archDir] });
  let arches: string[] = [];
  try {
    arches = readdirSync(archDir)
      .filter((a) => {
        const f = join(archDir, a, 'include/uapi/asm/errno.h');
        if (isFile(f)) return true;
        opts.store.dependencies.absent.add(f);
        return false;
      })
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (part.archOrder === 'reversed') arches.reverse();
  } catch {
    out.missing.push(archDir);
  }
  out.text += part.head;
  for (const arch of ['generic', ...arches]) {
    const own = join(archDir, arch, 'include/uapi/asm/errno.h');
    const file = isFile(own) ? own : join(tools, 'include/uapi/asm-generic/errno.h');
    if (file !== own) opts.store.dependencies.absent.add(own);
    const defs = errnoDefines(file, store, out);
    // grep '^#define[[:blank:]]+(E[^[:blank:]]+)[[:blank:]]+([[:digit:]]+).*' | awk '{ print $2","$3; }'
    const lines = defs
      .filter((m) => m.kind === 'object' && m.name.length >= 2 && m.name.startsWith(part.prefix) && m.body[0] >= '0' && m.body[0] <= '9')
      .map((m) => ({ m, name: m.name, nr: m.body.split(' ')[0] }));
    const unique = sortNumericUnique(lines, (l) => l.nr);
    const a = archString(arch);
    const keptBy = new Map(unique.map((l) => [printfNumber(l.nr, []), l.name]));
    for (const l of lines) {
      if (unique.includes(l)) continue;
      const v = printfNumber(l.nr, []);
      out.errnoDropped.push({ table: `errno_to_name__${a}`, name: l.name, file: l.m.file, line: l.m.line, value: v, kept: keptBy.get(v) ?? '' });
    }
    out.text += `static const char *errno_to_name__${a}(int err)\n{\n\tswitch (err) {\n`;
    const entries: Entry[] = [];
    for (const l of unique) {
      const p = printf('\tcase %d: return "%s";\n', [l.nr, l.name]);
      out.text += p.text;
      out.problems.push(...p.errors);
      const errors: string[] = [];
      const index = printfNumber(l.nr, errors);
      entries.push({ full: l.name, name: l.name, written: l.nr, index: errors.length ? null : index, file: l.m.file, line: l.m.line });
    }
    out.text += '\tdefault: return "(unknown)";\n\t}\n}\n';
    out.tables.push({ array: `errno_to_name__${a}`, entries, runs: [] });
  }
  out.text += chooserText(part.chooser, arches.map(archString));
  if (store !== opts.store) opts.store.dependencies.add(store.dependencies);
}

/**
 * syscalltbl.sh: its steps in order. A table that is not there ends the text where the script
 * stops (`Missing file …`, exit 1, under `set -e`).
 */
function generateSyscallTables(part: SyscallTablesPart, dirs: Record<string, string>, opts: GenerateOptions, out: Generated) {
  const tools = dirs[part.dir];
  const fill = (format: string, m: string, n = '', s = '') => format.replace(/%([mns])/g, (_, k: string) => (k === 'm' ? m : k === 'n' ? n : s));
  for (const step of part.steps) {
    if ('text' in step) out.text += step.text;
    else if ('outer' in step) out.text += fill(part.print.outer, step.outer);
    else {
      const file = join(tools, step.table);
      const got = opts.store.get(file);
      if (!got.ok) {
        out.missing.push(file);
        out.problems.push(`${file}: not there: the script says "Missing file" and exits 1; its output ends here`);
        return;
      }
      const rows = syscallRows(got.header.lines, step.abis);
      const m = step.eMachine;
      out.text += fill(part.print.numToName, m);
      const entries: Entry[] = [];
      for (const r of sortLines(rows, (r) => r.text, 'sort-n')) {
        out.text += fill(part.print.numEntry, m, r.fields[0]!, r.fields[2] ?? '');
        entries.push({ full: r.fields[2] ?? '', name: r.fields[2] ?? '', written: r.fields[0]!, index: BigInt(r.fields[0]!), file, line: r.line });
      }
      out.text += part.print.close + fill(part.print.sortedNames, m);
      for (const byName of sortedByName(rows)) out.text += fill(part.print.sortedEntry, m, byName.nr, byName.name);
      out.text += part.print.close;
      // one C array per #if branch; the data needs one name per table
      const base = `syscall_num_to_name_${m}`;
      const array = out.tables.some((t) => t.array === base) ? `${base}__${step.abis.join('_')}` : base;
      out.tables.push({ array, entries, runs: [] });
    }
  }
}

interface SyscallRow {
  /** The line split at blanks, as `read` and awk split it. */
  fields: string[];
  text: string;
  line: number;
}

/** grep -E "^[0-9]+[[:space:]]+(ABI|…)": a number, blanks, then one of the ABIs (a prefix: nothing anchors its end). */
function syscallRows(lines: readonly string[], abis: readonly string[]): SyscallRow[] {
  const out: SyscallRow[] = [];
  lines.forEach((text, i) => {
    let j = 0;
    while (j < text.length && text[j]! >= '0' && text[j]! <= '9') j++;
    const digits = j;
    while (j < text.length && isSpace(text[j]!)) j++;
    if (digits === 0 || j === digits || !abis.some((a) => text.startsWith(a, j))) return;
    out.push({ fields: text.split(/[ \t]+/).filter(Boolean), text, line: i + 1 });
  });
  return out;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\r';
}

/**
 * The sorted-by-name list as the script makes it: awk pads each name with 0s to 20 characters
 * and appends the number, sort orders the lines bytewise (LC_COLLATE=C), and a sed takes off the
 * first run of 0s before the blank (`s/\([a-zA-Z1-9]\+\)0\+ \([0-9]\+\)/\1 \2/`).
 */
function sortedByName(rows: SyscallRow[]): { name: string; nr: string }[] {
  const padded = rows.map((r) => {
    const name = r.fields[2] ?? '';
    return `${name}${'0'.repeat(Math.max(0, 20 - name.length))} ${r.fields[0]}`;
  });
  return sortLines(padded, (l) => l, 'sort').map((l) => {
    const [name = '', ...rest] = unpad(l).split(/[ \t]+/).filter(Boolean);
    return { name, nr: rest.join(' ') };
  });
}

/** The sed: at the leftmost start where letters-or-1-9, then 0s, a blank and digits follow, the 0s go. */
function unpad(l: string): string {
  const word = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '1' && c <= '9'));
  for (let start = 0; start < l.length; start++) {
    if (!word(l[start])) continue;
    let j = start;
    while (word(l[j])) j++;
    const zeros = j;
    while (l[j] === '0') j++;
    if (j === zeros || l[j] !== ' ') continue;
    const digits = j + 1;
    let k = digits;
    while (l[k] !== undefined && l[k]! >= '0' && l[k]! <= '9') k++;
    if (k === digits) continue;
    return l.slice(0, zeros) + ' ' + l.slice(digits, k) + l.slice(k);
  }
  return l;
}

/** The function that picks an architecture's switch (archs as arch_string() spells them). */
function chooserText(chooser: ErrnoPart['chooser'], archs: string[]): string {
  const generic = archString('generic');
  if (typeof chooser === 'object') {
    let t = 'const char *arch_syscalls__strerrno(uint16_t e_machine, int err);\n\n__attribute__((unused)) const char *\narch_syscalls__strerrno(uint16_t e_machine, int err)\n{\n\tswitch (e_machine) {\n';
    for (const a of archs) {
      const cases = chooser.eMachine[a] ?? [];
      if (!cases.length) continue;
      for (const em of cases) t += `\tcase ${em}:\n`;
      t += `\t\treturn errno_to_name__${a}(err);\n`;
    }
    return t + `\tdefault:\n\t\treturn errno_to_name__${generic}(err);\n\t}\n}\n`;
  }
  const call = chooser === 'call' ? '(err)' : '';
  let t = chooser === 'call' ? 'const char *arch_syscalls__strerrno(const char *arch, int err)\n{\n' : 'arch_syscalls__strerrno_t *arch_syscalls__strerrno_function(const char *arch)\n{\n';
  for (const a of archs) t += `\tif (!strcmp(arch, "${a}"))\n\t\treturn errno_to_name__${a}${call};\n`;
  return t + `\treturn errno_to_name__${generic}${call};\n}\n`;
}

/**
 * The macros `gcc -E -dM` leaves defined after the header: each file's active definitions in
 * the order the preprocessor meets them, includes followed, a later definition replacing an
 * earlier one. (gcc prints them in its hash table's order; only ties in `sort -nu` could tell,
 * and coverage reports those.)
 */
export function errnoDefines(file: string, store: HeaderStore, out: Generated): Macro[] {
  const final = new Map<string, Macro>();
  const visiting = new Set<string>();
  const walk = (path: string) => {
    if (visiting.has(path)) return;
    const got = store.get(path);
    if (!got.ok) {
      out.missing.push(path);
      return;
    }
    visiting.add(path);
    // evaluated only when a condition needs it: errno headers have none but their guard
    const active = (p: Place) => p.context.length === 0 || got.header.evaluated().isActive(p);
    const items: ({ at: number; macro: Macro } | { at: number; include: string | null })[] = [];
    for (const m of got.header.model.macros) if (active(m)) items.push({ at: m.line, macro: m });
    for (const inc of got.header.model.includes) if (active(inc)) items.push({ at: inc.line, include: store.resolveInclude(inc) });
    items.sort((a, b) => a.at - b.at);
    for (const it of items) {
      if ('macro' in it) {
        final.delete(it.macro.name);
        final.set(it.macro.name, it.macro);
      } else if (it.include) walk(it.include);
    }
    visiting.delete(path);
  };
  walk(file);
  return [...final.values()];
}
