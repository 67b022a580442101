#!/bin/sh
# Starts Node for the long-running processes (gateway, benchmarks) with the allocator settings the
# embedded ledger needs for flat memory. glibc's malloc keeps the native memory the ledger frees:
# over 1,000,000 ingested events RSS grew about 200 MiB with glibc (2 arenas) and levelled off after
# the first half with jemalloc, with the V8 heaps and Buffers within a few tens of MiB in both, and
# heaptrack saw at most 118 MiB of malloc'd memory live at once in a 300,000-event ingest while
# RSS kept growing. So jemalloc is preloaded when it is installed
# (Debian: apt-get install libjemalloc2); without it glibc is limited to two arenas.
# An LD_PRELOAD or MALLOC_ARENA_MAX already set is left alone.
if [ -z "${LD_PRELOAD:-}" ] && [ "${CARGOTRACE_ALLOCATOR:-jemalloc}" = jemalloc ]; then
  for lib in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2 /usr/lib64/libjemalloc.so.2 /usr/lib/libjemalloc.so.2; do
    if [ -r "$lib" ]; then
      export LD_PRELOAD="$lib"
      break
    fi
  done
  if [ -z "${LD_PRELOAD:-}" ]; then
    echo "note: jemalloc is not installed; with glibc's malloc the memory of a long ingest keeps growing (Debian: apt-get install libjemalloc2; CARGOTRACE_ALLOCATOR=glibc hides this note)" >&2
  fi
fi
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec node "$@"
