/** Point reads issued together (under Promise.all, or by concurrent requests in the same turn of
 * the event loop) answered by one getMany: one trip to LevelDB's thread pool instead of one each.
 * The simulator reads state this way, and so does the gateway's query store. */
export function coalescedGet<V>(getMany: (keys: string[]) => Promise<Array<V | undefined>>): (key: string) => Promise<V | undefined> {
  let pending: Array<{ key: string; resolve(v: V | undefined): void; reject(err: unknown): void }> = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    getMany(batch.map((r) => r.key)).then(
      (values) => batch.forEach((r, i) => r.resolve(values[i])),
      (err: unknown) => batch.forEach((r) => r.reject(err)),
    );
  };
  return (key) =>
    new Promise((resolve, reject) => {
      if (pending.push({ key, resolve, reject }) === 1) queueMicrotask(flush);
    });
}
