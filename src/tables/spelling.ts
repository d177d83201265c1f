// Whether a beauty script's pattern sees a #define (or enumerator) as it is written: the
// spelling of its physical line, read as C tokens (src/c/lexer.ts) and the exact blanks
// between them. This is the only place that looks at how a define is written; what it is
// (name, value, context) comes from the model.
import { lex, spell, type Token } from '../c/lexer.js';
import type { After, DefineSpelling, EnumeratorSpelling, Gap, IoctlSpelling, SedGrep, ValueSpelling } from './spec.js';

/** What the script's sed captures: the value's text, and what its pattern leaves of the line. */
export type Spelled = { ok: true; value: string; rest: string } | { ok: false; why: string };

const BLANK = new Set([' ', '\t', '\v', '\f', '\r']);
const isBlank = (c: string | undefined) => c !== undefined && BLANK.has(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isXdigit = (c: string | undefined) => isDigit(c) || (c !== undefined && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));

/** A physical line's tokens with their offsets. */
interface LineTokens {
  line: string;
  toks: Token[];
  start: number[];
  end: number[];
}

// Several families read the same lines (x86_msr: five over msr-index.h): lex each line once.
const lexed = new Map<string, LineTokens>();

function tokensOf(line: string): LineTokens {
  const hit = lexed.get(line);
  if (hit) return hit;
  if (lexed.size > 50_000) lexed.clear();
  const lt = lexLine(line);
  lexed.set(line, lt);
  return lt;
}

function lexLine(line: string): LineTokens {
  const toks = lex(line, { directives: false });
  const start = toks.map((t) => t.col - 1);
  const end = toks.map((t, i) => start[i] + t.text.length);
  return { line, toks, start, end };
}

/** The raw text before token i (from the end of token i-1). */
function gapBefore(lt: LineTokens, i: number): string {
  const from = i === 0 ? 0 : lt.end[i - 1];
  const to = i < lt.toks.length ? lt.start[i] : lt.line.length;
  return lt.line.slice(from, to);
}

/** Whether raw text is blanks as `gap` allows; a comment is never a blank. */
export function gapOk(text: string, gap: Gap): boolean {
  for (const c of text) {
    if (!isBlank(c)) return false;
    if ((gap === 'spaces' || gap === 'any-spaces') && c !== ' ') return false;
    if (gap === 'tabs-spaces' && c !== ' ' && c !== '\t') return false;
  }
  switch (gap) {
    case 'none':
      return text.length === 0;
    case 'blanks':
    case 'spaces':
    case 'tabs-spaces':
      return text.length > 0;
    case 'one':
      return text.length === 1;
    case 'any':
    case 'any-spaces':
      return true;
  }
}

const GAP_WORDS: Record<Gap, string> = {
  none: 'nothing',
  blanks: 'blanks',
  any: 'optional blanks',
  one: 'exactly one blank',
  spaces: 'spaces (no tabs)',
  'any-spaces': 'optional spaces (no tabs)',
  'tabs-spaces': 'tabs or spaces',
};

function describeGap(text: string, gap: Gap): string {
  const shown = text.includes('/*') || text.includes('//') ? 'a comment' : JSON.stringify(text);
  return `${shown} where the pattern wants ${GAP_WORDS[gap]}`;
}

/** The name's part that the script prints, if the name has the shape the pattern wants. */
export function restOk(rest: string, shape: DefineSpelling['rest']): boolean {
  if (!rest.length) return false;
  if (shape === 'word') return true;
  if (shape === 'word2') return rest.length >= 2 && rest[0] !== '_';
  for (const c of rest) if (!((c >= 'A' && c <= 'Z') || isDigit(c) || c === '_')) return false;
  return true;
}

/**
 * Reads a `#define NAME …` line as the spelling says the script's pattern does. `shown` is
 * the part of the name the pattern checks the shape of (after the prefix, before the suffix).
 */
