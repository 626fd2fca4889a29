#!/usr/bin/env bash
# The nightly-at-scale benchmark: for synthetic instances of N treks (examples/synth_geotrek.rs,
# deterministic), prints
#   - pull: wall time and requests through the mock API with LATENCY_MS per request, full and
#     then incremental (nothing changed on the instance);
#   - build, 3 languages from the local snapshot: full (from nothing), no-change rebuild, and
#     rebuild after one trek's description changed (median of three); each with peak RSS;
#   - pages, files and bytes written by the full build.
#
#   bench/scale.sh [N...]            default: 1000 5000 20000
#   LATENCY_MS=50 OUT=/path PROFILE=release bench/scale.sh 5000
#
# OUT (default: a temporary directory on the same disk as the repository) holds the snapshots
# and sites; file creation dominates a full build on a slow disk, so say where it ran.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000 20000)
latency=${LATENCY_MS:-50}
port=${PORT:-18767}
# sentier as a nightly pipeline installs it (examples/nightly.yml): the `dist` profile, with
# link-time optimization; PROFILE=release measures the quick start's build.
profile=${PROFILE:-dist}
cargo build --profile "$profile" --quiet --bin sentier
cargo build --release --quiet --example synth_geotrek
sentier=$PWD/target/$profile/sentier
synth=$PWD/target/release/examples/synth_geotrek
work=${OUT:-$(mktemp -d "$PWD/target/bench-scale.XXXXXX")}
mkdir -p "$work"
mock=""
# Each size's files are deleted only at the end: this disk's ext4 (no journal) checks, for every
# inode it allocates, whether one freed in the last minutes could be reused, and deleting one
# size's 50,000 files before the next size's full build made that build spend most of its time
# in the kernel (24 s against 43 s at 5,000 treks), a cost of the benchmark, not of a build.
cleanup() {
  [ -n "$mock" ] && kill "$mock" 2>/dev/null
  [ -n "${KEEP:-}" ] || for n in "${sizes[@]}"; do rm -rf "${work:?}/$n"; done
  [ -z "${OUT:-}" ] && rm -rf "$work"
  return 0
}
trap cleanup EXIT

# wall seconds and peak RSS (MiB) of a command, as "S MiB"
measure() {
  /usr/bin/time -f '%e %M' "$@" 2>"$work/time.txt" >/dev/null
  read -r seconds kib < <(tail -1 "$work/time.txt")
  echo "$seconds $((kib / 1024))"
}

config() { # snapshot-or-api-line
  cat <<TOML
title = "Synthetic portal"
base_url = "https://rando.example.org"
default_language = "fr"
languages = ["fr", "en", "it"]
[source]
$1
TOML
}

echo "machine: $(nproc) cores, $(uname -r); output on $(df -T "$work" | awk 'NR==2 {print $2}')"
printf '%7s | %9s %6s %9s %6s | %8s %6s | %8s %6s | %8s %6s | %7s %7s %8s\n' \
  treks "pull s" req "incr s" req "build s" MiB "noop s" MiB "1-trek s" MiB pages files MiB
for n in "${sizes[@]}"; do
  dir="$work/$n"
  rm -rf "$dir" && mkdir -p "$dir"
  # Pull through the mock API.
  "$synth" --treks "$n" --serve "$port" --latency-ms "$latency" 2>/dev/null &
  mock=$!
  for _ in $(seq 600); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  config "api = \"http://127.0.0.1:$port/api/v2/\"" >"$dir/pull.toml"
  start=$(date +%s.%N)
  "$sentier" -q pull -c "$dir/pull.toml" --snapshot "$dir/pulled"
  pull_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  pull_req=$(grep -o '"requests": [0-9]*' "$dir/pulled/manifest.json" | grep -o '[0-9]*$')
  start=$(date +%s.%N)
  "$sentier" -q pull -c "$dir/pull.toml" --snapshot "$dir/pulled"
  incr_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  incr_req=$(grep -o '"requests": [0-9]*' "$dir/pulled/manifest.json" | grep -o '[0-9]*$')
  kill "$mock"; wait "$mock" 2>/dev/null || true; mock=""

  # Builds from a local snapshot written by the generator.
  "$synth" --treks "$n" --out "$dir/snap" 2>/dev/null
  config "snapshot = \"$dir/snap\"" >"$dir/config.toml"
  read -r full_s full_mib < <(measure "$sentier" -q build -c "$dir/config.toml" -o "$dir/public" --report "$dir/full.json")
  pages=$(find "$dir/public" -name '*.html' | wc -l)
  files=$(find "$dir/public" -type f | wc -l)
  mib=$(( $(du -sb "$dir/public" | cut -f1) / 1048576 ))
  # The full build leaves gigabytes for the kernel to write back: done before the next timings,
  # which it slowed by a third at 5,000 treks.
  sync
  read -r noop_s noop_mib < <(measure "$sentier" -q build -c "$dir/config.toml" -o "$dir/public" --report "$dir/noop.json")
  # One trek's French description edited in place (the snapshot holds one object per line),
  # three times, to a new text each time: the median rebuild is printed, as one run on this
  # machine varies by a tenth or more. All three follow the stage lines (those of the last).
  ones=()
  for run in 1 2 3; do
    python3 - "$dir/snap/trek.json" "$run" <<'PY'
import json, sys
path, run = sys.argv[1], int(sys.argv[2])
lines = open(path, encoding="utf-8").read().split("\n")
trek = json.loads(lines[1].rstrip(","))
trek["description"]["fr"] = f"<p>Description modifiée pour le banc d'essai ({run}).</p>"
lines[1] = json.dumps(trek, ensure_ascii=False, separators=(",", ":")) + ("," if lines[1].endswith(",") else "")
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
    read -r s m < <(measure "$sentier" -q build -c "$dir/config.toml" -o "$dir/public" --report "$dir/one.json")
    ones+=("$s $m")
  done
  read -r one_s one_mib one_all < <(printf '%s\n' "${ones[@]}" | sort -n | awk '
    { s[NR] = $1; if ($2 > mib) mib = $2 }
    END { printf "%s %s %s/%s/%s\n", s[2], mib, s[1], s[2], s[3] }')
  printf '%7s | %9s %6s %9s %6s | %8s %6s | %8s %6s | %8s %6s | %7s %7s %8s\n' \
    "$n" "$pull_s" "$pull_req" "$incr_s" "$incr_req" "$full_s" "$full_mib" "$noop_s" "$noop_mib" "$one_s" "$one_mib" "$pages" "$files" "$mib"
  python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
for name in ("full", "noop", "one"):
    r = json.load(open(f"{d}/{name}.json"))
    stages = ", ".join(f"{s['name']} {s['seconds']:.2f}" for s in r["stages"])
    print(f"        {name:>4}: pages {r['pages']}; rendered {r['rendered']}, reused {r['reused']}; stages: {stages}")
PY
  echo "         one: three runs ${one_all} s; MiB is the highest of the three"
done
