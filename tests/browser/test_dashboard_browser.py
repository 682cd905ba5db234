"""The page in a real headless Chromium, with every non-local request blocked."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.browser.conftest import (MAP_VIEW, click_centre, open_page, pick_option, save_screenshot, stable_box,
                                    wait_until_quiet)

pytestmark = pytest.mark.timeout(240)
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
WAIT_MS = 60_000


def _markers(page, selector: str = "div.claim-marker"):
    return page.frame_locator(MAP_FRAME).locator(selector)


def _panel(page):
    return page.locator("div.claims-panel")


def test_map_draws_offline_with_borders_and_markers(fixture_page):
    from playwright.sync_api import expect

    page, record = fixture_page
    markers = _markers(page)
    expect(markers).to_have_count(5, timeout=WAIT_MS)
    # Country borders are drawn from shipped data (non-interactive paths, fetched from the app's own
    # static folder), no tiles.
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.country-border").nth(100)).to_be_attached(timeout=WAIT_MS)
    assert frame.locator("path.country-border.leaflet-interactive").count() == 0
    assert frame.locator("img.leaflet-tile").count() == 0
    expect(frame.locator(".claims-legend")).to_contain_text("contested")
    assert frame.locator("div.contested").count() == 1  # Kyiv: Russia and Ukraine about one event
    save_screenshot(page, "fixture_map.png")


def test_region_borders_are_drawn_under_the_markers(fixture_page):
    """Thin non-interactive region paths in the overlay pane; markers above; a click still selects."""
    from playwright.sync_api import expect

    page, _ = fixture_page
    frame = page.frame_locator(MAP_FRAME)
    expect(_markers(page)).to_have_count(5, timeout=WAIT_MS)
    regions = frame.locator("path.region-border")
    # Each country's regions arrive in their own fetch: wait until Ukraine's and Poland's
    # could all be there, not only the first country's.
    expect(regions.nth(27 + 16 - 1)).to_be_attached(timeout=WAIT_MS)
    assert regions.count() >= 27 + 16  # Ukraine's and Poland's regions at least
    info = regions.first.evaluate(
        "el => ({pe: getComputedStyle(el).pointerEvents, cls: el.getAttribute('class'),"
        " width: el.getAttribute('stroke-width'), fill: el.getAttribute('fill'),"
        " pane: el.closest('.leaflet-pane:not(.leaflet-map-pane)').className})")
    assert info["pe"] == "none" and "leaflet-interactive" not in info["cls"], info
    assert float(info["width"]) < 1 and info["fill"] == "none" and "overlay-pane" in info["pane"], info
    kyiv = _markers(page, "div.place-gn-703448")
    assert "leaflet-marker-pane" in kyiv.evaluate("el => el.parentElement.className")
    click_centre(page, kyiv)
    expect(_panel(page)).to_have_attribute("data-place-id", "gn:703448", timeout=WAIT_MS)
    assert page.locator(MAP_FRAME).count() == 1


def test_marker_with_two_sides_shows_both_colours(fixture_page):
    """Kyiv has one Russian and one Ukrainian claim: its pie shows red and blue, with a dashed ring."""
    from PIL import Image
    from playwright.sync_api import expect

    page, _ = fixture_page
    kyiv = _markers(page, "div.place-gn-703448.contested")
    expect(kyiv).to_have_count(1, timeout=WAIT_MS)
    style = kyiv.evaluate("el => { const s = getComputedStyle(el);"
                          " return [s.backgroundImage, s.borderTopStyle, s.borderTopLeftRadius]; }")
    assert "conic-gradient" in style[0] and "214, 39, 40" in style[0] and "31, 95, 191" in style[0], style
    assert style[1] == "dashed" and style[2] == "50%", style
    warsaw = _markers(page, "div.place-gn-756135")
    assert warsaw.evaluate("el => getComputedStyle(el).backgroundImage") == "none"
    # What is painted, not only what is styled: both hues are on screen inside the marker.
    stable_box(page, kyiv)
    shot = Path(save_screenshot(page, "fixture_kyiv_marker.png").parent / "kyiv_marker_only.png")
    kyiv.screenshot(path=str(shot))
    pixels = list(Image.open(shot).convert("RGB").getdata())

    def near(rgb, target):
        return sum(abs(a - b) for a, b in zip(rgb, target)) < 90

    assert sum(near(px, (214, 39, 40)) for px in pixels) > 10
    assert sum(near(px, (31, 95, 191)) for px in pixels) > 10


def test_pan_and_zoom_do_not_rerun_and_filters_keep_the_view(fixture_page):
    from playwright.sync_api import expect

    page, record = fixture_page
    expect(_markers(page)).to_have_count(5, timeout=WAIT_MS)
    container = page.frame_locator(MAP_FRAME).locator(".leaflet-container")
    wait_until_quiet(page, record)
    start = container.evaluate(MAP_VIEW)
    sent = len(record.sent)
    # A person drags the map and zooms with the wheel.
    box = stable_box(page, page.locator(MAP_FRAME))
    x, y = box["x"] + box["width"] * 0.45, box["y"] + box["height"] - 90
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y - 40, steps=8)
    page.mouse.move(x + 120, y - 80, steps=8)
    page.mouse.up()
    page.mouse.wheel(0, -240)
    expect(page.frame_locator(MAP_FRAME).locator(".leaflet-container")).to_be_visible()
    wait_until_quiet(page, record)
    moved = container.evaluate(MAP_VIEW)
    assert moved != start, "the drag and the wheel did not move the map"
    assert len(record.sent) == sent, "panning or zooming sent a message to the server (a rerun)"
    # A filter reruns the script and redraws the markers; the view stays where the user left it.
    pick_option(page, "Speaker side", "West")
    expect(_markers(page)).to_have_count(1, timeout=WAIT_MS)
    assert len(record.sent) > sent
    wait_until_quiet(page, record)
    after = container.evaluate(MAP_VIEW)
    assert after[2] == moved[2] and abs(after[0] - moved[0]) < 1e-6 and abs(after[1] - moved[1]) < 1e-6, \
        (moved, after)
    assert page.locator(MAP_FRAME).count() == 1


def test_side_filter_changes_marker_count(fixture_page):
    from playwright.sync_api import expect

    page, _ = fixture_page
    expect(_markers(page)).to_have_count(5, timeout=WAIT_MS)
    pick_option(page, "Speaker side", "West")
    expect(_markers(page)).to_have_count(1, timeout=WAIT_MS)
    expect(_markers(page, "div.side-west")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"[?&]side=west"), timeout=WAIT_MS)


def test_click_marker_opens_panel_with_highlighted_claim(fixture_page):
    from playwright.sync_api import expect

    page, _ = fixture_page
    west = _markers(page, "div.side-west")
    expect(west).to_have_count(1, timeout=WAIT_MS)
    click_centre(page, west)
    panel = _panel(page)
    expect(panel).to_contain_text("allies in Warsaw agreed to send more air defence systems", timeout=WAIT_MS)
    expect(panel.locator("mark")).to_have_text("allies in Warsaw agreed to send more air defence systems")
    expect(panel).to_contain_text("NATO spokesperson")
    expect(page).to_have_url(re.compile(r"[?&]place=gn"), timeout=WAIT_MS)
    save_screenshot(page, "fixture_panel.png")
    # Clear, then click the same marker again: it is selected again.
    page.get_by_role("button", name="Clear selection").click()
    expect(panel).to_have_count(0, timeout=WAIT_MS)
    click_centre(page, west)
    expect(panel).to_contain_text("allies in Warsaw agreed", timeout=WAIT_MS)


def test_hostile_text_is_shown_not_run(fixture_page):
    from playwright.sync_api import expect

    page, _ = fixture_page
    hostile = _markers(page, "div.place-x-evil")
    expect(hostile).to_have_count(1, timeout=WAIT_MS)
    click_centre(page, hostile)
    panel = _panel(page)
    expect(panel).to_contain_text("<script>alert(1)</script>", timeout=WAIT_MS)
    expect(panel).to_contain_text("<img src=x onerror=alert(1)>")
    assert panel.locator("script, img").count() == 0


def test_csv_download_holds_the_filtered_rows(fixture_page):
    from playwright.sync_api import expect

    page, _ = fixture_page
    expect(_markers(page)).to_have_count(5, timeout=WAIT_MS)
    with page.expect_download(timeout=WAIT_MS) as info:
        page.get_by_role("button", name="Download CSV").click()
    data = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert {r["claim_id"] for r in rows} == {"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"}
    formula = next(r for r in rows if r["claim_id"] == "c8")
    assert formula["text"].startswith("'=HYPERLINK")
    assert formula["outlet"].startswith("'=HYPERLINK")


def test_table_row_selects_its_place(fixture_page, fixture_server):
    from playwright.sync_api import expect

    from geo.store_pg import open_store

    page, _ = fixture_page
    expect(_markers(page)).to_have_count(5, timeout=WAIT_MS)
    store = open_store(str(fixture_server.store_path))
    order = list(store.claims_frame()["claim_id"])
    store.close()
    position = order.index("c5")  # the claim at Warsaw
    grid = page.locator('[data-testid="stDataFrame"]')
    grid.scroll_into_view_if_needed()
    box = stable_box(page, grid)
    row_height = 35  # Streamlit's default row height; the header is one row
    page.mouse.click(box["x"] + 18, box["y"] + row_height * (position + 1) + row_height / 2)
    expect(_panel(page)).to_have_attribute("data-place-id", "gn:756135", timeout=WAIT_MS)


def test_online_tiles_only_when_switched_on(browser, fixture_server):
    """Off by default (no request leaves); switched on, the map asks OSM for tiles (blocked here)."""
    from playwright.sync_api import expect

    context, page, record = open_page(browser, fixture_server.url)
    try:
        expect(_markers(page)).to_have_count(5, timeout=WAIT_MS)
        assert record.blocked == []
        with page.expect_request(lambda r: "tile.openstreetmap.org" in r.url, timeout=WAIT_MS):
            page.get_by_text("Online map tiles (OpenStreetMap)").click()
        expect(_markers(page)).to_have_count(5, timeout=WAIT_MS)
    finally:
        context.close()
    assert record.blocked, "no tile was requested"
    assert all("tile.openstreetmap.org" in url for url in record.blocked), record.blocked


@pytest.fixture(scope="module")
def many_places_server(tmp_path_factory, chromium_path):
    """More places than the clustering threshold (synthetic, spread over a region)."""
    from datetime import date

    from geo import mapview
    from geo.models import Article, Claim, Mention, Place
    from geo.store import Store
    from tests.browser.conftest import _start, _stop

    n = mapview.CLUSTER_THRESHOLD + 50
    path = tmp_path_factory.mktemp("many_places") / "claims.db"
    store = Store(path)
    text = "Many places\n" + "\n".join(f"Someone said item {i} happened." for i in range(n)) + "\n"
    art = Article("many", "many.txt", text, 0, len(text) - 1, "Many places", "Wire", "unknown", date(2024, 3, 1))
    places, claims = [], []
    for i in range(n):
        line = f"Someone said item {i} happened."
        s = text.index(line)
        places.append(Place(f"t:{i}", f"Town {i}", 45 + (i % 25) * 0.4, 22 + (i // 25) * 1.1, "XX", "city", 1.0,
                            [Mention("many", s, s + 4, text[s:s + 4])]))
        claims.append(Claim(f"m{i}", "many", s, s + len(line), line, "Someone", side=("russia", "ukraine")[i % 2],
                            place_ids=[f"t:{i}"]))
    store.save_article(art, places, claims)
    store.close()
    server = _start(path)
    yield server
    _stop(server)


def test_many_places_are_clustered_offline(browser, many_places_server):
    from playwright.sync_api import expect

    context, page, record = open_page(browser, many_places_server.url)
    try:
        frame = page.frame_locator(MAP_FRAME)
        clusters = frame.locator(".marker-cluster")
        expect(clusters.first).to_be_visible(timeout=WAIT_MS)
        assert clusters.count() < 100
        # Zoomed in past the clustering limit, a clustered marker is a marker: clicking it opens the panel.
        frame.locator(".leaflet-container").evaluate("() => window.map.setView([45.0, 22.0], 11, {animate: false})")
        town = frame.locator("div.place-t-0")
        expect(town).to_have_count(1, timeout=WAIT_MS)
        click_centre(page, town)
        expect(_panel(page)).to_contain_text("Someone said item 0 happened.", timeout=WAIT_MS)
    finally:
        context.close()
    assert record.blocked == [] and record.errors == [], (record.blocked, record.errors)
