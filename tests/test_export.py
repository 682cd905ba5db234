"""CSV and GeoJSON export of the filtered view."""
from __future__ import annotations

import csv
import io
import json

import pytest

from geo.export import defuse_cell, to_csv, to_geojson
from geo.filters import FilterState, apply_filters
from tests import fixturestore


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    store = fixturestore.build(tmp_path_factory.mktemp("e") / "claims.db")
    yield store.claims_frame(), store.places_frame()
    store.close()


@pytest.mark.parametrize("cell, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("plain", "plain"), ("", ""), (3, 3), (None, None),
])
def test_defuse_cell(cell, expected):
    assert defuse_cell(cell) == expected


def test_csv_rows_and_formula_guard(frames):
    claims, _ = frames
    rows = list(csv.DictReader(io.StringIO(to_csv(claims).decode("utf-8-sig"))))
    assert {r["claim_id"] for r in rows} == fixturestore.ALL_CLAIMS
    c8 = next(r for r in rows if r["claim_id"] == "c8")
    assert c8["text"] == "'" + fixturestore.HOSTILE_FORMULA + " about the border post"
    assert c8["outlet"] == "'" + fixturestore.HOSTILE_FORMULA
    assert not any(v.startswith(("=", "+", "@")) for r in rows for v in r.values())
    c7 = next(r for r in rows if r["claim_id"] == "c7")
    assert fixturestore.HOSTILE_SCRIPT in c7["text"]  # data is kept verbatim, only defused
    c2 = next(r for r in rows if r["claim_id"] == "c2")
    assert c2["place_ids"] == "gn:703448" and c2["start"].isdigit()


def test_csv_of_filtered_view(frames):
    claims, places = frames
    view = apply_filters(claims, places, FilterState(sides=("west",)))
    rows = list(csv.DictReader(io.StringIO(to_csv(view).decode("utf-8-sig"))))
    assert [r["claim_id"] for r in rows] == ["c5"]


def test_csv_of_empty_view_has_header(frames):
    claims, _ = frames
    text = to_csv(claims.iloc[0:0]).decode("utf-8-sig")
    assert text.startswith("claim_id,text,speaker")


def test_geojson_points(frames):
    claims, places = frames
    data = json.loads(to_geojson(claims, places))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 8  # one per (claim, place)
    kyiv = [f for f in data["features"] if f["properties"]["place_id"] == "gn:703448"]
    assert {f["properties"]["claim_id"] for f in kyiv} == {"c2", "c3"}
    assert kyiv[0]["geometry"] == {"type": "Point", "coordinates": [30.52, 50.45]}
    assert kyiv[0]["properties"]["place_name"] == "Kyiv"
    undated = next(f for f in data["features"] if f["properties"]["claim_id"] == "c6")
    assert undated["properties"]["event_date"] is None


def test_exports_stream_from_the_store_in_chunks(tmp_path):
    """The page's exports read the view a chunk at a time; the bytes are those of the whole frame."""
    from geo.export import csv_chunks, geojson_chunks
    from geo.nesting import region_parents
    from geo.pageview import PageView

    store = fixturestore.build(tmp_path / "claims.db")
    claims, places = store.claims_frame(), store.places_frame()
    parents = region_parents(places)
    store.set_scenes(parents)
    for state in (FilterState(), FilterState(sides=("ukraine", "other")), FilterState(precisions=("city",)),
                  FilterState(text="nothing matches this")):
        view = apply_filters(claims, places, state, parents)
        page = PageView(store, state, places, parents)
        chunks = list(csv_chunks(page.chunks(size=2)))
        assert len(chunks) >= min(len(view) // 2, 2)
        got = list(csv.DictReader(io.StringIO(b"".join(chunks).decode("utf-8-sig"))))
        want = list(csv.DictReader(io.StringIO(to_csv(view).decode("utf-8-sig"))))
        key = lambda r: r["claim_id"]  # noqa: E731
        strip = lambda r: {**r, "place_ids": ";".join(sorted(r["place_ids"].split(";")))}  # noqa: E731
        assert sorted(map(strip, got), key=key) == sorted(map(strip, want), key=key)
        doc = json.loads(b"".join(geojson_chunks(page.chunks(size=3), places)))
        ref = json.loads(to_geojson(view, places))
        pair = lambda f: (f["properties"]["claim_id"], f["properties"]["place_id"])  # noqa: E731
        assert sorted(map(pair, doc["features"])) == sorted(map(pair, ref["features"]))
    store.close()
