"""The analyst's page in Chromium: events side by side, the time slider, the article view,
labels, the selected place. Every non-local request is blocked (see conftest)."""
from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from tests.browser.conftest import MAP_VIEW, click_centre, stable_box

pytestmark = pytest.mark.timeout(240)
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
WAIT_MS = 60_000


def _frame(page):
    return page.frame_locator(MAP_FRAME)


def _place_panel(page):
    return page.locator("div.claims-panel")


def _move_thumb(page, thumb, target: date, tries: int = 4) -> None:
    """Move a slider thumb to ``target`` with the arrow keys, as a person would, pressing again from
    wherever it stands if a rerun of the page redrew the slider while the keys went in (on a busy
    machine the map's first report can land between two presses)."""
    from playwright.sync_api import expect

    wanted = re.compile(target.strftime("%d %b %Y").lstrip("0"))
    for _ in range(tries):
        shown = datetime.strptime(thumb.get_attribute("aria-valuetext"), "%d %b %Y").date()
        thumb.focus()
        for _ in range(abs((target - shown).days)):
            page.keyboard.press("ArrowRight" if target > shown else "ArrowLeft")
        try:
            expect(thumb).to_have_attribute("aria-valuetext", wanted, timeout=WAIT_MS // 3)
            return
        except AssertionError:
            continue
    raise AssertionError(f"the slider never stayed at {target}")


def _caption_count(page) -> int:
    text = page.get_by_text(re.compile(r"^\d+ of \d+ claims · ")).inner_text()
    return int(text.split(" ", 1)[0])


def test_an_event_shows_both_sides_side_by_side(fixture_page):
    from playwright.sync_api import expect

    page, _ = fixture_page
    kyiv = _frame(page).locator("div.claim-marker.place-gn-703448")
    expect(kyiv).to_have_count(1, timeout=WAIT_MS)
    click_centre(page, kyiv)
    event = _place_panel(page).locator('section.event[data-disagree="1"]')
    expect(event).to_have_count(1, timeout=WAIT_MS)
    expect(event.locator(".disagree")).to_have_text("sides disagree")
    russia, ukraine = event.locator('.side-col[data-side="russia"]'), event.locator('.side-col[data-side="ukraine"]')
    expect(russia).to_contain_text("strikes on Kyiv hit only military targets")
    expect(ukraine).to_contain_text("a residential block in Kyiv was destroyed")
    left, right = stable_box(page, russia), stable_box(page, ukraine)
    assert abs(left["y"] - right["y"]) < 2 and left["x"] + left["width"] <= right["x"] + 1  # one row, two columns
    # The events view below the map shows the same disputed event.
    expect(page.locator("div.events-view section.event")).to_have_count(1, timeout=WAIT_MS)


def test_the_slider_narrows_the_markers_and_the_table(fixture_page):
    from playwright.sync_api import expect

    page, _ = fixture_page
    markers = _frame(page).locator("div.claim-marker")
    expect(markers).to_have_count(5, timeout=WAIT_MS)
    assert _caption_count(page) == 8
    thumbs = page.locator('[data-testid="stSlider"]').get_by_role("slider")
    expect(thumbs).to_have_count(2, timeout=WAIT_MS)
    _move_thumb(page, thumbs.first, date(2024, 12, 22))  # from 17 December, a day per key
    # From the 22nd: Belgorod (23rd) and Kyiv (22nd), and the two undated places, not Warsaw (18th).
    expect(markers).to_have_count(4, timeout=WAIT_MS)
    expect(_frame(page).locator("div.claim-marker.place-gn-756135")).to_have_count(0)
    expect(page.get_by_text(re.compile(r"^5 of 8 claims · "))).to_be_visible(timeout=WAIT_MS)
    grid = page.locator('[data-testid="stDataFrame"]').last.locator('[role="grid"]')
    expect(grid).to_have_attribute("aria-rowcount", "6", timeout=WAIT_MS)  # a header row and five claims
    expect(page).to_have_url(re.compile(r"[?&]from=2024-12-22"), timeout=WAIT_MS)


def test_a_claim_card_opens_its_article_view_and_links_its_address(fixture_page):
    from playwright.sync_api import expect

    page, _ = fixture_page
    page.get_by_role("button", name=re.compile(r"^Kyiv, town in Ukraine")).click()
    card = _place_panel(page).locator('.claim-group:has([data-claim-id="c2"])')
    expect(card).to_have_count(1, timeout=WAIT_MS)
    source = card.locator("a.source-link")
    expect(source).to_have_attribute("href", "https://news.example/a1")
    expect(source).to_have_attribute("target", "_blank")
    card.locator("a.article-link").click()
    view = page.locator("div.article-view")
    expect(view).to_be_visible(timeout=WAIT_MS)
    expect(page).to_have_url(re.compile(r"[?&]article=a1"), timeout=WAIT_MS)
    expect(view.locator("h4")).to_have_text("Drones and strikes")
    claim_ids = view.locator("mark.claim").evaluate_all("els => [...new Set(els.map(e => e.dataset.claimId))]")
    assert sorted(claim_ids) == ["c1", "c2", "c3"]  # every claim of the article, not only the one clicked
    expect(view.locator('mark.claim.focus[data-claim-id="c2"]').last).to_contain_text("military targets")
    expect(view.locator('span.place-mention[title="Kyiv, town in Ukraine"]').first).to_be_visible()
    expect(view.locator("a.source-link")).to_have_attribute("href", "https://news.example/a1")
    page.get_by_role("button", name="← Back to the place").click()
    expect(view).to_have_count(0, timeout=WAIT_MS)
    expect(_place_panel(page)).to_have_attribute("data-place-id", "gn:703448", timeout=WAIT_MS)


def test_place_names_are_written_at_a_readable_zoom(fixture_page):
    from playwright.sync_api import expect

    page, _ = fixture_page
    labels = _frame(page).locator("div.place-label")
    expect(_frame(page).locator("div.claim-marker")).to_have_count(5, timeout=WAIT_MS)
    expect(labels.filter(has_text=re.compile(r"^Kyiv$"))).to_be_visible(timeout=WAIT_MS)
    container = _frame(page).locator(".leaflet-container")
    start = container.evaluate(MAP_VIEW)[2]
    assert start >= 4, start
    container.evaluate("() => window.map.setZoom(2)")  # a world view: no names
    expect(labels).to_have_count(0, timeout=WAIT_MS)
    container.evaluate(f"() => window.map.setZoom({start})")
    expect(labels.filter(has_text=re.compile(r"^Kyiv$"))).to_be_visible(timeout=WAIT_MS)


def test_the_selected_place_is_highlighted_and_centred(fixture_page):
    from playwright.sync_api import expect

    page, _ = fixture_page
    expect(_frame(page).locator("div.claim-marker")).to_have_count(5, timeout=WAIT_MS)
    tooltip_words = page.get_by_role("button", name=re.compile(r"^Belgorod, town in Russia"))
    tooltip_words.click()
    selected = _frame(page).locator("div.claim-marker.selected")
    expect(selected).to_have_count(1, timeout=WAIT_MS)
    expect(selected).to_have_class(re.compile(r"place-gn-579514"))
    container = _frame(page).locator(".leaflet-container")
    for _ in range(600):  # the map moves to Belgorod (50.61, 36.58); wait on its state, frame by frame
        lat, lon, _ = container.evaluate(MAP_VIEW)
        if abs(lat - 50.61) < 0.05 and abs(lon - 36.58) < 0.05:
            break
        page.evaluate("() => new Promise(r => requestAnimationFrame(r))")
    else:
        raise AssertionError(f"the map never centred on Belgorod: {container.evaluate(MAP_VIEW)}")
    shadow = selected.evaluate("el => getComputedStyle(el).boxShadow")
    assert shadow and shadow != "none", shadow
    expect(_frame(page).locator("div.place-label.selected")).to_have_text("Belgorod")
