"""Offline base map data: country borders from the GeoJSON countryinfo ships.

Built on first use in memory (≈30 ms, ≈170 countries, coordinates rounded to
3 decimals), so there is no build step and nothing downloaded.
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
