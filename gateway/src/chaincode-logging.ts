import { createRequire } from 'node:module';
import * as path from 'node:path';

// The in-process chaincode (fabric-shim's logger) logs every transaction at info level and every
// rejected one at error level, which would drown the gateway's own output; a user's
// CORE_CHAINCODE_LOGGING_LEVEL still wins. Imported first by the CLI, before the chaincode loads.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'warning';

/** fabric-contract-api logs every error a transaction throws at error level, including the
 * chaincode's NOT_FOUND, which is an answer (the demo-presence probe at each start, a trace of an
 * unknown id) rather than a fault; such lines go to this level instead, so a red `error` line on
 * the console always means something went wrong. */
const EXPECTED_ANSWER_LEVEL = 'debug';

/** True for fabric-contract-api's line about a transaction that ended in the chaincode's NOT_FOUND
 * (`[<channel>-<txid>] ChaincodeError: {"code":"NOT_FOUND",…}`). */
export function isExpectedNotFound(message: unknown): boolean {
  return typeof message === 'string' && /^\[[^\]]*\] ChaincodeError: \{"code":"NOT_FOUND"/.test(message);
}

type Logger = Record<string, unknown> & { levels?: Record<string, number>; isLevelEnabled(level: string): boolean };
type CreateLogger = ((...args: unknown[]) => Logger) & { levelChecked?: boolean };

/** winston formats every message (timestamp, metadata, colours, printf) before its transports drop
 * the ones below their level, and fabric-shim / fabric-contract-api log several debug and info lines
 * per transaction: a measurable share of every ledger read of the embedded peer. Loggers created
 * after this call skip a message below their level up front (the same check the transports make,
 * Logger#isLevelEnabled), so what is printed does not change, except that NOT_FOUND answers are
 * logged at EXPECTED_ANSWER_LEVEL. Applies to the winston copy that
 * fabric-shim loads; does nothing when it cannot be found. */
export function skipDisabledChaincodeLogLevels(): void {
  let winston: { createLogger: CreateLogger };
  try {
    const network = path.dirname(require.resolve('@cargotrace/network/package.json'));
    // The winston copy fabric-shim resolves, whichever that is, loaded as fabric-shim loads it.
    const requireFromShim = createRequire(require.resolve('fabric-shim/package.json', { paths: [network] }));
    winston = requireFromShim('winston') as { createLogger: CreateLogger };
  } catch {
    return;
  }
  const original = winston.createLogger;
  if (typeof original !== 'function' || original.levelChecked) return;
  const createLogger: CreateLogger = function (this: unknown, ...args: unknown[]): Logger {
    const logger = original.apply(this, args);
    for (const level of Object.keys(logger.levels ?? {})) {
      const log = logger[level];
      if (typeof log !== 'function') continue;
      logger[level] = function (this: unknown, ...a: unknown[]) {
        if (level === 'error' && isExpectedNotFound(a[0])) {
          return (logger[EXPECTED_ANSWER_LEVEL] as (...x: unknown[]) => unknown).apply(this ?? logger, a);
        }
        return logger.isLevelEnabled(level) ? (log as (...x: unknown[]) => unknown).apply(this ?? logger, a) : (this ?? logger);
      };
    }
    return logger;
  };
  createLogger.levelChecked = true;
  winston.createLogger = createLogger;
}

skipDisabledChaincodeLogLevels();
