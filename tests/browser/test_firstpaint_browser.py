"""The first map before the rest of the page (geo/firstpaint.py), in Chromium, offline."""
from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from tests.browser.conftest import open_page, wait_until_quiet

pytestmark = pytest.mark.timeout(240)
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
WAIT_MS = 60_000
# Records, for the first claims table, timeline chart, metric, time slider and "Add articles"
# expander the page shows, whether the map's markers were already drawn at that moment (an order,
# not a time).
ORDER_PROBE = """
(() => {
  if (window.top !== window) { return; }
  window.__seenFirst = {};
  const probes = {table: '[data-testid="stDataFrame"]', timeline: '[data-testid="stVegaLiteChart"]',
                  counts: '[data-testid="stMetric"]', filters: '[data-testid="stSidebar"] [data-testid="stSlider"]',
                  upload: '[data-testid="stSidebar"] [data-testid="stExpander"]'};
  function markers() {
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const doc = frame && frame.contentDocument;
    return !!(doc && doc.querySelector('.claim-marker'));
  }
  new MutationObserver(() => {
    for (const [name, sel] of Object.entries(probes)) {
      if (!(name in window.__seenFirst) && document.querySelector(sel)) {
        window.__seenFirst[name] = markers();
      }
    }
  }).observe(document, {subtree: true, childList: true});
})();
"""


def test_the_map_comes_first_and_the_page_completes_itself(browser, fixture_server):
    from playwright.sync_api import expect

    context, page, record = open_page(browser, fixture_server.url, init_script=ORDER_PROBE)
    try:
        expect(page.frame_locator(MAP_FRAME).locator(".claim-marker").first).to_be_attached(timeout=WAIT_MS)
        # No click, no key: the map's own first report reruns the page, and that run draws the rest.
        expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=WAIT_MS)
        expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible(timeout=WAIT_MS)
        expect(page.locator("div.events-view")).to_have_count(1, timeout=WAIT_MS)
        expect(page.get_by_text("follow as soon as the map is drawn")).to_have_count(0, timeout=WAIT_MS)
        # the sidebar's widgets may land a moment after the main column: wait for them, then read the order
        expect(page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').first).to_be_attached(timeout=WAIT_MS)
        expect(page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]').first).to_be_attached(
            timeout=WAIT_MS)
        page.wait_for_function("() => Object.keys(window.__seenFirst || {}).length === 5", timeout=WAIT_MS)
        seen = page.evaluate("() => window.__seenFirst")
        assert seen == {"table": True, "timeline": True, "counts": True, "filters": True, "upload": True}, seen
    finally:
        context.close()
    assert record.blocked == [] and record.errors == [], (record.blocked, record.errors)


# Every value the time window's start thumb shows, in order (a thumb redrawn by a rerun included).
THUMB_HISTORY = """() => { window.__thumb = [];
    const read = () => { const t = document.querySelector('[data-testid="stSlider"] input[type="range"]');
        const v = t && t.getAttribute("aria-valuetext"); const seen = window.__thumb;
        if (v && seen[seen.length - 1] !== v) { seen.push(v); } };
    new MutationObserver(read).observe(document.body, {subtree: true, childList: true, attributes: true,
                                                       attributeFilter: ["aria-valuetext"]});
    read(); }"""


def test_a_slider_moved_while_the_page_completes_is_never_put_back(fixture_page):
    """The keys go in while the page's own reruns run (the map's first report, which draws the rest
    of the page): the thumb only ever moves the way the reader moves it, and ends where they left it.

    It used to go back two days in about one run in three: the From field of an earlier window,
    still held by the browser, came back with a request and was taken for a typed date (see
    timewindow.TypedDates; tests/app replays it exactly)."""
    from playwright.sync_api import expect

    page, record = fixture_page
    thumb = page.locator('[data-testid="stSlider"]').get_by_role("slider").first
    expect(thumb).to_be_visible(timeout=WAIT_MS)
    page.evaluate(THUMB_HISTORY)
    day = lambda text: datetime.strptime(text, "%d %b %Y").date()  # noqa: E731
    target = date(2024, 12, 22)  # from 17 December, a day per key
    while (shown := day(thumb.get_attribute("aria-valuetext"))) < target:
        thumb.focus()
        page.keyboard.press("ArrowRight")
        # this press taken (a press into a slider being redrawn may be lost: pressed again)
        try:
            expect(thumb).not_to_have_attribute("aria-valuetext", shown.strftime("%d %b %Y").lstrip("0"),
                                                timeout=10_000)
        except AssertionError:
            continue
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=WAIT_MS)
    wait_until_quiet(page, record)
    seen = [day(v) for v in page.evaluate("() => window.__thumb")]
    assert seen == sorted(set(seen)) and seen[-1] == target, seen  # never a step back
    expect(page.get_by_role("textbox", name="From", exact=True)).to_have_value("2024-12-22")
    expect(page.get_by_text(re.compile(r"^5 of 8 claims · "))).to_be_visible(timeout=WAIT_MS)
