#!/usr/bin/env bash
# Requests and wall time of `sentier pull` against the mock Geotrek API serving the fixtures,
# with a per-request latency (default 50 ms), for 1 and for 3 site languages. The request counts
# must be equal: the pull never asks per language.
#
#   bench/pull.sh [LATENCY_MS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
latency=${1:-50}
runs=${2:-5}
port=${PORT:-18766}
cargo build --release --quiet --example mock_geotrek --bin sentier
./target/release/examples/mock_geotrek --port "$port" --latency-ms "$latency" 2>/dev/null &
mock=$!
work=$(mktemp -d)
trap 'kill $mock; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

printf 'latency %s ms, concurrency 4, %s runs each\n' "$latency" "$runs"
printf '%-10s %10s %12s %12s\n' languages requests "median s" "min s"
for languages in '"fr"' '"fr", "en", "it"'; do
  cat >"$work/config.toml" <<TOML
title = "bench"
base_url = "https://example.org"
languages = [$languages]
[source]
api = "http://127.0.0.1:$port/api/v2/"
TOML
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    ./target/release/sentier -q pull --config "$work/config.toml" --snapshot "$work/snap"
    end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
  done
  requests=$(grep -o '"requests": [0-9]*' "$work/snap/manifest.json" | grep -o '[0-9]*$')
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  min=$(echo "$sorted" | head -1)
  count=$(echo "$languages" | tr ',' '\n' | wc -l)
  printf '%-10s %10s %12.3f %12.3f\n' "$count" "$requests" "$median" "$min"
done
