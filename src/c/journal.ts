// Include memoisation. Processing a header reads some state (macros it tests or expands,
// typedefs and tags it uses) and writes some (what it defines). The journal records both
// per included file; when another unit includes the same file with every read value
// unchanged, the recorded writes are replayed instead of walking the file again.
// Values are compared by identity: definitions are shared objects (FileCache.macro).

const DELETED = Symbol('deleted');
/** Writes, flat: table id, key, value (DELETED for a delete), then the next write. */
type Ops = unknown[];

interface Frame {
  /** By table id (JMap.id): the first value read of each key the frame had not written. */
  reads: (Map<unknown, unknown> | undefined)[];
  /** By table id: the keys written. */
  written: (Set<unknown> | undefined)[];
  /**
   * The frame's writes in order, in chunks: its own, and those of the frames it enclosed and of
   * the recordings it replayed, shared rather than copied (a header's recording holds all that
   * its includes did, and recordings are kept: copies cost memory at every include depth).
   */
  ops: Ops[];
  /** The chunk the frame's own writes go to, while it is the last of ops. */
  own: Ops | null;
}

/** A recording of one file's effect, replayable in any unit whose tables have the same ids. */
export interface Recording {
  /** reads by table index (so that they apply to another unit's tables), flat: id, key, value, … */
  reads: unknown[];
  /** chunks of writes by table index; never changed once recorded */
  ops: readonly Ops[];
}

export class Journal {
  private frames: Frame[] = [];
  /** The innermost frame: reads and writes go there only; end() passes them to the one below. */
  private top: Frame | null = null;
  readonly tables: JMap<unknown, unknown>[] = [];

  register(m: JMap<unknown, unknown>): number {
    this.tables.push(m);
    return this.tables.length - 1;
  }

  get recording(): boolean {
    return this.top !== null;
  }

  begin() {
    this.top = { reads: [], written: [], ops: [], own: null };
    this.frames.push(this.top);
  }

  /** Ends the innermost frame and returns what it read and did, by table index. */
  end(): Recording {
    const f = this.pop();
    const reads: Recording['reads'] = [];
    for (let id = 0; id < f.reads.length; id++) {
      const r = f.reads[id];
      if (r) for (const [k, v] of r) reads.push(id, k, v);
    }
    return { reads, ops: f.ops };
  }

  /** Abandons the innermost frame (the file failed); what it did still happened to the frames below. */
  abort() {
    this.pop();
  }

  /**
   * Pops the innermost frame and folds it into the one below, as if each read and write had
   * been recorded in every frame when it happened: a read the outer frame records is one of a
   * key it had not written before the inner frame began (the inner frame's writes are added
   * only now), and the outer frame can neither read nor write while an inner one is open, so
   * the order of its reads and ops is kept.
   */
  private pop(): Frame {
    const f = this.frames.pop()!;
    const outer = this.frames[this.frames.length - 1] ?? null;
    this.top = outer;
    if (outer) {
      for (let id = 0; id < f.reads.length; id++) {
        const r = f.reads[id];
        if (!r) continue;
        const w = outer.written[id];
        let or = outer.reads[id];
        if (!or && !w) {
          // the outer frame has not touched this table: the inner reads are its own as they
          // are (shared, not copied: end() reads the inner frame's maps before anything else
          // is recorded, and an aborted frame's maps are not read again)
          outer.reads[id] = r;
          continue;
        }
        for (const [k, v] of r) {
          if (w?.has(k)) continue;
          if (!or) outer.reads[id] = or = new Map();
          if (!or.has(k)) or.set(k, v);
        }
      }
      for (let id = 0; id < f.written.length; id++) {
        const ks = f.written[id];
        if (!ks) continue;
        const w = outer.written[id];
        if (!w) outer.written[id] = ks; // shared as the reads above
        else for (const k of ks) w.add(k);
      }
      for (const chunk of f.ops) outer.ops.push(chunk);
      outer.own = null;
    }
    return f;
  }

  read(m: JMap<unknown, unknown>, k: unknown, v: unknown) {
    const f = this.top;
    if (!f || f.written[m.id]?.has(k)) return;
    let r = f.reads[m.id];
    if (!r) f.reads[m.id] = r = new Map();
    if (!r.has(k)) r.set(k, v);
  }

  write(m: JMap<unknown, unknown>, k: unknown, v: unknown) {
    const f = this.top;
    if (!f) return;
    let w = f.written[m.id];
    if (!w) f.written[m.id] = w = new Set();
    w.add(k);
    if (!f.own) f.ops.push((f.own = []));
    f.own.push(m.id, k, v);
  }

  /** Whether a recording's reads hold now. */
  matches(rec: Recording): boolean {
    const r = rec.reads;
    for (let i = 0; i < r.length; i += 3) {
      const m = this.tables[r[i] as number];
      const k = r[i + 1];
      const cur = m.rawHas(k) ? m.rawGet(k) : undefined;
      if (cur !== r[i + 2]) return false;
    }
    return true;
  }

  /**
   * Applies a recording: its reads become reads of the enclosing frame, its ops writes, as if
   * each were made again (the frame takes the recording's chunks as they are).
   */
  replay(rec: Recording) {
    const r = rec.reads;
    for (let i = 0; i < r.length; i += 3) this.read(this.tables[r[i] as number], r[i + 1], r[i + 2]);
    const f = this.top;
    for (const chunk of rec.ops) {
      for (let i = 0; i < chunk.length; i += 3) {
        const m = this.tables[chunk[i] as number];
        const k = chunk[i + 1];
        const v = chunk[i + 2];
        if (v === DELETED) m.rawDelete(k);
        else m.rawSet(k, v);
        if (f) {
          let w = f.written[m.id];
          if (!w) f.written[m.id] = w = new Set();
          w.add(k);
        }
      }
      if (f) f.ops.push(chunk);
    }
    if (f) f.own = null;
  }
}

/** A Map whose reads and writes are recorded in a journal. */
export class JMap<K, V> extends Map<K, V> {
  readonly id: number;
  constructor(private readonly journal: Journal) {
    super();
    this.id = journal.register(this as JMap<unknown, unknown>);
  }
  override get(k: K): V | undefined {
    const v = super.get(k);
    if (this.journal.recording) this.journal.read(this as JMap<unknown, unknown>, k, v);
    return v;
  }
  override has(k: K): boolean {
    const v = super.get(k);
    if (this.journal.recording) this.journal.read(this as JMap<unknown, unknown>, k, v);
    return v !== undefined;
  }
  override set(k: K, v: V): this {
    super.set(k, v);
    if (this.journal?.recording) this.journal.write(this as JMap<unknown, unknown>, k, v);
    return this;
  }
  override delete(k: K): boolean {
    const had = super.delete(k);
    if (this.journal.recording) this.journal.write(this as JMap<unknown, unknown>, k, DELETED);
    return had;
  }
  rawGet(k: K): V | undefined {
    return super.get(k);
  }
  rawSet(k: K, v: V) {
    super.set(k, v);
  }
  rawDelete(k: K) {
    super.delete(k);
  }
  rawHas(k: K): boolean {
    return super.has(k);
  }
}
