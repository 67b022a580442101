import { BadInputError } from './gateway-error';

/** Longer identifiers are refused: no goods id, enterprise code or record id comes near it. */
export const MAX_IDENTIFIER_LENGTH = 512;

/** Whether `value` holds a character no identifier of the network holds and a ledger key may not
 * hold (Fabric refuses U+0000 and U+10FFFF in composite keys): a control character, an unpaired
 * surrogate, U+10FFFF. */
function hasForbiddenCharacter(value: string): boolean {
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0x10ffff) return true;
  }
  return false;
}

/** Refuses an identifier argument the ledger could not look up (INVALID_IDENTIFIER with the
 * argument as path), instead of letting the ledger fail on it. */
export function requireIdentifier(value: string, argument: string): void {
  if (value.length > MAX_IDENTIFIER_LENGTH)
    throw new BadInputError(`${argument} is longer than ${MAX_IDENTIFIER_LENGTH} characters`, { argument, code: 'INVALID_IDENTIFIER' });
  if (hasForbiddenCharacter(value))
    throw new BadInputError(`${argument} contains a control character or an unpaired surrogate`, { argument, code: 'INVALID_IDENTIFIER' });
}
