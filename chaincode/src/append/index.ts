/** The steps of `appendEvents`, for tests that drive one step at a time. */
export * from './batch';
export * from './writer';
export * from './prefetch';
export * from './idempotency';
export * from './correction';
export * from './authorise';
export * from './admission';
export * from './record';
export * from './notify';
export * from './append-events';
