#!/usr/bin/env bash
# Benchmark (not a test): `copydesk check` on a folder of generated articles.
#
#   scripts/bench-folder.sh [COUNT]    # default 10000 articles of about 3 KB
#
# Builds the release binary, writes COUNT articles (variations of the example
# article, across 100 subfolders) into a temporary folder, reads them once to
# warm the page cache, then times `copydesk check --format json` on the folder
# on all cores and on one (RAYON_NUM_THREADS=1). For each it prints wall-clock,
# user and system time, the cores kept busy ((user + system) / wall-clock: near
# 2 on two idle cores means both worked) and the throughput in MB/s; then the
# speed-up of all cores over one. Run it on an idle machine: on a loaded one
# the wall-clock times mean little. `--fail-on never`: the articles have
# findings, which are not failures here; a real error (exit code 2) stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
cargo build --release --quiet --bin copydesk
binary="$PWD/target/release/copydesk"
folder="$(mktemp -d)"
trap 'rm -rf "$folder"' EXIT

example="$(cat examples/russia-china-2023-04-17.txt)"
for ((sub = 0; sub < 100 && sub < count; sub++)); do
  mkdir "$folder/desk-$sub"
done
for ((i = 0; i < count; i++)); do
  # Vary the date line and add a sentence so no two files are identical.
  date="$(printf '2023-%02d-%02d' $((i % 12 + 1)) $((i % 28 + 1)))"
  printf '%s\n\nUpdate %d: “This is copy number %d,” the desk said on Monday.\n' \
    "${example/2023-04-17/$date}" "$i" "$i" > "$folder/desk-$((i % 100))/article-$i.md"
done
bytes="$(cat "$folder"/desk-*/*.md | wc -c)"
echo "$count articles, $((bytes / 1000)) KB in all; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

check() {
  "$binary" check --format json --fail-on never "$folder" > /dev/null
}
check # warm the page cache, so both timed runs read from memory

# Run `check` with the given environment, print one line and set $wall.
measure() {
  local label="$1" timing
  shift
  timing="$( { TIMEFORMAT='%R %U %S'; time env "$@" "$binary" check --format json --fail-on never "$folder" > /dev/null; } 2>&1 )"
  read -r wall user system <<< "$timing"
  awk -v label="$label" -v wall="$wall" -v user="$user" -v sys="$system" -v bytes="$bytes" 'BEGIN {
    printf "%-34s %6.2f s wall-clock, %6.2f s user, %5.2f s system: %.2f cores busy, %.1f MB/s\n",
      label, wall, user, sys, (user + sys) / (wall > 0 ? wall : 0.001), bytes / 1e6 / (wall > 0 ? wall : 0.001)
  }'
}

measure "all cores:"
all_cores="$wall"
measure "one core (RAYON_NUM_THREADS=1):" RAYON_NUM_THREADS=1
awk -v one="$wall" -v all="$all_cores" 'BEGIN { printf "speed-up of all cores over one: %.2fx\n", one / (all > 0 ? all : 0.001) }'
