"""Store: atomic per-article writes, idempotence, frames, corrupt files."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from geo.errors import StoreError
from geo.models import Article, Claim, Mention, Place
from geo.store import SCHEMA_VERSION, Store


def _article(i: int = 0) -> Article:
    text = f"Headline {i}\nThe mayor of Kharkiv said {i} drones were downed."
    return Article(id=f"a{i}", source=f"f{i}.txt", text=text, start=0, end=len(text), title=f"Headline {i}",
                   outlet="RT", outlet_side="russia", published=date(2024, 12, 25))


def _place(article_id: str) -> Place:
    return Place("gn:706483", "Kharkiv", 49.98, 36.25, "UA", "city", 0.9,
                 [Mention(article_id, 26, 33, "Kharkiv")])


def _claim(a: Article) -> Claim:
    return Claim(id=f"c-{a.id}", article_id=a.id, start=12, end=len(a.text), text=a.text[12:],
                 speaker="the mayor of Kharkiv", side="ukraine", cue="said", claim_date=date(2024, 12, 25),
                 place_ids=["gn:706483"])


def test_save_and_read_back(tmp_path):
    s = Store(tmp_path / "s.db")
    a = _article()
    assert s.save_article(a, [_place(a.id)], [_claim(a)])
    claims = s.claims_frame()
    assert list(claims["claim_id"]) == ["c-a0"]
    row = claims.iloc[0]
    assert row["place_ids"] == ["gn:706483"] and row["outlet"] == "RT" and row["side"] == "ukraine"
    places = s.places_frame()
    assert places.iloc[0]["name"] == "Kharkiv" and places.iloc[0]["n_mentions"] == 1
    text, start, end = s.article_text("a0")
    assert text[start:end] == a.text


def test_resave_changes_nothing(tmp_path):
    s = Store(tmp_path / "s.db")
    a = _article()
    s.save_article(a, [_place(a.id)], [_claim(a)])
    before = s.counts()
    assert not s.save_article(a, [_place(a.id)], [_claim(a)])
    assert s.counts() == before


def test_failed_article_leaves_nothing_behind(tmp_path):
    s = Store(tmp_path / "s.db")
    good = _article(1)
    s.save_article(good, [_place(good.id)], [_claim(good)])
    bad = _article(2)
    broken = _claim(bad)
    broken.text = None  # NOT NULL violation mid-transaction
    with pytest.raises(sqlite3.IntegrityError):
        s.save_article(bad, [_place(bad.id)], [broken])
    assert not s.has_article(bad.id)
    assert s.counts()["articles"] == 1 and s.counts()["mentions"] == 1


def test_store_survives_reopen_in_wal_mode(tmp_path):
    path = tmp_path / "s.db"
    s = Store(path)
    a = _article()
    s.save_article(a, [_place(a.id)], [_claim(a)])
    s.close()
    s2 = Store(path)
    assert s2.counts()["claims"] == 1
    assert s2._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_corrupt_store_gives_clear_error(tmp_path):
    path = tmp_path / "s.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as exc:
        Store(path)
    assert str(path) in str(exc.value) and "rebuild" in str(exc.value)


def test_place_aggregate_counts_per_side(tmp_path):
    s = Store(tmp_path / "s.db")
    a, b = _article(0), _article(1)
    s.save_article(a, [_place(a.id)], [_claim(a)])
    kb = _claim(b)
    s.save_article(b, [_place(b.id)], [Claim(**{**kb.__dict__, "side": "russia"})])
    agg = s.place_aggregate()
    assert len(agg) == 1
    row = agg.iloc[0]
    assert row["place_id"] == "gn:706483" and row["name"] == "Kharkiv" and row["country_code"] == "UA"
    assert row["n_claims"] == 2 and row["ukraine"] == 1 and row["russia"] == 1 and row["west"] == 0
    assert bool(row["contested"])
    only = s.place_aggregate(("russia",)).iloc[0]
    assert only["n_claims"] == 1 and only["ukraine"] == 0 and not bool(only["contested"])
    assert s.place_aggregate(("west",)).empty and s.place_aggregate(()).empty
    plan = " ".join(str(r[-1]) for r in s._conn.execute(
        "EXPLAIN QUERY PLAN SELECT place_id, side, COUNT(*) FROM claim_places GROUP BY place_id"))
    assert "COVERING INDEX claim_places_place_side" in plan


def test_old_schema_store_is_migrated(tmp_path):
    path = tmp_path / "old.db"
    s = Store(path)
    a = _article()
    s.save_article(a, [_place(a.id)], [_claim(a)])
    c = s._conn
    # Rewrite it as a version-1 store: claim_places without the side column.
    c.executescript("""
        DROP INDEX claim_places_place_side;
        CREATE TABLE cp_old (claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            place_id TEXT NOT NULL REFERENCES places(id), PRIMARY KEY (claim_id, place_id));
        INSERT INTO cp_old SELECT claim_id, place_id FROM claim_places;
        DROP TABLE claim_places;
        ALTER TABLE cp_old RENAME TO claim_places;
        CREATE INDEX claim_places_place ON claim_places(place_id, claim_id);
        UPDATE meta SET value = '1' WHERE key = 'schema_version';
    """)
    s.close()
    s = Store(path)
    assert s._conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    assert s._conn.execute("SELECT claim_id, place_id, side FROM claim_places").fetchall() == [
        ("c-a0", "gn:706483", "ukraine")]
    agg = s.place_aggregate()
    assert agg.iloc[0]["ukraine"] == 1 and agg.iloc[0]["n_claims"] == 1
    b = _article(1)
    assert s.save_article(b, [_place(b.id)], [_claim(b)])
    assert s.place_aggregate().iloc[0]["n_claims"] == 2
    s.close()
    assert Store(path).counts()["claim_places"] == 2
