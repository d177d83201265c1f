// Reads the bytes of initialised objects back from the assembly gcc -S writes, on each ABI's spelling of data directives.
//
// Only what gcc emits for constant initialisers in .rodata is understood: integer directives with
// a numeric operand, .zero/.skip, .string/.ascii. An object with anything else in its data (a
// symbol: a relocation; an unknown directive) is returned as null, never guessed.
import type { Abi } from './toolchain.js';

/** Bytes of each integer directive. x86 GAS reads `.word` as 2 bytes, aarch64 GAS as 4. */
const WIDTHS: Record<Abi, Record<string, number>> = {
  x86_64: { '.byte': 1, '.value': 2, '.short': 2, '.word': 2, '.hword': 2, '.2byte': 2, '.long': 4, '.int': 4, '.4byte': 4, '.quad': 8, '.8byte': 8 },
  i386: { '.byte': 1, '.value': 2, '.short': 2, '.word': 2, '.hword': 2, '.2byte': 2, '.long': 4, '.int': 4, '.4byte': 4, '.quad': 8, '.8byte': 8 },
  arm64: { '.byte': 1, '.hword': 2, '.short': 2, '.2byte': 2, '.word': 4, '.long': 4, '.int': 4, '.4byte': 4, '.xword': 8, '.dword': 8, '.quad': 8, '.8byte': 8 },
};

const LABEL = /^([A-Za-z_.$][\w.$]*):\s*(?:[#@/].*)?$/;
const DIRECTIVE = /^(\.[\w.]+)\s*(.*)$/;

/** Bytes of every object whose label starts with `prefix`; null for an object whose data could not be read. */
export function readObjects(asm: string, abi: Abi, prefix: string): Map<string, Uint8Array | null> {
  const out = new Map<string, Uint8Array | null>();
  const widths = WIDTHS[abi];
  let label: string | null = null;
  let bytes: number[] = [];
  let bad = false;
  const close = () => {
    if (label !== null) out.set(label, bad ? null : Uint8Array.from(bytes));
    label = null;
    bytes = [];
    bad = false;
  };
  for (const raw of asm.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const l = LABEL.exec(line);
    if (l) {
      close();
      if (l[1].startsWith(prefix)) label = l[1];
      continue;
    }
    if (label === null) continue;
    const d = DIRECTIVE.exec(line);
    if (!d) {
      close(); // an instruction: the object ended
      continue;
    }
    const [, name, operands] = d;
    const width = widths[name];
    if (width !== undefined) {
      for (const op of splitOperands(operands)) {
        const v = integer(op);
        if (v === null) bad = true;
        else pushInt(bytes, v, width);
      }
    } else if (name === '.zero' || name === '.skip' || name === '.space') {
      const [count, fill] = splitOperands(operands).map(integer);
      if (count === null || count === undefined || (fill !== undefined && fill !== null && fill !== 0n)) bad = true;
      else for (let i = 0n; i < count; i++) bytes.push(0);
    } else if (name === '.string' || name === '.asciz' || name === '.ascii') {
      const s = stringBytes(operands);
      if (s === null) bad = true;
      else {
        bytes.push(...s);
        if (name !== '.ascii') bytes.push(0);
      }
    } else {
      close(); // .size, .align, .globl, .section …: the data of this object ended
    }
  }
  close();
  return out;
}

function splitOperands(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

function integer(op: string): bigint | null {
  if (!/^-?(0x[0-9a-f]+|\d+)$/i.test(op)) return null;
  return op.startsWith('-') ? -BigInt(op.slice(1)) : BigInt(op);
}

function pushInt(bytes: number[], v: bigint, width: number): void {
  let u = BigInt.asUintN(width * 8, v);
  for (let i = 0; i < width; i++) {
    bytes.push(Number(u & 0xffn));
    u >>= 8n;
  }
}

/** The bytes of a GAS string literal: `"…"` with C escapes (octal, \x, \n …). */
function stringBytes(operand: string): number[] | null {
  const m = /^"((?:[^"\\]|\\.)*)"$/s.exec(operand.trim());
  if (!m) return null;
  const s = m[1];
  const out: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92, "'": 39 };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      const code = c.charCodeAt(0);
      if (code > 0x7f) return null;
      out.push(code);
      continue;
    }
    const e = s[++i];
    if (/[0-7]/.test(e)) {
      let j = i;
      while (j < i + 3 && /[0-7]/.test(s[j] ?? '')) j++;
      out.push(parseInt(s.slice(i, j), 8) & 0xff);
      i = j - 1;
    } else if (e === 'x') {
      let j = i + 1;
      while (/[0-9a-fA-F]/.test(s[j] ?? '')) j++;
      if (j === i + 1) return null;
      out.push(parseInt(s.slice(i + 1, j), 16) & 0xff);
      i = j - 1;
    } else if (e in simple) {
      out.push(simple[e]);
    } else {
      return null;
    }
  }
  return out;
}

/** Little-endian unsigned integer of `width` bytes at `at`. */
export function readUint(bytes: Uint8Array, at: number, width: number): bigint | null {
  if (at + width > bytes.length) return null;
  let v = 0n;
  for (let i = width - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i]);
  return v;
}

/** The one run of set bits in `bytes` (bit i of byte k is bit 8k+i, little-endian), or null when there is none or several. */
export function setBitRun(bytes: Uint8Array): { offset: number; width: number } | null {
  let first = -1;
  let last = -1;
  let count = 0;
  for (let k = 0; k < bytes.length; k++) {
    const b = bytes[k];
    if (!b) continue;
    for (let i = 0; i < 8; i++) {
      if (!(b & (1 << i))) continue;
      const bit = k * 8 + i;
      if (first < 0) first = bit;
      last = bit;
      count++;
    }
  }
  if (first < 0 || count !== last - first + 1) return null;
  return { offset: first, width: count };
}
