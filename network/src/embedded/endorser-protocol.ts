import type { SimulationRequest } from './simulate';
import type { SimulationMessage } from './simulation-message';

/** Messages between the committing thread and the endorsing thread. */
export type EndorserRequest =
  | { type: 'simulate'; id: number; storeDir: string; chaincodeDir: string; proposal: SimulationRequest }
  /** Releases the endorsing thread's handle on a store (before the channel closes its own). */
  | { type: 'close'; id: number; storeDir: string }
  /** The thread's V8 heap figures (process.memoryUsage() sees only the calling thread's heap). */
  | { type: 'heap'; id: number };

export type EndorserReply =
  { id: number; ok: true; simulation?: SimulationMessage; heap?: HeapFigures } | { id: number; ok: false; error: string };

export interface HeapFigures {
  usedBytes: number;
  totalBytes: number;
}
