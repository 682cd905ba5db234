"""Events: claims about one scene within a few days, grouped; where the sides disagree."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo import events, nesting
from tests import fixturestore


def _claims(rows: list[tuple]) -> pd.DataFrame:
    """(claim_id, side, place_ids, event_date, claim_date, stance) -> a claims frame."""
    return pd.DataFrame([{
        "claim_id": cid, "article_id": f"a-{cid}", "start": 0, "end": 1, "text": cid, "side": side,
        "place_ids": places, "event_date": ev, "event_date_end": None, "claim_date": said, "published": None,
        "stance": stance} for cid, side, places, ev, said, stance in rows])


PLACES = pd.DataFrame([
    {"place_id": "kyiv", "name": "Kyiv", "lat": 50.45, "lon": 30.52, "country_code": "UA", "precision": "city"},
    {"place_id": "lviv", "name": "Lviv", "lat": 49.84, "lon": 24.03, "country_code": "UA", "precision": "city"},
    {"place_id": "lviv-obl", "name": "Lviv Oblast", "lat": 49.8, "lon": 23.9, "country_code": "UA",
     "precision": "admin1"},
    {"place_id": "ua", "name": "Ukraine", "lat": 49.0, "lon": 32.0, "country_code": "UA", "precision": "country"},
])


def test_two_sides_about_one_place_within_the_window_are_one_disputed_event():
    claims = _claims([
        ("r1", "russia", ["kyiv"], "2024-05-01", "2024-05-02", "asserts"),
        ("u1", "ukraine", ["kyiv"], None, "2024-05-03", "asserts"),  # no event date: the day it was said
        ("w1", "west", ["kyiv"], "2024-05-20", "2024-05-20", "asserts"),  # weeks later: another event
    ])
    ev = events.group_events(claims, PLACES, parents={})
    assert len(ev.table) == 2
    newest, first = ev.table.iloc[0], ev.table.iloc[1]
    assert newest["claim_ids"] == ("w1",) and not newest["disagree"]
    assert set(first["claim_ids"]) == {"r1", "u1"} and first["disagree"]
    assert first["event_id"] == "kyiv@2024-05-01"
    assert ev.contested_places() == {"kyiv"}
    assert list(events.event_claims(ev, first["event_id"], claims)["claim_id"]) == ["u1", "r1"]  # newest first


def test_the_window_is_fixed_from_the_events_first_day():
    """A claim a day for a week is not one week-long event (no chaining)."""
    claims = _claims([(f"c{i}", "ukraine", ["kyiv"], f"2024-05-{i + 1:02d}", None, "asserts") for i in range(8)])
    ev = events.group_events(claims, PLACES, parents={}, window_days=3)
    assert sorted(ev.table["n_claims"]) == [4, 4]


def test_a_town_joins_the_event_of_the_region_it_lies_in():
    parents = nesting.region_parents(PLACES)
    if not parents:
        pytest.skip("region outlines are not built (static/regions.json)")
    assert parents == {"lviv": "lviv-obl"}  # Kyiv is not in Lviv Oblast; a country is never a parent
    claims = _claims([("r1", "russia", ["lviv"], "2024-05-01", None, "asserts"),
                      ("u1", "ukraine", ["lviv-obl"], "2024-05-02", None, "asserts")])
    ev = events.group_events(claims, PLACES)
    assert len(ev.table) == 1 and set(ev.table.iloc[0]["place_ids"]) == {"lviv", "lviv-obl"}
    assert ev.contested_places() == {"lviv", "lviv-obl"}


def test_unknown_side_is_no_disagreement_but_a_denial_is():
    claims = _claims([("u1", "ukraine", ["kyiv"], "2024-05-01", None, "asserts"),
                      ("x1", "unknown", ["kyiv"], "2024-05-01", None, "asserts"),
                      ("r1", "russia", ["lviv"], "2024-05-01", None, "asserts"),
                      ("r2", "russia", ["lviv"], "2024-05-01", None, "denies")])
    ev = events.group_events(claims, PLACES, parents={}).table.set_index("scene")
    assert not ev.loc["kyiv", "disagree"] and ev.loc["lviv", "disagree"] and ev.loc["lviv", "denial"]


def test_undated_claims_form_their_own_event_and_empty_views_work():
    claims = _claims([("a", "russia", ["kyiv"], "2024-05-01", None, "asserts"),
                      ("b", "ukraine", ["kyiv"], None, None, "asserts"),
                      ("c", "west", [], None, None, "asserts")])  # no place: in no event
    ev = events.group_events(claims, PLACES, parents={})
    assert sorted(ev.table["event_id"]) == ["kyiv@2024-05-01", "kyiv@undated"]
    assert not ev.table["disagree"].any()
    assert events.group_events(claims.iloc[0:0], PLACES).table.empty
    assert events.group_events(claims.iloc[2:], PLACES).contested_places() == set()


def test_fixture_store_events(tmp_path):
    store = fixturestore.build(tmp_path / "claims.db")
    ev = events.group_events(store.claims_frame(), store.places_frame())
    assert ev.contested_places() == fixturestore.CONTESTED_PLACES
    kyiv = ev.at_place("gn:703448")
    assert len(kyiv) == 1 and set(kyiv.iloc[0]["claim_ids"]) == {"c2", "c3"}
    assert kyiv.iloc[0]["start"].date() == date(2024, 12, 22)


def test_point_in_polygon_with_a_hole():
    square = {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
                                                 [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]}
    assert nesting.contains(square, 1, 1) and not nesting.contains(square, 5, 5)
    assert not nesting.contains(square, 11, 5)
    multi = {"type": "MultiPolygon", "coordinates": [square["coordinates"],
                                                     [[[20, 20], [21, 20], [21, 21], [20, 20]]]]}
    assert nesting.contains(multi, 20.8, 20.5)