export function spellDefine(line: string, name: string, shown: string, sp: DefineSpelling): Spelled {
  const lt = tokensOf(line);
  const head = readHead(lt, name, sp.hash, sp.afterDefine);
  if (typeof head === 'string') return { ok: false, why: head };
  if (!restOk(shown, sp.rest)) return { ok: false, why: `the name's part ${JSON.stringify(shown)} does not have the shape the pattern wants (${sp.rest})` };
  let i = head;
  const t = lt.toks[i];
  if (t && t.text === '(' && lt.start[i] === lt.end[i - 1]) {
    // function-like: usbdevfs' (\(\w+\))? takes one parameter, written tight
    const p = lt.toks[i + 1];
    const c = lt.toks[i + 2];
    if (sp.params === 'one' && p?.kind === 'id' && c?.text === ')' && gapBefore(lt, i + 1) === '' && gapBefore(lt, i + 2) === '') i += 3;
    else return { ok: false, why: 'a function-like macro' };
  }
  if (i >= lt.toks.length) return { ok: false, why: 'no value on the #define line' };
  if (i === lt.toks.length - 1 && lt.toks[i].text === '\\') return { ok: false, why: 'the value is on the next line (the #define continues with a backslash): grep sees one line' };
  const g = gapBefore(lt, i);
  if (!gapOk(g, sp.gap)) return { ok: false, why: `${describeGap(g, sp.gap)} between the name and the value` };
  const v = spellValue(lt, i, sp.value);
  if (!v.ok) return v;
  const after = line.slice(v.end);
  if (!afterOk(after, sp.after)) return { ok: false, why: `${JSON.stringify(after)} after the value, where the pattern wants ${AFTER_WORDS[sp.after]}` };
  return { ok: true, value: v.value, rest: restOf(after, sp.keepRest) };
}

/** Returns the index of the first token after the name, or why the head does not match. */
function readHead(lt: LineTokens, name: string, hash: DefineSpelling['hash'], afterDefine: Gap): number | string {
  const [h, d, n] = lt.toks;
  if (!h || h.text !== '#' || d?.text !== 'define' || n?.text !== name) return 'not a #define of this name on its line';
  const indent = gapBefore(lt, 0);
  const hashGap = gapBefore(lt, 1);
  if (!gapOk(indent, 'any')) return 'text before the #';
  switch (hash) {
    case 'flexible':
      if (!gapOk(hashGap, 'any')) return describeGap(hashGap, 'any') + ' between # and define';
      break;
    case 'hash-any':
      if (indent) return 'blanks before the #, where the pattern wants the line to start with it';
      if (!gapOk(hashGap, 'any')) return describeGap(hashGap, 'any') + ' between # and define';
      break;
    case 'hash-spaced':
      if (indent) return 'blanks before the #, where the pattern wants the line to start with it';
      if (!gapOk(hashGap, 'blanks')) return `written #define where the pattern wants "# define"`;
      break;
    case 'tight':
      if (indent) return 'blanks before the #, where the pattern wants the line to start with it';
      if (hashGap !== '') return `written "#${hashGap}define" where the pattern wants "#define"`;
      break;
  }
  const g = gapBefore(lt, 2);
  if (!gapOk(g, afterDefine)) return `${describeGap(g, afterDefine)} after define`;
  return 3;
}

type ValueAt = { ok: true; value: string; end: number } | { ok: false; why: string };

function runOf(text: string, from: number, pred: (c: string) => boolean): number {
  let j = from;
  while (j < text.length && pred(text[j])) j++;
  return j;
}

function spellValue(lt: LineTokens, i: number, v: ValueSpelling): ValueAt {
  const t = lt.toks[i];
  const at = lt.start[i];
  const written = `written ${JSON.stringify(spell(lt.toks.slice(i)))}`;
  switch (v.form) {
    case 'hex': {
      if (!(t.text[0] === '0' && t.text[1] === 'x' && isXdigit(t.text[2]))) return { ok: false, why: `${written}: the pattern wants a 0x… hex literal` };
      const j = runOf(t.text, 2, isXdigit);
      const value = t.text.slice(0, j);
      if (v.startsWith && !(value.startsWith(v.startsWith) && value.length > v.startsWith.length)) {
        return { ok: false, why: `${written}: the pattern wants a hex literal written ${v.startsWith}…` };
      }
      return { ok: true, value, end: at + j };
    }
    case 'digits': {
      const j = runOf(t.text, 0, isDigit);
      if (!j) return { ok: false, why: `${written}: the pattern wants decimal digits` };
      return { ok: true, value: t.text.slice(0, j), end: at + j };
    }
    case 'xdigits': {
      const j = runOf(t.text, 0, isXdigit);
      if (!j) return { ok: false, why: `${written}: the pattern wants hex digits` };
      return { ok: true, value: t.text.slice(0, j), end: at + j };
    }
    case 'hex-or-xdigits': {
      if (t.text[0] === '0' && t.text[1] === 'x' && isXdigit(t.text[2])) {
        const j = runOf(t.text, 2, isXdigit);
        return { ok: true, value: t.text.slice(0, j), end: at + j };
      }
      const j = runOf(t.text, 0, isXdigit);
      if (!j) return { ok: false, why: `${written}: the pattern wants hex digits` };
      return { ok: true, value: t.text.slice(0, j), end: at + j };
    }
    case 'shift':
      return spellShift(lt, i, v);
    case 'ioctl':
      return spellIoctl(lt, i, v);
  }
}

