"""The page started exactly as `make run` starts it (issue 17, "Local by default").

By default its listening socket is bound to loopback only. With the share switch
(`make run HOST=0.0.0.0`) it listens on every interface, and its upload form
refuses to add articles without the write token and adds them with it.
"""
from __future__ import annotations

import ipaddress
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from geo.store import Store
from tests import fixturestore
from tests.browser.conftest import NEXT_FRAME, _start, _stop, open_page
from tests.test_local_default import make_run_command

pytestmark = pytest.mark.timeout(420)
TOKEN = "share-test-" + "q" * 24
WAIT_MS = 60_000
INGEST_MS = 240_000  # the first article added loads spaCy and the gazetteer in the server
PROC_NET = (Path("/proc/net/tcp"), Path("/proc/net/tcp6"))
LISTEN = "0A"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
FRAME_LIMIT = 3000  # animation frames to wait for the map component's first message
ARTICLE = "Floods hit the valley\nOfficials said on Monday that rivers rose in Kharkiv.\n"


def _address(hex_addr: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """A /proc/net/tcp address: 32-bit words in the host's byte order."""
    raw = bytes.fromhex(hex_addr)
    if sys.byteorder == "little":
        raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    return ipaddress.ip_address(raw)


def listening_addresses(port: int) -> set[str]:
    """Local addresses of every socket listening on ``port`` in this network namespace."""
    if not PROC_NET[0].exists():
        pytest.skip("needs Linux /proc/net/tcp to see which address the server bound")
    found: set[str] = set()
    for table in PROC_NET:
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            fields = line.split()
            local, state = fields[1], fields[3]
            hex_addr, hex_port = local.split(":")
            if state == LISTEN and int(hex_port, 16) == port:
                found.add(str(_address(hex_addr)))
    return found


def make_run(*args: str):
    """The command `make run PORT=port ARGS` runs (the store comes from $GEO_STORE; nothing is ingested)."""
    return lambda port: make_run_command(f"PORT={port}", *args)


def port_of(server) -> int:
    return urlparse(server.url).port


def article_count(path: Path) -> int:
    store = Store(path)
    try:
        return store.counts()["articles"]
    finally:
        store.close()


@pytest.fixture
def store_path(tmp_path) -> Path:
    path = tmp_path / "claims.db"
    fixturestore.build(path).close()
    return path


def test_make_run_listens_on_loopback_only_with_xsrf_and_cors_on(store_path, monkeypatch):
    monkeypatch.delenv("STREAMLIT_SERVER_ADDRESS", raising=False)
    server = _start(store_path, make_run())
    try:
        bound = listening_addresses(port_of(server))
        assert bound, "found no listening socket for the server's port"
        assert all(ipaddress.ip_address(a).is_loopback for a in bound), bound
        # XSRF: an upload without the XSRF cookie and token is refused.
        put = urllib.request.Request(f"{server.url}/_stcore/upload_file/some-session/some-file", data=b"x",
                                     method="PUT")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(put, timeout=30)
        assert refused.value.code == 403
        # CORS: another origin is not told it may read the responses.
        req = urllib.request.Request(f"{server.url}/_stcore/health", headers={"Origin": "http://evil.example"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert resp.headers.get("Access-Control-Allow-Origin") in (None, server.url)
    finally:
        _stop(server)


def _add(page, text: str, token: str | None) -> None:
    """Fill the sidebar's add-articles form as a person does, and submit it."""
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="Add articles")
    area = expander.locator("textarea")
    if not area.is_visible():
        expander.get_by_text("Add articles").click()
    area.fill(text)
    if token is not None:
        expander.locator('input[type="password"]').fill(token)
    expander.get_by_role("button", name="Add to the map").click()


def wait_until_idle(page, record) -> None:
    """Markers drawn, the map component's first value sent, and no script running.

    The map component sends its value once, after it first draws; that reruns the
    script, and a rerun arriving while a submitted form is being handled ends that
    run: the article may not be stored, or its message is cleared. So the form is
    submitted only after that message went out. Waits on frames, never sleeps.
    """
    from playwright.sync_api import expect

    expect(page.frame_locator(MAP_FRAME).locator("div.claim-marker").first).to_be_visible(timeout=WAIT_MS)
    for _ in range(FRAME_LIMIT):
        if len(record.sent) >= 2:  # the page's first rerun request, then the map component's value
            break
        page.evaluate(NEXT_FRAME)
    else:
        raise AssertionError(f"the map component never sent its value: {record.sent}")
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_be_attached(
        timeout=WAIT_MS)


def test_shared_page_adds_articles_only_with_the_token(store_path, browser):
    from playwright.sync_api import expect

    server = _start(store_path, make_run("HOST=0.0.0.0"), extra_env={"GEO_WRITE_TOKEN": TOKEN})
    try:
        assert "0.0.0.0" in listening_addresses(port_of(server))
        context, page, record = open_page(browser, server.url)
        before = article_count(store_path)
        wait_until_idle(page, record)

        # One refusal only: a second would show the same message, so its wait could end on the first one.
        # Wrong tokens are covered in tests/app/test_upload_access.py.
        _add(page, ARTICLE, None)
        expect(page.get_by_text("Wrong or missing write token: nothing was added.")).to_be_visible(timeout=WAIT_MS)
        assert article_count(store_path) == before

        _add(page, ARTICLE, TOKEN)
        expect(page.get_by_text("Added 1 article(s)")).to_be_visible(timeout=INGEST_MS)
        assert article_count(store_path) == before + 1
        context.close()
        assert record.blocked == [] and record.errors == [] and record.dialogs == []
        assert TOKEN not in "".join(server.log)  # never logged
    finally:
        _stop(server)
