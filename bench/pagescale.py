"""(f) The page at scale: 10,000, 100,000 and 1,000,000 claims, the filters asked of the store.

For each size a synthetic store (bench/mapscale.py ``build_store``, 5,000 real
places) is served by ``streamlit run dashboard.py`` and opened in headless
Debian chromium: the time from launch to the first marker drawn, then from
choosing "Russia" as the speaker side to every marker being Russia's (the
markers redrawn), and the app process's peak RSS (VmHWM). Each figure is
given as a ratio to the same page over the 10,000-claim store. Run against
SQLite, and against PostgreSQL (a throwaway cluster, the same rows copied in)
when its server binaries are here. The query plans of the view's queries at
the largest size are in the notes (EXPLAIN QUERY PLAN).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator

from .common import OUT, ROOT, Config, Row, SectionResult
from .firstmap import ARGS, CHROMIUM, IFRAME, _free_port, _wait_health, server_command

N_PLACES = 5000
MARKER = "div.claim-marker"
# The page's "N of M claims" caption, or null before the script has drawn it.
CAPTION_JS = ("() => { const el = [...document.querySelectorAll('p')].find(e => /^\\d+ of \\d+ claims/"
              ".test(e.textContent)); return el ? el.textContent : null; }")
TABLES = ("articles", "places", "mentions", "claims", "claim_places", "claim_place_roles", "claim_search")


def _store(n: int) -> Path:
    """A synthetic store of ``n`` claims, kept in bench/out between runs (built once per size)."""
    from .mapscale import build_store

    path = OUT / "pagescale" / f"claims-{n}.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".building")
        store = build_store(tmp, n, N_PLACES)
        store.bulk_backfill_search()
        store.close()
        tmp.rename(path)
    from geo.store import Store
    Store(path).close()  # an older build gets its search index here, not in the timed launch
    return path


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


DRAW_TIMEOUT_MS = 900_000  # a page that takes longer is recorded as timed out, not as a failed section


def _page_run(browser, target: str) -> tuple[float, float, float]:
    """(seconds launch -> markers, seconds side filter -> markers redrawn, peak RSS MB) of one launch;
    a step that times out gives its timeout (NaN for the steps after it)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    port = _free_port()
    env = dict(os.environ, GEO_STORE=target, PYTHONPATH=str(ROOT))
    cmd = server_command(ROOT / "dashboard.py", port)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_health(port, t0, proc, timeout=600)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.route("**/*", lambda route: route.continue_()
                   if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))
                   else route.abort())
        page.set_default_timeout(DRAW_TIMEOUT_MS)
        page.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
        try:
            page.locator(IFRAME).first.wait_for(state="attached")
            page.frame_locator(IFRAME).locator(MARKER).first.wait_for(state="attached")
        except PlaywrightTimeout:
            return time.perf_counter() - t0, float("nan"), _peak_rss_mb(proc.pid)
        t_drawn = time.perf_counter() - t0
        page.wait_for_function(CAPTION_JS)
        before = page.evaluate(CAPTION_JS)
        box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Speaker side")
        box.locator("input").click()
        page.keyboard.type("Russia")
        t1 = time.perf_counter()
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        frame = page.frame_locator(IFRAME)
        try:
            # the script has run on the new filter (its caption changed), then the map shows only
            # Russia's markers: redrawn, not the old ones caught mid-update
            page.wait_for_function(f"(before) => {{ const t = ({CAPTION_JS})(); return t && t !== before; }}",
                                   arg=before)
            frame.locator(f"{MARKER}:not(.side-russia)").first.wait_for(state="detached")
            frame.locator(f"{MARKER}.side-russia").first.wait_for(state="attached")
        except PlaywrightTimeout:
            pass
        t_filter = time.perf_counter() - t1
        rss = _peak_rss_mb(proc.pid)
        page.close()
        return t_drawn, t_filter, rss
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (d / name).exists():
            return str(d / name)
    return None


@contextmanager
def _pg_cluster() -> Iterator[str | None]:
    """A throwaway PostgreSQL server on a Unix socket (as ``nobody`` when root); None without one."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        initdb = None
    if not initdb or not pg_ctl:
        yield None
        return
    def as_user(cmd: list[str]) -> list[str]:
        return ["runuser", "-u", "nobody", "--", *cmd] if os.geteuid() == 0 else cmd
    base = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "nobody", "nogroup")
    data, port = base / "data", 5439
    subprocess.run(as_user([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]),
                   check=True, capture_output=True)
    subprocess.run(as_user([pg_ctl, "-D", str(data), "-l", str(base / "log"), "-w", "-t", "60", "-o",
                            f"-k {base} -c listen_addresses='' -F -p {port} -c shared_buffers=256MB", "start"]),
                   check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@/postgres?host={base}&port={port}"
    finally:
        subprocess.run(as_user([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]), capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def _copy_to_pg(sqlite_path: Path, server: str, n: int) -> str:
    """The SQLite store's rows in a fresh PostgreSQL database (COPY); its URL."""
    import sqlite3

    import psycopg

    from geo.store_pg import PgStore

    name = f"pagescale_{n}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    url = server.replace("/postgres?", f"/{name}?")
    PgStore(url).close()  # the schema
    src = sqlite3.connect(sqlite_path)
    with psycopg.connect(url) as conn:
        for table in TABLES:
            cols = [r[1] for r in conn.execute(f"SELECT 1, column_name FROM information_schema.columns "
                                               f"WHERE table_name = '{table}' ORDER BY ordinal_position")]
            have = {r[1] for r in src.execute(f"PRAGMA table_info({table})")}
            cols = [c for c in cols if c in have]
            quoted = ", ".join(f'"{c}"' for c in cols)
            with conn.cursor().copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in src.execute(f"SELECT {quoted} FROM {table}"):
                    if table == "claims":
                        row = tuple(bool(v) if c == "is_quote" else v for c, v in zip(cols, row))
                    copy.write_row(row)
        conn.execute("ANALYZE")
    src.close()
    return url


