/** The chaincode's view of the world state (typed reads and writes, pages, the working set). */
export * from './context';
export * from './state';
export * from './pages';
export * from './working-set';
