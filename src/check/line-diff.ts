// A minimal line diff: Myers' O(ND) algorithm with the linear-space middle-snake split, on
// sequences of line-class numbers, trimming the common prefix and suffix of every subproblem
// first. Returns the changes in GNU diff's sense: each change is a maximal run of deleted and
// inserted lines between two matched lines. Past a cost bound (GNU's own floor of 4096 edit
// steps per split) the split is taken at the furthest-reaching diagonal, as GNU does, so huge
// rewrites stay fast at the price of a non-minimal script. Then, as GNU diff does, each run of
// changed lines slides over equal lines to merge with its neighbours, and rests at the last
// place where it meets a change of the other file (else as low as it goes), so that `diff -u`
// text comes out the way GNU prints it.

/** Lines a[a0 .. a0+deleted) are replaced by b[b0 .. b0+inserted) (0-based). */
export interface Change {
  a0: number;
  deleted: number;
  b0: number;
  inserted: number;
}

const TOO_EXPENSIVE_FLOOR = 4096;

export function diffSequences(a: ArrayLike<number>, b: ArrayLike<number>): Change[] {
  const n = a.length;
  const m = b.length;
  const delA = new Uint8Array(n);
  const insB = new Uint8Array(m);
  // The common prefix and suffix are matched as they stand.
  let lo = 0;
  while (lo < n && lo < m && a[lo] === b[lo]) lo++;
  let hiA = n,
    hiB = m;
  while (hiA > lo && hiB > lo && a[hiA - 1] === b[hiB - 1]) hiA--, hiB--;
  // Lines of the middle with no equal line in the other file are changed whatever the path:
  // mark them and leave them out of the search, which then aligns the rest.
  const inA = new Map<number, number>();
  const inB = new Map<number, number>();
  for (let x = lo; x < hiA; x++) inA.set(a[x]!, 1);
  for (let y = lo; y < hiB; y++) inB.set(b[y]!, 1);
  const keepA: number[] = [];
  const keepB: number[] = [];
  for (let x = lo; x < hiA; x++) (inB.has(a[x]!) ? keepA.push(x) : (delA[x] = 1));
  for (let y = lo; y < hiB; y++) (inA.has(b[y]!) ? keepB.push(y) : (insB[y] = 1));
  const ra = Int32Array.from(keepA, (x) => a[x]!);
  const rb = Int32Array.from(keepB, (y) => b[y]!);
  const rdel = new Uint8Array(ra.length);
  const rins = new Uint8Array(rb.length);
  compareSeq(ra, rb, rdel, rins);
  keepA.forEach((x, k) => (delA[x] = rdel[k]!));
  keepB.forEach((y, k) => (insB[y] = rins[k]!));
  shiftRuns(a, delA, insB);
  shiftRuns(b, insB, delA);
  return collectChanges(delA, insB);
}

/** Marks a minimal (or, past the cost bound, near-minimal) set of deleted and inserted lines. */
function compareSeq(a: ArrayLike<number>, b: ArrayLike<number>, delA: Uint8Array, insB: Uint8Array): void {
  const n = a.length;
  const m = b.length;
  const size = n + m + 3;
  const fd = new Int32Array(size);
  const bd = new Int32Array(size);
  const off = m + 1;
  let tooExpensive = 1;
  for (let diags = n + m + 3; diags !== 0; diags >>= 2) tooExpensive <<= 1;
  tooExpensive = Math.max(TOO_EXPENSIVE_FLOOR, tooExpensive);

  // Explicit stack instead of recursion: [xoff, xlim, yoff, ylim].
  const stack: number[] = [0, n, 0, m];
  while (stack.length) {
    let ylim = stack.pop()!;
    let yoff = stack.pop()!;
    let xlim = stack.pop()!;
    let xoff = stack.pop()!;
    while (xoff < xlim && yoff < ylim && a[xoff] === b[yoff]) xoff++, yoff++;
    while (xlim > xoff && ylim > yoff && a[xlim - 1] === b[ylim - 1]) xlim--, ylim--;
    if (xoff === xlim) {
      for (let y = yoff; y < ylim; y++) insB[y] = 1;
      continue;
    }
    if (yoff === ylim) {
      for (let x = xoff; x < xlim; x++) delA[x] = 1;
      continue;
    }
    const [xmid, ymid] = middleSnake(a, b, xoff, xlim, yoff, ylim, fd, bd, off, tooExpensive);
    stack.push(xmid, xlim, ymid, ylim);
    stack.push(xoff, xmid, yoff, ymid);
  }
}

/**
 * Slides the runs of changed lines of one file (`changed`) over equal lines: up as far as they
 * go, then down as far as they go, merging with the runs they meet, and finally back up to the
 * last place where the other file has a change at the same point, if any.
 */
