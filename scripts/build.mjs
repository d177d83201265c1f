// Compiles src/ to dist/ (run by `npm ci` through `prepare`). dist/ is only a cache for a fast
// start: bin/kdrift uses it when it is newer than every source file, and runs src/ through tsx
// otherwise, so a stale build is never run.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) console.warn('build: tsc reported type errors (JavaScript was emitted; run `npm run typecheck`)');
// files that are not TypeScript (tree-sitter queries) travel with the code that reads them
const copy = (dir) => {
  for (const e of readdirSync(join(root, 'src', dir), { withFileTypes: true })) {
    const rel = join(dir, e.name);
    if (e.isDirectory()) copy(rel);
    else if (!e.name.endsWith('.ts')) {
      mkdirSync(join(root, 'dist', dir), { recursive: true });
      cpSync(join(root, 'src', rel), join(root, 'dist', rel));
    }
  }
};
copy('.');
writeFileSync(join(root, 'dist', '.stamp'), new Date().toISOString() + '\n');
