#!/usr/bin/env bash
# sentier's own search index against Pagefind on a site of N treks (default 5000) in three
# languages (fr, en, it): build time each adds, size of what each writes, and, in headless
# Chromium, time to the first results and bytes transferred for three queries. See
# docs/search.md for what it measures and the figures of a run.
#
#   bench/search-compare.sh [N]
#
# Needs target/release/sentier (cargo build --release), python3, node and npm (installs
# pagefind@1.6.0 from the npm registry into a temporary directory), Chromium at
# /usr/bin/chromium (or $CHROMIUM) and playwright-core in node_modules (npm ci).
# Environment: RUNS (builds and Pagefind indexing, median of, default 3), TIMING_RUNS
# (browser measurements, median of, default 5), KEEP=1 keeps the work directory.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5000}
runs=${RUNS:-3}
timing_runs=${TIMING_RUNS:-5}
[ -x target/release/sentier ] || { echo "target/release/sentier is missing: cargo build --release" >&2; exit 1; }
# The site is 2 GB at N = 5000: written to memory (/dev/shm) when it has room, so that disk
# write-back does not weigh on the builds measured. TMPDIR chooses another place.
if [ -z "${TMPDIR:-}" ] && [ "$(df --output=avail -k /dev/shm 2>/dev/null | tail -1)" -gt $((8 * 1024 * 1024)) ] 2>/dev/null; then
  work=$(mktemp -d -p /dev/shm)
else
  work=$(mktemp -d)
fi
if [ "${KEEP:-}" = 1 ]; then
  echo "work directory: $work"
else
  trap 'rm -rf "$work"' EXIT
fi
# A copy, so that a rebuild during the run does not change the binary measured.
cp target/release/sentier "$work/sentier"

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "== machine"
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ { print $2 }') GiB RAM"
echo "sentier $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src themes || echo ' (with uncommitted changes)'), binary of $(date -r target/release/sentier '+%F %T'), node $(node --version), $(${CHROMIUM:-/usr/bin/chromium} --version 2>/dev/null | head -1)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); work directory on $(df --output=fstype "$work" | tail -1)"

echo
echo "== snapshot: $n treks"
python3 bench/scale_snapshot.py "$n" "$work/snapshot"
# The sample's Écrins treks are published in French only: publish the copies in the three
# languages, so that every language lists N treks (texts missing in en/it fall back to
# French, translation_fallback = "default-language").
python3 - "$work/snapshot/trek.json" <<'EOF'
import json, sys
path = sys.argv[1]
treks = json.load(open(path))
for trek in treks:
    trek["published"] = {"fr": True, "en": True, "it": True}
with open(path, "w") as out:
    out.write("[\n" + ",\n".join(json.dumps(t, separators=(",", ":"), ensure_ascii=False) for t in treks) + "\n]\n")
EOF

# The site: the example's config.toml with the snapshot and three languages, its themes/ and
# content/.
mkdir -p "$work/site"
# Copies, so that edits during the run do not change what is measured.
cp -r themes content "$work/site/"
sed -e "s#^snapshot = .*#snapshot = \"$work/snapshot\"#" \
  -e 's#^languages = .*#languages = ["fr", "en", "it"]#' config.toml >"$work/site/config-base.toml"
# `[search] enabled` set to true and to false, whatever config.toml says.
python3 - "$work/site" <<'EOF'
import re, sys
from pathlib import Path
site = Path(sys.argv[1])
lines = (site / "config-base.toml").read_text().splitlines()
def with_search(enabled):
    out, section, done = [], None, False
    for line in lines:
        header = re.match(r"\s*\[([^\]]+)\]", line)
        if header:
            section = header.group(1).strip()
        elif section == "search" and re.match(r"\s*enabled\s*=", line):
            continue
        out.append(line)
        if header and section == "search":
            out.append(f"enabled = {enabled}")
            done = True
    if not done:
        out += ["", "[search]", f"enabled = {enabled}"]
    return "\n".join(out) + "\n"
