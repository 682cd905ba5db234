"""Batch ingest across cores (a process pool) or machines (a Dask cluster).

Workers only compute: each loads the gazetteer and the spaCy model once and
runs ``pipeline.process_article`` on batches of articles. The calling process
is the one writer: it skips articles already stored *before* sending any
work, and saves results one transaction per article in input order, so a run
with N workers leaves exactly the store a sequential run leaves.

Articles of one file share their ``text`` object, and pickle sends a shared
object once per batch, so batching by input order also keeps payloads small.

On a cluster, the scheduler and the workers must import this ``geo`` package
and read ``data/gazetteer.bin`` (Dask unpickles tasks on the scheduler too):

    PYTHONPATH=. .venv/bin/dask scheduler --port 8786
    PYTHONPATH=. .venv/bin/dask worker tcp://HOST:8786 --nworkers 2 --nthreads 1   # on each machine
    .venv/bin/python -m geo ingest DIR --scheduler tcp://HOST:8786 --store postgresql://...
"""
from __future__ import annotations

import logging
import math
import multiprocessing
import os
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .errors import GeoError
from .models import Article, Claim, Place

log = logging.getLogger(__name__)

# (article id, article fields the stages may set, places, claims, error or None) per article.
Result = tuple[str, dict, list[Place], list[Claim], str | None]
_META_FIELDS = tuple(f.name for f in fields(Article) if f.name != "text")
Progress = Callable[[int, int], None]


@dataclass
class IngestReport:
    """What a batch ingest did. ``failed`` maps article id to the worker's error."""

    added: int = 0
    skipped: int = 0
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.added + self.skipped + len(self.failed)


# --- worker side -------------------------------------------------------------

_state_lock = threading.Lock()
_gazetteers: dict[str | None, object] = {}
_init_errors: dict[str | None, BaseException] = {}


def _worker_gazetteer(gazetteer_path: str | None = None):
    """This worker's gazetteer for that path, loaded on first use (and the spaCy model warmed)."""
    with _state_lock:
        if gazetteer_path not in _gazetteers:
            from .gazetteer import load_index
            from .nlp import get_nlp

            _gazetteers[gazetteer_path] = load_index(Path(gazetteer_path)) if gazetteer_path else load_index()
            get_nlp()
        return _gazetteers[gazetteer_path]


def init_worker(gazetteer_path: str | None = None) -> None:
    """Process-pool initializer: pay the loading cost once, before the first batch arrives."""
    try:
        _worker_gazetteer(gazetteer_path)
    except Exception as exc:  # surfaced by process_batch, where the parent can see it
        _init_errors[gazetteer_path] = exc


def process_batch(articles: Sequence[Article], gazetteer_path: str | None = None) -> list[Result]:
    """Run the pipeline on each article; one article's failure does not lose the others."""
    if gazetteer_path in _init_errors:
        raise _init_errors[gazetteer_path]
    from .pipeline import process_article

    gaz = _worker_gazetteer(gazetteer_path)
    out: list[Result] = []
    for article in articles:
        try:
            places, claims = process_article(article, gaz)
        except Exception as exc:  # noqa: BLE001 - reported per article, the batch goes on
            log.warning("article %s (%s) failed: %s", article.id, article.source, exc)
            out.append((article.id, {}, [], [], f"{type(exc).__name__}: {exc}"))
        else:
            # Stages may fill article metadata (e.g. the outlet's side): send it back, not the text.
            meta = {name: getattr(article, name) for name in _META_FIELDS}
            out.append((article.id, meta, places, claims, None))
    return out


# --- parent side ---------------------------------------------------------------

def pending_articles(store, articles: Iterable[Article]) -> tuple[list[Article], int]:
    """Articles not yet stored (first occurrence of each id), and how many were skipped."""
    todo: list[Article] = []
    seen: set[str] = set()
    skipped = 0
    for a in articles:
        if a.id in seen or store.has_article(a.id):
            skipped += 1
            continue
        seen.add(a.id)
        todo.append(a)
    return todo, skipped


def batches(articles: Sequence[Article], batch_size: int) -> list[list[Article]]:
    return [list(articles[i:i + batch_size]) for i in range(0, len(articles), batch_size)]


def default_batch_size(n_articles: int, workers: int) -> int:
    """Small enough to balance load (about 4 batches per worker), at most 16 articles."""
    return max(1, min(16, math.ceil(n_articles / max(1, workers * 4))))


