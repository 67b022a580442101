import { Level } from 'level';
import { coalescedGet } from '@cargotrace/network';
import type { CommittedBlock, CommittedBlockFeed } from '../ledger/committed-blocks';
import type { LedgerBackend, TransactionProof } from '../ledger/ledger-backend';
import { AppliedHeights } from './applied-heights';
import { replicaStub, type ChaincodeStubLike } from './replica-stub';
import { touchedGoods } from './touched-goods';

/** A transaction's place on its channel, as stored per tx id. */
interface StoredProof {
  b: number;
  i: number;
  h: string;
  c: string;
}

interface AppliedMark {
  height: number;
  hash: string;
}

/** Called after a block is applied, before its height is visible to reads. */
export type AppliedListener = (channel: string, touchedGoods: Set<string>) => void;

/** A backend that can feed the query store. */
export type FeedingBackend = LedgerBackend & CommittedBlockFeed;

/** True when the backend delivers committed blocks (both of the gateway's backends do). */
export function feedsQueryStore(backend: LedgerBackend): backend is FeedingBackend {
  return typeof backend.committedBlocks === 'function' && typeof backend.blockHash === 'function';
}

const APPLIED = 'applied';
const EMPTY = Buffer.alloc(0);

/**
 * The gateway's query store: per channel, a LevelDB replica of the chaincode's world state built
 * only from committed blocks (valid transactions' write sets, in block order), with every
 * transaction's proof (block number, tx index, block hash, validation code). The chaincode's own
 * read functions run over it (replicaStub), so answers are those a peer would give at the same
 * height. A block's writes, proofs and the applied height and hash go in one LevelDB batch: after a
 * crash the store is at a block boundary. On open, a channel whose recorded hash differs from the
 * ledger's block at that height (or a ledger now shorter) is rebuilt from block 0; a deleted store
 * is rebuilt the same way; otherwise it catches up from where it stopped.
 *
 * @example
 * ```ts
 * const store = await QueryStore.open('.data/query-store', backend, ['district-2200']);
 * await store.caughtUp();
 * const stub = store.stub('district-2200');
 * ```
 */
export class QueryStore {
  readonly applied = new AppliedHeights();
  private readonly stops: (() => void)[] = [];
  private readonly listeners = new Set<AppliedListener>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly levelsOf = new Map<string, ReturnType<QueryStore['sub']>>();
  /** Channels rebuilt from block 0 at this open, and why. */
  readonly rebuilt = new Map<string, string>();

  private constructor(
    private readonly db: Level<string, unknown>,
    private readonly backend: FeedingBackend,
    readonly channels: readonly string[],
  ) {}

