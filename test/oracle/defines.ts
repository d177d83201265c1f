// What a header defines: macros and where each stands defined after `#include <header>` (from `gcc -E -dD`, whose output keeps every #define and #undef among the line markers), and, from its text, the candidates for silent drops.
//
// The unit tells what a name expands to; only this tells which file that definition came from —
// a `#ifndef X / #define X` in the header that another file already answered, or a header that
// defines a name kdrift does not list.

export interface Defines {
  /** The header's path as gcc opened it (the file <stdin> included), or null if it never did. */
  header: string | null;
  /** Name -> file and line of the definition in force at the end. */
  macros: Map<string, { file: string; line: number }>;
}

const MARKER = /^# (\d+) "((?:[^"\\]|\\.)*)"((?: \d)*)$/;
const DEFINE = /^#define ([A-Za-z_]\w*)/;
const UNDEF = /^#undef ([A-Za-z_]\w*)/;

export function parseDefines(preprocessed: string): Defines {
  const macros = new Map<string, { file: string; line: number }>();
  let header: string | null = null;
  let file = '';
  let line = 0;
  for (const text of preprocessed.split('\n')) {
    const m = MARKER.exec(text);
    if (m) {
      const next = m[2].replace(/\\(.)/g, '$1');
      if (header === null && file === '<stdin>' && m[3].split(' ').includes('1')) header = next;
      file = next;
      line = Number(m[1]);
      continue;
    }
    const d = DEFINE.exec(text);
    if (d) macros.set(d[1], { file, line });
    else {
      const u = UNDEF.exec(text);
      if (u) macros.delete(u[1]);
    }
    line++;
  }
  return { header, macros };
}

/**
 * Names the text of a header `#define`s anywhere (any branch), comments stripped and continued
 * lines joined: the candidates for a silent drop, which gcc -E then confirms.
 */
export function definedNames(text: string): string[] {
  const code = withoutComments(text);
  const names = new Set<string>();
  for (const m of code.matchAll(/^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)/gm)) names.add(m[1]);
  return [...names];
}

/**
 * `struct foo` / `union foo` for every tagged record the text of a header defines (outside
 * directives): the candidates for a record kdrift does not list, which gcc's sizeof then confirms.
 */
export function definedRecords(text: string): string[] {
  const code = withoutComments(text).replace(/^[ \t]*#.*$/gm, '');
  const names = new Set<string>();
  for (const m of code.matchAll(/\b(struct|union)\s+([A-Za-z_]\w*)\s*\{/g)) names.add(`${m[1]} ${m[2]}`);
  return [...names];
}

/** Comments blanked (newlines kept), continued lines joined. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (c) => c.replace(/[^\n]/g, ' ')).replace(/\\\n/g, ' ');
}
