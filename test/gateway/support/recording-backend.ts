import type { LedgerBackend } from '@cargotrace/gateway';

/** The real embedded backend with a log of the chaincode functions the gateway evaluates, so a
 * test can check which channels a trace touched. Everything is delegated unchanged. */
export function recording(backend: LedgerBackend): LedgerBackend & { log: string[] } {
  const log: string[] = [];
  return {
    kind: backend.kind,
    log,
    submit: (channel, userId, fcn, args) => backend.submit(channel, userId, fcn, args),
    evaluate: (channel, userId, fcn, args) => {
      log.push(`${channel} ${fcn}`);
      return backend.evaluate(channel, userId, fcn, args);
    },
    onChaincodeEvent: (listener) => backend.onChaincodeEvent(listener),
    transactionProof: (channel, txId) => backend.transactionProof(channel, txId),
    verify: (channel) => backend.verify(channel),
    height: (channel) => backend.height(channel),
    close: () => backend.close(),
  };
}
