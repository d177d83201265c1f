// Every header under a folder (the fixtures' own small trees), sorted: for tests that check a
// property of the model on all of them.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function headersUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...headersUnder(p));
    else if (e.endsWith('.h')) out.push(p);
  }
  return out.sort();
}
