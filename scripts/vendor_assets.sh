#!/usr/bin/env bash
# Vendor pinned front-end assets from the npm registry into static/ (gitignored),
# so the map draws with no request leaving the machine. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
PKGS=("leaflet@1.9.4" "jquery@3.7.1" "leaflet.markercluster@1.5.3")
stamp="static/.vendored"
want="${PKGS[*]}"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then exit 0; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p static
for spec in "${PKGS[@]}"; do
  name=${spec%@*}
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
  tgz=$(ls "$tmp"/*.tgz)
  rm -rf "static/$name" && mkdir -p "static/$name"
  tar -xzf "$tgz" -C "static/$name" --strip-components=1
  rm -f "$tgz"
done
test -f static/leaflet/dist/leaflet.js
test -f static/jquery/dist/jquery.min.js
test -f static/leaflet.markercluster/dist/leaflet.markercluster.js
echo "$want" > "$stamp"
echo "vendored: $want into static/"
