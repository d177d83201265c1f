// C preprocessing tokens (C11 6.4), scanned by hand: macro bodies, #if conditions and
// declaration texts go through this lexer before expansion and evaluation.
// Comments become whitespace; backslash-newline continuations are joined; a `#` first on its
// line starts a directive, kept whole as one token so declaration texts can be re-emitted.

export type TokenKind = 'id' | 'num' | 'char' | 'str' | 'punct' | 'directive' | 'other';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based line in the scanned text (plus the caller's line offset). */
  line: number;
  /** 1-based column. */
  col: number;
  /** Whitespace (or a comment) came before it on the same line. */
  space: boolean;
  /** First token of its line. */
  bol: boolean;
  /** Directives only: the last line they occupy (continuations and comments included). */
  endLine?: number;
}

// Longest first, so that maximal munch falls out of a linear probe.
const PUNCTUATORS = [
  '%:%:', '...', '<<=', '>>=',
  '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*=', '/=', '%=', '+=', '-=',
  '&=', '^=', '|=', '##', '<:', ':>', '<%', '%>', '%:',
  '[', ']', '(', ')', '{', '}', '.', '&', '*', '+', '-', '~', '!', '/', '%', '<', '>', '^', '|',
  '?', ':', ';', '=', ',', '#',
];
const PUNCT_BY_FIRST = new Map<string, string[]>();
for (const p of PUNCTUATORS) {
  const list = PUNCT_BY_FIRST.get(p[0]) ?? [];
  list.push(p);
  PUNCT_BY_FIRST.set(p[0], list);
}

/** Punctuators by the code of their first character (all are ASCII). */
const PUNCT_BY_CODE: (string[] | undefined)[] = [];
for (const [first, list] of PUNCT_BY_FIRST) PUNCT_BY_CODE[first.charCodeAt(0)] = list;

/** Where the line at i ends: its newline, or the end of s. */
function endOfLine(s: string, i: number): number {
  const j = s.indexOf('\n', i);
  return j < 0 ? s.length : j;
}

/** `L`, `u`, `U` or `u8` from start to end of s. */
function isEncodingPrefix(s: string, start: number, end: number): boolean {
  const a = s.charCodeAt(start);
  if (end - start === 1) return a === 76 || a === 117 || a === 85;
  return end - start === 2 && a === 117 && s.charCodeAt(start + 1) === 56;
}

/** e, E, p, P: after one, a sign continues a pp-number. */
function isExponentMark(c: number): boolean {
  return c === 101 || c === 69 || c === 112 || c === 80;
}