function spellShift(lt: LineTokens, i: number, v: Extract<ValueSpelling, { form: 'shift' }>): ValueAt {
  const [open, one, shl, n, close] = lt.toks.slice(i, i + 5);
  const lit = v.one ?? '1';
  const wants = v.gaps === 'none' ? `(${lit}<<N) written tight` : v.gaps === 'any' ? `(${lit} << N)` : `(${lit} << N), blanks only around <<`;
  const bad = { ok: false as const, why: `written ${JSON.stringify(spell(lt.toks.slice(i)))}: the pattern wants ${wants}` };
  if (open?.text !== '(' || one?.text !== lit || shl?.text !== '<<' || !n || close?.text !== ')') return bad;
  // blanks allowed before the shifted literal, <<, N and ) (tokens i+1 … i+4)
  const allowed = { none: [false, false, false, false], any: [false, true, true, true], 'around-shift': [false, true, true, false] }[v.gaps];
  for (let k = i + 1; k <= i + 4; k++) if (!gapOk(gapBefore(lt, k), allowed[k - i - 1] ? 'any' : 'none')) return bad;
  const digitOk = v.n === 'digits' ? isDigit : isXdigit;
  for (const c of n.text) if (!digitOk(c)) return bad;
  return { ok: true, value: n.text, end: lt.end[i + 4] };
}

function calleeOk(name: string, callee: IoctlSpelling['callee']): boolean {
  if ('oneOf' in callee) return callee.oneOf.includes(name);
  if (!name.startsWith(callee.prefix)) return false;
  const tail = name.slice(callee.prefix.length);
  if (callee.max !== undefined && tail.length > callee.max) return false;
  for (const c of tail) if (!callee.letters.includes(c)) return false;
  return true;
}

function spellIoctl(lt: LineTokens, i: number, v: IoctlSpelling): ValueAt {
  const t = lt.toks[i];
  const written = spell(lt.toks.slice(i));
  const fail = (what: string): ValueAt => ({ ok: false, why: `written ${JSON.stringify(written)}: ${what}` });
  if (t.kind !== 'id' || !calleeOk(t.text, v.callee)) return fail('the pattern wants a call of ' + describeCallee(v.callee));
  let k = i + 1;
  if (lt.toks[k]?.text !== '(' || !gapOk(gapBefore(lt, k), v.open)) return fail('the pattern wants ( after ' + t.text + (v.open === 'none' ? ' at once' : ''));
  k++;
  const tok = () => lt.toks[k];
  const gapIs = (g: Gap) => gapOk(gapBefore(lt, k), g);
  if (v.iocDir && tok()?.kind === 'id' && tok().text.startsWith('_IOC_') && tok().text.length > 5 && gapIs(v.inside)) {
    // (_IOC_\w+,\s*)? — the comma right after the direction
    if (lt.toks[k + 1]?.text === ',' && gapBefore(lt, k + 1) === '') k += 2;
  }
  if (v.base) {
    const b = tok();
    if (!b || !gapIs(v.inside)) return fail('the pattern wants the ioctl type first');
    const okBase = 'ident' in v.base ? b.text === v.base.ident : b.kind === 'char' && b.text.length === 3 && b.text[1] === v.base.char;
    if (!okBase) return fail(`the pattern wants ${'ident' in v.base ? v.base.ident : `'${v.base.char}'`} as the ioctl type`);
    k++;
    if (tok()?.text !== ',' || !gapIs(v.baseComma ?? v.inside)) return fail('the pattern wants a comma after the ioctl type');
    k++;
  }
  const nr = tok();
  if (!nr || !gapIs(v.inside)) return fail('no ioctl number where the pattern wants it');
  const at = lt.start[k];
  if (v.nr === 'hex') {
    if (!(nr.text[0] === '0' && nr.text[1] === 'x' && isXdigit(nr.text[2]))) return fail(`the ioctl number is written ${JSON.stringify(nr.text)}: the pattern wants a 0x… hex literal`);
    const j = runOf(nr.text, 2, isXdigit);
    return { ok: true, value: nr.text.slice(0, j), end: at + j };
  }
  const j = runOf(nr.text, 0, isDigit);
  if (!j) return fail(`the ioctl number is written ${JSON.stringify(nr.text)}: the pattern wants decimal digits`);
  return { ok: true, value: nr.text.slice(0, j), end: at + j };
}

