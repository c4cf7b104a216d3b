#!/usr/bin/env bash
# Neovim end-to-end tests: 0.11.4 and 0.12-dev, headless, on the example
# article, in the UTF-8 and UTF-16 position encodings, plus the fresh-config
# test. Usage: run.sh COPYDESK_BINARY [ARTICLE]
#   COPYDESK_E2E_ONLY=hover,quote  runs only the cases whose names contain these.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
source "$here/../tools.sh"
binary="$(realpath "${1:?usage: run.sh COPYDESK_BINARY [ARTICLE]}")"
source_article="${2:-$repo/examples/russia-china-2023-04-17.txt}"

nvims=("$(ensure_nvim_stable)" "$(ensure_nvim_dev)")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$binary" "$work/bin/copydesk"
export PATH="$work/bin:$PATH"

status=0
run_one() { # label, then the command
    local label=$1; shift
    local home="$work/$label"
    mkdir -p "$home"/{config,state,data,cache,article}
    cp "$source_article" "$home/article/article.txt"
    XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" XDG_DATA_HOME="$home/data" \
        XDG_CACHE_HOME="$home/cache" COPYDESK_ARTICLE="$home/article/article.txt" \
        COPYDESK_PLUGIN="$repo/editors/nvim" "$@" </dev/null || status=1
}

for nvim in "${nvims[@]}"; do
    version="$("$nvim" --version | head -1 | tr -d '\r' | awk '{print $2}')"
    for encoding in utf-8 utf-16; do
        COPYDESK_ENCODING=$encoding run_one "$version-$encoding" \
            "$nvim" --headless --clean -n -l "$here/e2e.lua"
    done
    if [ -z "${COPYDESK_E2E_ONLY:-}" ] || [[ "fresh" == *"${COPYDESK_E2E_ONLY}"* ]] || [[ "${COPYDESK_E2E_ONLY}" == *fresh* ]]; then
        # A user's fresh config: one line, and the plugin installed as a package.
        home="$work/$version-fresh"
        mkdir -p "$home/config/nvim" "$home/data/nvim/site/pack/copydesk/start"
        echo "vim.lsp.enable('copydesk')" > "$home/config/nvim/init.lua"
        ln -s "$repo/editors/nvim" "$home/data/nvim/site/pack/copydesk/start/copydesk"
        run_one "$version-fresh" "$nvim" --headless -n -i NONE \
            -c "luafile $here/fresh-config.lua" "$home/article/article.txt"
    fi
done
exit $status
