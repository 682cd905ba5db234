"""Parallel and Dask ingest leave exactly the store a sequential ingest leaves."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from geo import parallel
from geo.errors import GeoError
from geo.ingest import Metadata, articles_from_text, load_paths
from geo.models import Article
from geo.pipeline import ingest_articles
from geo.store import Store

ROOT = Path(__file__).resolve().parent.parent

_STORIES = [
    ("Shelling reported near {a}",
     "Officials in {a} said on Tuesday that several buildings were damaged overnight.\n"
     "\"We counted at least {n} strikes,\" the regional governor told reporters in {b}.\n"
     "The defence ministry in {c} denied the claims, according to a statement."),
    ("Talks in {a} end without agreement",
     "Delegations met in {a} on Monday. A spokeswoman for the foreign ministry said that "
     "the talks would resume in {b} next week.\n"
     "Analysts in {c} wrote that {n} rounds of talks had produced nothing."),
]
_NAMES = ["Kyiv", "Moscow", "Kharkiv", "Rostov", "Odesa", "Berlin", "Warsaw", "Ankara", "Paris", "Kherson"]


def synthetic_articles(n: int) -> list[Article]:
    """``n`` distinct small articles; every third file holds two stories (shared text)."""
    out: list[Article] = []
    i = 0
    while len(out) < n:
        title, body = _STORIES[i % len(_STORIES)]
        names = {k: _NAMES[(i + j) % len(_NAMES)] for j, k in enumerate("abc")}
        story = title.format(**names) + "\n" + body.format(n=i + 2, **names) + "\n"
        text = story
        if i % 3 == 0:
            t2, b2 = _STORIES[(i + 1) % len(_STORIES)]
            text += "\n" + t2.format(**names) + "\n" + b2.format(n=i + 100, **names) + "\n"
        meta = Metadata(published=date(2024, 1, 1 + i % 28), outlet="Example News")
        out.extend(articles_from_text(text, f"synthetic-{i}.txt", meta))
        i += 1
    return out[:n]


def corpus() -> list[Article]:
    seeds = load_paths([ROOT / "seeds"]).articles
    return seeds + synthetic_articles(10)


def dump(store: Store) -> dict[str, list[tuple]]:
    """Everything stored except the ingest timestamps, in a canonical order."""
    c = store._conn
    return {
        "articles": sorted(c.execute(
            'SELECT id, source, start, "end", title, outlet, outlet_side, published, text FROM articles')),
        "places": sorted(c.execute("SELECT * FROM places")),
        "mentions": sorted(c.execute("SELECT * FROM mentions")),
        "claims": sorted(c.execute("SELECT * FROM claims"), key=repr),
        "claim_places": sorted(c.execute("SELECT * FROM claim_places")),
    }


@pytest.fixture(scope="module")
def sequential(tmp_path_factory) -> dict[str, list[tuple]]:
    store = Store(tmp_path_factory.mktemp("seq") / "claims.db")
    added, skipped = ingest_articles(store, corpus())
    assert added == len({a.id for a in corpus()}) and skipped == 0
    out = dump(store)
    store.close()
    return out


def test_batches_cover_every_article_once():
    arts = synthetic_articles(23)
    chunks = parallel.batches(arts, parallel.default_batch_size(len(arts), 2))
    assert [a.id for c in chunks for a in c] == [a.id for a in arts]
    assert all(1 <= len(c) <= 16 for c in chunks)


def test_workers_1_matches_sequential_pipeline(tmp_path, sequential):
    store = Store(tmp_path / "claims.db")
    report = parallel.ingest(store, corpus(), workers=1)
    assert report.failed == {}
    assert report.added == len(sequential["articles"])
    assert dump(store) == sequential


@pytest.mark.timeout(180)
def test_two_workers_same_store_and_reingest_adds_nothing(tmp_path, sequential):
    store = Store(tmp_path / "claims.db")
    seen: list[tuple[int, int]] = []
    report = parallel.ingest(store, corpus(), workers=2, batch_size=3, progress=lambda d, t: seen.append((d, t)))
    assert report.failed == {} and report.skipped == 0
    assert report.added == len(sequential["articles"])
    assert seen[-1] == (report.added, report.added)
    assert dump(store) == sequential

    before = store.counts()
    again = parallel.ingest(store, corpus(), workers=2)
    assert (again.added, again.skipped, again.failed) == (0, len(corpus()), {})
    assert store.counts() == before


def test_duplicates_in_input_are_processed_once(tmp_path):
    arts = synthetic_articles(4)
    store = Store(tmp_path / "claims.db")
    report = parallel.ingest(store, arts + arts[:2], workers=1)
    assert (report.added, report.skipped) == (4, 2)
    assert store.counts()["articles"] == 4


def test_only_new_articles_are_sent_to_workers(tmp_path):
    arts = synthetic_articles(6)
    store = Store(tmp_path / "claims.db")
    parallel.ingest(store, arts[:4], workers=1)
    todo, skipped = parallel.pending_articles(store, arts)
    assert [a.id for a in todo] == [a.id for a in arts[4:]] and skipped == 4


def test_a_failing_article_is_reported_and_the_rest_stored(tmp_path, monkeypatch):
    import geo.pipeline

    arts = synthetic_articles(5)
    bad = arts[2].id
    real = geo.pipeline.process_article

    def flaky(article, gaz=None):
        if article.id == bad:
            raise RuntimeError("boom")
        return real(article, gaz)

    monkeypatch.setattr(geo.pipeline, "process_article", flaky)
    store = Store(tmp_path / "claims.db")
    report = parallel.ingest(store, arts, workers=1)
    assert report.added == 4 and list(report.failed) == [bad] and "boom" in report.failed[bad]
    assert not store.has_article(bad)


def test_bad_arguments_raise_geo_errors(tmp_path):
    store = Store(tmp_path / "claims.db")
    with pytest.raises(GeoError):
        parallel.ingest(store, synthetic_articles(1), workers=0)
    with pytest.raises(GeoError, match="Dask scheduler"):
        parallel.ingest(store, synthetic_articles(1), scheduler="tcp://127.0.0.1:9", connect_timeout=1)


@pytest.mark.timeout(240)
def test_dask_local_cluster_same_store(tmp_path, sequential):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        store = Store(tmp_path / "claims.db")
        report = parallel.ingest(store, corpus(), scheduler=cluster.scheduler_address, batch_size=4)
        assert report.failed == {}
        assert report.added == len(sequential["articles"])
        assert dump(store) == sequential
        with distributed.Client(cluster) as client:  # a Client object works too
            again = parallel.ingest(store, corpus(), scheduler=client)
        assert again.added == 0 and again.skipped == len(corpus())


@pytest.mark.timeout(120)
@pytest.mark.parametrize("workers", [1, 2])
def test_missing_gazetteer_is_a_clear_error_and_stores_nothing(tmp_path, workers):
    from geo.errors import GazetteerError

    store = Store(tmp_path / "claims.db")
    with pytest.raises(GazetteerError):
        parallel.ingest(store, synthetic_articles(3), workers=workers, gazetteer_path=tmp_path / "missing.bin")
    assert store.is_empty()


@pytest.mark.timeout(180)
def test_cli_workers_flag_gives_the_sequential_store(tmp_path, capsys):
    from geo.cli import main

    seeds = str(ROOT / "seeds")
    assert main(["ingest", seeds, "--store", str(tmp_path / "seq.db")]) == 0
    assert main(["ingest", seeds, "--store", str(tmp_path / "par.db"), "--workers", "2"]) == 0
    assert main(["ingest", seeds, "--store", str(tmp_path / "par.db"), "--workers", "2"]) == 0
    assert "ingested 0 new article(s)" in capsys.readouterr().err.splitlines()[-1]
    seq, par = Store(tmp_path / "seq.db"), Store(tmp_path / "par.db")
    assert dump(par) == dump(seq) and seq.counts()["articles"] >= 1
