"""A real `streamlit run` server and a headless Debian Chromium, offline.

Every request to a host other than the test server is blocked and recorded;
tests assert that none happened.
"""
from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic"]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
STARTUP_SECONDS = 120


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    store_path: Path | str  # a SQLite file or a postgresql:// URL
    proc: subprocess.Popen
    log: list[str] = field(default_factory=list)


def _streamlit_command(port: int) -> list[str]:
    """What `make run` starts (geo/serve.py: `streamlit run` with the page's imports warmed)."""
    return [sys.executable, "-m", "geo.serve", "dashboard.py", "--server.headless", "true",
            "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none"]


def _start(store_path: Path, command: Callable[[int], list[str]] = _streamlit_command,
           extra_env: dict[str, str] | None = None) -> Server:
    """Start streamlit (``command(port)``) and wait (on its own output, no sleeping) until it serves."""
    port = _free_port()
    env = dict(os.environ, GEO_STORE=str(store_path), PYTHONUNBUFFERED="1", **(extra_env or {}))
    proc = subprocess.Popen(
        command(port), cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    server = Server(f"http://127.0.0.1:{port}", store_path, proc)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            server.log.append(line)
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    while True:
        try:
            line = lines.get(timeout=STARTUP_SECONDS)
        except queue.Empty:
            proc.kill()
            pytest.fail("streamlit did not start in time:\n" + "".join(server.log))
        if line is None:
            pytest.fail("streamlit exited:\n" + "".join(server.log))
        if "URL:" in line:
            break
    with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=30) as resp:
        assert resp.read().strip() == b"ok"
    return server


def _stop(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.proc.kill()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium); browser tests need it")
    if not (ROOT / "static" / "leaflet" / "dist" / "leaflet.js").exists():
        pytest.skip("static/ assets are not vendored (run ./scripts/vendor_assets.sh)")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        yield b
        b.close()


def serve_fixture_store(tmp_path_factory, name: str, pg_server: str | None = None):
    """For a fixture to ``yield from``: a running page on a fresh copy of the fixture store (in a
    PostgreSQL database of its own when ``pg_server`` is a server's URL), stopped after."""
    from tests import fixturestore

    if pg_server:
        from tests.test_store_pg import build_fixture_pg, fresh_pg_database
        path = fresh_pg_database(pg_server, name)
        build_fixture_pg(path)
    else:
        path = tmp_path_factory.mktemp(name) / "claims.db"
        fixturestore.build(path).close()
    server = _start(path)
    yield server
    _stop(server)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def fixture_server(request, tmp_path_factory, chromium_path):
    """The fixture store's page on each backend: the browser tests' assertions hold on both
    (PostgreSQL skips where its server binaries are absent)."""
    pg = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    yield from serve_fixture_store(tmp_path_factory, f"fixture_store_{request.param}", pg)


@pytest.fixture(scope="session")
def seed_server(tmp_path_factory, chromium_path):
    """The real seeds, ingested by the page itself into an empty store."""
    path = tmp_path_factory.mktemp("seed_store") / "claims.db"
    server = _start(path)
    yield server
    _stop(server)


@dataclass
class Offline:
    """Requests the page tried to make to other hosts (all blocked), and JS dialogs."""

    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # Sizes of the messages the page sent on Streamlit's websocket (a rerun, a widget or
    # component value): a view change that sends nothing did not rerun the script.
    sent: list[int] = field(default_factory=list)


ACTION_MS = 150_000


def open_page(browser, url: str, init_script: str | None = None):
    """A fresh page that blocks and records every non-local request (``init_script`` runs in
    each of its documents before the page's own scripts)."""
    context = browser.new_context(viewport={"width": 1600, "height": 1100}, accept_downloads=True)
    # An action waits this long for its element (Playwright's default is 30 s): with five
    # browsers on two busy cores the sidebar's widgets, which come after the map, took longer.
    context.set_default_timeout(ACTION_MS)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    record = Offline()

    def route(r):
        host = urlparse(r.request.url).hostname or ""
        if r.request.url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            r.continue_()
        else:
            record.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("dialog", lambda d: (record.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: record.errors.append(str(e)))
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: record.sent.append(len(payload))))
    page.goto(url)
    return context, page, record


