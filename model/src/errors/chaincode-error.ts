import { MAX_REPORTED_ERRORS, type ChaincodeErrorBody, type ErrorCode, type FieldError } from './error-codes';

/** The error the chaincode throws. Its message is the JSON body (ChaincodeErrorBody), so that
 * the gateway and clients can read a machine code and the JSON Pointer of the offending field
 * out of a failed transaction (parseChaincodeError). */
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
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    return new ChaincodeError(first.code, first.message + more, first.path, first.index, errors);
  }

  get body(): ChaincodeErrorBody {
    return JSON.parse(this.message) as ChaincodeErrorBody;
  }
}
