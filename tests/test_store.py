"""Store: atomic per-article writes, idempotence, frames, corrupt files."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from geo.errors import StoreError
from geo.models import Article, Claim, Mention, Place
from geo.store import Store


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
