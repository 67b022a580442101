# Shared helpers of up.sh / down.sh (sourced). Requires HERE and WORK.

log() { printf '%s [fabric] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Fabric release binaries: $FABRIC_BIN first, then PATH.
find_fabric_bins() {
  if [ -n "${FABRIC_BIN:-}" ]; then
    [ -d "$FABRIC_BIN" ] || die "FABRIC_BIN=$FABRIC_BIN is not a directory"
    export PATH="$FABRIC_BIN:$PATH"
  fi
  local b
  for b in peer orderer configtxgen cryptogen osnadmin; do
    command -v "$b" >/dev/null 2>&1 || return 1
  done
  return 0
}

# Fabric's own ccaas_builder if installed next to the binaries (the layout of the peer image,
# /opt/hyperledger/ccaas_builder), else the fallback under builders/ccaas.
find_ccaas_builder() {
  local bin dir
  bin=$(dirname "$(command -v peer)")
  for dir in "${CCAAS_BUILDER_DIR:-}" "$bin/ccaas_builder" "$bin/../ccaas_builder" /opt/hyperledger/ccaas_builder; do
    if [ -n "$dir" ] && [ -x "$dir/bin/detect" ] && [ -x "$dir/bin/build" ] && [ -x "$dir/bin/release" ]; then
      (cd "$dir" && pwd); return 0
    fi
  done
  echo "$HERE/builders/ccaas"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # port seconds what
  local i
  for ((i = 0; i < $2 * 5; i++)); do port_open "$1" && return 0; sleep 0.2; done
  die "$3 did not open port $1 within $2s"
}

# Runs the peer CLI as an organisation's admin against its peer.
as_admin() { # mspId cmd...
  local msp=$1; shift
  local d=${ORG_DOMAIN[$msp]} host=${PEER_HOST[$msp]}
  (
    export FABRIC_CFG_PATH="$WORK/nodes/$host" CORE_PEER_TLS_ENABLED=true CORE_PEER_LOCALMSPID="$msp"
    export CORE_PEER_MSPCONFIGPATH="$WORK/crypto/peerOrganizations/$d/users/Admin@$d/msp"
    export CORE_PEER_ADDRESS="${PEER_ADDR[$msp]}" CORE_PEER_TLS_ROOTCERT_FILE="$WORK/crypto/peerOrganizations/$d/peers/$host/tls/ca.crt"
    export FABRIC_LOGGING_SPEC=warning
    fab "$@"
  )
}

# Runs a Fabric CLI: natively, or (FABRIC_TARGET=docker) in the fabric-tools container with the
# CORE_* / FABRIC_* environment of the caller. The work dir has the same path in the container.
fab() {
  if [ "${TARGET:-native}" = docker ]; then
    local envs=() v
    for v in $(compgen -e | grep -E '^(CORE_|FABRIC_CFG_PATH$|FABRIC_LOGGING_SPEC$)'); do envs+=(-e "$v=${!v}"); done
    docker compose -f "$WORK/docker-compose.yaml" exec -T "${envs[@]}" cli "$@"
  else
    "$@"
  fi
}

peer_tls_ca() { echo "$WORK/crypto/peerOrganizations/${ORG_DOMAIN[$1]}/peers/${PEER_HOST[$1]}/tls/ca.crt"; }
orderer_tls_ca() { echo "$WORK/crypto/ordererOrganizations/$ORDERER_DOMAIN/tlsca/tlsca.$ORDERER_DOMAIN-cert.pem"; }

# Runs background jobs and fails if any failed: par_start; job & par_add $!; ...; par_wait what
par_start() { PAR_PIDS=(); }
par_add() { PAR_PIDS+=("$1"); }
par_wait() {
  local p failed=0
  for p in "${PAR_PIDS[@]}"; do wait "$p" || failed=$((failed + 1)); done
  [ "$failed" -eq 0 ] || die "$1: $failed job(s) failed (see $WORK/logs)"
}

# retry N sleep cmd...
retry() {
  local n=$1 s=$2 i; shift 2
  for ((i = 1; i <= n; i++)); do
    "$@" && return 0
    [ "$i" -lt "$n" ] && sleep "$s"
  done
  return 1
}