(site / "config.toml").write_text(with_search("true"))
(site / "config-nosearch.toml").write_text(with_search("false"))
EOF

echo
echo "== sentier build, search off and on, median of $runs (runs interleaved)"
# Wall time, and CPU time (user + system, of every thread), which another load on the
# machine disturbs much less.
: >"$work/times-off"
: >"$work/times-on"
for i in $(seq "$runs"); do
  for variant in off on; do
    config="$work/site/config.toml"
    [ "$variant" = off ] && config="$work/site/config-nosearch.toml"
    rm -rf "$work/site/public"
    sync
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$work/sentier" -q build -c "$config" -o "$work/site/public"
    awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$work/time" >>"$work/times-$variant"
    echo "  run $i, search $variant: $(awk '{ print $1 " s wall, " $2 + $3 " s CPU (" $2 " user, " $3 " system)" }' "$work/time")"
  done
done
# The last build, with search, is the site measured below.
off_wall=$(cut -d' ' -f1 "$work/times-off" | median)
off_cpu=$(cut -d' ' -f2 "$work/times-off" | median)
on_wall=$(cut -d' ' -f1 "$work/times-on" | median)
on_cpu=$(cut -d' ' -f2 "$work/times-on" | median)
printf 'build, search off        %8.2f s wall %8.2f s CPU\n' "$off_wall" "$off_cpu"
printf 'build, search on         %8.2f s wall %8.2f s CPU\n' "$on_wall" "$on_cpu"
printf 'build time added by own index: %.2f s wall, %.2f s CPU (difference of the medians)\n' \
  "$(echo "$on_wall - $off_wall" | bc)" "$(echo "$on_cpu - $off_cpu" | bc)"
# Each "on" run minus the "off" run just before it: less sensitive to a load that comes and goes.
paste -d' ' "$work/times-off" "$work/times-on" | awk '{ print $3 - $1, $4 - $2 }' >"$work/times-diff"
printf '  per run pair: median %.2f s wall (%s), %.2f s CPU (%s)\n' \
  "$(cut -d' ' -f1 "$work/times-diff" | median)" "$(cut -d' ' -f1 "$work/times-diff" | sort -g | paste -sd' ')" \
  "$(cut -d' ' -f2 "$work/times-diff" | median)" "$(cut -d' ' -f2 "$work/times-diff" | sort -g | paste -sd' ')"
echo "site: $(find "$work/site/public" -type f | wc -l) files, $(du -sb "$work/site/public" | cut -f1) bytes"

echo
echo "== own index: sizes per language (gzip level 6, as the test server sends them)"
python3 - "$work/site/public" <<'EOF'
import gzip, json, sys
from pathlib import Path
site = Path(sys.argv[1])
dirs = [site / "search"] + sorted(p.parent for p in site.glob("*/search/index.json"))
def sizes(files):
    files = list(files)
    raw = sum(f.stat().st_size for f in files)
    gz = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    return len(files), raw, gz
print(f"{'lang':4} {'docs':>5} | {'index.json':>10} {'gz':>8} | {'cards':>5} {'bytes':>10} {'gz':>9} | {'text':>5} {'bytes':>10} {'gz':>9} | {'total':>10} {'gz':>9}")
totals = [0] * 8
for d in dirs:
    index = json.loads((d / "index.json").read_text())
    _, ir, ig = sizes([d / "index.json"])
    cn, cr, cg = sizes(sorted((d / "cards").glob("*.json")))
    tn, tr, tg = sizes(sorted((d / "text").glob("*.json")))
    row = [ir, ig, cn, cr, cg, tn, tr, tg]
    totals = [a + b for a, b in zip(totals, row)]
    print(f"{index['lang']:4} {len(index['ids']):5} | {ir:10} {ig:8} | {cn:5} {cr:10} {cg:9} | {tn:5} {tr:10} {tg:9} | {ir + cr + tr:10} {ig + cg + tg:9}")
