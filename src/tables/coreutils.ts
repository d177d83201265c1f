// What the beauty scripts' sort, xargs and printf do to their lines, as coreutils does it
// under Makefile.perf's locale (LC_COLLATE=C, LC_NUMERIC=C): the generator emulates these so
// that its output is byte-identical; it never runs them.

/** `sort` in the C locale: byte order. Strings hold bytes (read as latin1). */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const isBlank = (c: string) => c === ' ' || c === '\t';

/**
 * The number `sort -n` reads at the start of a key: blanks skipped, an optional `-`, digits,
 * an optional `.` and fraction digits. No number reads as 0, so `0x1f` is 0.
 */
export function numericKey(s: string): number {
  let i = 0;
  while (i < s.length && isBlank(s[i])) i++;
  let neg = false;
  if (s[i] === '-') {
    neg = true;
    i++;
  }
  let j = i;
  while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
  if (s[j] === '.') {
    j++;
    while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
  }
  const text = s.slice(i, j);
  if (!text || text === '.') return 0;
  const v = Number.parseFloat(text.startsWith('.') ? '0' + text : text);
  return neg ? -v : v;
}

/** `sort` (bytes) or `sort -n` (number first, then the whole line as the last resort). Stable. */
export function sortLines<T>(items: T[], line: (t: T) => string, how: 'sort' | 'sort-n'): T[] {
  const keyed = items.map((t, i) => ({ t, i, s: line(t), n: how === 'sort-n' ? numericKey(line(t)) : 0 }));
  keyed.sort((a, b) => {
    if (how === 'sort-n' && a.n !== b.n) return a.n < b.n ? -1 : 1;
    return compareBytes(a.s, b.s) || a.i - b.i;
  });
  return keyed.map((k) => k.t);
}

/**
 * `sort -t, -kN -nu`: numeric on the key from field N to the end of the line, one line per
 * number, the first of equal keys in input order kept.
 */
export function sortNumericUnique<T>(items: T[], key: (t: T) => string): T[] {
  const keyed = items.map((t, i) => ({ t, i, n: numericKey(key(t)) }));
  keyed.sort((a, b) => (a.n !== b.n ? (a.n < b.n ? -1 : 1) : a.i - b.i));
  const out: T[] = [];
  for (let k = 0; k < keyed.length; k++) if (k === 0 || keyed[k].n !== keyed[k - 1].n) out.push(keyed[k].t);
  return out;
}

/**
 * What xargs makes of its input: words split at blanks and newlines, quotes and backslashes
 * honoured. At an unmatched quote xargs stops reading, runs the command with the words it has
 * and fails: `error` says so and `words` holds those words.
 */
export function xargsWords(input: string): { words: string[]; error?: string } {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = input.indexOf(c, i + 1);
      const nl = input.indexOf('\n', i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) {
        const kind = c === "'" ? 'single' : 'double';
        return { words, error: `xargs: unmatched ${kind} quote; by default quotes are special to xargs unless you use the -0 option` };
      }
      cur += input.slice(i + 1, end);
      inWord = true;
      i = end;
      continue;
    }
    if (c === '\\' && i + 1 < input.length) {
      cur += input[++i];
      inWord = true;
      continue;
    }
    cur += c;
    inWord = true;
  }
  if (inWord) words.push(cur);
  return { words };
}

/**
 * coreutils printf: the format is used again until the arguments run out, missing arguments
 * are empty strings (for %s) or 0; with no arguments at all the format prints once.
 * Supports the conversions the beauty scripts use: %s, %d/%i, %x/%X with `#`, %u, %%.
 */
export function printf(format: string, args: readonly string[]): { text: string; errors: string[] } {
  let out = '';
  const errors: string[] = [];
  let k = 0;
  do {
    let used = 0;
    for (let i = 0; i < format.length; i++) {
      const c = format[i];
      if (c !== '%') {
        out += c;
        continue;
      }
      let j = i + 1;
      let flags = '';
      while ('#-+ 0'.includes(format[j]) && j < format.length) flags += format[j++];
      let width = '';
      while (format[j] >= '0' && format[j] <= '9') width += format[j++];
      const conv = format[j];
      i = j;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const arg = k < args.length ? args[k] : undefined;
      if (arg !== undefined) k++;
      used++;
      let s: string;
      if (conv === 's') s = arg ?? '';
      else {
        const n = arg === undefined ? 0n : printfNumber(arg, errors);
        if (conv === 'd' || conv === 'i') s = n.toString();
        else if (conv === 'u') s = (n < 0n ? n + (1n << 64n) : n).toString();
        else if (conv === 'x' || conv === 'X') {
          const u = n < 0n ? n + (1n << 64n) : n;
          s = u.toString(16);
          if (conv === 'X') s = s.toUpperCase();
          if (flags.includes('#') && u !== 0n) s = (conv === 'X' ? '0X' : '0x') + s;
        } else {
          s = arg ?? '';
        }
      }
      const w = width ? Number.parseInt(width, 10) : 0;
      if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : s.padStart(w, flags.includes('0') && conv !== 's' ? '0' : ' ');
      out += s;
    }
    if (used === 0) break;
  } while (k < args.length);
  return { text: out, errors };
}

/** A numeric printf argument as coreutils reads it (strtoimax, base 0: 0x… hex, 0… octal). */
export function printfNumber(arg: string, errors: string[]): bigint {
  if (arg.startsWith("'") || arg.startsWith('"')) return BigInt(arg.charCodeAt(1) || 0);
  let i = 0;
  while (i < arg.length && (arg[i] === ' ' || arg[i] === '\t')) i++;
  let neg = false;
  if (arg[i] === '+' || arg[i] === '-') neg = arg[i++] === '-';
  let base = 10;
  if (arg[i] === '0' && (arg[i + 1] === 'x' || arg[i + 1] === 'X') && isDigitOf(arg[i + 2] ?? '', 16)) {
    base = 16;
    i += 2;
  } else if (arg[i] === '0') base = 8;
  let j = i;
  while (j < arg.length && isDigitOf(arg[j], base)) j++;
  const digits = arg.slice(i, j);
  let v = digits ? BigInt((base === 16 ? '0x' : base === 8 ? '0o' : '') + digits) : 0n;
  if (neg) v = -v;
  if (!digits && arg !== '') errors.push(`printf: ${JSON.stringify(arg)}: expected a numeric value`);
  else if (j < arg.length) errors.push(`printf: ${JSON.stringify(arg)}: value not completely converted`);
  return v;
}

function isDigitOf(c: string, base: number): boolean {
  if (base === 16) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  if (base === 8) return c >= '0' && c <= '7';
  return c >= '0' && c <= '9';
}
