// How V8 compiles kdrift's model code when a command computes rather than reads its results.
//
// Parsing and evaluating headers is a second or more of code that V8 optimises while it runs.
// With the default budgets it optimised the large functions (readStructure, fields, the JSON
// writer, the evaluator) early, then threw the code away as new object shapes came, again and
// again: on a 2-core machine the compiler's thread took the core a second thread of kdrift (or
// the garbage collector) needed. Measured on the 6.12 tree: `check` without its cache 2.2 s →
// 1.4 s wall and 3.3 s → 1.7 s CPU; the uapi dump ~4 s of compiler time → 1.7 s. The flags
// are the process's (every thread); they change what code V8 makes, never a result.
import { setFlagsFromString } from 'node:v8';

let tuned = false;

export function tuneCompiler(): void {
  if (tuned) return;
  tuned = true;
  // smaller inlined bodies compile in a fraction of the time, at no visible cost in run time
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');
  // a function is optimised after ~3x the default work: by then most shapes it meets have
  // been seen, so fewer optimisations are thrown away
  setFlagsFromString('--interrupt-budget=400000');
}
