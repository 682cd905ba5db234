"""Five people use one running app at once: filters, a click and an upload, all consistent.

Each session runs in its own thread with its own Playwright and Chromium, so
the server really sees them at the same time.
"""
from __future__ import annotations

import sqlite3
import threading
import traceback

import pytest

from tests.browser.conftest import (LAUNCH_ARGS, _start, _stop, click_centre, open_page, pick_option,
                                    save_screenshot, submit_paste)

pytestmark = pytest.mark.timeout(420)
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
WAIT_MS = 150_000

PASTED = ("Drone debris falls on Odesa port\n"
          "The mayor of Odesa said on Tuesday that debris from a downed drone damaged a warehouse in the port.\n"
          "\"Nobody was hurt,\" the mayor wrote on Telegram.\n")


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory, chromium_path):
    from tests import fixturestore

    path = tmp_path_factory.mktemp("many_users") / "claims.db"
    store = fixturestore.build(path)
    n_articles = store.counts()["articles"]
    store.close()
    server = _start(path)
    server.n_fixture_articles = n_articles
    yield server
    _stop(server)


def _markers(page, selector: str = "div.claim-marker"):
    return page.frame_locator(MAP_FRAME).locator(selector)


def _filter_west(page) -> None:
    from playwright.sync_api import expect

    expect(_markers(page).first).to_be_visible(timeout=WAIT_MS)
    assert _markers(page).count() >= 5
    pick_option(page, "Speaker side", "West")
    expect(_markers(page)).to_have_count(1, timeout=WAIT_MS)


def _click_west(page) -> None:
    """Click the West marker and read its claim; like a person, click again if a click made
    while five sessions load the two cores went unanswered."""
    from playwright.sync_api import expect

    west = _markers(page, "div.side-west")
    expect(west).to_have_count(1, timeout=WAIT_MS)
    panel = page.locator("div.claims-panel").filter(has_text="allies in Warsaw agreed")
    for _ in range(3):
        click_centre(page, west)  # waits until the marker stops moving (reflow under load)
        try:
            expect(panel).to_be_visible(timeout=40_000)
            return
        except AssertionError:
            continue
    expect(panel).to_be_visible(timeout=WAIT_MS)


def _search(page) -> None:
    from playwright.sync_api import expect

    expect(_markers(page).first).to_be_visible(timeout=WAIT_MS)
    page.get_by_label("Search claims").fill("Warsaw")
    page.get_by_label("Search claims").press("Enter")
    expect(_markers(page)).to_have_count(1, timeout=WAIT_MS)


def _upload(page) -> None:
    """Paste an article; the page must add it once and say so, and the map must show its place
    (Odesa, mentioned without claims in the fixture, gets one)."""
    from playwright.sync_api import expect

    expect(_markers(page).first).to_be_visible(timeout=WAIT_MS)
    expect(_markers(page)).to_have_count(5, timeout=WAIT_MS)
    submit_paste(page, PASTED, ack_ms=WAIT_MS // 3)
    expect(page.get_by_text("Added 1 article(s)")).to_be_visible(timeout=WAIT_MS)
    expect(_markers(page)).to_have_count(6, timeout=WAIT_MS)


def test_five_sessions_at_once(shared_server, chromium_path):
    from playwright.sync_api import sync_playwright

    actions = [_filter_west, _filter_west, _click_west, _search, _upload]
    failures: list[str] = []
    records = []
    start = threading.Barrier(len(actions))

    def session(i: int, action) -> None:
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
                try:
                    start.wait(timeout=120)
                    context, page, record = open_page(browser, shared_server.url)
                    records.append(record)
                    try:
                        action(page)
                    except Exception:
                        save_screenshot(page, f"many_users_session{i}_failed.png")
                        raise
                    assert page.locator('[data-testid="stException"]').count() == 0, "the page shows an exception"
                    context.close()
                finally:
                    browser.close()
        except Exception:  # collected and reported by the main thread
            failures.append(f"session {i} ({action.__name__}):\n{traceback.format_exc()}")

    threads = [threading.Thread(target=session, args=(i, a)) for i, a in enumerate(actions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=400)
    assert not failures, "\n".join(failures)
    for record in records:
        assert record.blocked == [] and record.dialogs == [] and record.errors == []
    server_log = "".join(shared_server.log)
    assert "Traceback" not in server_log, server_log[-3000:]

    con = sqlite3.connect(shared_server.store_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n_articles = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        pasted = con.execute("SELECT COUNT(*) FROM articles WHERE title LIKE 'Drone debris falls%'").fetchone()[0]
    finally:
        con.close()
    assert pasted == 1
    assert n_articles == shared_server.n_fixture_articles + 1
