"""Which places in view lie inside which region: a town and its oblast are one scene.

Events group claims about "places one inside the other". The store keeps a
point and a precision per place, not an admin1 code, so a town is put in a
region by testing its point against the region's outline (the same simplified
Natural Earth outlines the map draws, ~5 km). Country-level places are never
parents: "Russia" would otherwise swallow every event in it.
"""
from __future__ import annotations

import pandas as pd

from . import basemap

_CHILD_PRECISIONS = frozenset({"point", "city", "area"})


def _in_ring(lon: float, lat: float, ring: list) -> bool:
    """Even-odd ray casting; the ring is [[lon, lat], ...]."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / ((yj - yi) or 1e-12) + xi:
            inside = not inside
        j = i
    return inside


def _bbox(geometry: dict) -> tuple[float, float, float, float]:
    kind = geometry.get("type")
    polygons = [geometry.get("coordinates", [])] if kind == "Polygon" else geometry.get("coordinates", [])
    xs = [pt[0] for rings in polygons for pt in (rings[0] if rings else [])]
    ys = [pt[1] for rings in polygons for pt in (rings[0] if rings else [])]
    return (min(xs), min(ys), max(xs), max(ys)) if xs else (0.0, 0.0, -1.0, -1.0)


def contains(geometry: dict, lon: float, lat: float) -> bool:
    """Is the point inside a GeoJSON Polygon or MultiPolygon (holes respected)?"""
    x0, y0, x1, y1 = geometry.get("_bbox") or _bbox(geometry)
    if not (x0 <= lon <= x1 and y0 <= lat <= y1):
        return False
    kind = geometry.get("type")
    polygons = [geometry.get("coordinates", [])] if kind == "Polygon" else geometry.get("coordinates", []) \
        if kind == "MultiPolygon" else []
    for rings in polygons:
        if rings and _in_ring(lon, lat, rings[0]) and not any(_in_ring(lon, lat, h) for h in rings[1:]):
            return True
    return False


def region_parents(places: pd.DataFrame) -> dict[str, str]:
    """{town/site place id: the region place id it lies in}, among the places given.

    Regions sharing one outline (two readings of "Kharkiv region") map to the first of them.
    """
    if places.empty:
        return {}
    regions = places[places["precision"] == "admin1"]
    if regions.empty:
        return {}
    codes = sorted({str(c).strip().upper() for c in regions["country_code"].dropna() if str(c).strip()})
    outlines = [f for c in codes for f in basemap.country_regions(c)]
    by_country: dict[str, list[dict]] = {}
    for feat in outlines:
        code = str((feat.get("properties") or {}).get("code", ""))[:2].upper()
        geometry = feat.get("geometry") or {}
        # A shallow copy with its bounding box: the cached outlines stay untouched.
        by_country.setdefault(code, []).append({"geometry": {**geometry, "_bbox": _bbox(geometry)}})
    owner: dict[tuple[str, int], str] = {}  # (country, outline index) -> region place id
    for pid, lat, lon, cc in zip(regions["place_id"], regions["lat"], regions["lon"], regions["country_code"]):
        code = str(cc or "").upper()
        for k, feat in enumerate(by_country.get(code, [])):
            if contains(feat.get("geometry") or {}, float(lon), float(lat)):
                owner.setdefault((code, k), pid)
                break
    parents: dict[str, str] = {}
    for pid, lat, lon, cc, precision in zip(places["place_id"], places["lat"], places["lon"],
                                            places["country_code"], places["precision"]):
        code = str(cc or "").upper()
        if precision == "admin1":
            for (c, k), region in owner.items():
                if c == code and region != pid and contains(by_country[c][k].get("geometry") or {},
                                                            float(lon), float(lat)):
                    parents[pid] = region  # a second reading of the same region
                    break
            continue
        if precision not in _CHILD_PRECISIONS:
            continue
        for (c, k), region in owner.items():
            if c == code and contains(by_country[c][k].get("geometry") or {}, float(lon), float(lat)):
                parents[pid] = region
                break
    return parents
