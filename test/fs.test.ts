// src/fs.ts: files are written whole, and a file that already holds the bytes is left alone.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { writeFileAtomic } from '../src/fs.js';

const tmp = mkdtempSync(join(tmpdir(), 'kdrift-fs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('writeFileAtomic writes a new or different file, and leaves one with the same bytes alone', () => {
  const f = join(tmp, 'sub', 'table.c');
  writeFileAtomic(f, 'static const char *x[] = {};\n');
  expect(readFileSync(f, 'utf8')).toBe('static const char *x[] = {};\n');
  const first = statSync(f, { bigint: true });
  writeFileAtomic(f, Buffer.from('static const char *x[] = {};\n'));
  const same = statSync(f, { bigint: true });
  // not replaced: the same inode, the same time
  expect([same.ino, same.mtimeNs]).toEqual([first.ino, first.mtimeNs]);
  writeFileAtomic(f, 'static const char *y[] = {};\n');
  expect(readFileSync(f, 'utf8')).toBe('static const char *y[] = {};\n');
  expect(statSync(f, { bigint: true }).ino).not.toBe(first.ino);
  // a longer and a shorter text of the same start are other bytes
  writeFileSync(f, 'ab');
  writeFileAtomic(f, 'abc');
  expect(readFileSync(f, 'utf8')).toBe('abc');
  // no temporary file is left behind
  expect(readdirSync(join(tmp, 'sub'))).toEqual(['table.c']);
});
