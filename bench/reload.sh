#!/usr/bin/env bash
# Live preview latency: time from saving a template to the reloaded page under `sentier serve`
# (examples/reload_latency.rs), median of 10 saves, for the home page template and the trek
# template, on the sample site and on a synthetic 1,000-trek snapshot in 3 languages.
#
#   bench/reload.sh            RUNS=10 TREKS=1000 bench/reload.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10}
treks=${TREKS:-1000}
cargo build --release --quiet --bin sentier --example synth_geotrek --example reload_latency
sentier=$PWD/target/release/sentier
work=$(mktemp -d "$PWD/target/bench-reload.XXXXXX")
trap 'rm -rf "$work"' EXIT

measure() { # site
  for spec in "index.html /" "trek.html first-trek"; do
    set -- $spec
    target/release/examples/reload_latency --sentier "$sentier" --site "$work/$site" \
      --template "$1" --page "$2" --runs "$runs"
  done
}

mkdir -p "$work/sample"
cp config.toml "$work/sample/" && cp -r content "$work/sample/"
sed -i "s|^snapshot = .*|snapshot = \"$PWD/sample/snapshot\"|" "$work/sample/config.toml"
echo "sample site ($(ls sample/snapshot | wc -l) snapshot files, languages fr, en):"
site=sample measure

target/release/examples/synth_geotrek --treks "$treks" --out "$work/synth-snapshot" >/dev/null
mkdir -p "$work/synth"
cat > "$work/synth/config.toml" <<TOML
title = "Synthetic portal"
base_url = "https://rando.example.org"
default_language = "fr"
languages = ["fr", "en", "it"]
[source]
snapshot = "$work/synth-snapshot"
TOML
echo "synthetic instance, $treks treks, languages fr, en, it:"
site=synth measure