  static async open(dir: string, backend: FeedingBackend, channels: readonly string[]): Promise<QueryStore> {
    const db = new Level<string, unknown>(dir, { keyEncoding: 'utf8', valueEncoding: 'json' });
    await db.open();
    const store = new QueryStore(db, backend, channels);
    try {
      for (const c of channels) await store.start(c);
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
  }

  private sub(channel: string) {
    // Flat sublevels (`<channel>.state` ...): a batch may only name direct sublevels of the database.
    const state = this.db.sublevel<string, Buffer>(`${channel}.state`, { valueEncoding: 'buffer' });
    const proofs = this.db.sublevel<string, StoredProof>(`${channel}.proofs`, { valueEncoding: 'json' });
    const stateGet = coalescedGet<Buffer>((keys) => state.getMany(keys));
    return {
      state,
      proofs,
      meta: this.db.sublevel<string, AppliedMark>(`${channel}.meta`, { valueEncoding: 'json' }),
      stateView: { get: stateGet, iterator: (o: { gte: string; lt: string; limit: number }) => state.iterator(o) },
      proofGet: coalescedGet<StoredProof>((keys) => proofs.getMany(keys)),
    };
  }

  private parts(channel: string) {
    let p = this.levelsOf.get(channel);
    if (!p) {
      p = this.sub(channel);
      this.levelsOf.set(channel, p);
    }
    return p;
  }

  /** Checks the recorded head against the ledger, rebuilds when they disagree, then follows the feed. */
  private async start(channel: string): Promise<void> {
    const { state, proofs, meta } = this.parts(channel);
    const mark = (await meta.get(APPLIED)) ?? { height: 0, hash: '' };
    let from = mark.height;
    if (from > 0) {
      const ledgerHash = await this.backend.blockHash(channel, from - 1);
      if (ledgerHash !== mark.hash) {
        this.rebuilt.set(
          channel,
          ledgerHash === undefined
            ? `the ledger has fewer than ${from} blocks`
            : `block ${from - 1} hash ${mark.hash} differs from the ledger's ${ledgerHash}`,
        );
        await Promise.all([state.clear(), proofs.clear(), meta.clear()]);
        from = 0;
      }
    }
    this.applied.set(channel, from, from > 0 ? mark.hash : '');
    const stop = this.backend.committedBlocks(
      channel,
      from,
      (block) => this.track(this.apply(block)),
      (err) => this.applied.fail(channel, err.message),
    );
    this.stops.push(stop);
  }

  private async track(p: Promise<void>): Promise<void> {
    this.inFlight.add(p);
    try {
      await p;
    } finally {
      this.inFlight.delete(p);
    }
  }

  /** One block: its valid writes, every transaction's proof and the new mark, in one batch. */
  private async apply(block: CommittedBlock): Promise<void> {
    const { channel } = block;
    const expected = this.applied.height(channel);
    if (block.number !== expected) throw new Error(`expected block ${expected} of ${channel}, was given block ${block.number}`);
    const { state, proofs, meta } = this.parts(channel);
    const batch = this.db.batch();
    const proven = new Set<string>();
    for (const tx of block.transactions) {
      const valid = tx.validationCode === 'VALID';
      if (valid) {
        for (const w of tx.writes) {
          if (w.isDelete) batch.del(w.key, { sublevel: state });
          else batch.put(w.key, w.value ?? EMPTY, { sublevel: state });
        }
      }
      // An invalid duplicate of a recorded tx id must not hide the valid one's proof.
      if (valid || (!proven.has(tx.txId) && (await proofs.get(tx.txId)) === undefined)) {
        batch.put(tx.txId, { b: block.number, i: tx.txIndex, h: block.hash, c: tx.validationCode }, { sublevel: proofs });
        proven.add(tx.txId);
      }
    }
    batch.put(APPLIED, { height: block.number + 1, hash: block.hash }, { sublevel: meta });
    await batch.write();
    const touched = touchedGoods(block);
    for (const l of this.listeners) l(channel, touched);
    this.applied.set(channel, block.number + 1, block.hash);
  }

  /** Subscribes to applied blocks (the goods cache drops what they touched); returns the unsubscribe. */
  onApplied(listener: AppliedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The chaincode's read view of `channel`'s replicated state. */
  stub(channel: string): ChaincodeStubLike {
    return replicaStub(this.parts(channel).stateView);
  }

  async proof(channel: string, txId: string): Promise<TransactionProof | undefined> {
    const p = await this.parts(channel).proofGet(txId);
    return p ? { channel, txId, blockNumber: p.b, txIndex: p.i, blockHash: p.h, validationCode: p.c } : undefined;
  }

  /** Resolves once every channel has applied the height the ledger had when this was called;
   * `progress` hears about it every `everyMs` while that takes long. */
  async caughtUp(progress?: (applied: number, target: number) => void, everyMs = 2000): Promise<void> {
    const targets = this.channels.map((c) => [c, this.backend.height(c)] as const);
    const total = targets.reduce((n, [, h]) => n + h, 0);
    const report = () =>
      progress?.(
        this.channels.reduce((n, c) => n + this.applied.height(c), 0),
        total,
      );
    const timer = progress ? setInterval(report, everyMs) : undefined;
    try {
      await Promise.all(targets.map(([c, h]) => this.applied.waitFor(c, h, 2 ** 31 - 1)));
    } finally {
      clearInterval(timer);
    }
  }

  async close(): Promise<void> {
    for (const stop of this.stops.splice(0)) stop();
    await Promise.allSettled([...this.inFlight]);
    await this.db.close();
  }
}
