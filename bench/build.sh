#!/usr/bin/env bash
# Build time, peak memory and output of `sentier build` on the sample snapshot and on
# snapshots of N treks made from it (bench/scale_snapshot.py), median of RUNS.
#
#   bench/build.sh [RUNS] [N...]        e.g. bench/build.sh 3 1000
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000)
cargo build --release --quiet --bin sentier
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # label snapshot-dir
  local label=$1 snapshot=$2 times=() rss=0
  sed "s#^snapshot = .*#snapshot = \"$snapshot\"#" config.toml >"$work/config.toml"
  for _ in $(seq "$runs"); do
    rm -rf "$work/public"
    local out
    out=$( { /usr/bin/time -f '%e %M' ./target/release/sentier -q build --config "$work/config.toml" -o "$work/public"; } 2>&1 )
    times+=("$(echo "$out" | tail -1 | cut -d' ' -f1)")
    rss=$(echo "$out" | tail -1 | cut -d' ' -f2)
  done
  local median files bytes
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  files=$(find "$work/public" -type f | wc -l)
  bytes=$(du -sb "$work/public" | cut -f1)
  printf '%-22s %8s %10s %12s %12s\n' "$label" "$files" "$median" "$((rss / 1024))" "$((bytes / 1024))"
}

printf '%-22s %8s %10s %12s %12s\n' snapshot files "median s" "peak MiB" "output KiB"
measure "sample ($(grep -o '"trek": [0-9]*' sample/snapshot/manifest.json | grep -o '[0-9]*$') treks)" "$PWD/sample/snapshot"
for n in "${sizes[@]}"; do
  python3 bench/scale_snapshot.py "$n" "$work/snap-$n"
  measure "$n treks" "$work/snap-$n"
done
