"""Adding articles in Chromium while the person keeps using the page.

The submit's run used to be interrupted by the next interaction (or by the map
component reporting its first view), which dropped the submission: the paste was
neither stored nor reported. Each test here waits on what the page shows.
"""
from __future__ import annotations

import re
import sqlite3

import pytest

from tests.browser.conftest import open_page, press_until_taken, save_screenshot, serve_fixture_store, submit_paste

pytestmark = pytest.mark.timeout(300)
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# The first upload may still wait for the model and gazetteer to load, on a loaded machine.
WAIT_MS = 150_000

PASTED = ("Drone debris falls on Odesa port\n"
          "The mayor of Odesa said on Tuesday that debris from a downed drone damaged a warehouse in the port.\n")
FILE_TEXT = b"Storm reaches Lviv\nForecasters in Lviv said that the storm would weaken by Friday.\n"


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory, chromium_path):
    yield from serve_fixture_store(tmp_path_factory, "upload")  # its own store: uploads change it


@pytest.fixture
def page(browser, upload_server):
    context, page, record = open_page(browser, upload_server.url)
    yield page
    context.close()
    assert record.blocked == [] and record.dialogs == [] and record.errors == []


def _articles(server, title: str) -> int:
    con = sqlite3.connect(server.store_path)
    try:
        return con.execute("SELECT COUNT(*) FROM articles WHERE title = ?", (title,)).fetchone()[0]
    finally:
        con.close()


def _search(page, words: str) -> None:
    page.get_by_label("Search claims").fill(words)
    page.get_by_label("Search claims").press("Enter")


def test_a_paste_followed_at_once_by_a_search_is_added_once_and_reported(page, upload_server):
    from playwright.sync_api import expect

    markers = page.frame_locator(MAP_FRAME).locator("div.claim-marker")
    expect(markers.first).to_be_visible(timeout=WAIT_MS)
    submit_paste(page, PASTED)
    _search(page, "mayor of Odesa")  # interrupts the run that took the submission
    try:
        # "Added 1", or, when the helper pressed again because a busy page took the first press late,
        # the resend reported as already stored: either way the store holds it once (checked below)
        expect(page.get_by_text(re.compile(r"^Added [01] article\(s\)"))).to_be_visible(timeout=WAIT_MS)
        expect(markers).to_have_count(1, timeout=WAIT_MS)  # the new claim, found by the search
    except AssertionError:
        save_screenshot(page, "upload_then_search_failed.png")
        raise
    assert page.locator('[data-testid="stException"]').count() == 0
    assert _articles(upload_server, "Drone debris falls on Odesa port") == 1


def test_a_chosen_file_is_added_only_when_submitted(page, upload_server, tmp_path):
    from playwright.sync_api import expect

    markers = page.frame_locator(MAP_FRAME).locator("div.claim-marker")
    expect(markers.first).to_be_visible(timeout=WAIT_MS)
    page.get_by_text("Add articles").first.click()
    upload = tmp_path / "storm.txt"
    upload.write_bytes(FILE_TEXT)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(upload))
    expect(page.locator('[data-testid="stFileUploader"]').get_by_text("storm.txt")).to_be_visible(timeout=WAIT_MS)
    _search(page, "Warsaw")  # a rerun that carries the form's widgets: nothing is submitted
    expect(markers).to_have_count(1, timeout=WAIT_MS)
    assert _articles(upload_server, "Storm reaches Lviv") == 0
    assert page.get_by_text("Added", exact=False).count() == 0
    chosen = page.locator('[data-testid="stFileUploader"]').get_by_text("storm.txt")
    press_until_taken(page, page.get_by_role("button", name="Add to the map"),
                      lambda ms: expect(chosen).to_have_count(0, timeout=ms))  # the form clears on submit
    expect(page.get_by_text("Added 1 article(s)")).to_be_visible(timeout=WAIT_MS)
    assert _articles(upload_server, "Storm reaches Lviv") == 1


SIDECAR_TEXT = b"Ferry docks at Mykolaiv\nHarbour officials in Mykolaiv said that the ferry docked safely on Monday.\n"
SIDECAR = b'{"outlet": "Harbour Gazette", "outlet_side": "ukraine", "published": "2024-12-23", "url": "https://harbour.example/ferry"}'
RUSSIAN = ("Удар по Одессе\nМэр Одессы заявил, что в результате удара по порту пострадали три человека. "
           "По его словам, повреждены склады.\n")


def _article_row(server, title: str) -> tuple | None:
    con = sqlite3.connect(server.store_path)
    try:
        return con.execute("SELECT outlet, outlet_side, published, url FROM articles WHERE title = ?",
                           (title,)).fetchone()
    finally:
        con.close()


def test_a_text_uploads_with_its_sidecar(page, upload_server, tmp_path):
    from playwright.sync_api import expect

    expect(page.frame_locator(MAP_FRAME).locator("div.claim-marker").first).to_be_visible(timeout=WAIT_MS)
    page.get_by_text("Add articles").first.click()
    (tmp_path / "ferry.txt").write_bytes(SIDECAR_TEXT)
    (tmp_path / "ferry.meta.json").write_bytes(SIDECAR)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        [str(tmp_path / "ferry.txt"), str(tmp_path / "ferry.meta.json")])
    uploader = page.locator('[data-testid="stFileUploader"]')
    expect(uploader.get_by_text("ferry.meta.json")).to_be_visible(timeout=WAIT_MS)
    chosen = uploader.get_by_text("ferry.txt")
    press_until_taken(page, page.get_by_role("button", name="Add to the map"),
                      lambda ms: expect(chosen).to_have_count(0, timeout=ms))
    expect(page.get_by_text("Added 1 article(s)")).to_be_visible(timeout=WAIT_MS)
    assert _article_row(upload_server, "Ferry docks at Mykolaiv") == (
        "Harbour Gazette", "ukraine", "2024-12-23", "https://harbour.example/ferry")


def test_a_russian_paste_says_why_it_is_not_added(page, upload_server):
    from playwright.sync_api import expect

    expect(page.frame_locator(MAP_FRAME).locator("div.claim-marker").first).to_be_visible(timeout=WAIT_MS)
    submit_paste(page, RUSSIAN)
    message = page.locator('[data-testid="stAlert"]').filter(has_text="Cyrillic")
    expect(message).to_be_visible(timeout=WAIT_MS)
    expect(message).to_contain_text("Russian")
    expect(message).to_contain_text("English only")
    assert page.get_by_text(re.compile(r"^Added \d+ article")).count() == 0
    assert _article_row(upload_server, "Удар по Одессе") is None
