#!/usr/bin/env bash
# Reliability and security checks for CI (called from .ci/run):
# - cargo-deny's offline checks (licences, bans, sources; see deny.toml for
#   why advisories are not run here);
# - the no-network/no-process test under strace, required (not skipped).
# Fuzzing is not run here: building the instrumented targets takes many
# minutes on CI's two cores. See CONTRIBUTING.md for the fuzzing commands.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE="${COPYDESK_CACHE:-$HOME/.cache/copydesk-ci}"
DENY_VERSION=0.18.3

if ! command -v strace >/dev/null; then
    (apt-get update -qq && apt-get install -y -qq strace) >/dev/null 2>&1 || echo "strace could not be installed"
fi
if command -v strace >/dev/null; then
    COPYDESK_REQUIRE_STRACE=1 cargo test --test no_network
fi

deny="$(command -v cargo-deny || true)"
if [ -z "$deny" ] || ! "$deny" --version | grep -q "$DENY_VERSION"; then
    cargo install cargo-deny --version "$DENY_VERSION" --locked --root "$CACHE/cargo-deny" >/dev/null
    deny="$CACHE/cargo-deny/bin/cargo-deny"
fi
"$deny" --offline check licenses bans sources
