"""The store answers the page's filters as the pandas reference does (geo.filters.apply_filters).

Both backends (PostgreSQL when its binaries are here), on the hand-filled
fixture and on a random store with towns inside a region, shared places,
denials, undated and unplaced claims: for many filter combinations the same
claims with the same place ids, the same side counts, timeline, map aggregate
and events.
"""
from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import pandas as pd
import pytest

from geo import events, mapview, storeview, summary, timewindow
from geo.filters import FilterState, apply_filters, claim_days, claims_at_place, filter_options
from geo.models import SIDES, Article, Claim, Mention, Place
from geo.nesting import region_parents
from geo.pageview import PageView
from geo.store import Store
from tests import fixturestore

PLACES = [  # a region with two towns inside it, and places elsewhere
    ("gn:706482", "Kharkiv Oblast", 49.5, 36.5, "UA", "admin1"),
    ("gn:706483", "Kharkiv", 49.99, 36.23, "UA", "city"),
    ("gn:706484", "Izium", 49.21, 37.26, "UA", "city"),
    ("gn:703448", "Kyiv", 50.45, 30.52, "UA", "city"),
    ("gn:579514", "Belgorod", 50.61, 36.58, "RU", "city"),
    ("gn:756135", "Warsaw", 52.23, 21.01, "PL", "city"),
    ("gn:690791", "Ukraine", 49.0, 32.0, "UA", "country"),
]
WORDS = ["shelling", "drones", "Kiev", "Kyiv", "power", "talks", "Zelenskiy", "denied", "border"]
SPEAKERS = [None, "Volodymyr Zelensky", "Ivan Petrov", "A NATO spokesperson", "Residents", "Test Wire RU"]


def random_store(store, n_articles: int = 40, seed: int = 5):
    """Articles of a few claims each, over the places above and three weeks (some undated)."""
    rng = random.Random(seed)
    for a in range(n_articles):
        words = " ".join(rng.choice(WORDS) for _ in range(6))
        text = f"Story {a}\n" + ". ".join(f"Claim {k}: {words} in " + " and ".join(n for _, n, *_ in PLACES)
                                          for k in range(4)) + "\n"
        published = None if rng.random() < 0.1 else date(2024, 3, 1) + timedelta(days=rng.randrange(21))
        art = Article(id=f"r{a}", source=f"r{a}.txt", text=text, start=0, end=len(text) - 1,
                      title=None if rng.random() < 0.3 else f"Story {a}", outlet=rng.choice(["Wire A", "Wire B", None]),
                      outlet_side=rng.choice(SIDES), published=published)
        places = []
        for pid, name, lat, lon, cc, prec in PLACES:
            s = text.index(name)
            places.append(Place(pid, name, lat, lon, cc, prec, 0.9, [Mention(art.id, s, s + len(name), name)]))
        claims = []
        for k in range(rng.randrange(1, 5)):
            start = text.index(f"Claim {k}")
            day = None if rng.random() < 0.2 else date(2024, 3, 1) + timedelta(days=rng.randrange(21))
            ev = None if rng.random() < 0.5 else (day or date(2024, 3, 5)) - timedelta(days=rng.randrange(3))
            ev_end = ev + timedelta(days=2) if ev and rng.random() < 0.2 else None
            pids = rng.sample([p[0] for p in PLACES], rng.choice([0, 1, 1, 2, 2, 3]))
            speaker = rng.choice(SPEAKERS)
            claims.append(Claim(id=f"r{a}c{k}", article_id=art.id, start=start, end=start + 20,
                                text=text[start:start + 60], place_ids=pids, speaker=speaker,
                                speaker_role="outlet" if speaker == "Test Wire RU" else rng.choice([None, "mayor"]),
                                side=rng.choice(SIDES), cue="said", stance=rng.choice(["asserts", "denies", None]),
                                claim_date=day, event_date=ev, event_date_end=ev_end))
        store.save_article(art, places, claims)
    return store


def states() -> list[FilterState]:
    """Single filters, and pairs of them, on each date field."""
    single = [
        dict(sides=("russia",)), dict(sides=("ukraine", "west")), dict(outlet_sides=("other",)),
        dict(outlets=("Wire A",)), dict(speakers=("Ivan Petrov", "Residents")), dict(precisions=("city",)),
        dict(precisions=("admin1", "country")), dict(text="kiev"), dict(text="Zelenskiy"), dict(text="power"),
        dict(text="Kharkov"), dict(text="zz"), dict(contested_only=True), dict(include_undated=False),
        dict(date_from=date(2024, 3, 8)), dict(date_to=date(2024, 3, 10)),
        dict(date_from=date(2024, 3, 6), date_to=date(2024, 3, 12), include_undated=False),
    ]
    out = [FilterState()]
    for field in ("when", "event", "claim", "published"):
        out += [FilterState(date_field=field, **s) for s in single]
    out += [FilterState(**{**a, **b}) for a, b in itertools.combinations(single, 2)
            if not set(a) & set(b)][::7]
    return out


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(request, tmp_path_factory):
    """(fixture store, random store) on one backend."""
    if request.param == "sqlite":
        base = tmp_path_factory.mktemp("sv")
        stores = fixturestore.build(base / "f.db"), random_store(Store(base / "r.db"))
    else:
        from geo.store_pg import PgStore
        from tests.test_store_pg import build_fixture_pg, fresh_pg_database
        url = request.getfixturevalue("pg_url")
        made = [PgStore(fresh_pg_database(url, f"sv_{name}")) for name in ("f", "r")]
        build_fixture_pg(made[0].url)
        stores = made[0], random_store(made[1])
    yield stores
    for s in stores:
        s.close()


