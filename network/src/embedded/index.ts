export * from './types';
export * from './errors';
export * from './network';
export { EmbeddedChannel, type SubmitOptions } from './channel';
export { createCompositeKey, splitCompositeKey } from './keys';
export { EndorserThread } from './endorser-thread';
export { packSimulation, unpackSimulation } from './simulation-message';
export type { Simulation } from './simulate';
