#!/usr/bin/env bash
# VS Code end-to-end test: packages the .vsix with the given server binary
# inside, installs it into a clean code-server profile (no copydesk settings),
# opens the example article in chromium and drives it with playwright-core.
# Usage: run.sh COPYDESK_BINARY [ARTICLE]. Screenshots go to target/e2e/.
#   COPYDESK_E2E_ONLY=squiggle,hover  runs only the steps whose names contain these.
#   UPDATE_README_SCREENSHOT=1        copies the hover screenshot into the README's images.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
ext="$repo/editors/vscode"
source "$here/../tools.sh"
binary="$(realpath "${1:?usage: run.sh COPYDESK_BINARY [ARTICLE]}")"
source_article="${2:-$repo/examples/russia-china-2023-04-17.txt}"

t0=$SECONDS
ensure_apt_packages
ensure_code_server
ensure_playwright
log "tools ready ($((SECONDS - t0))s)"

# The extension's build dependencies, cached by the lock file's hash.
lock_hash="$(sha256sum "$ext/package-lock.json" | cut -c1-16)"
deps="$COPYDESK_CACHE/vscode-extension-deps-$lock_hash"
# A cache whose node_modules lost its tools (an interrupted copy, a clean-up that
# followed the symlink) is rebuilt rather than trusted.
if [ ! -f "$deps/.done" ] || [ ! -e "$deps/node_modules/.bin/esbuild" ]; then
    log "npm ci for the extension -> $deps"
    rm -rf "$deps" && mkdir -p "$deps"
    cp "$ext/package.json" "$ext/package-lock.json" "$deps/"
    (cd "$deps" && npm ci --no-audit --no-fund --loglevel=error >&2)
    touch "$deps/.done"
fi
if [ ! -e "$ext/node_modules" ] || [ -L "$ext/node_modules" ]; then
    ln -sfn "$deps/node_modules" "$ext/node_modules"
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill -- "-$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# A stripped copy packs in seconds (the debug binary is mostly debug info).
strip -o "$work/copydesk" "$binary" 2>/dev/null || cp "$binary" "$work/copydesk"
(cd "$ext" && node scripts/package.mjs --binary "$work/copydesk" --out "$work/copydesk.vsix" >&2)
log "packaged ($((SECONDS - t0))s)"

profile="$work/profile"
mkdir -p "$profile"/{extensions,user-data/User,xdg-config,xdg-data,xdg-cache,xdg-state,tmp} "$work/workspace"
cp "$source_article" "$work/workspace/article.txt"
# Editor chrome only: no copydesk settings at all, so the bundled binary must be found.
cat > "$profile/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "editor.wordWrap": "on",
  "editor.minimap.enabled": false,
  "workbench.tips.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "telemetry.telemetryLevel": "off",
  "workbench.enableExperiments": false,
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
JSON
export XDG_CONFIG_HOME="$profile/xdg-config" XDG_DATA_HOME="$profile/xdg-data" \
    XDG_CACHE_HOME="$profile/xdg-cache" XDG_STATE_HOME="$profile/xdg-state" TMPDIR="$profile/tmp" \
    EXTENSIONS_GALLERY='{}'
"$CODE_SERVER" --extensions-dir "$profile/extensions" --user-data-dir "$profile/user-data" \
    --install-extension "$work/copydesk.vsix" >&2

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
setsid "$CODE_SERVER" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry \
    --disable-update-check --disable-workspace-trust --disable-getting-started-override \
    --extensions-dir "$profile/extensions" --user-data-dir "$profile/user-data" \
    "$work/workspace" >"$work/code-server.log" 2>&1 </dev/null &
server_pid=$!
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.5
done
log "code-server up on 127.0.0.1:$port ($((SECONDS - t0))s)"

shots="$repo/target/e2e"
mkdir -p "$shots"
rm -f "$shots"/vscode-*.png "$shots"/failed-*.png
status=0
CODE_URL="http://127.0.0.1:$port/?folder=$work/workspace" ARTICLE="$work/workspace/article.txt" \
    EXTENSIONS_DIR="$profile/extensions" USER_SETTINGS="$profile/user-data/User/settings.json" SHOTS="$shots" NODE_PATH="$PLAYWRIGHT_DIR/node_modules" \
    node "$here/e2e.mjs" || status=$?
if [ $status -ne 0 ]; then
    echo "--- code-server log (last 40 lines)"; tail -40 "$work/code-server.log"
    find "$profile/user-data/logs" -name "*copydesk*" -exec sh -c 'echo "--- $1"; tail -40 "$1"' _ {} \; 2>/dev/null || true
fi
if [ "${UPDATE_README_SCREENSHOT:-}" = 1 ] && [ -f "$shots/vscode-2-hover.png" ]; then
    mkdir -p "$ext/images" && cp "$shots/vscode-2-hover.png" "$ext/images/screenshot.png"
fi
log "VS Code stage took $((SECONDS - t0))s"
exit $status
