// The in-process chaincode (fabric-shim's logger) logs every transaction at info level and every
// rejected one at error level, which would drown the gateway's own output; a user's
// CORE_CHAINCODE_LOGGING_LEVEL still wins. Imported first by the CLI, before the chaincode loads.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'warning';
export {};
