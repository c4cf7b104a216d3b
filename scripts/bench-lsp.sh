#!/usr/bin/env bash
# Keystroke-to-diagnostics latency, copydesk against harper-ls, every size.
# Usage: scripts/bench-lsp.sh [lsp_latency options…]   (e.g. --sizes 3k,30k --edits 50)
# harper-ls is measured when it is on PATH; install it (a long compile) with
#   CFLAGS=-O1 nice -n 19 cargo install harper-ls@3.0.0 --locked
# (its C grammars at -O3 take hours; they parse code comments, not Markdown)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
exec cargo bench --bench lsp_latency -- "$@"
