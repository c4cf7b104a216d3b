#!/usr/bin/env bash
# The editors' CI stage: the reference-client conformance test, Neovim 0.11.4
# and 0.12-dev (UTF-8 and UTF-16, plus a fresh one-line config), and VS Code
# (code-server in chromium). Tools are installed pinned and cached under
# $COPYDESK_CACHE (default ~/.cache/copydesk-ci).
#
#   editors/test/run-all.sh [COPYDESK_BINARY]    # default: cargo build (debug)
#   COPYDESK_E2E_SUITES="protocol nvim"           # run only some suites
#   COPYDESK_E2E_ONLY=hover                       # only cases/steps named like this
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
source "$here/tools.sh"
suites="${COPYDESK_E2E_SUITES:-protocol nvim vscode}"

if [ $# -ge 1 ]; then
    binary="$(realpath "$1")"
else
    (cd "$repo" && cargo build --quiet --bin copydesk) || exit 1
    binary="$repo/target/debug/copydesk"
fi

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
failed_suites=()
declare -A took
for suite in $suites; do
    start=$SECONDS
    printf '\n--- editors: %s\n' "$suite"
    case "$suite" in
        protocol)
            ensure_protocol_client
            (cd "$repo" && COPYDESK_BINARY="$binary" NODE_PATH="$PROTOCOL_CLIENT_DIR/node_modules" \
                node --test ${COPYDESK_E2E_ONLY:+--test-name-pattern="$COPYDESK_E2E_ONLY"} \
                editors/test/protocol/conformance.test.mjs) 2>&1 | tee "$logs/$suite"
            ;;
        nvim) "$here/nvim/run.sh" "$binary" 2>&1 | tee "$logs/$suite" ;;
        vscode) "$here/vscode/run.sh" "$binary" 2>&1 | tee "$logs/$suite" ;;
        *) echo "unknown suite $suite"; false ;;
    esac
    [ "${PIPESTATUS[0]}" -eq 0 ] || failed_suites+=("$suite")
    took[$suite]=$((SECONDS - start))
done

passed=0 failed=0
for suite in $suites; do
    [ -f "$logs/$suite" ] || continue
    p=$(grep -Eo '^(# pass [0-9]+|[0-9]+ passed)' "$logs/$suite" | grep -Eo '[0-9]+' | awk '{ s += $1 } END { print s + 0 }')
    f=$(grep -Eo '^(# fail [0-9]+|[0-9]+ passed, [0-9]+ failed)' "$logs/$suite" | sed -E 's/^# fail //; s/^[0-9]+ passed, ([0-9]+) failed$/\1/' | awk '{ s += $1 } END { print s + 0 }')
    passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
    printf 'editors: %-8s %4ss  %s\n' "$suite" "${took[$suite]}" "$([[ " ${failed_suites[*]} " == *" $suite "* ]] && echo FAILED || echo ok)"
done
echo "editors: $passed passed, $failed failed"
[ ${#failed_suites[@]} -eq 0 ] && [ "$failed" -eq 0 ]
