import { HeightNotReachedError, QueryStoreFailedError } from './store-errors';

interface Waiter {
  height: number;
  resolve: () => void;
  reject: (err: Error) => void;
}

/** Per channel, the height (blocks applied) and head hash the query store has reached, and the
 * reads waiting for a height. */
export class AppliedHeights {
  private readonly heights = new Map<string, { height: number; hash: string }>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly failures = new Map<string, string>();

  height(channel: string): number {
    return this.heights.get(channel)?.height ?? 0;
  }

  hash(channel: string): string {
    return this.heights.get(channel)?.hash ?? '';
  }

  all(): Record<string, number> {
    return Object.fromEntries([...this.heights].map(([c, h]) => [c, h.height]));
  }

  /** Records a height; wakes the reads that waited for it. */
  set(channel: string, height: number, hash: string): void {
    this.heights.set(channel, { height, hash });
    const list = this.waiters.get(channel);
    if (!list) return;
    const still = list.filter((w) => w.height > height);
    for (const w of list) if (w.height <= height) w.resolve();
    if (still.length) this.waiters.set(channel, still);
    else this.waiters.delete(channel);
  }

  /** The channel's feed stopped: waiting reads fail now, later ones at once. */
  fail(channel: string, reason: string): void {
    this.failures.set(channel, reason);
    for (const w of this.waiters.get(channel) ?? []) w.reject(new QueryStoreFailedError(channel, reason));
    this.waiters.delete(channel);
  }

  failure(channel: string): string | undefined {
    return this.failures.get(channel);
  }

  /** Resolves once `channel` has reached `height`; rejects after `timeoutMs` (HEIGHT_NOT_REACHED). */
  async waitFor(channel: string, height: number, timeoutMs: number): Promise<void> {
    const failed = this.failures.get(channel);
    if (failed !== undefined) throw new QueryStoreFailedError(channel, failed);
    if (this.height(channel) >= height) return;
    let timer: NodeJS.Timeout | undefined;
    let waiter: Waiter | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        waiter = { height, resolve, reject };
        this.waiters.set(channel, [...(this.waiters.get(channel) ?? []), waiter]);
        timer = setTimeout(() => reject(new HeightNotReachedError(channel, height, this.height(channel), timeoutMs)), timeoutMs);
      });
    } finally {
      clearTimeout(timer);
      const list = (this.waiters.get(channel) ?? []).filter((w) => w !== waiter);
      if (list.length) this.waiters.set(channel, list);
      else this.waiters.delete(channel);
    }
  }
}
