import { describe, test } from 'vitest';
import type { AndOr, Command, DqPart, List, Word, WordPart } from '../../src/check/shell-ast.js';
import { ShellSyntaxError, parseShell } from '../../src/check/shell-parser.js';

/** A compact, readable dump of a syntax tree: one line per command, with its line number. */
function dump(list: List, indent = ''): string {
  return list.map((ao) => dumpAndOr(ao, indent)).join('');
}
function dumpAndOr(ao: AndOr, indent: string): string {
  const pipes = [ao.first, ...ao.rest.map((r) => r.pipeline)];
  const ops = ['', ...ao.rest.map((r) => ` ${r.op} `)];
  if (pipes.length === 1 && pipes[0]!.commands.length === 1 && !pipes[0]!.negated) return dumpCommand(pipes[0]!.commands[0]!, indent);
  const text = pipes.map((p, k) => ops[k] + (p.negated ? '! ' : '') + p.commands.map((c) => dumpCommand(c, '').trim().replace(/^\d+: /, '')).join(' | ')).join('');
  return `${indent}${ao.line}: ${text}${ao.background ? ' &' : ''}\n`;
}
function dumpCommand(c: Command, indent: string): string {
  const at = `${indent}${c.line}: `;
  switch (c.type) {
    case 'simple': {
      const a = c.assigns.map((x) => `${x.name}${x.append ? '+=' : '='}${x.items ? `(${x.items.map(word).join(' ')})` : x.value ? word(x.value) : ''}`);
      const r = c.redirects.map((x) => `${x.fd ?? ''}${x.op}${word(x.target)}`);
      return `${at}${[...a, ...c.words.map(word), ...r].join(' ')}\n`;
    }
    case 'if':
      return `${at}if\n${c.clauses.map((cl) => `${dump(cl.cond, indent + '  ? ')}${dump(cl.body, indent + '  ')}`).join('')}${c.elseBody ? `${indent}  else\n${dump(c.elseBody, indent + '  ')}` : ''}`;
    case 'for':
      return `${at}for ${c.name}${c.items ? ` in ${c.items.map(word).join(' ')}` : ''}\n${dump(c.body, indent + '  ')}`;
    case 'loop':
      return `${at}${c.until ? 'until' : 'while'}\n${dump(c.cond, indent + '  ? ')}${dump(c.body, indent + '  ')}`;
    case 'case':
      return `${at}case ${word(c.subject)}\n${c.arms.map((a) => `${indent}  ${a.patterns.map(word).join('|')})\n${dump(a.body, indent + '    ')}`).join('')}`;
    case 'group':
      return `${at}${c.subshell ? '( )' : '{ }'}\n${dump(c.body, indent + '  ')}`;
    case 'function':
      return `${at}function ${c.name}\n${dumpCommand(c.body, indent + '  ')}`;
  }
}
function word(w: Word): string {
  return w.arrayAssign ? `${w.arrayAssign.name}=(${w.arrayAssign.items.map(word).join(' ')})` : w.parts.map(part).join('');
}
function part(p: WordPart | DqPart): string {
  switch (p.kind) {
    case 'lit':
      return p.text;
    case 'sq':
      return `'${p.text}'`;
    case 'dq':
      return `"${p.parts.map(part).join('')}"`;
    case 'param':
      return `\${${p.ref.length ? '#' : ''}${p.ref.name}${p.ref.index !== undefined ? `[${p.ref.index}]` : ''}${p.ref.modifier ?? ''}}`;
    case 'subst':
      return `«${p.text}»`;
  }
}

describe('parseShell', () => {
  test.for([
    ['comments and a line continuation', "check a \\\n  '-B' # why\n# alone\n", "1: check a '-B'\n"],
    ['an array over lines, with comments and shared lines', 'FILES=(\n  "a.h" # one\n  # none\n  b.h c.h\n)\nx=1\n', '1: FILES=("a.h" b.h c.h)\n6: x=1\n'],
    ['declare with an array', 'declare -a X=(a "b c")\n', '1: declare -a X=(a "b c")\n'],
    ['an append', 'X+=( "d" )\nY+=e\n', '1: X+=("d")\n2: Y+=e\n'],
    ['a function and its body', 'check () {\n  file=$1\n  shift\n  check_2 "tools/$file" "$file" "$@"\n}\n', '1: function check\n  1: { }\n    2: file=${1}\n    3: shift\n    4: check_2 "tools/${file}" "${file}" "${@}"\n'],
    ['`function` keyword', 'function f { :; }\n', '1: function f\n  1: { }\n    1: :\n'],
    ['if, elif, else', 'if ! [ -d ../../include ]\nthen\n  echo -e "${YELLOW}W"\n  exit 0\nelif true; then :\nelse\n  x=1\nfi\n', '1: if\n  ? 1: ! [ -d ../../include ]\n  3: echo -e "${YELLOW}W"\n  4: exit 0\n  ? 5: true\n  5: :\n  else\n  7: x=1\n'],
    ['for over an array, do on the same line', 'for i in "${FILES[@]}"; do check "$i" -B; done\n', '1: for i in "${FILES[@]}"\n  1: check "${i}" -B\n'],
    ['for over a string', 'for i in $FILES; do\n  check $i -B\ndone\n', '1: for i in ${FILES}\n  2: check ${i} -B\n'],
    ['and-or lists and pipelines', 'cd tools/perf || exit\ntest -d x && { echo a; }\ndiff -u a b | grep -vf h | wc -l\n', '1: cd tools/perf || exit\n2: test -d x && { }\n  2: echo a\n3: diff -u a b | grep -vf h | wc -l\n'],
    ['redirections', 'diff a b > /dev/null 2>&1\n', '1: diff a b >/dev/null 2>&1\n'],
    ['a here-document is skipped', 'cat <<EOF\nnot $(run)\nEOF\nx=1\n', '1: cat <<EOF\n4: x=1\n'],
    ['case', 'case "$a" in\n  x|y) check a ;;\n  *) :\nesac\n', '1: case "${a}"\n  x|y)\n    2: check a\n  *)\n    3: :\n'],
    ['while', 'while [ $n -lt 1 ]; do n=1; done\n', '1: while\n  ? 1: [ ${n} -lt 1 ]\n  1: n=1\n'],
    ['quoting kept as parts', `check x '-I "^a\\/b$"' "\\$x\\"" \\; $'\\t' \${#F[@]} \${x:-y} $(ls) \`ls\``, `1: check x '-I "^a\\/b$"' "$x"" ; '\t' \${#F[@]} \${x:-y} «$(ls)» «\`ls\`»\n`],
  ])('%s', ([, src, want], { expect }) => {
    expect(dump(parseShell(src!))).toBe(want);
  });

  test.for([
    ["echo 'open\n", 'single quote is not closed', 1],
    ['x=1\nif true; then\n  :\n', "expected 'fi' to close the `if` of line 2", 4],
    ['FILES=(\n  a\n', 'array assignment to FILES is not closed', 1],
    ['echo "a\nb', 'double quote is not closed', 1],
    ['for ((i=0;;)); do :; done', 'arithmetic for loops are not read', 1],
  ])('syntax error: %s', ([src, msg, line], { expect }) => {
    try {
      parseShell(src as string);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ShellSyntaxError);
      expect((e as ShellSyntaxError).message).toContain(msg);
      expect((e as ShellSyntaxError).line).toBe(line);
    }
  });
});
