/** Every key this chaincode writes, one module per family: how it is built, written and read. */
export { INDEX_VALUE, KEYS } from './object-types';
export * from './registry';
export * from './event-records';
export * from './goods-states';
export * from './goods-events';
export * from './day-buckets';
export * from './links';
export * from './mutual-recognition';