function shiftRuns(lines: ArrayLike<number>, changed: Uint8Array, other: Uint8Array): void {
  // otherHas[u]: the other file has changed lines between its unchanged lines u-1 and u.
  const otherHas: number[] = [0];
  for (let j = 0; j < other.length; j++) {
    if (other[j]) otherHas[otherHas.length - 1] = 1;
    else otherHas.push(0);
  }
  const n = changed.length;
  let i = 0;
  let u = 0; // unchanged lines of this file before i
  for (;;) {
    while (i < n && !changed[i]) i++, u++;
    if (i >= n) break;
    let start = i;
    let end = i;
    while (end < n && changed[end]) end++;
    let corresponding: number;
    let length: number;
    do {
      length = end - start;
      while (start > 0 && lines[start - 1] === lines[end - 1]) {
        changed[--start] = 1;
        changed[--end] = 0;
        u--;
        while (start > 0 && changed[start - 1]) start--;
      }
      corresponding = otherHas[u] ? end : -1;
      while (end < n && lines[start] === lines[end]) {
        changed[start++] = 0;
        changed[end++] = 1;
        u++;
        while (end < n && changed[end]) end++;
        if (otherHas[u]) corresponding = end;
      }
    } while (length !== end - start);
    if (corresponding >= 0) {
      while (corresponding < end) {
        changed[--start] = 1;
        changed[--end] = 0;
        u--;
      }
    }
    i = end;
  }
}

/**
 * The point where an optimal edit path from (xoff,yoff) to (xlim,ylim) crosses its middle:
 * forward and backward searches alternate, one edit step each, until their furthest-reaching
 * paths on one diagonal overlap.
 */
function middleSnake(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  xoff: number,
  xlim: number,
  yoff: number,
  ylim: number,
  fd: Int32Array,
  bd: Int32Array,
  off: number,
  tooExpensive: number,
): [number, number] {
  const dmin = xoff - ylim; // diagonal k = x - y
  const dmax = xlim - yoff;
  const fmid = xoff - yoff;
  const bmid = xlim - ylim;
  let fmin = fmid,
    fmax = fmid,
    bmin = bmid,
    bmax = bmid;
  const odd = ((fmid - bmid) & 1) !== 0;
  const HUGE = 0x7fffffff;
  fd[off + fmid] = xoff;
  bd[off + bmid] = xlim;
  for (let cost = 1; ; cost++) {
    // Forward: extend the range of diagonals by one on each side, or shrink it at a border
    // to keep the parity of the diagonals visited.
    if (fmin > dmin) fd[off + --fmin - 1] = -1;
    else ++fmin;
    if (fmax < dmax) fd[off + ++fmax + 1] = -1;
    else --fmax;
    for (let d = fmax; d >= fmin; d -= 2) {
      const lo = fd[off + d - 1]!;
      const hi = fd[off + d + 1]!;
      let x = lo >= hi ? lo + 1 : hi; // a deletion from diagonal d-1, or an insertion from d+1
      let y = x - d;
      while (x < xlim && y < ylim && a[x] === b[y]) x++, y++;
      fd[off + d] = x;
      if (odd && bmin <= d && d <= bmax && bd[off + d]! <= x) return [x, y];
    }
    // Backward.
    if (bmin > dmin) bd[off + --bmin - 1] = HUGE;
    else ++bmin;
    if (bmax < dmax) bd[off + ++bmax + 1] = HUGE;
    else --bmax;
    for (let d = bmax; d >= bmin; d -= 2) {
      const lo = bd[off + d - 1]!;
      const hi = bd[off + d + 1]!;
      let x = lo < hi ? lo : hi - 1;
      let y = x - d;
      while (x > xoff && y > yoff && a[x - 1] === b[y - 1]) x--, y--;
      bd[off + d] = x;
      if (!odd && fmin <= d && d <= fmax && x <= fd[off + d]!) return [x, y];
    }
    if (cost >= tooExpensive) {
      // Give up on minimality: split at the forward or backward point that got furthest.
      let fbest = -1,
        fx = xoff,
        bbest = HUGE,
        bx = xlim;
      for (let d = fmax; d >= fmin; d -= 2) {
        const x = Math.min(fd[off + d]!, xlim);
        let y = x - d;
        let xx = x;
        if (ylim < y) (xx = ylim + d), (y = ylim);
        if (fbest < xx + y) (fbest = xx + y), (fx = xx);
      }
      for (let d = bmax; d >= bmin; d -= 2) {
        const x = Math.max(xoff, bd[off + d]!);
        let y = x - d;
        let xx = x;
        if (y < yoff) (xx = yoff + d), (y = yoff);
        if (xx + y < bbest) (bbest = xx + y), (bx = xx);
      }
      const fdist = fbest - (xoff + yoff);
      const bdist = xlim + ylim - bbest;
      if (fdist >= bdist) return [fx, fbest - fx];
      return [bx, bbest - bx];
    }
  }
}

function collectChanges(delA: Uint8Array, insB: Uint8Array): Change[] {
  const out: Change[] = [];
  const n = delA.length;
  const m = insB.length;
  let i = 0,
    j = 0;
  while (i < n || j < m) {
    if ((i < n && delA[i]) || (j < m && insB[j])) {
      const a0 = i,
        b0 = j;
      while (i < n && delA[i]) i++;
      while (j < m && insB[j]) j++;
      out.push({ a0, deleted: i - a0, b0, inserted: j - b0 });
    } else {
      i++;
      j++;
    }
  }
  return out;
}
