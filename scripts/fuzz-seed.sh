#!/usr/bin/env bash
# Seed the fuzz corpora (fuzz/corpus/<target>/) from the test fixtures and
# examples: every fixture text for `analyze` and `dates`, its paragraphs as
# separate seeds, settings snippets for `settings`, framed LSP sessions for
# `protocol`. Idempotent; the corpora are not committed (fuzz/.gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus
mkdir -p "$corpus"/{analyze,edits,protocol,settings,dates}

seed() { # target name content
    printf '%s' "$3" > "$corpus/$1/seed-$2"
}

n=0
for file in examples/*.txt tests/fixtures/*.txt; do
    [ -f "$file" ] || continue
    # `analyze` reads its first 9 bytes as settings choice and offsets.
    { printf '\001\040\100\140\200\240\300\340\377'; cat "$file"; } > "$corpus/analyze/file-$(basename "$file")"
    cp "$file" "$corpus/dates/file-$(basename "$file")"
    # Each blank-line-separated block as its own seed.
    awk -v dir="$corpus/analyze" -v base="$(basename "$file")" '
        BEGIN { RS = ""; }
        { n++; printf "\001\002\003\004\005\006\007\010\011%s", $0 > (dir "/para-" base "-" n); close(dir "/para-" base "-" n) }
    ' "$file"
    n=$((n + 1))
done
for file in tests/fixtures/*.toml examples/*.toml copydesk.toml; do
    [ -f "$file" ] && cp "$file" "$corpus/settings/file-$(basename "$file")"
done
seed settings defaults $'languages = ["en"]\n[quotes]\nstyle = "auto"\n[dates]\nstyle = "ap"\nnumeric_order = "month-first"\n'
seed settings rules $'[rules]\nunclosed-quote = "warning"\nstraight-quotes = "hint"\nmismatched-quote = "off"\n'
seed settings everything $'article_date = "2023-04-17"\nlanguages = ["de", "en"]\n[quotes]\nstyle = "german"\n[attribution]\ncues = ["quipped"]\n[actors]\nregistry = "actors.toml"\n[inlay_hints]\nspeakers = true\ndates = true\n'
seed settings broken $'[quotes\nstyle = 5\nstyel = "x"\n'

frame() { printf 'Content-Length: %s\r\n\r\n%s' "${#1}" "$1"; }
seed protocol session "$(frame '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///fuzz/a.md","languageId":"markdown","version":1,"text":"“Hi,” she said."}}}')$(frame '{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///fuzz/a.md"},"position":{"line":0,"character":1}}}')"
seed protocol notjson "$(frame '{not json')"
seed edits empty ''
head -c 4096 examples/russia-china-2023-04-17.txt > "$corpus/edits/seed-article"
echo "seeded: $(find "$corpus" -type f | wc -l) files in $corpus"
