"""Background jobs: progress, results and errors outlive the run that started them."""
from __future__ import annotations

import threading

from geo.jobs import JobRunner, Models, ingest_work


def test_a_job_reports_progress_then_its_result():
    runner = JobRunner(workers=1)
    go = threading.Event()

    def work(job):
        job.report(0.5, "half way")
        go.wait(30)
        return 42

    job = runner.start("counting", work)
    assert not job.wait(0.05)
    while job.progress() != (0.5, "half way"):
        job.wait(0.01)
    go.set()
    assert job.wait(30) and job.done
    assert job.result == 42 and job.error is None


def test_a_failing_job_keeps_the_reason():
    job = JobRunner(workers=1).start("failing", lambda job: 1 / 0)
    assert job.wait(30)
    assert isinstance(job.error, ZeroDivisionError) and job.result is None


def test_start_once_shares_the_unfinished_job_and_starts_anew_after():
    runner = JobRunner(workers=2)
    go = threading.Event()
    first = runner.start_once("seed", "seeding", lambda job: go.wait(30))
    assert runner.start_once("seed", "seeding", lambda job: None) is first
    assert runner.running("seed") is first and runner.running("other") is None
    go.set()
    assert first.wait(30)
    assert runner.running("seed") is None
    again = runner.start_once("seed", "seeding", lambda job: "again")
    assert again is not first and again.wait(30) and again.result == "again"


def test_models_load_once_for_warm_up_and_upload_together(monkeypatch):
    calls = []
    monkeypatch.setattr("geo.gazetteer.load_index", lambda: calls.append("gaz") or "GAZ")
    monkeypatch.setattr("geo.nlp.get_nlp", lambda: calls.append("nlp"))
    models, runner = Models(), JobRunner(workers=2)
    warm = models.warm(runner)
    upload = runner.start("upload", lambda job: models.gazetteer())
    assert warm.wait(30) and upload.wait(30)
    assert upload.result == "GAZ" and models.loaded
    assert calls == ["gaz", "nlp"]


def test_ingest_work_stores_with_progress(tmp_path, monkeypatch):
    from geo.models import Article
    from geo.store import Store

    monkeypatch.setattr("geo.pipeline.process_article", lambda article, gaz: ([], []))
    models = Models()
    monkeypatch.setattr(models, "gazetteer", lambda: None)
    store = Store(tmp_path / "claims.db")
    text = "A headline\nSomeone said that something happened.\n"
    article = Article("a1", "pasted text", text, 0, len(text), "A headline")
    job = JobRunner(workers=1).start("Adding", ingest_work(store, models, [article, article], "Adding"))
    assert job.wait(60), job.progress()
    assert job.error is None and job.result == (1, 1)
    assert job.progress() == (1.0, "Adding 2/2: pasted text")
    assert store.counts()["articles"] == 1
