"""Work that takes seconds (ingesting articles, loading the NLP model) runs off the page's thread.

Streamlit interrupts a run at its next ``st`` call as soon as a newer interaction
from the same tab arrives (a filter, the map component reporting its view), so
work done inside a run can stop half-way and its outcome is never shown. A Job
outlives the run that started it: any later run reads its progress and result,
and other sessions never wait on it.
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

log = logging.getLogger(__name__)


class Job:
    """One piece of background work: its progress while it runs, then its result or error."""

    def __init__(self, label: str):
        self.label = label
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._fraction = 0.0
        self._status = label
        self.result: Any = None
        self.error: BaseException | None = None

    def report(self, fraction: float, status: str) -> None:
        """Called by the work as it goes (from the worker thread)."""
        with self._lock:
            self._fraction, self._status = min(max(fraction, 0.0), 1.0), status

    def progress(self) -> tuple[float, str]:
        with self._lock:
            return self._fraction, self._status

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """True once the job has finished; waits at most ``timeout`` seconds."""
        return self._done.wait(timeout)

    def finish(self, result: Any = None, error: BaseException | None = None) -> None:
        self.result, self.error = result, error
        self._done.set()


class JobRunner:
    """A small pool of worker threads shared by every session of the app process."""

    def __init__(self, workers: int = 2):
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="geo-job")
        self._lock = threading.Lock()
        self._keyed: dict[str, Job] = {}

    def start(self, label: str, work: Callable[[Job], Any]) -> Job:
        """Run ``work(job)`` in the background; the job records its return value or exception."""
        job = Job(label)
        self._pool.submit(self._run, job, work)
        return job

    def start_once(self, key: str, label: str, work: Callable[[Job], Any]) -> Job:
        """The unfinished job under ``key`` if there is one (sessions share it), else a new one."""
        with self._lock:
            job = self._keyed.get(key)
            if job is None or job.done:
                job = self._keyed[key] = self.start(label, work)
            return job

    def running(self, key: str) -> Job | None:
        """The unfinished job under ``key``, if any."""
        with self._lock:
            job = self._keyed.get(key)
            return job if job is not None and not job.done else None

    @staticmethod
    def _run(job: Job, work: Callable[[Job], Any]) -> None:
        try:
            result = work(job)
        except Exception as exc:  # reported to the person through the job, and logged here
            log.warning("%s failed: %s: %s", job.label, type(exc).__name__, exc)
            job.finish(error=exc)
        else:
            job.finish(result=result)


class Models:
    """The gazetteer and the spaCy model, loaded once per process (in the background when warmed).

    Loading them takes about a second on a quiet machine and many under load; done inside
    the first upload's run it held that run up long enough for a newer interaction to
    interrupt it. One lock: an upload that arrives while the warm-up loads waits for
    that load instead of starting a second one.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._gazetteer: Any = None

    def gazetteer(self) -> Any:
        """The loaded gazetteer (the spaCy model is loaded alongside, for the stages that use it)."""
        with self._lock:
            if self._gazetteer is None:
                from .gazetteer import load_index  # the NLP stack loads only off the page's thread
                from .nlp import get_nlp

                gazetteer = load_index()
                get_nlp()
                self._gazetteer = gazetteer
            return self._gazetteer

    @property
    def loaded(self) -> bool:
        return self._gazetteer is not None

    def warm(self, runner: JobRunner) -> Job:
        """Start loading both in the background, so the first upload need not wait for them."""
        return runner.start_once("models", "Loading the language model and gazetteer", lambda job: self.gazetteer())


def ingest_work(store: Any, models: Models, articles: list, label: str) -> Callable[[Job], tuple[int, int]]:
    """The background work of storing ``articles`` (one transaction each): (added, already stored)."""
    def work(job: Job) -> tuple[int, int]:
        if not models.loaded:
            job.report(0.0, f"{label}: loading the language model and gazetteer…")
        gazetteer = models.gazetteer()
        from .pipeline import ingest_articles

        total = max(len(articles), 1)
        job.report(0.0, f"{label} 0/{total}")
        return ingest_articles(
            store, articles, gazetteer=gazetteer,
            progress=lambda i, a: job.report((i + 1) / total, f"{label} {i + 1}/{total}: {a.source}"))
    return work
