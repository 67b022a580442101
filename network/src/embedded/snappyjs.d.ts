/** snappyjs ships no typings; the one function the store uses. */
declare module 'snappyjs' {
  export function uncompress(compressed: Uint8Array, maxLength?: number): Uint8Array;
}
