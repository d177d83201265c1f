// Where kdrift's own files are, whether it runs from src/ through tsx or from the dist/ bundle
// (scripts/build.mjs): this module sits one level below the repository either way (src/paths.ts,
// or a chunk of dist/).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Set by the bundler: a hash of the sources the bundle was built from. */
declare const KDRIFT_BUILD: string | undefined;

export const BUILD_ID: string | undefined = typeof KDRIFT_BUILD === 'string' ? KDRIFT_BUILD : undefined;

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A file that travels with the code (`c/queries/evidence.scm`): under src/, or copied to dist/. */
export function asset(rel: string): string {
  return join(ROOT, BUILD_ID === undefined ? 'src' : 'dist', rel);
}

/** The module a worker thread runs (`dump-worker`, `check-worker` in src/cli/), and the boot file that loads it. */
export function workerFiles(name: string): { boot: string; entry: string } {
  return { boot: join(ROOT, 'bin', 'worker.mjs'), entry: BUILD_ID === undefined ? join(ROOT, 'src', 'cli', `${name}.ts`) : join(ROOT, 'dist', `${name}.js`) };
}
