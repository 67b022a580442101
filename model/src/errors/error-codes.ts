/** Machine-readable codes of the errors the chaincode throws (docs/chaincode-api.md, "Errors"). */
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

/** The JSON a failed transaction's message carries:
 * `{"code","message","path","index"?,"errors"?:[{code,path,message,index?}]}`. */
export interface ChaincodeErrorBody extends FieldError {
  errors?: FieldError[];
}
