// Include memoisation. Processing a header reads some state (macros it tests or expands,
// typedefs and tags it uses) and writes some (what it defines). The journal records both
// per included file; when another unit includes the same file with every read value
// unchanged, the recorded writes are replayed instead of walking the file again.
// Values are compared by identity: definitions are shared objects (FileCache.macro).

const DELETED = Symbol('deleted');
type Op = [JMap<unknown, unknown>, unknown, unknown];

interface Frame {
  reads: Map<JMap<unknown, unknown>, Map<unknown, unknown>>;
  written: Map<JMap<unknown, unknown>, Set<unknown>>;
  ops: Op[];
}

/** A recording of one file's effect, replayable in any unit whose tables have the same ids. */
export interface Recording {
  /** reads and ops by table index, so that they apply to another unit's tables */
  reads: [number, unknown, unknown][];
  ops: [number, unknown, unknown][];
}

export class Journal {
  private frames: Frame[] = [];
  readonly tables: JMap<unknown, unknown>[] = [];

  register(m: JMap<unknown, unknown>): number {
    this.tables.push(m);
    return this.tables.length - 1;
  }

  get recording(): boolean {
    return this.frames.length > 0;
  }

  begin() {
    this.frames.push({ reads: new Map(), written: new Map(), ops: [] });
  }

  /** Ends the innermost frame and returns what it read and did, by table index. */
  end(): Recording {
    const f = this.frames.pop()!;
    const reads: Recording['reads'] = [];
    for (const [m, r] of f.reads) for (const [k, v] of r) reads.push([m.id, k, v]);
    return { reads, ops: f.ops.map(([m, k, v]) => [m.id, k, v]) };
  }

  /** Abandons the innermost frame (the file failed). */
  abort() {
    this.frames.pop();
  }

  read(m: JMap<unknown, unknown>, k: unknown, v: unknown) {
    for (const f of this.frames) {
      if (f.written.get(m)?.has(k)) continue;
      let r = f.reads.get(m);
      if (!r) f.reads.set(m, (r = new Map()));
      if (!r.has(k)) r.set(k, v);
    }
  }

  write(m: JMap<unknown, unknown>, k: unknown, v: unknown) {
    for (const f of this.frames) {
      let w = f.written.get(m);
      if (!w) f.written.set(m, (w = new Set()));
      w.add(k);
      f.ops.push([m, k, v]);
    }
  }

  /** Whether a recording's reads hold now. */
  matches(rec: Recording): boolean {
    for (const [id, k, v] of rec.reads) {
      const m = this.tables[id];
      const cur = m.rawHas(k) ? m.rawGet(k) : undefined;
      if (cur !== v) return false;
    }
    return true;
  }

  /** Applies a recording: its reads become reads of the enclosing frames, its ops writes. */
  replay(rec: Recording) {
    for (const [id, k, v] of rec.reads) this.read(this.tables[id], k, v);
    for (const [id, k, v] of rec.ops) {
      const m = this.tables[id];
      if (v === DELETED) m.delete(k);
      else m.set(k, v);
    }
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
  rawHas(k: K): boolean {
    return super.has(k);
  }
}
