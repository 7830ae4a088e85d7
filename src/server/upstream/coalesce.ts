// Identical reads in flight at the same time share one upstream call: the first caller starts it,
// the others wait for the same answer (or the same error). Nothing is kept once it settles, so an
// error is never served to a caller who asks afterwards.
//
// Keys are method + path + canonical query within one DcsClient (one client per target, so the
// target is part of the key). A write (stop, batch stop) calls `forgetAll()` (through
// CachedReads.invalidate) when it is sent and when it is answered: a read asked for after that
// never joins one that began before, so it cannot be served a task as it was before the stop.
// Callers already waiting keep their pending answer. The short cache in front of this is
// cached-reads.ts.
export class Coalescer {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  /** `onJoin` is called when the caller is served by a call already in flight. */
  run<T>(key: string, call: () => Promise<T>, onJoin?: () => void): Promise<T> {
    const pending = this.inFlight.get(key);
    if (pending) {
      onJoin?.();
      return pending as Promise<T>;
    }
    const promise = call().finally(() => {
      if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
    });
    this.inFlight.set(key, promise);
    return promise;
  }

  forgetAll(): void {
    this.inFlight.clear();
  }

  get size(): number {
    return this.inFlight.size;
  }
}
