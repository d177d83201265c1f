// Hand-made constants for validate tests: a header written as a list, read as HeaderConstants.
import type { Constant, HeaderConstants } from '../../src/validate/types.js';

export interface Spec {
  name: string;
  value?: bigint | null;
  body?: string;
  enumName?: string;
  nested?: boolean;
  parent?: string;
  ioctl?: string;
}

/** Constants on consecutive lines from `line`, in the order given; refs come from the body. */
export function header(file: string, specs: (Spec | { breaker: string })[], line = 10): HeaderConstants {
  const constants: Constant[] = [];
  const breakers: HeaderConstants['breakers'] = [];
  for (const s of specs) {
    if ('breaker' in s) {
      breakers.push({ name: s.breaker, line: line++, nested: false });
      continue;
    }
    const body = s.body ?? (s.value === undefined || s.value === null ? '' : `0x${s.value.toString(16)}`);
    const refs = body.match(/[A-Za-z_][A-Za-z0-9_]*/g)?.filter((r) => !/^0x/.test(r)) ?? [];
    const orOfRefs = refs.length > 0 && /\|/.test(body) && body.replace(/[A-Za-z_][A-Za-z0-9_]*|[|()\s]/g, '') === '';
    constants.push({
      name: s.name,
      value: s.value ?? null,
      reason: s.value === null ? 'not an integer' : undefined,
      file,
      line: line++,
      source: s.enumName ? 'enum' : 'macro',
      enumName: s.enumName,
      body,
      refs,
      orOfRefs,
      ioctlType: s.ioctl,
      nested: s.nested ?? false,
      parent: s.parent,
    });
  }
  return { file, constants, breakers, blank: [] };
}

export const bit = (n: number) => 1n << BigInt(n);
