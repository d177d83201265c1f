// --lang json: the tables as a versioned wire type (never a dump of internal objects).
import { relative } from 'node:path';
import type { Generated } from '../generate.js';
import { tableData } from './table-data.js';

export const JSON_EXTENSION = '.json';

/** Version 1 of `kdrift tables --lang json`. */
export interface TablesJsonV1 {
  kdrift: 'tables';
  version: 1;
  generator: string;
  script: string;
  tables: {
    name: string;
    /** `index` is a number, or a decimal string beyond 2^53. */
    entries: { index: number | string; name: string; define: string; file: string; line: number }[];
    unindexed: { name: string; define: string; written: string }[];
  }[];
  constants: { name: string; value: number | string }[];
}

const num = (v: bigint): number | string => (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString());

export function toJson(g: Generated, tree: string): TablesJsonV1 {
  return {
    kdrift: 'tables',
    version: 1,
    generator: g.spec.name,
    script: g.spec.script,
    tables: tableData(g).map((t) => ({
      name: t.name,
      entries: t.entries.map((e) => ({ index: num(e.index), name: e.name, define: e.define, file: relative(tree, e.file), line: e.line })),
      unindexed: t.unindexed,
    })),
    constants: g.constants.map((c) => ({ name: c.name, value: num(BigInt(c.written)) })),
  };
}

export function emitJson(g: Generated, tree: string): string {
  return JSON.stringify(toJson(g, tree), null, 2) + '\n';
}