def _write_in_order(store, todo: Sequence[Article], chunks: list[list[Article]],
                    submit: Callable[[list[Article]], Future], window: int,
                    report: IngestReport, progress: Progress | None) -> None:
    """Submit batches with at most ``window`` in flight; save results in submission order."""
    by_id = {a.id: a for a in todo}
    in_flight: deque = deque()
    done = 0

    def drain_one() -> None:
        nonlocal done
        for art_id, meta, places, claims, error in in_flight.popleft().result():
            article = by_id[art_id]
            for name, value in meta.items():
                setattr(article, name, value)
            if error is not None:
                report.failed[art_id] = error
            elif store.save_article(article, places, claims):
                report.added += 1
            else:
                report.skipped += 1
            done += 1
            if progress:
                progress(done, len(todo))

    for chunk in chunks:
        in_flight.append(submit(chunk))
        while len(in_flight) >= window:
            drain_one()
    while in_flight:
        drain_one()


def _mp_context():
    """forkserver where it exists (safe beside Streamlit's threads, cheaper than spawn), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["geo.pipeline", "geo.parallel"])
        return ctx
    return multiprocessing.get_context("spawn")


def _ingest_local(store, todo: list[Article], report: IngestReport, gazetteer_path: str | None,
                  batch_size: int | None, progress: Progress | None) -> None:
    """In this process, through the same ordered writer (workers=1)."""
    def submit(chunk: list[Article]) -> Future:
        fut: Future = Future()
        fut.set_result(process_batch(chunk, gazetteer_path))
        return fut

    _write_in_order(store, todo, batches(todo, batch_size or 1), submit, 1, report, progress)


def _ingest_pool(store, todo: list[Article], workers: int, report: IngestReport,
                 gazetteer_path: str | None, batch_size: int | None, progress: Progress | None) -> None:
    size = batch_size or default_batch_size(len(todo), workers)
    chunks = batches(todo, size)
    workers = min(workers, len(chunks))
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(),
                                 initializer=init_worker, initargs=(gazetteer_path,)) as pool:
            _write_in_order(store, todo, chunks, lambda c: pool.submit(process_batch, c, gazetteer_path),
                            workers * 3, report, progress)
    except BrokenProcessPool as exc:
        raise GeoError(f"a worker process died ({exc}); articles stored so far are kept, "
                       f"run the same ingest again to continue") from None


def _ingest_dask(store, todo: list[Article], scheduler, report: IngestReport,
                 gazetteer_path: str | None, batch_size: int | None, progress: Progress | None,
                 connect_timeout: float) -> None:
    """Same batches on a Dask cluster: ``scheduler`` is a ``tcp://host:port`` address or a Client."""
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - distributed is in requirements.txt
        raise GeoError(f"Dask distributed is not installed ({exc})") from None
    own = not isinstance(scheduler, Client)
    try:
        client = Client(scheduler, timeout=f"{connect_timeout}s") if own else scheduler
    except (OSError, TimeoutError) as exc:
        raise GeoError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        threads = max(1, sum(client.nthreads().values()))
        size = batch_size or default_batch_size(len(todo), threads)
        chunks = batches(todo, size)
        # pure=False: every batch is a new task even if the same articles were sent before.
        submit = lambda c: client.submit(process_batch, c, gazetteer_path, pure=False)  # noqa: E731
        try:
            _write_in_order(store, todo, chunks, submit, threads * 3, report, progress)
        except GeoError:
            raise
        except Exception as exc:  # the cluster, not an article: articles fail inside process_batch
            raise GeoError(
                f"the Dask cluster at {client.scheduler.address} could not run the pipeline "
                f"({type(exc).__name__}: {str(exc).splitlines()[0]}). Its scheduler and workers must be able to "
                f"import this project's `geo` package and read data/gazetteer.bin: start `dask scheduler` and "
                f"`dask worker` from the project directory with its virtualenv (or PYTHONPATH set to it). "
                f"Articles stored so far are kept; run the same ingest again to continue") from None
    finally:
        if own:
            client.close()


def ingest(store, articles: Iterable[Article], workers: int = 1, scheduler=None,
           gazetteer_path: str | Path | None = None, batch_size: int | None = None,
           progress: Progress | None = None, connect_timeout: float = 20.0) -> IngestReport:
    """Process and store articles with ``workers`` local processes or on a Dask ``scheduler``.

    Articles already in the store (by content hash) are skipped before any
    work is sent. The store is written only from this process.
    """
    if workers < 1:
        raise GeoError(f"workers must be at least 1, not {workers}")
    todo, skipped = pending_articles(store, articles)
    report = IngestReport(skipped=skipped)
    if not todo:
        return report
    gpath = str(gazetteer_path) if gazetteer_path else None
    if scheduler is not None:
        _ingest_dask(store, todo, scheduler, report, gpath, batch_size, progress, connect_timeout)
    elif workers == 1:
        _ingest_local(store, todo, report, gpath, batch_size, progress)
    else:
        _ingest_pool(store, todo, workers, report, gpath, batch_size, progress)
    for art_id, error in report.failed.items():
        log.warning("not stored: article %s: %s", art_id, error)
    return report


def cpu_count() -> int:
    """Cores this process may use (respects affinity / container limits)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