@pytest.fixture
def fixture_page(browser, fixture_server):
    """A page on the shared fixture server; fails the test if anything left the machine,
    a dialog opened or the page raised."""
    context, page, record = open_page(browser, fixture_server.url)
    yield page, record
    context.close()
    assert record.blocked == [], f"requests left the machine: {record.blocked}"
    assert record.dialogs == [], f"a script ran a dialog: {record.dialogs}"
    assert record.errors == [], f"the page raised: {record.errors}"


def save_screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / name
    page.screenshot(path=str(out), full_page=False)
    return out


NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def stable_box(page, locator, frames: int = 5, limit: int = 600) -> dict:
    """The element's bounding box once it has stopped moving for ``frames`` animation frames.

    Under load the page can still reflow after the markers appear (a scrollbar
    appears, columns narrow, Leaflet re-centres), and a click at a box read a
    moment earlier then lands beside the marker. Waits on frames, never sleeps.
    """
    last, same = None, 0
    for _ in range(limit):
        box = locator.bounding_box()
        key = box and tuple(round(box[k], 1) for k in ("x", "y", "width", "height"))
        same = same + 1 if key and key == last else 0
        if same >= frames:
            return box
        last = key
        page.evaluate(NEXT_FRAME)
    raise AssertionError(f"element never stopped moving: {last}")


def click_centre(page, locator) -> None:
    """A real mouse click at the centre of the element's settled bounding box."""
    box = stable_box(page, locator)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def pick_option(page, widget_label: str, option: str) -> None:
    """Choose one option in a sidebar multiselect, typing as a person does (once it is there:
    the sidebar's widgets come after the map, geo/firstpaint.py)."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=widget_label)
    box.locator("input").click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def wait_until_quiet(page, record: Offline, quiet_ms: int = 1500, limit: int = 40) -> None:
    """Wait until the page has sent nothing on the websocket for ``quiet_ms``.

    A negative check ("panning sends nothing") needs a window of time; this is
    the one place the browser tests wait on the clock, and only after the
    page has settled.
    """
    for _ in range(limit):
        n = len(record.sent)
        page.wait_for_timeout(quiet_ms)
        if len(record.sent) == n:
            return
    raise AssertionError(f"the page kept sending messages: {len(record.sent)}")


MAP_VIEW = "() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }"



def press_until_taken(page, button, taken, ack_ms: int = 60_000, tries: int = 3) -> None:
    """Press ``button`` as a person would, again only if the page never took the press.

    ``taken(timeout_ms)`` waits for what the page shows once it has the press (a form
    with ``clear_on_submit`` empties itself the moment the browser sends it); under
    load the button can still move as the sidebar reflows, and a press read against
    an old box lands beside it. Pressing again is harmless: the page adds a
    submission once, and callers check the store.
    """
    for _ in range(tries):
        click_centre(page, button)
        try:
            taken(ack_ms)
            return
        except AssertionError:
            continue
    raise AssertionError(f"the page never took the press ({tries} tries)")


def submit_paste(page, text: str, ack_ms: int = 60_000) -> None:
    """Open "Add articles", paste ``text`` and press "Add to the map" until the form takes it."""
    from playwright.sync_api import expect

    page.get_by_text("Add articles").first.click()
    area = page.get_by_label("…or paste an article (headline on the first line)", exact=True)
    expect(area).to_be_visible(timeout=ack_ms)
    area.fill(text)
    press_until_taken(page, page.get_by_role("button", name="Add to the map"),
                      lambda ms: expect(area).to_have_value("", timeout=ms), ack_ms)
