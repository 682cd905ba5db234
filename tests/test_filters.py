"""Filters as pure functions over the store's frames, and the URL round trip."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import fixturestore
from geo.filters import FilterState, apply_filters, claims_at_place, contested_places, filter_options
from geo.models import PRECISIONS, SIDES
from geo.querystate import from_query, to_query
from geo.summary import side_counts, timeline


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    store = fixturestore.build(tmp_path_factory.mktemp("f") / "claims.db")
    yield store.claims_frame(), store.places_frame()
    store.close()


def ids(df) -> set[str]:
    return set(df["claim_id"])


def test_no_filter_keeps_everything(frames):
    claims, places = frames
    assert ids(apply_filters(claims, places, FilterState())) == fixturestore.ALL_CLAIMS


@pytest.mark.parametrize("state, expected", [
    (FilterState(sides=("russia",)), {"c1", "c2"}),
    (FilterState(sides=("west", "other")), {"c5", "c7", "c8"}),
    (FilterState(outlet_sides=("ukraine",)), {"c4", "c5", "c6"}),
    (FilterState(outlets=("Test Wire RU",)), {"c1", "c2", "c3"}),
    (FilterState(speakers=("NATO spokesperson",)), {"c5"}),
    (FilterState(precisions=("admin1",)), {"c4", "c6"}),
    (FilterState(text="  kyiv "), {"c2", "c3"}),  # claim text and the mayor's role
    (FilterState(text="<script>"), {"c7", "c8"}),  # literal, not a regex; headline too
    (FilterState(text="onerror=alert(1)"), {"c7", "c8"}),  # c8's place name carries it
    (FilterState(text="Kiev"), {"c2", "c3"}),  # spellings fold: Kiev finds Kyiv
    (FilterState(text="Kharkov"), {"c4", "c6"}),  # and the place's name is searched
    (FilterState(date_field="event", include_undated=False), {"c1", "c2", "c3", "c4", "c5"}),
    # "when" (the default): the event date, else the claim date, so c8 (said 12-21) is dated
    (FilterState(include_undated=False), {"c1", "c2", "c3", "c4", "c5", "c8"}),
    # contested: the sides in view disagree about an event there (Kyiv, 12-22: Russia and Ukraine);
    # Kharkiv's Ukrainian claim and its undated "unknown" residents are not one event
    (FilterState(contested_only=True), {"c2", "c3"}),
    (FilterState(contested_only=True, sides=("russia",)), set()),  # one side in view: no disagreement
    (FilterState(date_field="event", date_from=date(2024, 12, 22)), {"c1", "c2", "c3", "c6", "c7", "c8"}),
    (FilterState(date_from=date(2024, 12, 22)), {"c1", "c2", "c3", "c6", "c7"}),
    (FilterState(date_field="event", date_from=date(2024, 12, 19), date_to=date(2024, 12, 19),
                 include_undated=False), {"c4"}),
    (FilterState(date_field="claim", date_to=date(2024, 12, 21), include_undated=False), {"c4", "c5", "c8"}),
    (FilterState(date_field="published", date_from=date(2024, 12, 21)), {"c1", "c2", "c3", "c7", "c8"}),
])
def test_each_filter(frames, state, expected):
    claims, places = frames
    assert ids(apply_filters(claims, places, state)) == expected


def test_precision_filter_trims_place_ids(frames):
    claims, places = frames
    out = apply_filters(claims, places, FilterState(precisions=("city",)))
    assert all(pid in {"gn:703448", "gn:579514", "gn:756135"} for ids_ in out["place_ids"] for pid in ids_)


def test_contested_places(frames):
    claims, places = frames
    assert contested_places(claims, places) == fixturestore.CONTESTED_PLACES


def test_filters_do_not_mutate_input(frames):
    claims, places = frames
    before = claims.copy(deep=True)
    apply_filters(claims, places, FilterState(precisions=("city",), contested_only=True))
    assert claims.equals(before)


def test_claims_at_place_newest_first(frames):
    claims, _ = frames
    assert list(claims_at_place(claims, "gn:703448")["claim_id"]) == ["c2", "c3"]
    assert claims_at_place(claims, "nowhere").empty


def test_options_come_from_the_data(frames):
    claims, places = frames
    opts = filter_options(claims, places)
    assert "Test Wire RU" in opts.outlets and "Ivan Petrov" in opts.speakers
    assert opts.precisions == ["admin1", "city", "point"]
    assert (opts.date_min, opts.date_max) == (date(2024, 12, 17), date(2024, 12, 25))


def test_the_speaker_list_holds_speakers_not_outlets(frames):
    claims, places = frames
    narrative = claims.copy()
    narrative.loc[narrative.index[0], ["speaker", "speaker_role"]] = ["Narrating Outlet", "outlet"]
    opts = filter_options(narrative, places)
    assert "Narrating Outlet" not in opts.speakers and "Ivan Petrov" in opts.speakers


def test_empty_frames(frames):
    claims, places = frames
    empty = claims.iloc[0:0]
    assert apply_filters(empty, places, FilterState(sides=("russia",))).empty
    assert filter_options(empty, places.iloc[0:0]).date_min is None
    assert timeline(empty).empty and side_counts(empty) == dict.fromkeys(SIDES, 0)


def test_timeline_fills_missing_days(frames):
    claims, _ = frames
    tl = timeline(claims, "event")
    assert str(tl.index.min().date()) == "2024-12-17" and str(tl.index.max().date()) == "2024-12-23"
    assert len(tl) == 7 and int(tl.values.sum()) == 5
    assert tl.loc["2024-12-22", "russia"] == 1 and tl.loc["2024-12-22", "ukraine"] == 1


def test_query_round_trip_of_defaults():
    assert to_query(FilterState()) == {}
    assert from_query({}) == (FilterState(), None)


def test_query_ignores_garbage():
    state, place = from_query({"side": ["russia", "martians", "russia"], "from": ["2024-13-45"], "to": ["x"],
                               "date_on": ["tomorrow"], "prec": ["city", "galaxy"], "contested": ["yes"]})
    assert state == FilterState(sides=("russia",), precisions=("city",))
    assert place is None


def test_query_swaps_reversed_dates():
    state, _ = from_query({"from": ["2024-12-25"], "to": ["2024-12-01"]})
    assert (state.date_from, state.date_to) == (date(2024, 12, 1), date(2024, 12, 25))


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
states = st.builds(
    FilterState,
    date_field=st.sampled_from(["event", "claim", "published"]),
    date_from=st.none() | st.dates(date(2000, 1, 1), date(2030, 1, 1)),
    date_to=st.none(),
    include_undated=st.booleans(),
    sides=st.lists(st.sampled_from(SIDES), unique=True).map(tuple),
    outlet_sides=st.lists(st.sampled_from(SIDES), unique=True).map(tuple),
    outlets=st.lists(texts.filter(str.strip), unique=True, max_size=3).map(tuple),
    speakers=st.lists(texts.filter(str.strip), unique=True, max_size=3).map(tuple),
    precisions=st.lists(st.sampled_from(PRECISIONS), unique=True).map(tuple),
    text=texts.map(str.strip),
    contested_only=st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(states, st.none() | texts.filter(str.strip))
def test_query_round_trip(state, place):
    """What the page writes to the URL reads back as the same view."""
    q = to_query(state, place)
    params = {k: (v if isinstance(v, list) else [v]) for k, v in q.items()}
    assert from_query(params) == (state, place)
