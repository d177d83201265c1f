// Translates a GNU basic regular expression (diff -I, grep -f) into a JavaScript RegExp that
// matches the same lines. GNU BRE: \( \) \| \{m,n\} \+ \? \< \> \b \B \w \W \s \S \` \' \1..\9;
// `*` is literal at the start of an expression or after \( \| ^; `^` and `$` are anchors only at
// the ends of an expression or a branch; + ? { } | ( ) are literal; [...] with [:class:].
// Only whether a line matches is asked, so POSIX leftmost-longest and JS leftmost-first agree.

export class BreError extends Error {}

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
};

const JS_SPECIAL = /[\\^$.*+?()[\]{}|/]/;

function lit(c: string): string {
  return JS_SPECIAL.test(c) ? '\\' + c : c;
}

/** JavaScript source for a GNU BRE. Throws BreError with GNU's wording for a malformed one. */
export function breToJs(re: string): string {
  let out = '';
  // Output offsets where each open group and the current branch start, to wrap atoms.
  const groups: number[] = [];
  let atomStart = -1; // output offset of the last atom, -1 when there is none to repeat
  let lastWasQuantifier = false;
  let atBranchStart = true; // start of the expression, or just after \( or \|
  let afterAnchor = false; // just after a leading ^
  let nGroups = 0;

  const quantify = (q: string) => {
    if (atomStart < 0) return false;
    if (lastWasQuantifier) {
      out = out.slice(0, atomStart) + '(?:' + out.slice(atomStart) + ')';
    }
    out += q;
    lastWasQuantifier = true;
    return true;
  };
  const atom = (s: string) => {
    atomStart = out.length;
    out += s;
    lastWasQuantifier = false;
    atBranchStart = false;
    afterAnchor = false;
  };

  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '\\') {
      const n = re[++i];
      if (n === undefined) throw new BreError('Trailing backslash');
      switch (n) {
        case '(':
          groups.push(out.length);
          nGroups++;
          out += '(';
          atomStart = -1;
          lastWasQuantifier = false;
          atBranchStart = true;
          afterAnchor = false;
          continue;
        case ')': {
          const start = groups.pop();
          if (start === undefined) throw new BreError('Unmatched ) or \\)');
          out += ')';
          atomStart = start;
          lastWasQuantifier = false;
          atBranchStart = false;
          afterAnchor = false;
          continue;
        }
        case '|':
          out += '|';
          atomStart = -1;
          lastWasQuantifier = false;
          atBranchStart = true;
          afterAnchor = false;
          continue;
        case '{': {
          const end = re.indexOf('\\}', i + 1);
          if (end < 0) throw new BreError('Unmatched \\{');
          const body = re.slice(i + 1, end);
          const m = /^([0-9]*)(,?)([0-9]*)$/.exec(body);
          if (!m || (m[1] === '' && m[2] === '')) throw new BreError('Invalid content of \\{\\}');
          const lo = m[1] === '' ? '0' : m[1]!;
          const q = m[2] ? `{${lo},${m[3]}}` : `{${lo}}`;
          if (m[3] !== '' && m[2] && Number(m[3]) < Number(lo)) throw new BreError('Invalid content of \\{\\}');
          i = end + 1;
          if (atBranchStart || afterAnchor) atom(lit('{') + body.replace(/[{}]/g, '\\$&') + lit('}'));
          else if (!quantify(q)) throw new BreError('Invalid preceding regular expression');
          continue;
        }
        case '+':
        case '?':
          if (atBranchStart || afterAnchor) atom(lit(n));
          else quantify(n);
          continue;
        case '<':
          out += '\\b(?=\\w)';
          atomStart = -1;
          continue;
        case '>':
          out += '\\b(?<=\\w)';
          atomStart = -1;
          continue;
        case 'b':
        case 'B':
          out += '\\' + n;
          atomStart = -1;
          continue;
        case '`':
          out += '^';
          atomStart = -1;
          continue;
        case "'":
          out += '$';
          atomStart = -1;
          continue;
        case 'w':
        case 'W':
        case 's':
        case 'S':
          atom('\\' + n);
          continue;
        default:
          if (/[1-9]/.test(n)) {
            if (Number(n) > nGroups) throw new BreError('Invalid back reference');
            atom('\\' + n);
          } else atom(lit(n));
          continue;
      }
    }
    if (c === '*') {
      if (atBranchStart || afterAnchor || atomStart < 0) atom('\\*');
      else quantify('*');
      continue;
    }
    if (c === '^') {
      if (atBranchStart) {
        out += '^';
        atBranchStart = false;
        afterAnchor = true;
        atomStart = -1;
      } else atom('\\^');
      continue;
    }
    if (c === '$') {
      const rest = re.slice(i + 1);
      if (rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|')) {
        out += '$';
        atomStart = -1;
        lastWasQuantifier = false;
      } else atom('\\$');
      continue;
    }
    if (c === '.') {
      atom('.');
      continue;
    }
    if (c === '[') {
      const [cls, end] = bracket(re, i);
      atom(cls);
      i = end;
      continue;
    }
    atom(lit(c));
  }
  if (groups.length) throw new BreError('Unmatched ( or \\(');
  return out;
}

