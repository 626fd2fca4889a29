#!/usr/bin/env bash
# Vendors the browser libraries of the default theme from the npm registry, at pinned
# versions: downloads each package's tarball with `npm pack`, checks it against the registry's
# integrity hash, copies the files the theme uses into themes/default/static/vendor/, and
# records versions, licences and checksums in themes/default/static/vendor/VENDOR.md.
# Re-running it reproduces the same files: `git status` shows no change after it.
set -euo pipefail
cd "$(dirname "$0")/.."

# package version files-to-copy (from the package directory)
libraries=(
  "leaflet 1.9.4 dist/leaflet.js dist/leaflet.css dist/images/layers.png dist/images/layers-2x.png dist/images/marker-icon.png dist/images/marker-icon-2x.png dist/images/marker-shadow.png LICENSE"
  "leaflet.markercluster 1.5.3 dist/leaflet.markercluster.js dist/MarkerCluster.css dist/MarkerCluster.Default.css MIT-LICENCE.txt"
)

vendor=themes/default/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$vendor"
mkdir -p "$vendor"
{
  echo "# Vendored browser libraries"
  echo
  echo "Written by \`scripts/vendor-browser-libs.sh\` from the npm registry; do not edit by hand."
  echo
  echo "| package | version | licence | tarball integrity (npm) |"
  echo "|---|---|---|---|"
} >"$work/header.md"
: >"$work/files.md"

for entry in "${libraries[@]}"; do
  read -r name version files <<<"$entry"
  expected=$(npm view "$name@$version" dist.integrity)
  license=$(npm view "$name@$version" license)
  (cd "$work" && npm pack --silent "$name@$version" >/dev/null)
  tarball=$(ls "$work"/"${name}"-"${version}".tgz)
  actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [ "$actual" != "$expected" ]; then
    echo "integrity mismatch for $name@$version: $actual != $expected" >&2
    exit 1
  fi
  mkdir -p "$work/$name"
  tar -xzf "$tarball" -C "$work/$name"
  for file in $files; do
    target="$vendor/$name/$(echo "$file" | sed 's#^dist/##')"
    mkdir -p "$(dirname "$target")"
    cp "$work/$name/package/$file" "$target"
    echo "| \`$name/$(echo "$file" | sed 's#^dist/##')\` | \`$(sha256sum "$target" | cut -d' ' -f1)\` |" >>"$work/files.md"
  done
  echo "| $name | $version | $license | \`$expected\` |" >>"$work/header.md"
done

{
  cat "$work/header.md"
  echo
  echo "| file | sha256 |"
  echo "|---|---|"
  cat "$work/files.md"
} >"$vendor/VENDOR.md"
echo "vendored into $vendor:"
cat "$vendor/VENDOR.md"
