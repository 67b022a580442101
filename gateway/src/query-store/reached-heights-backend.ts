import type { LedgerBackend } from '../ledger/ledger-backend';
import { noteReached } from './request-heights';

/** The backend the services write through: every committed submit notes, for the request that
 * made it, the height it reached (its block number + 1), which the answer then carries
 * (read-your-writes). Everything else is the backend's own. */
export function reachedHeightsBackend(backend: LedgerBackend): LedgerBackend {
  const wrapped: LedgerBackend = {
    kind: backend.kind,
    submit: async (channel, userId, fcn, args) => {
      const outcome = await backend.submit(channel, userId, fcn, args);
      noteReached(channel, outcome.blockNumber + 1);
      return outcome;
    },
    evaluate: (channel, userId, fcn, args) => backend.evaluate(channel, userId, fcn, args),
    onChaincodeEvent: (listener) => backend.onChaincodeEvent(listener),
    transactionProof: (channel, txId) => backend.transactionProof(channel, txId),
    verify: (channel) => backend.verify(channel),
    height: (channel) => backend.height(channel),
    close: () => backend.close(),
  };
  if (backend.committedBlocks) wrapped.committedBlocks = backend.committedBlocks.bind(backend);
  if (backend.blockHash) wrapped.blockHash = backend.blockHash.bind(backend);
  return wrapped;
}
