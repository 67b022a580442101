export * from './types';
export * from './errors';
export * from './network';
export { EmbeddedChannel, type SubmitOptions } from './channel';
export { createCompositeKey, splitCompositeKey } from './keys';