def _frames(store):
    claims, places = store.claims_frame(), store.places_frame()
    parents = region_parents(places)
    store.set_scenes(parents)
    return claims, places, parents


def _ns(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(start=df["start"].astype("datetime64[ns]"), end=df["end"].astype("datetime64[ns]"))


def _links(df: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    return {r.claim_id: tuple(sorted(r.place_ids)) for r in df.itertuples()}


@pytest.mark.parametrize("which", [0, 1])
def test_sql_and_pandas_agree(backend, which):
    store = backend[which]
    claims, places, parents = _frames(store)
    for state in states():
        ref = apply_filters(claims, places, state, parents)
        view = PageView(store, state, places, parents)
        got = pd.concat(list(view.chunks(size=7)) or [claims.iloc[:0]])
        assert _links(got) == _links(ref), state
        assert view.side_counts == summary.side_counts(ref), state
        pd.testing.assert_frame_equal(view.timeline, summary.timeline(ref, state.date_field), check_dtype=False,
                                      check_freq=False, check_index_type=False, obj=str(state))
        ref_evs = events.group_events(ref, places, parents=parents)
        agg = mapview.aggregate_places(ref, places, include_uncited=True, contested=ref_evs.contested_places())
        pd.testing.assert_frame_equal(view.aggregate(include_uncited=True).sort_values("place_id").reset_index(drop=True),
                                      agg.sort_values("place_id").reset_index(drop=True), check_dtype=False,
                                      obj=str(state))
        cols = ["event_id", "scene", "start", "end", "n_claims", "disagree", "denial"]
        pd.testing.assert_frame_equal(_ns(view.events.table[cols]), _ns(ref_evs.table[cols]), check_dtype=False,
                                      obj=str(state))
        assert [set(p) for p in view.events.table["place_ids"]] == [set(p) for p in ref_evs.table["place_ids"]]
        for event in ref_evs.table.head(5).to_dict("records"):
            want = events.event_claims(ref_evs, event["event_id"], ref)
            assert set(view.event_claims(event)["claim_id"]) == set(want["claim_id"]), (state, event["event_id"])
        for pid in list(places["place_id"])[:4]:
            at = claims_at_place(ref, pid)
            assert list(view.at_place(pid)["claim_id"]) == (list(at["claim_id"]) if len(at) else []), (state, pid)
            assert view.place_total(pid) == len(at)
        assert view.n_unplaced == (int((~ref["place_ids"].map(bool)).sum()) if len(ref) else 0)


def test_the_table_pages_in_the_frame_order(backend):
    store = backend[1]
    claims, places, parents = _frames(store)
    view = PageView(store, FilterState(), places, parents)
    assert list(view.table(limit=25)["claim_id"]) == list(claims["claim_id"][:25])
    assert "display_title" in view.table(limit=3).columns


def test_options_and_dense_window(backend):
    for store in backend:
        claims, places, _ = _frames(store)
        want = filter_options(claims, places)
        got = storeview.options(store, want.precisions)
        assert got == want
        for field in ("when", "event", "claim", "published"):
            days = storeview.day_counts(store, field)
            assert timewindow.dense_window_counts(days["day"], days["n"]) == \
                timewindow.dense_window(claim_days(claims, field)[0])


def test_user_text_is_a_parameter(backend):
    store = backend[0]
    claims, places, parents = _frames(store)
    for text in ("'; DROP TABLE claims; --", "%", "_", "\\", "a' OR '1'='1", '"', 'kyiv" OR "belgorod', "kyiv*",
                 "hay : kyiv", "NEAR(kyiv belgorod)", "ky", "<script>"):
        view = PageView(store, FilterState(text=text), places, parents)
        assert view.total == len(apply_filters(claims, places, FilterState(text=text), parents))
    assert store.counts()["claims"] == len(claims)


def test_search_uses_the_trigram_index(tmp_path):
    store = fixturestore.build(tmp_path / "claims.db")
    from geo.filtersql import SQLITE, view_sql
    vs = view_sql(FilterState(text="Kiev"), SQLITE)
    plan = " ".join(str(r[-1]) for r in store._conn.execute(f"EXPLAIN QUERY PLAN SELECT k.id FROM claims k "
                                                             f"JOIN articles a ON a.id = k.article_id "
                                                             f"WHERE {vs.where}", vs.params))
    assert "claim_fts VIRTUAL TABLE INDEX" in plan, plan
    store.close()


def test_an_older_store_gets_its_search_rows_on_open(tmp_path):
    path = tmp_path / "claims.db"
    store = fixturestore.build(path)
    c = store._conn
    c.executescript("DROP TABLE claim_fts; DROP TRIGGER claim_search_ai; DROP TRIGGER claim_search_ad; "
                    "DELETE FROM claim_search; UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    store.close()
    store = Store(path)
    claims, places, parents = _frames(store)
    for text in ("Kiev", "Kharkov", "<script>"):
        view = PageView(store, FilterState(text=text), places, parents)
        assert view.total == len(apply_filters(claims, places, FilterState(text=text), parents)) > 0
    store.close()