def _plans(path: Path) -> list[str]:
    """EXPLAIN QUERY PLAN of what the page asks first (the default window), and on Russia's side
    filter: the map's and the events' link facts, the side cards' and timeline's claim days, the
    table's page, the options and the dense window."""
    import pandas as pd

    from geo import pageview
    from geo.filters import FilterState
    from geo.store import Store

    store = Store(path)
    places, _, parents = pageview.store_basics(store)
    asked: dict[str, tuple] = {}
    frame = store._frame

    def recording(sql: str, params: tuple = ()) -> pd.DataFrame:
        asked.setdefault(" ".join(sql.split()), params)
        return frame(sql, params)
    store._frame = recording
    pageview.store_basics(store)
    pageview.dense_window(store, "when")
    window = FilterState(date_from=date(2024, 1, 1), date_to=date(2025, 12, 1))
    for state in (window, window.with_(sides=("russia",))):
        view = pageview.PageView(store, state, places, parents)
        view.aggregate()
        view.side_counts, view.timeline, view.n_unplaced  # noqa: B018 - asked for their queries
        view.table()
    out = []
    for sql, params in asked.items():
        plan = store._conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        out.append(f"`{sql[:90]}…`: " + "; ".join(str(r[-1]) for r in plan))
    store.close()
    return out


def _timed_run(browser, label: str, n: int, target: str) -> tuple[float, float, float]:
    out = _page_run(browser, target)
    print(f"[pagescale] {label} {n:,} claims: drawn {out[0]:.1f} s, filter {out[1]:.1f} s, "
          f"peak RSS {out[2]:.0f} MB", flush=True)
    return out


def _rows(res: SectionResult, label: str, sizes: list[int], runs: dict[int, tuple[float, float, float]]) -> None:
    base = runs[sizes[0]]
    for n in sizes:
        drawn, redrawn, rss = runs[n]
        top = n == sizes[-1]
        res.rows.append(Row("pagescale", f"{label} {n:,} claims: launch -> markers drawn", drawn, base[0], "s",
                            drawn / base[0], "<=2x at the largest" if top else "(vs smallest)",
                            drawn / base[0] <= 2 if top else None, f"vs {sizes[0]:,} claims; lower is better"))
        res.rows.append(Row("pagescale", f"{label} {n:,} claims: side filter -> markers redrawn", redrawn, base[1],
                            "s", redrawn / base[1], "<=1.5x at the largest" if top else "(vs smallest)",
                            redrawn / base[1] <= 1.5 if top else None, f"vs {sizes[0]:,} claims; lower is better"))
        res.rows.append(Row("pagescale", f"{label} {n:,} claims: app peak RSS", rss, base[2], "MB", rss / base[2],
                            "<800 MB at the largest" if top else "(vs smallest)", rss < 800 if top else None,
                            "VmHWM of the streamlit process"))


def run(cfg: Config) -> SectionResult:
    from playwright.sync_api import sync_playwright

    res = SectionResult("pagescale")
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} not found (apt-get install chromium)")
    sizes = [10_000, 100_000, 1_000_000] if not cfg.quick else [2_000, 10_000, 50_000]
    stores = {n: _store(n) for n in sizes}
    with sync_playwright() as pw, _pg_cluster() as server:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            _rows(res, "SQLite", sizes, {n: _timed_run(browser, "SQLite", n, str(p)) for n, p in stores.items()})
            if server:
                try:
                    urls = {n: _copy_to_pg(p, server, n) for n, p in stores.items()}
                    _rows(res, "PostgreSQL", sizes, {n: _timed_run(browser, "PostgreSQL", n, u)
                                                     for n, u in urls.items()})
                except Exception as exc:  # noqa: BLE001 - SQLite's figures stand without it
                    res.notes.append(f"PostgreSQL runs failed: {type(exc).__name__}: {exc}")
            else:
                res.notes.append("PostgreSQL: no server binaries or psycopg here; SQLite only")
        finally:
            browser.close()
    res.notes.extend(_plans(stores[sizes[-1]]))
    return res
