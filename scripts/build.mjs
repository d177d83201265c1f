// Bundles src/ into dist/ (run by `npm ci` through `prepare`). dist/ is only a cache for a fast
// start: bin/kdrift uses it when it is newer than every source file, and runs src/ through tsx
// otherwise, so a stale build is never run. One bundle with shared chunks, not a file per
// module: a kdrift run starts in about half the time when node resolves and compiles a few
// files instead of a hundred (each command's code stays in its own chunk, loaded on use).
// Types are checked by `npm run typecheck`, not here.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');

const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else files.push(p);
  }
};
walk(src);
// the id cached results are keyed on (src/cache/results.ts): other sources, other results
const id = createHash('sha256');
for (const f of files) id.update(relative(src, f)).update('\0').update(readFileSync(f)).update('\0');

// commander requires child_process at load (5 ms of every start) for executable subcommands,
// which kdrift does not have: it gets child_process when it first touches it
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${join('node_modules', 'commander')}`) ? { path: 'lazy-child-process', namespace: 'kdrift' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'kdrift' }, () => ({
      contents: "module.exports = { spawn: (...a) => require('node:child_process').spawn(...a) };",
      loader: 'js',
    }));
  },
};

rmSync(dist, { recursive: true, force: true });
await build({
  plugins: [lazyChildProcess],
  entryPoints: { main: join(src, 'cli', 'main.ts'), 'dump-worker': join(src, 'cli', 'dump-worker.ts'), 'check-worker': join(src, 'cli', 'check-worker.ts'), 'tables-worker': join(src, 'cli', 'tables-worker.ts') },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // native addons stay in node_modules
  external: ['tree-sitter', 'tree-sitter-c'],
  define: { KDRIFT_BUILD: JSON.stringify(id.digest('hex')) },
  // CommonJS dependencies (commander) call require()
  banner: { js: "import { createRequire as __kdriftCreateRequire } from 'node:module'; const require = __kdriftCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
// files that are not TypeScript (tree-sitter queries) travel with the code that reads them
for (const f of files) {
  if (f.endsWith('.ts')) continue;
  const to = join(dist, relative(src, f));
  mkdirSync(dirname(to), { recursive: true });
  cpSync(f, to);
}
writeFileSync(join(dist, '.stamp'), new Date().toISOString() + '\n');
