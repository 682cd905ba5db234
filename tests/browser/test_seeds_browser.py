"""The real seeds, ingested by the page itself into an empty store, in Chromium.

Expected claims are read from the store the page filled, never hard-coded,
so this test holds for whatever the pipeline extracts.
"""
from __future__ import annotations

import pytest

from geo import mapview
from geo.filters import claims_at_place
from geo.store import Store
from tests.browser.conftest import click_centre, open_page, save_screenshot

pytestmark = pytest.mark.timeout(300)
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
INGEST_MS = 180_000
# Counts map iframes whenever the page changes and keeps the most seen at once: a map
# mounted twice (even for the moment a rerun takes) is caught, not only when a locator trips on it.
WATCH_MAPS = """() => { window.__maxMaps = 0;
    const count = () => { window.__maxMaps = Math.max(window.__maxMaps,
        document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]').length); };
    new MutationObserver(count).observe(document.body, {childList: true, subtree: true}); count(); }"""
TOPMOST = """el => { const b = el.getBoundingClientRect();
                     return document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2) === el; }"""


def test_seeds_map_click_reads_a_real_claim(browser, seed_server):
    from playwright.sync_api import expect

    context, page, record = open_page(browser, seed_server.url)
    try:
        page.evaluate(WATCH_MAPS)  # the page is still ingesting the seeds: no map yet
        # The page ingests seeds/ before drawing; the caption appears once it has.
        expect(page.get_by_text("claims ·", exact=False).first).to_be_visible(timeout=INGEST_MS)
        store = Store(seed_server.store_path)
        claims, places = store.claims_frame(), store.places_frame()
        store.close()
        agg = mapview.aggregate_places(claims, places)
        if agg.empty:
            pytest.skip(f"the seed store has {len(places)} places and {len(claims)} claims but no claim "
                        "linked to a place yet (geoparser/claims stages not producing links)")
        markers = page.frame_locator(MAP_FRAME).locator("div.claim-marker")
        # Country-level places are drawn as the country's shaded outline, not as a marker.
        expect(markers).to_have_count(int((agg["precision"] != "country").sum()), timeout=60_000)
        countries = int((agg["precision"] == "country").sum())
        if countries:
            expect(page.frame_locator(MAP_FRAME).locator("path.country-shade")).not_to_have_count(0,
                                                                                                  timeout=60_000)

        # Click the busiest place whose marker is not covered by another one.
        target = None
        for row in agg.itertuples(index=False):
            loc = page.frame_locator(MAP_FRAME).locator(f"div.{mapview.place_class(row.place_id)}")
            if loc.count() == 1 and loc.element_handle().evaluate(TOPMOST):
                target = (row, loc)
                break
        assert target, "every marker is covered by another"
        row, loc = target
        click_centre(page, loc)

        expected = claims_at_place(claims, row.place_id).iloc[0]
        panel = page.locator("div.claims-panel")
        expect(panel).to_have_attribute("data-place-id", row.place_id, timeout=60_000)
        # The panel shows the place's claims event by event, each side in its own column:
        # the newest claim is among them, marked in its paragraph.
        expect(panel.locator("section.event").first).to_be_visible(timeout=60_000)
        expect(panel.locator("mark").first).to_be_visible()
        expect(panel).to_contain_text(" ".join(expected["text"].split()))
        # Region borders of the seeds' countries are drawn, and the map was never mounted twice.
        if mapview.region_codes(agg):
            expect(page.frame_locator(MAP_FRAME).locator("path.region-border").first).to_be_attached(
                timeout=60_000)
        assert page.locator(MAP_FRAME).count() == 1
        assert page.evaluate("window.__maxMaps") == 1, "the map was mounted twice"
        save_screenshot(page, "seeds_panel.png")  # docs/screenshot.png is a copy of a good one
    finally:
        context.close()
    assert record.blocked == [], f"requests left the machine: {record.blocked}"
    assert record.dialogs == [] and record.errors == [], (record.dialogs, record.errors)
