export * from './types';
export * from './iso6346';
export * from './time';
export * from './goods';
export * from './validation';
