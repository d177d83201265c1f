// Reads a JSON pair list (`kdrift check --manifest FILE`) for trees without check-headers.sh:
//   { "version": 1,
//     "pairs": [ { "tools": "tools/include/uapi/linux/kvm.h", "kernel": "include/uapi/linux/kvm.h",
//                  "options": ["-B"] },
//                { "tools": "tools/lib/list_sort.c", "kernel": "lib/list_sort.c",
//                  "ignoreHunks": "tools/perf/check-header_ignore_hunks/lib/list_sort.c" } ] }
// Paths are relative to the tree root; `options` is diff's argv as the script would pass it
// (-B, -I RE, ...); `requiresKernel` (default true) skips a pair whose kernel file is absent,
// as the script's `[ -f ... ]` does. Unknown keys are errors, so a typo is not a silent default.
import { posix } from 'node:path';
import { KdriftError } from '../errors.js';
import { BreError, breToJs } from './bre.js';
import { parseDiffArgv } from './diff-options.js';
import type { ListWarning, PairList, PairSpec } from './types.js';

const PAIR_KEYS = new Set(['tools', 'kernel', 'options', 'ignoreHunks', 'requiresKernel']);

export function readManifest(text: string, file: string): PairList {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const at = lineCol(text, syntaxErrorAt(text));
    throw new KdriftError('parse', `not JSON: ${msg.split('\n')[0]!.replace(/, ".*$/s, '')}`, { file, ...at });
  }
  const bad = (path: string, what: string): never => {
    throw new KdriftError('parse', `${path}: ${what}`, { file }, 'see `kdrift check --help` for the manifest format');
  };
  if (!isObject(data)) bad('manifest', 'expected an object with "version" and "pairs"');
  const top = data as Record<string, unknown>;
  for (const k of Object.keys(top)) if (k !== 'version' && k !== 'pairs') bad(k, 'unknown key');
  if (top.version !== 1) bad('version', 'expected 1');
  if (!Array.isArray(top.pairs)) bad('pairs', 'expected an array');
  const pairs: PairSpec[] = [];
  const warnings: ListWarning[] = [];
  (top.pairs as unknown[]).forEach((p, i) => {
    const at = `pairs[${i}]`;
    if (!isObject(p)) bad(at, 'expected an object with "tools" and "kernel"');
    const o = p as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!PAIR_KEYS.has(k)) bad(`${at}.${k}`, 'unknown key');
    const path = (key: string, required: boolean): string | undefined => {
      const v = o[key];
      if (v === undefined && !required) return undefined;
      if (typeof v !== 'string' || v === '') bad(`${at}.${key}`, 'expected a non-empty string');
      return inTree(v as string, file, `${at}.${key}`);
    };
    const tools = path('tools', true)!;
    const kernel = path('kernel', true)!;
    const hunks = path('ignoreHunks', false);
    const opts = o.options ?? [];
    if (!Array.isArray(opts) || !opts.every((x) => typeof x === 'string')) bad(`${at}.options`, 'expected an array of strings (diff options)');
    if (o.requiresKernel !== undefined && typeof o.requiresKernel !== 'boolean') bad(`${at}.requiresKernel`, 'expected true or false');
    const { options, files } = parseDiffArgv(opts as string[]);
    if (files.length) bad(`${at}.options`, `"${files[0]}" is not a diff option`);
    for (const re of options.ignoreMatching) {
      try {
        breToJs(re);
      } catch (e) {
        if (!(e instanceof BreError)) throw e;
        bad(`${at}.options`, `diff rejects the regex -I '${re}': ${e.message}`);
      }
    }
    if (options.invalid.length) bad(`${at}.options`, `diff rejects ${options.invalid.join(' ')}`);
    for (const u of options.unmodelled) warnings.push({ file, message: `${at}: the diff option ${u} is not modelled; ${tools} is compared without it` });
    const spec: PairSpec = {
      tools,
      kernel,
      diff: options,
      requiresKernel: o.requiresKernel !== false,
      origin: { file, line: i + 1, via: 'manifest' },
    };
    if (hunks !== undefined) spec.ignoreHunks = { file: hunks, missing: { warns: true, message: `${hunks} not found. Skipping ${kernel} check.` } };
    pairs.push(spec);
  });
  return { source: { kind: 'manifest', path: file }, pairs, warnings };
}

function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function inTree(p: string, file: string, at: string): string {
  const n = posix.normalize(p);
  if (p.startsWith('/') || n === '..' || n.startsWith('../')) {
    throw new KdriftError('path-escape', `${at}: ${p} is outside the tree`, { file }, 'manifest paths are relative to the tree root (--tree)');
  }
  return n.replace(/\/$/, '');
}

/** Offset of the first JSON syntax error (JSON.parse of Node 20 does not say where). */
function syntaxErrorAt(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          value();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') i++;
        else if (text.charCodeAt(i) < 0x20) fail();
      }
      if (i >= text.length) fail();
      return void i++;
    }
    const m = /^(?:-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value();
    ws();
    return i;
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}

function lineCol(text: string, pos: number): { line: number; column: number } {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return { line, column: pos - before.lastIndexOf('\n') };
}
