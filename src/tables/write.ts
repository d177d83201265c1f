// Writes a file whole or not at all: a temporary file in the same directory, then a rename.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KdriftError } from '../errors.js';

export function writeFileAtomic(path: string, data: string, encoding: BufferEncoding = 'utf8'): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data, encoding);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new KdriftError('io', `cannot write ${path}: ${(e as Error).message}`, { file: path });
  }
}
