#!/usr/bin/env bash
# The server's resident memory over time while the protocol benchmark types
# into it: runs `bench-lsp.sh` with the server started through this script,
# which samples `VmHWM` and `VmRSS` of the server every ~10 ms.
# Usage: scripts/rss-timeline.sh OUT [bench-lsp options…]   (e.g. --sizes 3m --edits 100)
# OUT gets one line per sample: milliseconds since the start, VmHWM kB, VmRSS kB
# (the benchmark table's own peak RSS is this wrapper's, not the server's).
set -euo pipefail
if [ "${1:-}" = "--serve" ]; then
  # Called by the benchmark in place of the server: start it and sample it.
  out=$2; shift 2
  : > "$out"
  start=$(date +%s%N)
  "$@" 0<&0 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    now=$(date +%s%N)
    sample=$(awk '/^VmHWM|^VmRSS/ {printf "%s ", $2}' "/proc/$pid/status" 2>/dev/null || true)
    echo "$(( (now - start) / 1000000 )) ms $sample" >> "$out"
    sleep 0.01
  done
  wait "$pid"
  exit
fi
out=${1:?usage: scripts/rss-timeline.sh OUT [bench-lsp options…]}; shift
cd "$(dirname "$0")/.."
cargo build --release --bin copydesk
binary=$PWD/target/release/copydesk
exec scripts/bench-lsp.sh --no-harper "$@" --server "copydesk=$PWD/scripts/rss-timeline.sh --serve $(realpath -m "$out") $binary lsp"
