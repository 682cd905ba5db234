"""`python -m geo extract|ingest` as a user runs them: contract, bad files, store faults."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SIDES = {"russia", "ukraine", "west", "other", "unknown"}


def run_geo(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def check_contract(doc: dict, texts: dict[str, str]) -> None:
    """Every offset indexes the source text as read; every field the contract names is there."""
    arts = {a["id"]: a for a in doc["articles"]}
    for a in doc["articles"]:
        assert set(a) >= {"id", "source", "start", "end", "title", "outlet", "outlet_side", "published"}
        assert a["outlet_side"] in SIDES
    for p in doc["places"]:
        assert set(p) >= {"id", "name", "lat", "lon", "country_code", "precision", "mentions"}
        assert p["precision"] in {"point", "city", "admin1", "country", "area"}
        assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180
        for m in p["mentions"]:
            text = texts[arts[m["article_id"]]["source"]]
            assert text[m["start"]:m["end"]] == m["text"]
    place_ids = {p["id"] for p in doc["places"]}
    for c in doc["claims"]:
        assert set(c) >= {"id", "article_id", "start", "end", "text", "speaker", "speaker_role", "side", "cue",
                          "is_quote", "claim_date", "event_date", "place_ids"}
        assert c["side"] in SIDES
        text = texts[arts[c["article_id"]]["source"]]
        assert text[c["start"]:c["end"]] == c["text"]
        assert set(c["place_ids"]) <= place_ids


def test_extract_seeds_prints_the_contract():
    r = run_geo("extract", str(SEEDS), "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    source = doc["articles"][0]["source"]
    check_contract(doc, {source: (ROOT / source).read_text(encoding="utf-8") if not Path(source).is_absolute()
                         else Path(source).read_text(encoding="utf-8")})
    assert len(doc["articles"]) == 2
    assert {a["published"] for a in doc["articles"]} == {"2024-12-25"}


def test_extract_reports_bad_files_and_keeps_going(tmp_path):
    (tmp_path / "good.txt").write_text("Shelling in Kharkiv\nThe mayor of Kharkiv said the city was hit.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    r = run_geo("extract", str(tmp_path), "--format", "json")
    assert r.returncode == 0
    doc = json.loads(r.stdout)
    assert [Path(a["source"]).name for a in doc["articles"]] == ["good.txt"]
    lines = r.stderr.strip().splitlines()
    assert any("empty.txt" in ln and "empty" in ln for ln in lines)
    assert any("blob.txt" in ln and "binary" in ln for ln in lines)


def test_extract_exits_1_when_nothing_could_be_read(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    r = run_geo("extract", str(tmp_path / "empty.txt"), "--format", "json")
    assert r.returncode == 1 and "empty.txt" in r.stderr


def test_extract_published_flag_fills_missing_dates(tmp_path):
    (tmp_path / "a.txt").write_text("Blast in Odesa\nThe governor said on Monday that a port was hit.\n")
    r = run_geo("extract", str(tmp_path), "--format", "json", "--published", "2024-03-06", "--outlet", "Kyiv Independent")
    doc = json.loads(r.stdout)
    assert doc["articles"][0]["published"] == "2024-03-06"
    assert doc["articles"][0]["outlet"] == "Kyiv Independent"


def _corpus(dirpath: Path, n: int) -> Path:
    dirpath.mkdir(parents=True, exist_ok=True)
    cities = ["Kharkiv", "Odesa", "Dnipro", "Belgorod", "Kursk", "Zaporizhzhia", "Lviv", "Donetsk"]
    for i in range(n):
        city = cities[i % len(cities)]
        (dirpath / f"{i:04d}.txt").write_text(
            f"Strikes reported near {city} ({i})\n"
            f"The governor of the region said on Tuesday that {i} drones were shot down over {city}.\n"
            f"\"We will rebuild {city},\" the mayor said. Officials in Moscow denied the reports.\n")
    return dirpath


def _store_rows(path: Path) -> dict[str, set]:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {
            "articles": set(con.execute("SELECT id FROM articles")),
            "claims": set(con.execute("SELECT id, article_id FROM claims")),
            "mentions": set(con.execute("SELECT article_id, place_id, start FROM mentions")),
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    base = tmp_path_factory.mktemp("ref")
    corpus = _corpus(base / "corpus", 120)
    r = run_geo("ingest", str(corpus), "--store", str(base / "ref.db"))
    assert r.returncode == 0, r.stderr
    return corpus, _store_rows(base / "ref.db")


def test_reingest_adds_nothing(reference, tmp_path):
    corpus, ref = reference
    store = tmp_path / "s.db"
    assert run_geo("ingest", str(corpus), "--store", str(store)).returncode == 0
    r = run_geo("ingest", str(corpus), "--store", str(store))
    assert "0 new article" in r.stderr
    assert _store_rows(store) == ref


def test_killed_ingest_leaves_whole_articles_and_resumes(reference, tmp_path):
    corpus, ref = reference
    store = tmp_path / "s.db"
    proc = subprocess.Popen([sys.executable, "-m", "geo", "ingest", str(corpus), "--store", str(store)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if store.exists():
            try:
                con = sqlite3.connect(store, timeout=1)
                stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                con.close()
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 3:
                break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _store_rows(store)
    # Every article in the store has all of its claims and mentions, and no row belongs to a missing article.
    for key in ("claims", "mentions"):
        in_store = {row for row in ref[key] if (row[1] if key == "claims" else row[0]) in
                    {a for (a,) in partial["articles"]}}
        assert partial[key] == in_store
    assert partial["articles"] <= ref["articles"]
    r = run_geo("ingest", str(corpus), "--store", str(store))
    assert r.returncode == 0, r.stderr
    assert _store_rows(store) == ref


def test_two_ingests_at_once_do_not_corrupt(reference, tmp_path):
    corpus, ref = reference
    store = tmp_path / "s.db"
    cmd = [sys.executable, "-m", "geo", "ingest", str(corpus), "--store", str(store)]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert all(rc == 0 for rc, _ in results), results
    assert _store_rows(store) == ref


def test_corrupt_store_is_reported_and_rebuilt(tmp_path):
    store = tmp_path / "s.db"
    store.write_bytes(b"garbage" * 1000)
    r = run_geo("ingest", str(SEEDS), "--store", str(store))
    assert r.returncode == 2
    assert str(store) in r.stderr and "--rebuild" in r.stderr
    r = run_geo("ingest", "--rebuild", str(SEEDS), "--store", str(store))
    assert r.returncode == 0, r.stderr
    assert len(_store_rows(store)["articles"]) == 2
    assert list(tmp_path.glob("s.db.broken-*"))  # the old file is kept, not deleted
