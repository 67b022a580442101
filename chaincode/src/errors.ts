/** Errors the chaincode throws. The message of a failed transaction is JSON, so that the gateway
 * and clients can read a machine code and the JSON Pointer of the offending field:
 * `{"code","message","path","index"?,"errors"?:[{code,path,message,index?}]}`. */

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'INVALID_CONTAINER_NUMBER'
  | 'BATCH_TOO_LARGE'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'UNKNOWN_DISTRICT'
  | 'UNKNOWN_SITE'
  | 'BAD_ARGUMENT';

export const ERROR_CODES: readonly ErrorCode[] = [
  'VALIDATION_FAILED',
  'INVALID_CONTAINER_NUMBER',
  'BATCH_TOO_LARGE',
  'CONFLICT',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNKNOWN_DISTRICT',
  'UNKNOWN_SITE',
  'BAD_ARGUMENT',
];

/** One problem found in an argument. `path` is a JSON Pointer into the transaction argument
 * ('' = the whole argument); `index` is the position in a batch when the argument is an array. */
export interface FieldError {
  code: ErrorCode;
  path: string;
  message: string;
  index?: number;
}

/** At most this many errors are reported for one argument. */
export const MAX_REPORTED_ERRORS = 100;

export interface ChaincodeErrorBody extends FieldError {
  errors?: FieldError[];
}

export class ChaincodeError extends Error {
  readonly code: ErrorCode;
  readonly path: string;
  readonly index?: number;
  readonly errors?: FieldError[];

  constructor(code: ErrorCode, message: string, path = '', index?: number, errors?: FieldError[]) {
    const body: ChaincodeErrorBody = { code, message, path };
    if (index !== undefined) body.index = index;
    if (errors !== undefined && errors.length > 0) body.errors = errors.slice(0, MAX_REPORTED_ERRORS);
    super(JSON.stringify(body));
    this.name = 'ChaincodeError';
    this.code = code;
    this.path = path;
    if (index !== undefined) this.index = index;
    if (body.errors) this.errors = body.errors;
  }

  /** The first error is reported as code/path/message; all (capped) are listed in `errors`. */
  static fromErrors(errors: FieldError[]): ChaincodeError {
    if (errors.length === 0) throw new Error('ChaincodeError.fromErrors needs at least one error');
    const first = errors[0]!;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    return new ChaincodeError(first.code, first.message + more, first.path, first.index, errors);
  }

  get body(): ChaincodeErrorBody {
    return JSON.parse(this.message) as ChaincodeErrorBody;
  }
}

/** Reads the JSON body back from an error message (as the gateway receives it), or undefined
 * when the message is not a chaincode error. */
export function parseChaincodeError(message: string): ChaincodeErrorBody | undefined {
  // Fabric wraps chaincode messages ("… chaincode response 500, {json}"); take the JSON tail.
  const start = message.indexOf('{"code"');
  if (start < 0) return undefined;
  try {
    const body = JSON.parse(message.slice(start)) as ChaincodeErrorBody;
    return typeof body.code === 'string' && typeof body.path === 'string' ? body : undefined;
  } catch {
    return undefined;
  }
}

/** JSON Pointer (RFC 6901) for a list of property names / indices. */
export function pointer(...segments: Array<string | number>): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Collects errors up to the cap. */
export class ErrorCollector {
  readonly errors: FieldError[] = [];
  private total = 0;

  add(code: ErrorCode, path: string, message: string, index?: number): void {
    this.total++;
    if (this.errors.length >= MAX_REPORTED_ERRORS) return;
    const e: FieldError = { code, path, message };
    if (index !== undefined) e.index = index;
    this.errors.push(e);
  }

  addAll(errors: FieldError[]): void {
    for (const e of errors) this.add(e.code, e.path, e.message, e.index);
  }

  get count(): number {
    return this.total;
  }

  get full(): boolean {
    return this.errors.length >= MAX_REPORTED_ERRORS;
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw ChaincodeError.fromErrors(this.errors);
  }
}
