#!/usr/bin/env bash
# Benchmark (not a test): `copydesk check` on a folder of generated articles.
#
#   scripts/bench-folder.sh [COUNT]    # default 10000 articles of about 3 KB
#
# Builds the release binary, writes COUNT articles (variations of the example
# article, across 100 subfolders) into a temporary folder, and times a check
# on all cores and on one (RAYON_NUM_THREADS=1). Prints wall-clock, user and
# system time; user time above wall-clock time means several cores worked.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
cargo build --release --quiet
binary="$PWD/target/release/copydesk"
folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT
example="$(cat examples/russia-china-2023-04-17.txt)"
for ((i = 0; i < count; i++)); do
  sub="$folder/desk-$((i % 100))"
  mkdir -p "$sub"
  # Vary the date line and a sentence so no two files are identical.
  printf 'date 2023-%02d-%02d\n%s\n\nUpdate %d: “This is copy number %d,” the desk said on Monday.\n' \
    $((i % 12 + 1)) $((i % 28 + 1)) "${example#*$'\n'}" "$i" "$i" > "$sub/article-$i.md"
done
echo "$count articles, $(du -sh "$folder" | cut -f1) in $folder; $(nproc) cores"
TIMEFORMAT='  %R s wall-clock, %U s user, %S s system'
echo "all cores:"
time "$binary" check --format json "$folder" > /dev/null
echo "one core (RAYON_NUM_THREADS=1):"
time RAYON_NUM_THREADS=1 "$binary" check --format json "$folder" > /dev/null
