/** The custody contract's read answers, for any view of the world state (the peer's stub, or a
 * block-fed replica of the same keys). */
export * from './custody-queries';
