export * from './types';
export * from './config-error';
export * from './load';
export * from './channel-districts';
export * from './membership';