function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c >= 128;
}
function isIdChar(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export interface LexOptions {
  /** Added to every line number (the text's first line is `lineBase + 1`). */
  lineBase?: number;
  /** Keep directives as `directive` tokens (default) or lex them like any other line. */
  directives?: boolean;
  /** Stop after this many tokens (the first tokens are the same as a whole lex's). */
  maxTokens?: number;
}

/**
 * Removes backslash-newline pairs. `conts` holds, for each pair removed, the offset in the
 * spliced text of the character that followed it: a character at spliced offset p lies as
 * many lines further down as there are entries <= p (null when there was no pair).
 */
function splice(src: string): { text: string; conts: Int32Array | null } {
  if (!src.includes('\\\n') && !src.includes('\\\r\n')) return { text: src, conts: null };
  // copied in slices between continuations: building the text a character at a time cost
  // more than lexing it
  const parts: string[] = [];
  const offsets: number[] = [];
  let n = 0;
  let from = 0;
  for (let i = src.indexOf('\\'); i >= 0; i = src.indexOf('\\', i)) {
    const c1 = src.charCodeAt(i + 1);
    const len = c1 === 10 ? 2 : c1 === 13 && src.charCodeAt(i + 2) === 10 ? 3 : 0;
    if (!len) {
      i++;
      continue;
    }
    parts.push(src.slice(from, i));
    n += i - from;
    offsets.push(n);
    from = i + len;
    i = from;
  }
  parts.push(src.slice(from));
  return { text: parts.join(''), conts: Int32Array.from(offsets) };
}

export function lex(source: string, opts: LexOptions = {}): Token[] {
  const tokens: Token[] = [];
  scanTokens(
    source,
    opts,
    (kind, s, start, end, line, col, space, bol) => {
      tokens.push({ kind, text: s.slice(start, end), line, col, space, bol });
    },
    (t) => {
      tokens.push(t);
    },
  );
  return tokens;
}

/** A token as scanTokens() reports it, without an object: its text is s.slice(start, end). */
export type TokenSink = (kind: TokenKind, s: string, start: number, end: number, line: number, col: number, space: boolean, bol: boolean) => void;

/**
 * The tokens of lex(source, opts), in order, to two callbacks: a directive as the Token lex
 * returns, every other token as its kind and place in the spliced text s (for a reader that
 * looks at few tokens, parse.ts's structure pass, no object is made for it).
 */
export function scanTokens(source: string, opts: LexOptions, onToken: TokenSink, onDirective: (t: Token) => void): void {
  const lineBase = opts.lineBase ?? 0;
  const keepDirectives = opts.directives ?? true;
  const maxTokens = opts.maxTokens ?? Infinity;
  const { text: s, conts } = splice(source);
  // continuations before the position last asked (positions are asked in increasing order)
  let contsBefore = 0;
  /** 1-based line in the source of spliced position pos, which has nl newlines before it. */
  const realLine = (pos: number, nl: number): number => {
    if (conts === null) return lineBase + 1 + nl;
    while (contsBefore < conts.length && conts[contsBefore] <= pos) contsBefore++;
    while (contsBefore > 0 && conts[contsBefore - 1] > pos) contsBefore--;
    return lineBase + 1 + nl + contsBefore;
  };
  let count = 0;
  let i = 0;
  let line = 0;
  let lineStart = 0;
  let space = false;
  let bol = true;
  const n = s.length;
  while (i < n && count < maxTokens) {
    const c = s.charCodeAt(i);
    if (c === 10) {
      i++;
      line++;
      lineStart = i;
      space = false;
      bol = true;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12) {
      i++;
      space = true;
      continue;
    }
    if (c === 47 && s.charCodeAt(i + 1) === 42) {
      const end = s.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      // newlines found by indexOf: most of a header's text is comments
      for (let j = s.indexOf('\n', i); j >= 0 && j < stop; j = s.indexOf('\n', j + 1)) {
        line++;
        lineStart = j + 1;
      }
      i = stop;
      space = true;
      continue;
    }
    if (c === 47 && s.charCodeAt(i + 1) === 47) {
      i = endOfLine(s, i);
      space = true;
      continue;
    }
    const start = i;
    const col = i - lineStart + 1;
    const tokLine = realLine(i, line);
    let kind: TokenKind;
    count++;
    if (bol && c === 35 && keepDirectives) {
      // directive: up to the end of the line, comments folded to a space
      // the text is copied in slices between comments
      let t = '';
      let from = i;
      // only a '/' can start a comment: the scan goes from one to the next on the line
      let eol = endOfLine(s, i);
      while (i < n && s.charCodeAt(i) !== 10) {
        const slash = s.indexOf('/', i);
        if (slash < 0 || slash >= eol) {
          i = eol;
          break;
        }
        i = slash;
        if (s.charCodeAt(i) === 47 && s.charCodeAt(i + 1) === 42) {
          t += s.slice(from, i) + ' ';
          const end = s.indexOf('*/', i + 2);
          const stop = end < 0 ? n : end + 2;
          for (let j = s.indexOf('\n', i); j >= 0 && j < stop; j = s.indexOf('\n', j + 1)) line++;
          i = from = stop;
          if (i > eol) eol = endOfLine(s, i);
          continue;
        }
        if (s.charCodeAt(i) === 47 && s.charCodeAt(i + 1) === 47) {
          t += s.slice(from, i);
          i = endOfLine(s, i);
          from = i;
          break;
        }
        i++;
      }
      t += s.slice(from, i);
      // the line of its last character: that is a newline only where an unterminated comment
      // ran to the end of the text
      let endLine: number;
      if (conts === null) endLine = lineBase + 1 + line;
      else {
        const last = Math.max(i - 1, start);
        endLine = realLine(last, last < i && s.charCodeAt(last) === 10 ? line - 1 : line);
      }
      onDirective({ kind: 'directive', text: t.trimEnd(), line: tokLine, col, space, bol, endLine });
      space = false;
      bol = false;
      continue;
    }
    if (isIdStart(c)) {
      i++;
      while (i < n && isIdChar(s.charCodeAt(i))) i++;
      // encoding prefixes of character and string literals
      const q = i < n ? s.charCodeAt(i) : -1; // (a read past the end would deoptimise)
      if ((q === 39 || q === 34) && isEncodingPrefix(s, start, i)) {
        i = scanQuoted(s, i, q);
        kind = q === 39 ? 'char' : 'str';
      } else kind = 'id';
    } else if (isDigit(c) || (c === 46 && isDigit(s.charCodeAt(i + 1)))) {
      // pp-number: digits, letters, underscores, dots, and e+ e- p+ p- signs
      i++;
      while (i < n) {
        const d = s.charCodeAt(i);
        if ((d === 43 || d === 45) && isExponentMark(s.charCodeAt(i - 1))) i++;
        else if (isIdChar(d) || d === 46) i++;
        else if (d === 39 && isIdChar(s.charCodeAt(i + 1))) i += 2; // C23 digit separator
        else break;
      }
      kind = 'num';
    } else if (c === 39 || c === 34) {
      i = scanQuoted(s, i, c);
      kind = c === 39 ? 'char' : 'str';
    } else {
      const cands = c < 128 ? PUNCT_BY_CODE[c] : undefined;
      let matched = 0;
      if (cands) {
        for (const p of cands) {
          if (s.startsWith(p, i)) {
            matched = p.length;
            break;
          }
        }
      }
      if (matched) {
        i += matched;
        kind = 'punct';
      } else {
        i++;
        kind = 'other';
      }
    }
    onToken(kind, s, start, i, tokLine, col, space, bol);
    space = false;
    bol = false;
  }
}

/**
 * The distinct identifiers (keywords included) that lex(source) gives as `id` tokens, in the
 * order they first occur, without making the tokens: the same scan, keeping only where each
 * token ends (a punctuator is stepped over a character at a time, which changes no boundary
 * an identifier, number, literal, comment or directive has).
 */
export function identifiers(source: string): string[] {
  const s = splice(source).text;
  const seen = new Set<string>();
  const n = s.length;
  let i = 0;
  let bol = true;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 10) {
      i++;
      bol = true;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12) {
      i++;
      continue;
    }
    if (c === 47 && s.charCodeAt(i + 1) === 42) {
      const end = s.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (c === 47 && s.charCodeAt(i + 1) === 47) {
      i = endOfLine(s, i);
      continue;
    }
    if (bol && c === 35) {
      // a directive runs to the end of its line, or of the last line a comment in it reaches
      let eol = endOfLine(s, i);
      while (i < n && s.charCodeAt(i) !== 10) {
        const slash = s.indexOf('/', i);
        if (slash < 0 || slash >= eol) {
          i = eol;
          break;
        }
        i = slash;
        if (s.charCodeAt(i) === 47 && s.charCodeAt(i + 1) === 42) {
          const end = s.indexOf('*/', i + 2);
          i = end < 0 ? n : end + 2;
          if (i > eol) eol = endOfLine(s, i);
          continue;
        }
        if (s.charCodeAt(i) === 47 && s.charCodeAt(i + 1) === 47) {
          i = endOfLine(s, i);
          break;
        }
        i++;
      }
      bol = false;
      continue;
    }
    bol = false;
    const start = i;
    if (isIdStart(c)) {
      i++;
      while (i < n && isIdChar(s.charCodeAt(i))) i++;
      const q = i < n ? s.charCodeAt(i) : -1; // (a read past the end would deoptimise)
      if ((q === 39 || q === 34) && isEncodingPrefix(s, start, i)) i = scanQuoted(s, i, q);
      else seen.add(s.slice(start, i));
    } else if (isDigit(c) || (c === 46 && isDigit(s.charCodeAt(i + 1)))) {
      i++;
      while (i < n) {
        const d = s.charCodeAt(i);
        if ((d === 43 || d === 45) && isExponentMark(s.charCodeAt(i - 1))) i++;
        else if (isIdChar(d) || d === 46) i++;
        else if (d === 39 && isIdChar(s.charCodeAt(i + 1))) i += 2;
        else break;
      }
    } else if (c === 39 || c === 34) {
      i = scanQuoted(s, i, c);
    } else i++;
  }
  return [...seen];
}

