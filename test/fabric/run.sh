#!/usr/bin/env bash
# npm run test:fabric — the gateway end-to-end suite (test/gateway/gateway-e2e.test.ts, with
# CARGOTRACE_TEST_LEDGER=fabric) and the Fabric suites (test/fabric/*.test.ts) against a real
# Hyperledger Fabric 2.5 network. Needs the Fabric binaries (peer, orderer, configtxgen, cryptogen, osnadmin)
# in FABRIC_BIN or on PATH; without them it prints a skip message and succeeds.
#   FABRIC_GATEWAY_CONFIG=<manifest>  use an already running network instead of starting one
#   FABRIC_KEEP=1                     leave the network started here running afterwards
# Expects a prior `tsc -b` (the npm script runs it).
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FABRIC=$ROOT/network/fabric
cd "$ROOT"
STARTED=
if [ -z "${FABRIC_GATEWAY_CONFIG:-}" ]; then
  [ -n "${FABRIC_BIN:-}" ] && export PATH="$FABRIC_BIN:$PATH"
  for b in peer orderer configtxgen cryptogen osnadmin; do
    if ! command -v "$b" >/dev/null 2>&1; then
      echo "SKIPPED test:fabric: Hyperledger Fabric 2.5 binaries not found ('$b' missing; set FABRIC_BIN or PATH)."
      exit 0
    fi
  done
  export FABRIC_WORK_DIR=${FABRIC_WORK_DIR:-$FABRIC/.run-test}
  "$FABRIC/down.sh" >/dev/null 2>&1
  STARTED=1
  [ -z "${FABRIC_KEEP:-}" ] && trap '"$FABRIC/down.sh" --purge' EXIT
  SKIP_BUILD=1 "$FABRIC/up.sh" || exit 1
  export FABRIC_GATEWAY_CONFIG=$FABRIC_WORK_DIR/gateway/fabric-gateway.json
fi
# The gateway end-to-end suite (the same trace and authorisation scenarios as on the embedded
# ledger) first, on the still-fresh network, then the Fabric-only suites.
export CARGOTRACE_TEST_LEDGER=fabric
START=$(date +%s)
npx mocha --no-config --enable-source-maps --timeout 300000 build/test/gateway/gateway-e2e.test.js 'build/test/fabric/**/*.test.js'
STATUS=$?
echo "test:fabric: mocha finished in $(( $(date +%s) - START )) s (status $STATUS)"
[ -n "$STARTED" ] && [ -n "${FABRIC_KEEP:-}" ] && echo "network left running: FABRIC_WORK_DIR=$FABRIC_WORK_DIR $FABRIC/down.sh"
exit $STATUS
