// The public surface of @cargotrace/model; modules are re-exported here as they move in.
export {};
export * from './epcis/official-schema';
