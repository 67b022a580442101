export * from './config';
export * from './embedded';
export * from './identity';
export * from './bootstrap';
