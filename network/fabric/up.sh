#!/usr/bin/env bash
# Brings CargoTrace up on Hyperledger Fabric 2.5 as native processes on this machine (no Docker):
# 3 Raft orderers, one peer per configured organisation, one channel per configured channel
# (channel participation API, no system channel), the TypeScript chaincode committed on every
# channel, each channel's registry bootstrapped, connection profiles and a wallet for the gateway.
#
#   network/fabric/up.sh            # chaincode run by the peers' Node external builder (default)
#   CHAINCODE_MODE=ccaas up.sh      # chaincode as a service (fabric-chaincode-node server)
#   FABRIC_TARGET=docker up.sh      # same network in containers (official hyperledger/fabric-*:2.5
#                                   # images, docker compose; chaincode as a service)
#
# Environment: FABRIC_BIN (dir of peer, orderer, configtxgen, cryptogen, osnadmin; else PATH),
# FABRIC_WORK_DIR (default network/fabric/.run), NETWORK_CONFIG (default network/config/network.json),
# FABRIC_PORT_BASE (default 7050; nodes take 7050-7179, the ccaas server 7180),
# CHAINCODE_DIR (default chaincode/), SKIP_BUILD=1 (chaincode already built), SKIP_BOOTSTRAP=1.
# Stop with network/fabric/down.sh. Everything lives under the work dir and on 127.0.0.1.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=${FABRIC_WORK_DIR:-$HERE/.run}
CONFIG=${NETWORK_CONFIG:-$REPO/network/config/network.json}
PORT_BASE=${FABRIC_PORT_BASE:-7050}
MODE=${CHAINCODE_MODE:-node}
TARGET=${FABRIC_TARGET:-native}
CHAINCODE_DIR=${CHAINCODE_DIR:-$REPO/chaincode}
# The Fabric scripts proper (TypeScript in network/src/fabric, compiled with the network workspace).
SCRIPTS=$REPO/network/dist/fabric
CC_VERSION=${CC_VERSION:-1.0}
CC_SEQUENCE=${CC_SEQUENCE:-1}
. "$HERE/lib/common.sh"
START=$(date +%s)

case "$MODE" in node | ccaas) ;; *) die "CHAINCODE_MODE must be node or ccaas" ;; esac
case "$TARGET" in
  native)
    find_fabric_bins || die "Fabric 2.5 binaries (peer, orderer, configtxgen, cryptogen, osnadmin) not found: set FABRIC_BIN or PATH"
    PEER_VERSION=$(peer version | sed -n 's/^ *Version: *//p' | head -1)
    case "$PEER_VERSION" in 2.5.*) ;; *) log "warning: peer version $PEER_VERSION (expected 2.5.x)" ;; esac
    ;;
  docker)
    docker compose version >/dev/null 2>&1 || die "FABRIC_TARGET=docker needs Docker with the compose plugin"
    # The peer image has no Node runtime: chaincode runs as a service in its own container.
    MODE=ccaas
    export CARGOTRACE_UID=$(id -u) CARGOTRACE_GID=$(id -g)
    DC=(docker compose -f "$WORK/docker-compose.yaml")
    ;;
  *) die "FABRIC_TARGET must be native or docker" ;;
esac
command -v node >/dev/null || die "node is required"