function describeCallee(c: IoctlSpelling['callee']): string {
  if ('oneOf' in c) return c.oneOf.join('/');
  return `${c.prefix}[${c.letters.length > 4 ? 'A-Z' : c.letters}]${c.max === undefined ? '*' : `{0,${c.max}}`}`;
}

const AFTER_WORDS: Record<After, string> = {
  anything: 'anything',
  blank: 'a blank',
  end: 'the end of the line',
  'end-or-slash': 'the end of the line or a comment',
  comma: 'a comma at once',
  'blanks-comma': 'a comma',
};

function afterOk(after: string, a: After): boolean {
  switch (a) {
    case 'anything':
      return true;
    case 'blank':
      return isBlank(after[0]);
    case 'end':
      return after === '';
    case 'end-or-slash': {
      const j = runOf(after, 0, isBlank);
      return j === after.length || after[j] === '/';
    }
    case 'comma':
      return after[0] === ',';
    case 'blanks-comma':
      return after[runOf(after, 0, isBlank)] === ',';
  }
}

function restOf(after: string, keep: DefineSpelling['keepRest']): string {
  switch (keep) {
    case undefined:
      return '';
    case 'after-value':
      return after;
    case 'after-blanks':
      return after.slice(runOf(after, 0, isBlank));
    case 'unless-comment': {
      const j = runOf(after, 0, isBlank);
      return j > 0 && after[j] === '/' ? '' : after;
    }
  }
}

/** Reads an enumerator line (`\tFSCONFIG_SET_FLAG\t= 0,\t/* … *\/`) as the spelling says. */
export function spellEnumerator(line: string, name: string, sp: EnumeratorSpelling): Spelled {
  const lt = tokensOf(line);
  const n = lt.toks[0];
  if (!n || n.text !== name) return { ok: false, why: 'not the first thing on its line' };
  const indent = gapBefore(lt, 0);
  if (!gapOk(indent, sp.indent === 'required' ? 'blanks' : 'any')) return { ok: false, why: sp.indent === 'required' ? 'not indented, where the pattern wants blanks first' : 'text before the name' };
  if (sp.value === 'none') {
    if (lt.toks[1]?.text !== ',' || gapBefore(lt, 1) !== '') return { ok: false, why: 'the pattern wants a comma right after the name' };
    return { ok: true, value: '', rest: '' };
  }
  const eq = lt.toks[1];
  if (eq?.text !== '=') return { ok: false, why: 'no "= value" on the line' };
  if (!gapOk(gapBefore(lt, 1), sp.value.around) || !gapOk(gapBefore(lt, 2), sp.value.around)) return { ok: false, why: `the blanks around = are not ${GAP_WORDS[sp.value.around]}` };
  const v = lt.toks[2];
  const j = v ? runOf(v.text, 0, isDigit) : 0;
  if (!v || !j) return { ok: false, why: `written ${JSON.stringify(v?.text ?? '')}: the pattern wants decimal digits` };
  const end = lt.start[2] + j;
  const after = line.slice(end);
  if (!afterOk(after, sp.value.after)) return { ok: false, why: `${JSON.stringify(after)} after the value, where the pattern wants ${AFTER_WORDS[sp.value.after]}` };
  return { ok: true, value: v.text.slice(0, j), rest: '' };
}

/** Whether a line-printing grep (drm, sndrv) takes the line of this define; `shown` is the name after the prefix. */
export function grepTakes(line: string, name: string, shown: string, g: SedGrep): boolean {
  const lt = tokensOf(line);
  const head = readHead(lt, name, 'tight', g.afterDefine === 'one-space' ? 'one' : 'spaces');
  if (typeof head === 'string') return false;
  if (g.afterDefine === 'one-space' && gapBefore(lt, 2) !== ' ') return false;
  const after = line.slice(lt.end[2]);
  if (g.contains !== undefined && !after.includes(g.contains)) return false;
  if (g.upperThen !== undefined) {
    if (!restOk(shown, 'upper')) return false;
    const j = runOf(after, 0, (c) => c === ' ' || c === '\t');
    if (!j || !after.startsWith(g.upperThen, j)) return false;
  }
  return true;
}
