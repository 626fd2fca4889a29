#!/usr/bin/env bash
# What a trek page downloads before its map shows (its HTML with the inline map data, CSS,
# JavaScript; tiles and photos excluded), raw and gzipped, for the trek with the most points,
# and the global map's files per language, for the sample snapshot and one of N treks.
#
#   bench/map-bytes.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
cargo build --release --quiet --bin sentier
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

size() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }

report() { # label snapshot
  sed "s#^snapshot = .*#snapshot = \"$2\"#" config.toml >"$work/config.toml"
  rm -rf "$work/public"
  ./target/release/sentier -q build --config "$work/config.toml" -o "$work/public"
  local public=$work/public page
  # The trek page carrying the most route points in its map data.
  page=$(for f in "$public"/trek/*/index.html; do printf '%s %s\n' "$(grep -o '\],\[' "$f" | wc -l)" "$f"; done | sort -n | tail -1 | cut -d' ' -f2)
  # With the CSS and JavaScript it loads: the fingerprinted files it names.
  local files=("$page") url
  for url in $(grep -o '\(href\|src\)="/assets/[^"]*"' "$page" | cut -d'"' -f2); do files+=("$public$url"); done
  local raw=0 zipped=0
  for f in "${files[@]}"; do raw=$((raw + $(size "$f"))); zipped=$((zipped + $(gz "$f"))); done
  printf '%s\n  trek page before the map shows: %s bytes (%s gzipped) = page %s B (%s gz), CSS+JS %s B\n' \
    "$1" "$raw" "$zipped" "$(size "$page")" "$(gz "$page")" "$((raw - $(size "$page")))"
  for dir in "$public/map" "$public"/*/map; do
    [ -d "$dir" ] || continue
    printf '  %-24s treks.json %8s B (%7s gz)   lines.json %9s B (%8s gz)\n' "${dir#"$public"/}" \
      "$(size "$dir/treks.json")" "$(gz "$dir/treks.json")" "$(size "$dir/lines.json")" "$(gz "$dir/lines.json")"
  done
}

report "sample snapshot" "$PWD/sample/snapshot"
python3 bench/scale_snapshot.py "$n" "$work/snap"
report "$n treks" "$work/snap"
