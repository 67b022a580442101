import type { LedgerChaincodeEvent } from './ledger-backend';

type Listener = (e: LedgerChaincodeEvent) => void;

/** The backend's chaincode-event subscribers. Each committed event reaches every subscriber once,
 * in commit order; one subscriber's failure does not stop delivery to the others. */
export class ChaincodeEventListeners {
  private readonly listeners = new Set<Listener>();

  /** Adds a subscriber; returns the function that removes it. */
  add(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  deliver(event: LedgerChaincodeEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch {
        // a listener's failure must not stop delivery to the others
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
