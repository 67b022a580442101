/** The proposal was not endorsed: the chaincode returned an error (message passed through
 * unchanged) or the peer refused the proposal. Nothing was ordered. */
export class EndorsementError extends Error {
  constructor(
    message: string,
    readonly txId: string,
  ) {
    super(message);
    this.name = 'EndorsementError';
  }
}

/** The peer refused the proposal before running chaincode: creator not a channel member, not
 * issued by its organisation's CA, or a bad signature (Fabric's "access denied"). */
export class AccessDeniedError extends EndorsementError {
  constructor(message: string, txId: string) {
    super(message, txId);
    this.name = 'AccessDeniedError';
  }
}

/** The transaction was ordered into a block but marked invalid at commit; its writes were dropped. */
export class TransactionInvalidError extends Error {
  constructor(
    readonly validationCode: string,
    readonly txId: string,
    readonly blockNumber: number,
  ) {
    super(`transaction ${txId} is invalid in block ${blockNumber}: ${validationCode}`);
    this.name = 'TransactionInvalidError';
  }
}
