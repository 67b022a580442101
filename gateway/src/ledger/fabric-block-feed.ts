import type { BlockEvent } from 'fabric-network';
import type { CommittedBlock, CommittedTransaction, CommittedWrite } from './committed-blocks';

/** The fields of a full block (fabric-common's BlockDecoder output) that the feed reads. */
interface DecodedWrite {
  key?: string;
  is_delete?: boolean;
  value?: Uint8Array;
}
interface DecodedAction {
  payload?: {
    action?: {
      proposal_response_payload?: {
        extension?: {
          results?: { ns_rwset?: Array<{ namespace?: string; rwset?: { writes?: DecodedWrite[] } }> };
          events?: { chaincode_id?: string; event_name?: string; payload?: Uint8Array };
        };
      };
    };
  };
}
interface DecodedEnvelope {
  payload?: { header?: { channel_header?: { tx_id?: string } }; data?: { actions?: DecodedAction[] } };
}
interface DecodedFullBlock {
  data?: { data?: DecodedEnvelope[] };
  metadata?: { metadata?: unknown[] };
}

/** Fabric's metadata index of the transaction validation flags (TRANSACTIONS_FILTER). */
const TRANSACTIONS_FILTER = 2;

/** A delivered full block as a committed block: per transaction its id, position, validation code
 * (from the block metadata's transaction filter, named by `codeName`), the chaincode's event and its
 * writes in `chaincode`'s namespace (other namespaces, e.g. _lifecycle, are not the application's
 * state). `hash` is the header hash that proofs carry. */
export function fabricCommittedBlock(
  channel: string,
  chaincode: string,
  event: BlockEvent,
  hash: string,
  codeName: (code: number) => string,
): CommittedBlock {
  const block = event.blockData as DecodedFullBlock;
  const filter = (block.metadata?.metadata?.[TRANSACTIONS_FILTER] ?? []) as ArrayLike<number>;
  const transactions = (block.data?.data ?? []).map((env, txIndex): CommittedTransaction => {
    const extensions = extensionsOf(env);
    const writes = extensions.flatMap((x) => writesIn(x, chaincode));
    const chaincodeEvent = extensions.map((x) => eventIn(x, chaincode)).find((e) => e !== undefined);
    return {
      txId: env.payload?.header?.channel_header?.tx_id ?? '',
      txIndex,
      validationCode: codeName(filter[txIndex] ?? 0),
      ...(chaincodeEvent ? { event: chaincodeEvent } : {}),
      writes,
    };
  });
  return { channel, number: Number(event.blockNumber.toString()), hash, transactions };
}

type Extension = NonNullable<
  NonNullable<NonNullable<NonNullable<DecodedAction['payload']>['action']>['proposal_response_payload']>['extension']
>;

/** The proposal response extensions (results and event) of an endorser transaction's actions. */
function extensionsOf(env: DecodedEnvelope): Extension[] {
  const out: Extension[] = [];
  for (const action of env.payload?.data?.actions ?? []) {
    const extension = action.payload?.action?.proposal_response_payload?.extension;
    if (extension) out.push(extension);
  }
  return out;
}

function writesIn(extension: Extension, chaincode: string): CommittedWrite[] {
  const namespace = (extension.results?.ns_rwset ?? []).filter((ns) => ns.namespace === chaincode);
  return namespace.flatMap((ns) => (ns.rwset?.writes ?? []).map(writeOf));
}

function eventIn(extension: Extension, chaincode: string): CommittedTransaction['event'] {
  const e = extension.events;
  if (!e?.event_name || e.chaincode_id !== chaincode) return undefined;
  return { name: e.event_name, payload: Buffer.from(e.payload ?? []).toString('utf8') };
}

function writeOf(w: DecodedWrite): CommittedWrite {
  const isDelete = w.is_delete === true;
  return { key: w.key ?? '', isDelete, ...(isDelete ? {} : { value: Buffer.from(w.value ?? []) }) };
}
