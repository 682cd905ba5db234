"""(e) Time to first map: the app launched as ``make run`` launches it to Leaflet markers drawn.

Measured in headless Debian chromium through Playwright, from launching the
server process (``python -m geo.serve dashboard.py``, which is ``streamlit run``
with the page's imports warmed: geo/serve.py) to the first ``.claim-marker`` (a
pie DivIcon) inside the streamlit-folium iframe. Baseline, launched and
measured the same way: a bare Streamlit page (one ``st.write``, ``streamlit
run``) drawn in the browser. A second row times plain ``streamlit run
dashboard.py``. The health endpoint time of each launch is reported too. Every
non-local request is blocked.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from .common import PYTHON, ROOT, Config, Row, SectionResult, median

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
TABLE = '[data-testid="stDataFrame"]'
HELLO = 'import streamlit as st\nst.write("bench hello page")\n'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_health(port: int, t0: float, proc: subprocess.Popen, timeout: float = 120) -> float:
    url = f"http://127.0.0.1:{port}/_stcore/health"
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return time.perf_counter() - t0
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError("streamlit health endpoint never answered")


STREAMLIT_RUN = ("-m", "streamlit", "run")
MAKE_RUN = ("-m", "geo.serve")  # what `make run` starts


def server_command(script: Path, port: int, launcher: tuple[str, ...] = MAKE_RUN) -> list[str]:
    """The command line of one benchmarked server on loopback ``port``."""
    return [PYTHON, *launcher, str(script), "--server.headless", "true", "--server.port", str(port),
            "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]


def _launch_and_draw(browser, script: Path, env: dict, ready, launcher: tuple[str, ...],
                     ) -> tuple[float, float, float | None, float | None]:
    """Seconds from process launch to: health, drawn, the map iframe (or None), the whole page (or None)."""
    port = _free_port()
    cmd = server_command(script, port, launcher)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        t_health = _wait_health(port, t0, proc)
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_()
                   if route.request.url.startswith(("http://127.0.0.1", "http://localhost", "data:", "blob:",
                                                    "about:"))
                   else route.abort())
        page.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
        t_iframe, t_drawn, t_whole = ready(page, t0)
        page.close()
        return t_health, t_drawn, t_iframe, t_whole
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _markers_drawn(page, t0: float) -> tuple[float, float, float]:
    """Wait for the map's iframe (the script has run), its first marker, then the claims table
    (the page's last part, drawn once the map has reported: geo/firstpaint.py)."""
    page.locator(IFRAME).first.wait_for(state="attached", timeout=180_000)
    t_iframe = time.perf_counter() - t0
    page.frame_locator(IFRAME).locator(".claim-marker").first.wait_for(state="attached", timeout=180_000)
    t_drawn = time.perf_counter() - t0
    page.locator(TABLE).first.wait_for(state="attached", timeout=180_000)
    return t_iframe, t_drawn, time.perf_counter() - t0


def _hello_drawn(page, t0: float) -> tuple[None, float, None]:
    page.get_by_text("bench hello page").wait_for(timeout=120_000)
    return None, time.perf_counter() - t0, None


def _prepare_store(path: Path) -> str:
    """Seeds ingested like the app would; a small synthetic store if they give no claim with a place."""
    from geo import parallel
    from geo.ingest import load_paths
    from geo.store import Store

    store = Store(path)
    parallel.ingest(store, load_paths([ROOT / "seeds"]).articles)
    linked = store._conn.execute("SELECT COUNT(*) FROM claim_places").fetchone()[0]
    counts = store.counts()
    store.close()
    if linked:
        return f"seeds/ ingested ({counts['claims']} claims, {counts['places']} places)"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    from .mapscale import build_store

    build_store(path, 2000, 300).close()
    return "synthetic store (2,000 claims over 300 places; seeds gave no linked claims)"


def run(cfg: Config) -> SectionResult:
    from playwright.sync_api import sync_playwright

    res = SectionResult("firstmap")
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} not found (apt-get install chromium)")
    if not (ROOT / "dashboard.py").exists():
        raise RuntimeError("dashboard.py not found")
    tmp = Path(tempfile.mkdtemp(prefix="bench-firstmap-"))
    try:
        store_note = _prepare_store(tmp / "claims.db")
        hello = tmp / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        env = dict(os.environ, GEO_STORE=str(tmp / "claims.db"), PYTHONPATH=str(ROOT))
        reps = 1 if cfg.quick else 5
        ours, base, plain = [], [], []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                for _ in range(reps):
                    base.append(_launch_and_draw(browser, hello, env, _hello_drawn, STREAMLIT_RUN))
                    ours.append(_launch_and_draw(browser, ROOT / "dashboard.py", env, _markers_drawn, MAKE_RUN))
                    plain.append(_launch_and_draw(browser, ROOT / "dashboard.py", env, _markers_drawn, STREAMLIT_RUN))
            finally:
                browser.close()
        o, b, p = (median([x[1] for x in runs]) for runs in (ours, base, plain))
        res.rows.append(Row("firstmap", "launch (make run) -> markers drawn vs bare page drawn", o, b, "s", o / b,
                            "(lower is better)", None, f"median of {reps}; {store_note}"))
        res.rows.append(Row("firstmap", "plain `streamlit run dashboard.py` -> markers drawn vs bare page", p, b, "s",
                            p / b, "(lower is better)", None, f"median of {reps}; same runs' bare page"))
        res.notes.append(f"health endpoint answered after {median([x[0] for x in ours]):.2f} s (dashboard) / "
                         f"{median([x[0] for x in base]):.2f} s (bare page); markers drawn "
                         f"{o - median([x[0] for x in ours]):.2f} s after health; the map's iframe appeared after "
                         f"{median([x[2] for x in ours]):.2f} s (server-side script run), so Leaflet drew the "
                         f"markers {o - median([x[2] for x in ours]):.2f} s after the iframe; the whole page (claims "
                         f"table drawn) after {median([x[3] for x in ours]):.2f} s; each run, markers / bare page: "
                         + ", ".join(f"{x[1]:.2f}/{y[1]:.2f} s" for x, y in zip(ours, base))
                         + "; plain `streamlit run`: " + ", ".join(f"{x[1]:.2f} s" for x in plain))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return res
