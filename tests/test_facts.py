"""The view's facts (schema 5) stay exact through ingest, re-ingest and delete, on both backends.

The triggers copy each claim's "when" span and, on each of its links, its side, event day,
span, denial, one ``first`` link and ``multi`` for claims with several places. These tests
recompute all of it from the claims frame after each change, and ask the page's view the
questions the facts answer (map, events, side cards, timeline, unplaced) against the pandas
reference (geo.filters.apply_filters). A schema-4 store gets its facts on open.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo import events, mapview, summary
from geo.filters import FilterState, apply_filters
from geo.pageview import PageView
from geo.store import SCHEMA_VERSION, Store
from tests.test_storeview import _frames, _ns, random_store

STATES = [FilterState(), FilterState(sides=("russia",)), FilterState(sides=("ukraine", "west")),
          FilterState(date_from=date(2024, 3, 6), date_to=date(2024, 3, 12)),
          FilterState(date_from=date(2024, 3, 8), include_undated=False, sides=("other", "unknown")),
          FilterState(precisions=("city",)), FilterState(contested_only=True),
          FilterState(contested_only=True, sides=("russia", "ukraine")),
          FilterState(date_field="claim", sides=("west",))]


def _iso(v) -> str | None:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    return str(v)[:10]


def _first(*values) -> str | None:
    """The first present day (COALESCE), as ISO text."""
    return next((d for d in map(_iso, values) if d), None)


def _facts(store) -> tuple[dict, dict]:
    """(claim id -> (w_lo, w_hi)), ((claim id, place id) -> the link's copied facts), as stored."""
    d = store.dialect
    claims = store._frame(f"SELECT id, {d.iso('w_lo')} AS w_lo, {d.iso('w_hi')} AS w_hi FROM claims")
    links = store._frame(f"SELECT claim_id, place_id, side, {d.iso('day')} AS day, {d.iso('lo')} AS lo, "
                         f"{d.iso('hi')} AS hi, denial, first, multi FROM claim_places")
    return ({r.id: (_iso(r.w_lo), _iso(r.w_hi)) for r in claims.itertuples()},
            {(r.claim_id, r.place_id): (r.side, _iso(r.day), _iso(r.lo), _iso(r.hi), int(r.denial), int(r.first),
                                        int(r.multi)) for r in links.itertuples()})


def assert_facts_exact(store) -> None:
    """Every claim's and link's facts as recomputed from the claims frame; one first link per claim."""
    claims = store.claims_frame()
    spans, links = _facts(store)
    want_spans, want_links = {}, {}
    for k in claims.itertuples():
        lo, hi = _first(k.event_date, k.claim_date), _first(k.event_date_end, k.event_date, k.claim_date)
        want_spans[k.claim_id] = (lo, hi)
        day = _first(k.event_date, k.claim_date, k.published)
        for pid in k.place_ids:
            want_links[(k.claim_id, pid)] = (k.side, day, lo, hi, int(k.stance == "denies"), int(len(k.place_ids) > 1))
    assert spans == want_spans
    assert {key: v[:5] + v[6:] for key, v in links.items()} == want_links
    firsts = pd.Series({key: v[5] for key, v in links.items()}, dtype="int64")
    if len(firsts):
        per_claim = firsts.groupby(level=0).sum()
        assert (per_claim == 1).all(), per_claim[per_claim != 1]


def assert_view_matches(store) -> None:
    claims, places, parents = _frames(store)
    for state in STATES:
        ref = apply_filters(claims, places, state, parents)
        view = PageView(store, state, places, parents)
        assert view.side_counts == summary.side_counts(ref), state
        assert view.n_unplaced == (int((~ref["place_ids"].map(bool)).sum()) if len(ref) else 0), state
        pd.testing.assert_frame_equal(view.timeline, summary.timeline(ref, state.date_field), check_dtype=False,
                                      check_freq=False, check_index_type=False, obj=str(state))
        ref_evs = events.group_events(ref, places, parents=parents)
        agg = mapview.aggregate_places(ref, places, include_uncited=True, contested=ref_evs.contested_places())
        pd.testing.assert_frame_equal(
            view.aggregate(include_uncited=True).sort_values("place_id").reset_index(drop=True),
            agg.sort_values("place_id").reset_index(drop=True), check_dtype=False, obj=str(state))
        cols = ["event_id", "scene", "start", "end", "n_claims", "disagree", "denial"]
        pd.testing.assert_frame_equal(_ns(view.events.table[cols]), _ns(ref_evs.table[cols]), check_dtype=False,
                                      obj=str(state))
        assert [set(p) for p in view.events.table["place_ids"]] == [set(p) for p in ref_evs.table["place_ids"]]


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_store(request, tmp_path):
    if request.param == "sqlite":
        store = Store(tmp_path / "facts.db")
    else:
        from geo.store_pg import PgStore
        from tests.test_store_pg import fresh_pg_database
        store = PgStore(fresh_pg_database(request.getfixturevalue("pg_url"), "facts"))
    yield store
    store.close()


def _delete_articles(store, ids: list[str]) -> None:
    """Articles removed as a user would remove them: their claims, links and search rows cascade."""
    d = store.dialect
    with store._transaction() as c:
        c.execute(f"DELETE FROM articles WHERE id IN ({d.marks(len(ids))})", tuple(ids))


def test_facts_follow_ingest_reingest_and_delete(empty_store):
    store = random_store(empty_store, n_articles=30, seed=8)
    assert store._frame("SELECT COUNT(*) AS n FROM claim_places WHERE multi = 1")["n"].iloc[0] > 0
    assert_facts_exact(store)
    assert_view_matches(store)
    before = _facts(store)
    random_store(store, n_articles=30, seed=8)  # the same articles again: nothing changes
    assert _facts(store) == before
    random_store(store, n_articles=40, seed=9)  # r0..r29 are stored already: only r30..r39 land
    assert_facts_exact(store)
    _delete_articles(store, [f"r{i}" for i in range(0, 30, 3)])
    assert_facts_exact(store)
    assert_view_matches(store)
    assert store.counts()["claims"] == len(store.claims_frame())


def test_a_schema_4_sqlite_store_gets_its_facts_on_open(tmp_path):
    path = tmp_path / "old.db"
    store = random_store(Store(path), n_articles=20, seed=3)
    want = _facts(store)
    c = store._conn
    c.executescript("DROP TRIGGER claims_span; DROP TRIGGER claim_places_facts; DROP INDEX claim_places_side_facts; "
                    "DROP INDEX claim_places_multi; DROP INDEX claims_side_when; "
                    "ALTER TABLE claims DROP COLUMN w_lo; ALTER TABLE claims DROP COLUMN w_hi; "
                    + " ".join(f"ALTER TABLE claim_places DROP COLUMN {col};"
                               for col in ("day", "lo", "hi", "denial", "first", "multi"))
                    + " UPDATE meta SET value = '4' WHERE key = 'schema_version';")
    store.close()
    store = Store(path)
    assert store._conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    assert _facts(store) == want
    assert_view_matches(store)
    random_store(store, n_articles=26, seed=4)  # the triggers are back: new articles get their facts
    assert_facts_exact(store)
    store.close()


def test_a_schema_4_postgresql_store_gets_its_facts_on_open(pg_url):
    from geo.store_pg import PgStore
    from tests.test_store_pg import fresh_pg_database
    url = fresh_pg_database(pg_url, "facts_old")
    store = random_store(PgStore(url), n_articles=20, seed=3)
    want = _facts(store)
    with store._transaction() as c:
        c.execute("DROP TRIGGER claims_span ON claims; DROP TRIGGER claim_places_facts ON claim_places; "
                  "ALTER TABLE claims DROP COLUMN w_lo, DROP COLUMN w_hi; "
                  "ALTER TABLE claim_places DROP COLUMN day, DROP COLUMN lo, DROP COLUMN hi, DROP COLUMN denial, "
                  "DROP COLUMN first, DROP COLUMN multi; UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    store.close()
    store = PgStore(url)
    spans, links = _facts(store)
    assert spans == want[0]
    assert {k: v[:5] + v[6:] for k, v in links.items()} == {k: v[:5] + v[6:] for k, v in want[1].items()}
    assert_facts_exact(store)  # one first link per claim (which one is the fill's choice)
    assert_view_matches(store)
    store.close()


def test_a_bulk_backfill_indexes_every_claim_once_and_keeps_the_trigger(tmp_path):
    from tests import fixturestore
    from geo.models import Article, Claim, Mention, Place
    store = fixturestore.build(tmp_path / "bulk.db")
    claims, places, parents = _frames(store)
    with store._transaction() as c:
        c.execute("DELETE FROM claim_search")  # as a bulk load leaves it: claims without search rows
    assert PageView(store, FilterState(text="Kyiv"), places, parents).total == 0
    assert store.bulk_backfill_search() == len(claims)
    for text in ("Kiev", "Kharkov", "zz"):
        want = len(apply_filters(claims, places, FilterState(text=text), parents))
        assert PageView(store, FilterState(text=text), places, parents).total == want, text
    text = "Story\nNear Zhovtneve the drones were heard, a witness said.\n"
    art = Article(id="bulk1", source="bulk1.txt", text=text, start=0, end=len(text) - 1, title="Story",
                  outlet="Wire Z", outlet_side="other")
    s = text.index("Zhovtneve")
    place = Place("gn:9999", "Zhovtneve", 47.0, 32.0, "UA", "city", 0.9, [Mention(art.id, s, s + 9, "Zhovtneve")])
    store.save_article(art, [place], [Claim(id="bulk1c0", article_id=art.id, start=s, end=s + 30, text=text[s:s + 40],
                                            place_ids=["gn:9999"], side="other")])
    claims, places, parents = _frames(store)
    assert PageView(store, FilterState(text="zhovtneve"), places, parents).total == 1  # the trigger is back
    store.close()
