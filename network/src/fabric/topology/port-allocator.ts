import type { FabricTarget } from './types';

/** Hands out blocks of 10 ports from a base, one block per node, in topology order. */
export class PortAllocator {
  #next = 0;

  constructor(private readonly base: number) {}

  nextBlock(): number {
    return this.base + 10 * this.#next++;
  }
}

/** How a node is dialled: natively every node listens on 127.0.0.1, in docker by host name. */
export function endpointOf(target: FabricTarget, host: string, port: number): string {
  return target === 'native' ? `127.0.0.1:${port}` : `${host}:${port}`;
}
