"""The PostgreSQL store behaves like the SQLite store (needs local PostgreSQL server binaries).

A throwaway cluster is created in a temp directory and reached over a Unix
socket only; as root it runs as ``nobody`` (PostgreSQL refuses to run as root).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from geo import parallel
from geo.errors import StoreError
from geo.store import Store

from tests.test_parallel import corpus, synthetic_articles

PG_BIN_DIRS = [Path("/usr/local/bin"), *sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for d in PG_BIN_DIRS:
        if (d / name).exists():
            return str(d / name)
    return None


def _as_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    if runuser is None:
        pytest.skip("running as root without runuser: cannot start PostgreSQL as another user")
    return [runuser, "-u", "nobody", "--", *cmd]


@pytest.fixture(scope="module")
def pg_url():
    pytest.importorskip("psycopg", reason="psycopg not installed")
    try:
        import psycopg  # noqa: F401  (also loads libpq)
    except ImportError as exc:
        pytest.skip(f"psycopg unusable: {exc}")
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL server binaries not found")
    base = Path(tempfile.mkdtemp(prefix="geo-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "nobody", "nogroup")
    data, port = base / "data", 5433
    try:
        subprocess.run(_as_user([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]),
                       check=True, capture_output=True, timeout=120)
        subprocess.run(_as_user([pg_ctl, "-D", str(data), "-l", str(base / "log"), "-w", "-t", "60", "-o",
                                 f"-k {base} -c listen_addresses='' -F -p {port}", "start"]),
                       check=True, capture_output=True, timeout=90)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"could not start a throwaway PostgreSQL server: {exc}")
    try:
        yield f"postgresql://postgres@/postgres?host={base}&port={port}"
    finally:
        subprocess.run(_as_user([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


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
