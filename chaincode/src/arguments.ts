import { ChaincodeError } from '@cargotrace/model';
import { DEFAULT_PAGE_SIZE, EVENT_KINDS, GOODS_TYPES, MAX_PAGE_SIZE, type EventKind, type GoodsType } from '@cargotrace/model';

/** Checks of plain string transaction arguments; each failure is BAD_ARGUMENT with an empty path. */

/** `value` is undefined when a client leaves the optional argument out. */
export function parsePageSize(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PAGE_SIZE;
  if (!/^[0-9]+$/.test(value))
    throw new ChaincodeError('BAD_ARGUMENT', `pageSize must be an integer 1..${MAX_PAGE_SIZE}, got '${value}'`, '');
  const n = Number(value);
  if (n < 1 || n > MAX_PAGE_SIZE) throw new ChaincodeError('BAD_ARGUMENT', `pageSize must be an integer 1..${MAX_PAGE_SIZE}, got ${n}`, '');
  return n;
}

export function parseGoodsType(value: string): GoodsType {
  if (!(GOODS_TYPES as readonly string[]).includes(value))
    throw new ChaincodeError('BAD_ARGUMENT', `goods type must be one of ${GOODS_TYPES.join(', ')}, got '${value}'`, '');
  return value as GoodsType;
}

export function parseDistrictCode(value: string): string {
  if (!/^[0-9]{4}$/.test(value)) throw new ChaincodeError('BAD_ARGUMENT', `district must be a 4-digit code, got '${value}'`, '');
  return value;
}

export function parseEventKind(value: string): EventKind {
  if (!(EVENT_KINDS as readonly string[]).includes(value)) throw new ChaincodeError('BAD_ARGUMENT', `unknown event kind '${value}'`, '');
  return value as EventKind;
}

export function requireNonEmpty(value: string, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 512)
    throw new ChaincodeError('BAD_ARGUMENT', `${what} must be a non-empty string`, '');
  return value;
}
