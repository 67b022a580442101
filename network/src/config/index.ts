export * from './types';
export * from './config-error';
export * from './load';
