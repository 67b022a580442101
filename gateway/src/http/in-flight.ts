/** Requests whose handlers are still running, so that a shutdown can let them finish before the
 * ledger and logs close under them (a client that has gone away does not end its handler). */
export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  track<T>(work: Promise<T>): Promise<T> {
    this.count++;
    const done = () => {
      if (--this.count === 0) for (const w of this.waiters.splice(0)) w();
    };
    work.then(done, done);
    return work;
  }

  /** Resolves true once no handler runs, or false after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
