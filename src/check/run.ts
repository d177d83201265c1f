// `kdrift check` without the command line: read the pair list (the tree's own
// tools/perf/check-headers.sh, or a manifest) and compare each pair, in the script's order.
// The light part (where the list comes from, the run's description) is in source.ts.
import { readManifest } from './manifest.js';
import { readCheckHeadersScript } from './script-reader.js';
import { readListSource, type CheckRequest, type ListSource } from './source.js';
import type { PairList } from './types.js';

export { describeRun, isDirectory, SCRIPT_DIR, SCRIPT_PATH, type CheckRequest } from './source.js';
export { comparePairs } from './compare.js';

/** Reads the pair list: the manifest when given, else the tree's check-headers.sh. */
export function loadPairList(req: CheckRequest): PairList {
  return parseListSource(readListSource(req));
}

export function parseListSource(src: ListSource): PairList {
  return src.kind === 'manifest' ? readManifest(src.text, src.shown) : readCheckHeadersScript(src.text, { file: src.file, startDir: src.startDir });
}