ir, ig, cn, cr, cg, tn, tr, tg = totals
print(f"{'all':4} {'':5} | {ir:10} {ig:8} | {cn:5} {cr:10} {cg:9} | {tn:5} {tr:10} {tg:9} | {ir + cr + tr:10} {ig + cg + tg:9}")
js = site / "search.js"
print(f"files, all languages: {len(dirs) + cn + tn} (index.json, cards/, text/); search.js: {js.stat().st_size} bytes, {len(gzip.compress(js.read_bytes(), 6))} gzipped")
EOF

echo
echo "== Pagefind 1.6.0: indexing the same documents, median of $runs"
npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$work/npm" pagefind@1.6.0 >/dev/null
export PAGEFIND_MODULE="$work/npm/node_modules/pagefind/lib/index.js"
# A copy of the site (hard links) that gets the Pagefind bundle.
cp -al "$work/site/public" "$work/pf-site"
# Wall time of the whole indexing (reading the HTML, Pagefind), and CPU time of the script and
# of the Pagefind service binary it starts (bench/pagefind-index.mjs measures both).
: >"$work/pagefind-runs"
for i in $(seq "$runs"); do
  rm -rf "$work/pf-site/pagefind"
  node bench/pagefind-index.mjs "$work/site/public" "$work/pf-site/pagefind" | tee -a "$work/pagefind-runs" | sed 's/^/  /'
done
field() { grep -o "\"$1\":[0-9]*" "$work/pagefind-runs" | cut -d: -f2 | median; }
printf 'build time added by Pagefind: %.2f s wall, %.2f s CPU (wall: reading the HTML %.2f s + Pagefind indexing and writing %.2f s)\n' \
  "$(echo "$(field total_ms) / 1000" | bc -l)" "$(echo "$(field cpu_ms) / 1000" | bc -l)" \
  "$(echo "$(field read_ms) / 1000" | bc -l)" "$(echo "$(field pagefind_ms) / 1000" | bc -l)"

echo
echo "== Pagefind: sizes (its index files are gzipped already; the .js are gzipped at level 6 here)"
python3 - "$work/pf-site/pagefind" <<'EOF'
import gzip, json, sys
from pathlib import Path
root = Path(sys.argv[1])
entry = json.loads((root / "pagefind-entry.json").read_text())
def total(files):
    files = list(files)
    return len(files), sum(f.stat().st_size for f in files)
print(f"{'lang':4} {'pages':>5} | {'pf_meta':>8} {'wasm':>7} | {'index':>5} {'bytes':>9} | {'filter':>6} {'bytes':>8} | {'fragment':>8} {'bytes':>10} | {'files':>6} {'total':>10}")
all_files = all_bytes = 0
for lang, info in sorted(entry["languages"].items()):
    meta = root / f"pagefind.{info['hash']}.pf_meta"
    wasm = root / f"wasm.{info['wasm']}.pagefind"
    inn, inb = total(root.glob(f"index/{lang}_*"))
    fin, fib = total(root.glob(f"filter/{lang}_*"))
    frn, frb = total(root.glob(f"fragment/{lang}_*"))
    files = 2 + inn + fin + frn
    size = meta.stat().st_size + wasm.stat().st_size + inb + fib + frb
    all_files += files
    all_bytes += size
    print(f"{lang:4} {info['page_count']:5} | {meta.stat().st_size:8} {wasm.stat().st_size:7} | {inn:5} {inb:9} | {fin:6} {fib:8} | {frn:8} {frb:10} | {files:6} {size:10}")
every = [f for f in root.rglob("*") if f.is_file()]
print(f"per-language files: {all_files}, {all_bytes} bytes; whole pagefind/ (with UI files, wasm.unknown): {len(every)} files, {sum(f.stat().st_size for f in every)} bytes")
for name in ["pagefind.js", "pagefind-worker.js"]:
    data = (root / name).read_bytes()
    print(f"{name}: {len(data)} bytes, {len(gzip.compress(data, 6))} gzipped")
EOF

echo
echo "== browser: time to first results and bytes, median of $timing_runs"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/search-timing.mjs "$work/site/public" "$work/pf-site" "$timing_runs"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
