// Loaded by mocha before any test file (see .mocharc.json). The in-process chaincode's logger
// (fabric-shim / fabric-contract-api) writes every transaction at info level and every rejection
// the tests provoke at error level; 'CRITICAL' is a level it never emits.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'CRITICAL';
export {};