/** A bracket expression starting at `re[i] === '['`: its JS class and the index of its `]`. */
function bracket(re: string, i: number): [string, number] {
  let j = i + 1;
  let neg = false;
  if (re[j] === '^') {
    neg = true;
    j++;
  }
  let body = '';
  let first = true;
  for (;;) {
    if (j >= re.length) throw new BreError('Unmatched [, [^, [:, [., or [=');
    const c = re[j]!;
    if (c === ']' && !first) break;
    first = false;
    if (c === '[' && (re[j + 1] === ':' || re[j + 1] === '=' || re[j + 1] === '.')) {
      const kind = re[j + 1]!;
      const end = re.indexOf(kind + ']', j + 2);
      if (end < 0) throw new BreError('Unmatched [, [^, [:, [., or [=');
      const name = re.slice(j + 2, end);
      if (kind === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) throw new BreError('Invalid character class name');
        body += cls;
      } else body += name.replace(/[\\\]\[^-]/g, '\\$&');
      j = end + 2;
      continue;
    }
    body += c === '\\' || c === '[' || c === ']' || (c === '^' && body === '') ? '\\' + c : c;
    j++;
  }
  return [`[${neg ? '^' : ''}${body}]`, j];
}

/**
 * A string every line the BRE matches contains (its longest run of plain characters outside
 * groups and brackets, none of them optional), or '' when there is none to rely on: a cheap
 * `includes` first spares the regex engine most lines.
 */
export function requiredLiteral(re: string): string {
  let best = '';
  let run = '';
  let depth = 0;
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    let lit: string | null = null;
    if (c === '\\') {
      const n = re[++i];
      if (n === undefined) return '';
      if (n === '|' && depth === 0) return '';
      if (n === '|' || n === '(' || n === ')') {
        depth += n === '(' ? 1 : n === ')' ? -1 : 0;
        end();
        continue;
      }
      if (n === '{' || n === '?' || n === '+') {
        // \? and \{ made the character before optional: it was left out of the run (see below)
        if (n === '{') i = re.indexOf('\\}', i) + 1 || re.length;
        end();
        continue;
      }
      if (!/[1-9<>bBwWsS`']/.test(n)) lit = n;
    } else if (c === '[') {
      // skip the bracket expression
      let j = i + 1;
      if (re[j] === '^') j++;
      if (re[j] === ']') j++;
      while (j < re.length && re[j] !== ']') j += re[j] === '[' && /[:=.]/.test(re[j + 1] ?? '') ? re.indexOf(re[j + 1]! + ']', j + 2) + 2 - j : 1;
      i = j;
    } else if (c === '*') {
      // the character it repeats was left out of the run already (see below)
    } else if (c !== '.' && !(c === '^' && i === 0) && !(c === '$' && i === re.length - 1)) lit = c;
    if (lit !== null && depth === 0) {
      // a quantifier right after makes this character optional
      const next = re[i + 1];
      if (next === '*' || (next === '\\' && (re[i + 2] === '?' || re[i + 2] === '{'))) {
        end();
        continue;
      }
      run += lit;
    } else end();
  }
  end();
  return best.length >= 3 ? best : '';
}

const cache = new Map<string, RegExp>();

/** A RegExp testing whether a line (without its newline) matches the GNU BRE. Cached. */
export function compileBre(re: string, ignoreCase = false): RegExp {
  const key = (ignoreCase ? 'i' : 's') + re;
  let r = cache.get(key);
  if (!r) {
    r = new RegExp(breToJs(re), ignoreCase ? 'si' : 's');
    cache.set(key, r);
  }
  return r;
}
