/**
 * The one error family the gateway's services throw. Each error carries what every transport
 * needs to answer it: a stable machine-readable `code`, the HTTP `status`, and, for bad input,
 * the `path` of the offending field (an argument name, or a JSON Pointer into submitted data).
 * REST, EPCIS and GraphQL each map it in one place; anything else thrown is an internal error
 * whose details stay in the server log.
 *
 * @example
 * ```ts
 * import { BadInputError, GatewayError } from '@cargotrace/gateway';
 * try {
 *   throw new BadInputError('maxDepth must be between 0 and 10', { argument: 'maxDepth' });
 * } catch (err) {
 *   if (err instanceof GatewayError) console.log(err.status, err.code, err.path); // 400 BAD_USER_INPUT maxDepth
 * }
 * ```
 */
export class GatewayError extends Error {
  /** Where the bad input is: a GraphQL argument / query parameter name, or a JSON Pointer. */
  readonly path?: string;
  /** Further machine-readable facts shown to the client beside the code (e.g. `argument`). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    options: { path?: string; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = new.target.name;
    if (options.path !== undefined) this.path = options.path;
    this.details = options.details ?? {};
  }
}

export interface BadInputOptions {
  /** The request argument (GraphQL argument, query parameter) that is wrong; becomes `path`. */
  argument?: string;
  /** A more specific code than BAD_USER_INPUT (e.g. INVALID_CONTAINER_NUMBER). */
  code?: string;
  /** Further facts for the client (e.g. `reason: 'BATCH_TOO_LARGE'`). */
  details?: Record<string, unknown>;
}

/** The caller's input is wrong (400).
 *
 * @example
 * ```ts
 * throw new BadInputError('containerNo must be an ISO 6346 container number', { argument: 'containerNo', code: 'INVALID_CONTAINER_NUMBER' });
 * ```
 */
export class BadInputError extends GatewayError {
  constructor(message: string, options: BadInputOptions = {}) {
    super(options.code ?? 'BAD_USER_INPUT', message, 400, {
      ...(options.argument !== undefined ? { path: options.argument } : {}),
      details: { ...(options.argument !== undefined ? { argument: options.argument } : {}), ...options.details },
    });
  }
}

/** The caller may not do this (403).
 *
 * @example
 * ```ts
 * if (viewer.orgKind === 'partner-customs') throw new ForbiddenError('partner customs do not record custody events');
 * ```
 */
export class ForbiddenError extends GatewayError {
  constructor(message = 'not permitted for this caller') {
    super('FORBIDDEN', message, 403);
  }
}

/** The chaincode refused the request with its own code (docs/chaincode-api.md, "Errors"), and
 * `path` when it names the field; `errors` lists every problem when there are several (400).
 *
 * @example
 * ```ts
 * throw new ChaincodeRejectedError('VALIDATION_FAILED', 'eventTime is required', '/0/eventTime');
 * ```
 */
export class ChaincodeRejectedError extends GatewayError {
  constructor(code: string, message: string, path?: string, errors?: unknown[]) {
    super(code, message, 400, { ...(path !== undefined ? { path } : {}), ...(errors ? { details: { errors } } : {}) });
  }
}

/** The ledger could not answer (peer down, timeout, invalid transaction): nothing the caller can
 * fix by changing the request (503).
 *
 * @example
 * ```ts
 * throw new LedgerUnavailableError(); // 503 LEDGER_UNAVAILABLE
 * ```
 */
export class LedgerUnavailableError extends GatewayError {
  constructor(message = 'the ledger could not answer') {
    super('LEDGER_UNAVAILABLE', message, 503);
  }
}
