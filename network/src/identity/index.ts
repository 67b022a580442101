export * from './types';
export * from './dev-ca';
export * from './wallet';
export * from './signing';
