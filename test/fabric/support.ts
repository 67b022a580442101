import { existsSync } from 'node:fs';

/** The gateway manifest of a running Fabric network (network/fabric/up.sh writes it; test/fabric/run.sh
 * exports FABRIC_GATEWAY_CONFIG). Undefined when no network is available: the suites then skip, so
 * that `npm test` never needs Fabric. */
export function fabricManifest(): string | undefined {
  const file = process.env.FABRIC_GATEWAY_CONFIG;
  return file && existsSync(file) ? file : undefined;
}

export const SKIP_MESSAGE =
  '    SKIPPED: no Fabric network (FABRIC_GATEWAY_CONFIG unset); `npm run test:fabric` starts one with network/fabric/up.sh when Fabric 2.5 binaries are on PATH or in FABRIC_BIN';

export function runTag(): string {
  return Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36);
}
