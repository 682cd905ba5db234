"""(c) Parallel ingest: 2 worker processes vs 1 (in-process) into fresh SQLite stores.

Wall time of ``geo.parallel.ingest`` from articles to committed store,
including the pool's start-up and per-worker model loading; the store
contents of both runs are compared (same article, place and claim ids).
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from geo import parallel
from geo.store import Store

from .common import Config, Row, SectionResult, Timer
from .corpus import synthetic_corpus


def _ids(store: Store) -> tuple:
    c = store._conn
    return tuple(sorted(r[0] for r in c.execute(f"SELECT id FROM {t}")) for t in ("articles", "places", "claims"))


def _run(articles, workers: int, tmp: Path, scheduler=None) -> tuple[float, tuple, parallel.IngestReport]:
    store = Store(tmp / f"w{workers}{'-dask' if scheduler else ''}.db")
    try:
        with Timer() as t:
            rep = parallel.ingest(store, articles, workers=workers, scheduler=scheduler)
        return t.s, _ids(store), rep
    finally:
        store.close()


def run(cfg: Config) -> SectionResult:
    from geo.gazetteer import load_index
    from geo.nlp import get_nlp

    res = SectionResult("parallel")
    n = cfg.size(2000, 300)
    cores = parallel.cpu_count()
    # The 1-worker run starts warm; the pool loads per worker on the clock (conservative for us).
    load_index()
    get_nlp()
    tmp = Path(tempfile.mkdtemp(prefix="bench-parallel-"))
    try:
        t1, ids1, r1 = _run(synthetic_corpus(n), 1, tmp)
        t2, ids2, r2 = _run(synthetic_corpus(n), 2, tmp)
        if not cfg.quick:
            _dask_row(res, synthetic_corpus(n), t1, ids1, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    same = ids1 == ids2
    res.rows.append(Row("parallel", f"ingest {n} articles, 2 workers vs 1", t2, t1, "s", t1 / t2,
                        ">=1.7x", t1 / t2 >= 1.7,
                        f"{n / t2:.1f} vs {n / t1:.1f} art/s; same store ids: {same}; cores: {cores}"))
    res.notes.append(f"1 worker: {r1.added} added, {len(r1.failed)} failed; 2 workers: {r2.added} added, "
                     f"{len(r2.failed)} failed; 2-worker time includes pool start-up and each worker "
                     f"loading the gazetteer and spaCy model (the 1-worker run had them loaded)")
    if not same:
        res.notes.append("WARNING: the two stores differ")
    return res


def _dask_row(res: SectionResult, articles, t1: float, ids1: tuple, tmp: Path) -> None:
    """The same ingest on a Dask LocalCluster of 2 worker processes (cluster start-up not timed)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        td, idsd, rd = _run(articles, 1, tmp, scheduler=cluster.scheduler_address)
    n = len(articles)
    res.rows.append(Row("parallel", f"ingest {n} articles, Dask LocalCluster 2 procs vs 1 worker", td, t1, "s",
                        t1 / td, "", None, f"{n / td:.1f} art/s; same store ids: {idsd == ids1}; "
                        f"{rd.added} added; includes workers loading models"))
