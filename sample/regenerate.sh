#!/usr/bin/env bash
# Regenerates sample/snapshot from the fixtures in tests/fixtures: serves them with the mock
# Geotrek API (examples/mock_geotrek.rs) and runs `sentier pull` against it, so the sample is
# exactly what sentier writes from a real instance.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --example mock_geotrek --bin sentier
port=${PORT:-18765}
./target/release/examples/mock_geotrek --port "$port" 2>/dev/null &
mock=$!
trap 'kill $mock' EXIT
for _ in $(seq 100); do
  (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
./target/release/sentier pull --config config.toml --api "http://127.0.0.1:$port/api/v2/" --snapshot sample/snapshot
