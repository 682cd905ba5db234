"""The add-articles form on a shared page (token) and at its limits, driven through AppTest."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo import access
from geo.store import Store
from tests import fixturestore
from tests.app.test_dashboard_app import APP, _stub_pipeline, rerun

pytestmark = pytest.mark.timeout(300)
TOKEN = "test-token-" + "7" * 24
ARTICLE = "Floods hit the valley\nOfficials said on Monday that rivers rose.\n"


@pytest.fixture
def page(tmp_path, monkeypatch):
    """A page on a fresh fixture store (pipeline stubbed: these tests are about the form) and its store's counts."""
    monkeypatch.delenv(access.TOKEN_ENV, raising=False)
    ingested = _stub_pipeline(monkeypatch)
    path = tmp_path / "claims.db"
    fixturestore.build(path).close()
    monkeypatch.setenv("GEO_STORE", str(path))

    def counts() -> dict[str, int]:
        store = Store(path)
        try:
            return store.counts()
        finally:
            store.close()

    def start() -> AppTest:
        return rerun(AppTest.from_file(APP, default_timeout=120))

    return start, counts, ingested


def submit(at: AppTest) -> AppTest:
    next(b for b in at.get("button") if getattr(b, "label", "") == "Add to the map").click()
    return rerun(at)


def test_shared_page_without_a_token_has_no_form(page, serve_on):
    serve_on("0.0.0.0")
    start, _, _ = page
    at = start()
    assert not [b for b in at.get("button") if getattr(b, "label", "") == "Add to the map"]
    assert not at.get("file_uploader")
    info = " ".join(i.value for i in at.info)
    assert "Adding articles is off" in info and access.TOKEN_ENV in info


def test_shared_page_refuses_without_the_token_and_adds_with_it(page, serve_on, monkeypatch):
    serve_on("0.0.0.0")
    monkeypatch.setenv(access.TOKEN_ENV, TOKEN)
    start, counts, ingested = page
    at = start()
    before = counts()
    for wrong in ("", "not-the-token-" + "7" * 24):
        at.text_area(key="up_text").input(ARTICLE)
        at.text_input(key="up_token").input(wrong)
        submit(at)
        assert any("Wrong or missing write token" in e.value for e in at.error)
        assert counts() == before and ingested == []
    at.text_area(key="up_text").input(ARTICLE)
    at.text_input(key="up_token").input(TOKEN)
    submit(at)
    assert any("Added 1 article" in s.value for s in at.success)
    assert counts()["articles"] == before["articles"] + 1
    assert all(TOKEN not in str(e.value) for e in [*at.error, *at.warning, *at.info, *at.success, *at.caption])


def test_local_page_asks_for_no_token(page, serve_on):
    serve_on("127.0.0.1")
    start, counts, _ = page
    at = start()
    assert not [t for t in at.text_input if t.key == "up_token"]
    at.text_area(key="up_text").input(ARTICLE)
    submit(at)
    assert any("Added 1 article" in s.value for s in at.success)


def test_a_6_mb_text_gets_the_message_and_stores_nothing(page, serve_on):
    serve_on("127.0.0.1")
    start, counts, ingested = page
    at = start()
    before = counts()
    big = ("Headline\n" + "Officials said the river rose. " * 210_000).encode()[:6 * 2**20]
    at.file_uploader(key="up_files").set_value([
        ("good.txt", b"Storm reaches the coast\nForecasters said the storm would weaken.\n", "text/plain"),
        ("big.txt", big, "text/plain")])
    submit(at)
    errors = [e.value.replace("\\", "") for e in at.error]  # Markdown source: punctuation is escaped
    assert any("too large" in e and "at most 5 MB" in e for e in errors), errors
    assert counts() == before and ingested == []
    assert not at.success


def test_101_files_get_the_message_and_store_nothing(page, serve_on):
    serve_on("127.0.0.1")
    start, counts, ingested = page
    at = start()
    before = counts()
    at.file_uploader(key="up_files").set_value([
        (f"story{i}.txt", f"Story {i}\nOfficials said on Monday that bridge {i} was hit.\n".encode(), "text/plain")
        for i in range(101)])
    submit(at)
    errors = [e.value.replace("\\", "") for e in at.error]  # Markdown source: punctuation is escaped
    assert any("too many files (101; at most 100 per batch)" in e for e in errors), errors
    assert counts() == before and ingested == []
    assert not at.success
