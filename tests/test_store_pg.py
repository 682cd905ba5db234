"""The PostgreSQL store behaves like the SQLite store (needs local PostgreSQL server binaries).

The server is the session's throwaway cluster (``pg_url`` in tests/conftest.py).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo import parallel
from geo.errors import StoreError
from geo.store import Store

from tests.test_parallel import corpus, synthetic_articles


def fresh_pg_database(url: str, name: str) -> str:
    """A new empty database on the test server (dropped first if a run left one); its URL."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    return url.replace("/postgres?", f"/{name}?")


def build_fixture_pg(url: str) -> None:
    """The hand-filled fixture store (tests/fixturestore.py) written into a PostgreSQL database."""
    from geo.store_pg import PgStore
    from tests import fixturestore

    orig = fixturestore.Store
    fixturestore.Store = lambda _path: PgStore(url)
    try:
        fixturestore.build(Path("unused")).close()
    finally:
        fixturestore.Store = orig


@pytest.fixture
def pg_store(pg_url):
    from geo.store_pg import PgStore

    store = PgStore(pg_url)
    with store._conn.transaction():
        store._conn.execute("TRUNCATE articles, places, mentions, claims, claim_places CASCADE")
    yield store
    store.close()


def test_open_store_picks_the_backend(tmp_path, pg_url):
    from geo.store_pg import PgStore, open_store

    sqlite = open_store(str(tmp_path / "x.db"))
    assert isinstance(sqlite, Store)
    sqlite.close()
    pg = open_store(pg_url)
    assert isinstance(pg, PgStore)
    pg.close()


def test_same_frames_as_sqlite(tmp_path, pg_store):
    arts = corpus()
    sqlite = Store(tmp_path / "claims.db")
    parallel.ingest(sqlite, arts, workers=1)
    report = parallel.ingest(pg_store, corpus(), workers=1)
    assert report.added == sqlite.counts()["articles"] and report.failed == {}
    assert pg_store.counts() == sqlite.counts()
    for frame in ("claims_frame", "places_frame", "mentions_frame", "articles_frame"):
        a = getattr(pg_store, frame)().reset_index(drop=True)
        b = getattr(sqlite, frame)().reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=frame)
    a0 = arts[0]
    assert pg_store.article_text(a0.id) == sqlite.article_text(a0.id) == (a0.text, a0.start, a0.end)
    assert pg_store.article_text("nope") is None
    sqlite.close()


def test_idempotent_and_parallel(pg_store):
    assert pg_store.is_empty()
    arts = synthetic_articles(8)
    first = parallel.ingest(pg_store, arts, workers=2, batch_size=2)
    assert first.added == 8 and not pg_store.is_empty()
    before = pg_store.counts()
    again = parallel.ingest(pg_store, arts, workers=2)
    assert (again.added, again.skipped) == (0, 8)
    assert pg_store.save_article(arts[0], [], []) is False
    assert pg_store.counts() == before


def test_unreachable_server_is_a_store_error(tmp_path):
    pytest.importorskip("psycopg")
    from geo.store_pg import PgStore

    with pytest.raises(StoreError):
        PgStore(f"postgresql://postgres@/postgres?host={tmp_path}&port=1&connect_timeout=2")


def test_cli_ingest_into_postgresql(pg_store, pg_url, capsys):
    from geo.cli import main

    seeds = str(Path(__file__).resolve().parent.parent / "seeds")
    assert main(["ingest", seeds, "--store", pg_url, "--workers", "2"]) == 0
    n = pg_store.counts()["articles"]
    assert n >= 1
    assert main(["ingest", seeds, "--store", pg_url]) == 0
    assert pg_store.counts()["articles"] == n
    assert "0 new article(s)" in capsys.readouterr().err
