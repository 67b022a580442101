import type { BlockCutting } from './types';

/** Fabric orderer's block cutter: a batch is cut when MaxMessageCount messages are pending, when
 * the pending bytes reach PreferredMaxBytes (a message that would overflow it first cuts what is
 * pending, and an oversized message travels alone), or BatchTimeout after the first pending
 * message. This is what lets concurrent submits share a block. */
export class BlockCutter<T extends { size: number }> {
  private pending: T[] = [];
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly cfg: BlockCutting,
    private readonly onCut: (batch: T[]) => void,
  ) {}

  enqueue(item: T): void {
    if (this.pending.length > 0 && this.bytes + item.size > this.cfg.preferredMaxBytes) this.cut();
    this.pending.push(item);
    this.bytes += item.size;
    if (this.pending.length >= this.cfg.maxMessageCount || this.bytes >= this.cfg.preferredMaxBytes) this.cut();
    else if (!this.timer) this.timer = setTimeout(() => this.cut(), this.cfg.batchTimeoutMs);
  }

  /** Endorsed transactions waiting for the next block. */
  get size(): number {
    return this.pending.length;
  }

  /** Cuts whatever is pending now (also used to flush on close). */
  cut(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.bytes = 0;
    this.onCut(batch);
  }
}
