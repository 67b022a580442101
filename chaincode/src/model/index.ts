export * from './types';
export * from './iso6346';
export * from './time';
export * from './goods';
export * from './validation';
export { prepareSchema, type PreparedSchema } from './schema-context';
