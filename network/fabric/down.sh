#!/usr/bin/env bash
# Stops the native Fabric network that up.sh started: every orderer, peer, chaincode process and
# the chaincode server (from the pid files under the work dir, plus any process still running
# from inside the work dir), then checks that none of the network's ports is still open.
#   network/fabric/down.sh [--purge]     --purge also deletes the work dir (ledgers, crypto, logs)
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=${FABRIC_WORK_DIR:-$HERE/.run}
. "$HERE/lib/common.sh"
PURGE=
[ "${1:-}" = "--purge" ] && PURGE=1

[ -d "$WORK" ] || { log "nothing to stop ($WORK does not exist)"; exit 0; }

# Processes of this network: the pid files up.sh and the Node builder wrote (checked to still be
# an orderer, a peer or a chaincode, so a stale pid file never hits an unrelated process), plus,
# as a safety net, chaincode processes running from inside the work dir.
cmdline() { { tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null; }
collect() {
  local f p c
  for f in "$WORK"/pids/*.pid; do
    [ -f "$f" ] || continue
    p=$(cat "$f")
    [ -n "$p" ] && kill -0 "$p" 2>/dev/null || continue
    c=$(cmdline "$p")
    case "$c" in *orderer* | *peer\ node* | *fabric-shim/cli.js*) echo "$p" ;; esac
  done
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    [ "$p" = "$$" ] && continue
    c=$(cmdline "$p")
    case "$c" in *fabric-shim/cli.js*) ;; *) continue ;; esac
    case "$c" in *"$WORK/"*) echo "$p"; continue ;; esac
    case "$(readlink "/proc/$p/cwd" 2>/dev/null)" in "$WORK"/*) echo "$p" ;; esac
  done
}

TARGET=native
[ -f "$WORK/topology.sh" ] && TARGET=$(. "$WORK/topology.sh" && echo "${TARGET:-native}")
if [ "$TARGET" = docker ]; then
  if docker compose version >/dev/null 2>&1; then
    CHAINCODE_ID=none docker compose -f "$WORK/docker-compose.yaml" --profile chaincode down --remove-orphans --timeout 10 >&2
  else
    log "warning: the network was started with FABRIC_TARGET=docker but docker compose is not available"
  fi
fi

PIDS=$(collect | sort -u)
if [ -n "$PIDS" ]; then
  log "stopping $(echo "$PIDS" | wc -w) process(es)"
  kill -TERM $PIDS 2>/dev/null
  for _ in $(seq 1 50); do
    ALIVE=
    for p in $PIDS; do kill -0 "$p" 2>/dev/null && ALIVE="$ALIVE $p"; done
    [ -z "$ALIVE" ] && break
    sleep 0.2
  done
  if [ -n "$ALIVE" ]; then
    log "killing$ALIVE"
    kill -KILL $ALIVE 2>/dev/null
    sleep 0.5
  fi
  # Chaincode processes may have been started by a peer between the two scans.
  LATE=$(collect | sort -u)
  [ -n "$LATE" ] && kill -KILL $LATE 2>/dev/null
fi
rm -f "$WORK"/pids/*.pid

STATUS=0
if [ -f "$WORK/topology.sh" ]; then
  . "$WORK/topology.sh"
  OPEN=
  for p in "${ALL_PORTS[@]}"; do port_open "$p" && OPEN="$OPEN $p"; done
  if [ -n "$OPEN" ]; then log "ports still open:$OPEN"; STATUS=1; else log "all ${#ALL_PORTS[@]} network ports are closed"; fi
fi
REMAIN=$(collect | sort -u)
if [ -n "$REMAIN" ]; then log "processes remain: $REMAIN"; STATUS=1; else log "no network process remains"; fi
if [ -n "$PURGE" ]; then rm -rf "$WORK" && log "removed $WORK"; fi
exit $STATUS
