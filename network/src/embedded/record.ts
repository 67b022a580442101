import { decodeBytes, encodeBytes } from './codec';
import type { KVRead, RangeQueryInfo, StoredTransaction, Version } from './types';

/** The JSON form of a transaction as stored under t!<block><tx>. Its exact bytes are hashed into
 * the block's data hash, so it is produced once at commit and never re-serialised. */
type Enc = { u: string } | { b: string };
type VersionJson = [number, number];
interface ReadJson {
  k: string;
  v?: VersionJson;
}
interface TxRecordJson {
  txId: string;
  txIndex: number;
  type: 'endorser' | 'config';
  timestamp: { seconds: number; nanos: number };
  creatorMspId: string;
  creatorCertHash: string;
  fcn: string;
  args: string[];
  validationCode: StoredTransaction['validationCode'];
  event?: { name: string; payload: Enc };
  rwset: {
    reads: ReadJson[];
    ranges: Array<{ start: string; end: string; exhausted: boolean; results: ReadJson[] }>;
    writes: Array<{ k: string; d?: 1; v?: Enc }>;
  };
  config?: { channel: string; members: string[] };
}

const vj = (v: Version | undefined): VersionJson | undefined => (v ? [v.blockNum, v.txNum] : undefined);
const jv = (v: VersionJson | undefined): Version | undefined => (v ? { blockNum: v[0], txNum: v[1] } : undefined);
const readJson = (r: KVRead): ReadJson => (r.version ? { k: r.key, v: vj(r.version) } : { k: r.key });
const jsonRead = (r: ReadJson): KVRead => (r.v ? { key: r.k, version: jv(r.v) } : { key: r.k });

export function encodeTxRecord(tx: StoredTransaction): Buffer {
  const json: TxRecordJson = {
    txId: tx.txId,
    txIndex: tx.txIndex,
    type: tx.type,
    timestamp: { seconds: tx.timestamp.seconds, nanos: tx.timestamp.nanos },
    creatorMspId: tx.creatorMspId,
    creatorCertHash: tx.creatorCertHash,
    fcn: tx.fcn,
    args: tx.args,
    validationCode: tx.validationCode,
    ...(tx.event ? { event: { name: tx.event.name, payload: encodeBytes(tx.event.payload) } } : {}),
    rwset: {
      reads: tx.rwset.reads.map(readJson),
      ranges: tx.rwset.rangeQueries.map((q: RangeQueryInfo) => ({
        start: q.startKey,
        end: q.endKey,
        exhausted: q.itrExhausted,
        results: q.results.map(readJson),
      })),
      writes: tx.rwset.writes.map((w) =>
        w.isDelete ? { k: w.key, d: 1 as const } : { k: w.key, v: encodeBytes(w.value ?? Buffer.alloc(0)) },
      ),
    },
    ...(tx.config ? { config: tx.config } : {}),
  };
  return Buffer.from(JSON.stringify(json), 'utf8');
}

export function decodeTxRecord(raw: Buffer): StoredTransaction {
  const j = JSON.parse(raw.toString('utf8')) as TxRecordJson;
  return {
    txId: j.txId,
    txIndex: j.txIndex,
    type: j.type,
    timestamp: j.timestamp,
    creatorMspId: j.creatorMspId,
    creatorCertHash: j.creatorCertHash,
    fcn: j.fcn,
    args: j.args,
    validationCode: j.validationCode,
    ...(j.event ? { event: { name: j.event.name, payload: decodeBytes(j.event.payload) } } : {}),
    rwset: {
      reads: j.rwset.reads.map(jsonRead),
      rangeQueries: j.rwset.ranges.map((q) => ({
        startKey: q.start,
        endKey: q.end,
        itrExhausted: q.exhausted,
        results: q.results.map(jsonRead),
      })),
      writes: j.rwset.writes.map((w) =>
        w.d ? { key: w.k, isDelete: true } : { key: w.k, isDelete: false, value: decodeBytes(w.v ?? { u: '' }) },
      ),
    },
    ...(j.config ? { config: j.config } : {}),
  };
}

/** A block's header record: at the head of its frame in the block file and, as an index, under
 * b!<block>: header, hash, and per-tx ids and hashes (what lets verify name the first bad
 * transaction). */
export interface BlockRecord {
  number: number;
  previousHash: string;
  dataHash: string;
  writeSetHash?: string;
  stateHash?: string;
  hash: string;
  txIds: string[];
  txHashes: string[];
}