if compgen -G "$WORK/pids/*.pid" >/dev/null; then
  for f in "$WORK"/pids/*.pid; do
    kill -0 "$(cat "$f")" 2>/dev/null && die "network already running (pid file $f); run $HERE/down.sh first"
  done
fi

# ---- 1. compile the chaincode (and the network workspace's config helpers) --------------------
if [ -z "${SKIP_BUILD:-}" ]; then
  log "building chaincode ($CHAINCODE_DIR) and the network workspace (Fabric scripts)"
  (cd "$REPO" && npx tsc -b "$CHAINCODE_DIR") || die "chaincode build failed"
  (cd "$REPO" && npx tsc -b network) || {
    [ -f "$SCRIPTS/generate.js" ] || die "network workspace build failed"
    log "warning: network workspace build reported errors; using its existing dist/fabric"
  }
fi
[ -f "$SCRIPTS/generate.js" ] || die "$SCRIPTS/generate.js missing: build the network workspace (npx tsc -b network)"

# ---- 2. configuration, crypto material, identities, channel genesis blocks --------------------
rm -rf "$WORK"
mkdir -p "$WORK/logs" "$WORK/pids" "$WORK/channel-artifacts" "$WORK/chaincode"
if [ "$TARGET" = native ]; then
  CCAAS_BUILDER=$(find_ccaas_builder)
  node "$SCRIPTS/generate.js" config --work "$WORK" --config "$CONFIG" --port-base "$PORT_BASE" --ccaas-builder "$CCAAS_BUILDER" >&2
else
  node "$SCRIPTS/generate.js" config --target docker --work "$WORK" --config "$CONFIG" --port-base "$PORT_BASE" >&2
fi
. "$WORK/topology.sh"
for p in "${ALL_PORTS[@]}"; do port_open "$p" && die "port $p on 127.0.0.1 is in use (FABRIC_PORT_BASE=$PORT_BASE)"; done
[ "$TARGET" = docker ] && { "${DC[@]}" up -d cli >&2 || die "docker compose up cli failed"; }
fab cryptogen generate --config="$WORK/config/crypto-config.yaml" --output="$WORK/crypto" >"$WORK/logs/cryptogen.log" 2>&1 || die "cryptogen failed"
node "$SCRIPTS/generate.js" identities --work "$WORK" --config "$CONFIG" --port-base "$PORT_BASE" >&2
for ch in "${CHANNELS[@]}"; do
  fab configtxgen -configPath "$WORK/config" -profile "${CH_PROFILE[$ch]}" -channelID "$ch" \
    -outputBlock "$WORK/channel-artifacts/$ch.block" >>"$WORK/logs/configtxgen.log" 2>&1 || die "configtxgen $ch failed"
done
log "crypto material and ${#CHANNELS[@]} channel genesis blocks ready ($(($(date +%s) - START))s)"

# ---- 3. orderers, channel participation ----------------------------------------------------------
OADMIN_TLS="--ca-file $(orderer_tls_ca) --client-cert $WORK/crypto/ordererOrganizations/$ORDERER_DOMAIN/users/Admin@$ORDERER_DOMAIN/tls/client.crt --client-key $WORK/crypto/ordererOrganizations/$ORDERER_DOMAIN/users/Admin@$ORDERER_DOMAIN/tls/client.key"
if [ "$TARGET" = native ]; then
  for o in "${ORDERERS[@]}"; do
    h=${O_HOST[$o]}
    mkdir -p "$WORK/nodes/$h/data"
    FABRIC_CFG_PATH="$WORK/nodes/$h" FABRIC_LOGGING_SPEC=${FABRIC_LOGGING_SPEC:-info} \
      setsid orderer >"$WORK/logs/$h.log" 2>&1 </dev/null &
    echo $! >"$WORK/pids/$o.pid"
  done
else
  "${DC[@]}" up -d "${O_HOST[@]}" >&2 || die "docker compose up (orderers) failed"
fi
for o in "${ORDERERS[@]}"; do wait_port "${O_ADMIN[$o]##*:}" 30 "$o"; done
for ch in "${CHANNELS[@]}"; do
  for o in "${ORDERERS[@]}"; do
    fab osnadmin channel join --channelID "$ch" --config-block "$WORK/channel-artifacts/$ch.block" -o "${O_ADMIN[$o]}" $OADMIN_TLS \
      >>"$WORK/logs/osnadmin.log" 2>&1 || die "osnadmin join $ch on $o failed (see logs/osnadmin.log)"
  done
done
log "orderers up, joined to ${CHANNELS[*]} ($(($(date +%s) - START))s)"

# ---- 4. peers, channel join ----------------------------------------------------------------------
if [ "$TARGET" = native ]; then
  for msp in "${ORGS[@]}"; do
    h=${PEER_HOST[$msp]}
    mkdir -p "$WORK/nodes/$h/data"
    FABRIC_CFG_PATH="$WORK/nodes/$h" FABRIC_LOGGING_SPEC=${FABRIC_LOGGING_SPEC:-info:gossip=warning:comm.grpc.server=warning} \
      CARGOTRACE_FABRIC_PIDDIR="$WORK/pids" CORE_VM_ENDPOINT= \
      setsid peer node start >"$WORK/logs/$h.log" 2>&1 </dev/null &
    echo $! >"$WORK/pids/peer-${ORG_LABEL[$msp]}.pid"
  done
else
  "${DC[@]}" up -d "${PEER_HOST[@]}" >&2 || die "docker compose up (peers) failed"
fi
for msp in "${ORGS[@]}"; do wait_port "${PEER_ADDR[$msp]##*:}" 60 "${PEER_HOST[$msp]}"; done
par_start
for msp in "${ORGS[@]}"; do
  (
    for ch in "${CHANNELS[@]}"; do
      case " ${CH_MEMBERS[$ch]} " in *" $msp "*) ;; *) continue ;; esac
      retry 5 1 as_admin "$msp" peer channel join -b "$WORK/channel-artifacts/$ch.block" >>"$WORK/logs/join-${ORG_LABEL[$msp]}.log" 2>&1
    done
  ) &
  par_add $!
done
par_wait "peer channel join"
log "peers up and joined ($(($(date +%s) - START))s)"

# ---- 5. chaincode: stage, package, install -------------------------------------------------------
CCW="$WORK/chaincode"
LABEL="${CC_NAME}_${CC_VERSION}"
if [ "$MODE" = node ]; then
  node "$SCRIPTS/stage-chaincode.js" "$CHAINCODE_DIR" "$CCW/src" >&2
  printf '{"type":"node","label":"%s"}\n' "$LABEL" >"$CCW/metadata.json"
  tar -C "$CCW/src" -czf "$CCW/code.tar.gz" .
else
  node "$SCRIPTS/stage-chaincode.js" "$CHAINCODE_DIR" "$CCW/server" >&2
  mkdir -p "$CCW/src"
  printf '{"address":"%s","dial_timeout":"10s","tls_required":false}\n' "$CCAAS_ADDR" >"$CCW/src/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$LABEL" >"$CCW/metadata.json"
  tar -C "$CCW/src" -czf "$CCW/code.tar.gz" connection.json
fi
tar -C "$CCW" -czf "$CCW/$LABEL.tar.gz" metadata.json code.tar.gz
PACKAGE_ID=$(FABRIC_CFG_PATH="$WORK/nodes/${PEER_HOST[${ORGS[0]}]}" fab peer lifecycle chaincode calculatepackageid "$CCW/$LABEL.tar.gz")
echo "$PACKAGE_ID" >"$CCW/package-id"
log "chaincode package $LABEL ($MODE), id $PACKAGE_ID"

if [ "$MODE" = ccaas ] && [ "$TARGET" = docker ]; then
  CHAINCODE_ID="$PACKAGE_ID" "${DC[@]}" --profile chaincode up -d "$CCAAS_HOST" >&2 || die "chaincode server container failed"
  wait_port "$CCAAS_PORT" 60 "chaincode server"
elif [ "$MODE" = ccaas ]; then
  # One chaincode server for every peer (same package on every org): each peer dials it.
  pushd "$CCW/server" >/dev/null
  CORE_PEER_TLS_ENABLED=false setsid node node_modules/fabric-shim/cli.js server \
    --chaincode-address "127.0.0.1:$CCAAS_PORT" --chaincode-id "$PACKAGE_ID" --module-path "$CCW/server" \
    >"$WORK/logs/ccaas-server.log" 2>&1 </dev/null &
  echo $! >"$WORK/pids/ccaas-server.pid"
  popd >/dev/null
  wait_port "$CCAAS_PORT" 30 "chaincode server"
fi

par_start
for msp in "${ORGS[@]}"; do
  retry 3 2 as_admin "$msp" peer lifecycle chaincode install "$CCW/$LABEL.tar.gz" >>"$WORK/logs/install-${ORG_LABEL[$msp]}.log" 2>&1 &
  par_add $!
done
par_wait "chaincode install"
log "chaincode installed on ${#ORGS[@]} peers ($(($(date +%s) - START))s)"

# ---- 6. approve and commit on every channel ------------------------------------------------------
ORDERER_ARGS=(-o "${O_ADDR[orderer0]}" --tls --cafile "$(orderer_tls_ca)")
par_start
for ch in "${CHANNELS[@]}"; do
  for msp in ${CH_MEMBERS[$ch]}; do
    # The first submissions may meet a Raft cluster still electing its leader: retry.
    retry 10 2 as_admin "$msp" peer lifecycle chaincode approveformyorg "${ORDERER_ARGS[@]}" -C "$ch" -n "$CC_NAME" \
      -v "$CC_VERSION" --sequence "$CC_SEQUENCE" --package-id "$PACKAGE_ID" --signature-policy "${CH_POLICY[$ch]}" \
      >>"$WORK/logs/approve-$ch.log" 2>&1 &
    par_add $!
  done
done
par_wait "approveformyorg"
par_start
for ch in "${CHANNELS[@]}"; do
  PEER_ARGS=()
  first=
  for msp in ${CH_MEMBERS[$ch]}; do
    first=${first:-$msp}
    PEER_ARGS+=(--peerAddresses "${PEER_ADDR[$msp]}" --tlsRootCertFiles "$(peer_tls_ca "$msp")")
  done
  (
    retry 10 2 as_admin "$first" peer lifecycle chaincode checkcommitreadiness -C "$ch" -n "$CC_NAME" -v "$CC_VERSION" \
      --sequence "$CC_SEQUENCE" --signature-policy "${CH_POLICY[$ch]}" -O json >"$WORK/logs/readiness-$ch.json" 2>&1
    retry 5 2 as_admin "$first" peer lifecycle chaincode commit "${ORDERER_ARGS[@]}" -C "$ch" -n "$CC_NAME" -v "$CC_VERSION" \
      --sequence "$CC_SEQUENCE" --signature-policy "${CH_POLICY[$ch]}" "${PEER_ARGS[@]}" >>"$WORK/logs/commit-$ch.log" 2>&1
  ) &
  par_add $!
done
par_wait "chaincode commit"
log "chaincode $CC_NAME $CC_VERSION committed on ${CHANNELS[*]} ($(($(date +%s) - START))s)"

# ---- 7. channel registries -----------------------------------------------------------------------
if [ -z "${SKIP_BOOTSTRAP:-}" ]; then
  FABRIC_TARGET=$TARGET node "$SCRIPTS/bootstrap-registry.js" --work "$WORK" --config "$CONFIG" --port-base "$PORT_BASE" >&2 || die "registry bootstrap failed"
  log "registries bootstrapped ($(($(date +%s) - START))s)"
fi

cat >"$WORK/network.env" <<EOF
# source this file to point the gateway at the running Fabric network
export LEDGER=fabric
export FABRIC_GATEWAY_CONFIG=$WORK/gateway/fabric-gateway.json
EOF
log "Fabric network up in $(($(date +%s) - START))s; gateway: LEDGER=fabric FABRIC_GATEWAY_CONFIG=$WORK/gateway/fabric-gateway.json (or: . $WORK/network.env)"