function scanQuoted(s: string, i: number, quote: number): number {
  i++;
  while (i < s.length) {
    const d = s.charCodeAt(i);
    if (d === 92) {
      i += 2;
      continue;
    }
    if (d === quote) return i + 1;
    if (d === 10) return i; // unterminated: stop at the line end
    i++;
  }
  return i;
}

/** Joins tokens back into C text, one space where the source had whitespace. */
export function spell(tokens: readonly Token[]): string {
  let out = '';
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (k > 0 && (t.space || t.bol || needsSpace(tokens[k - 1], t))) out += ' ';
    out += t.text;
  }
  return out;
}

/** Two adjacent tokens that would lex as one if written together need a space between them. */
export function needsSpace(a: Token, b: Token): boolean {
  const ac = a.text.charCodeAt(a.text.length - 1);
  const bc = b.text.charCodeAt(0);
  if ((isIdChar(ac) || a.kind === 'num') && (isIdChar(bc) || b.kind === 'num')) return true;
  if (a.kind === 'punct' && b.kind === 'punct') {
    const joined = a.text + b.text;
    const cands = PUNCT_BY_FIRST.get(joined[0]) ?? [];
    return cands.some((p) => p.length > a.text.length && joined.startsWith(p));
  }
  return false;
}

/** Folds a text to single spaces between tokens, comments removed: the model's canonical spelling. */
export function fold(text: string): string {
  // spell() with no token first on its line, without copying the tokens to say so
  const tokens = lex(text, { directives: false });
  let out = '';
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (k > 0 && (t.space || needsSpace(tokens[k - 1], t))) out += ' ';
    out += t.text;
  }
  return out;
}
