"""The page reading a PostgreSQL store (GEO_STORE=postgresql://...), driven through AppTest.

Uses the throwaway server of tests/test_store_pg.py (skips without PostgreSQL
binaries or psycopg) and fills it with the same fixture data as the SQLite tests.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import fixturestore

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard.py")
pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def pg_fixture_url(pg_url, monkeypatch):  # noqa: F811
    from geo.store_pg import PgStore

    store = PgStore(pg_url)
    with store._conn.transaction():
        store._conn.execute("TRUNCATE articles, places, mentions, claims, claim_places CASCADE")
    store.close()
    monkeypatch.setattr(fixturestore, "Store", lambda _path: PgStore(pg_url))
    fixturestore.build(Path("unused")).close()
    return pg_url


def test_dashboard_reads_a_postgres_store(pg_fixture_url, monkeypatch):
    monkeypatch.setenv("GEO_STORE", pg_fixture_url)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    caption = next(c.value for c in at.caption if " claims · " in c.value)
    assert re.match(r"8 of 8 claims · 5 places with claims in view · 0 without a place · 3 articles", caption), caption
    at.multiselect(key="f_sides").set_value(["west"])
    at.session_state["selected_place"] = "gn:756135"
    at.run()
    assert not at.exception, at.exception
    body = next(h.proto.body for h in at.html if "claims-panel" in h.proto.body)
    assert "allies in Warsaw agreed to send more air defence systems" in body


def test_unreachable_postgres_is_a_message_not_a_crash(tmp_path, monkeypatch):
    pytest.importorskip("psycopg")
    monkeypatch.setenv("GEO_STORE", f"postgresql://u:secret@/postgres?host={tmp_path}&port=1&connect_timeout=2")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert at.error and "cannot open the PostgreSQL store" in at.error[0].value
    assert "secret" not in at.error[0].value
