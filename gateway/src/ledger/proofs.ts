import type { TransactionProof } from './ledger-backend';

/** Where a committed transaction is on its channel. */
export interface TxLocation {
  blockNumber: number;
  txIndex: number;
  blockHash: string;
  validationCode: string;
}

/** Locations kept in memory (about 300 bytes each). */
export const LOCATION_CACHE_SIZE = 100_000;

/** Known transaction locations per channel: a committed block never changes, so a location once
 * found is kept (bounded, oldest first out); a tx id not found is asked again. */
export class TxLocations {
  private readonly byKey = new Map<string, TxLocation>();

  constructor(private readonly capacity = LOCATION_CACHE_SIZE) {}

  get(channel: string, txId: string): TxLocation | undefined {
    return this.byKey.get(keyOf(channel, txId));
  }

  remember(channel: string, txId: string, loc: TxLocation): void {
    const key = keyOf(channel, txId);
    if (!this.byKey.has(key) && this.byKey.size >= this.capacity) {
      const oldest = this.byKey.keys().next().value;
      if (oldest !== undefined) this.byKey.delete(oldest);
    }
    this.byKey.set(key, loc);
  }
}

const keyOf = (channel: string, txId: string) => `${channel}/${txId}`;

/** The proof the API shows for a located transaction. */
export function proofOf(channel: string, txId: string, loc: TxLocation): TransactionProof {
  return {
    channel,
    txId,
    blockNumber: loc.blockNumber,
    txIndex: loc.txIndex,
    blockHash: loc.blockHash,
    validationCode: loc.validationCode,
  };
}
