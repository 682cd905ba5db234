"""docs/screenshot.png from a real run: the page on a fresh store it seeds itself, in headless Chromium.

    .venv/bin/python scripts/screenshot.py [OUT]      (default docs/screenshot.png)

Kyiv is selected, so the panel shows its event with each side's claims side by side, and the
viewport is tall enough to show the Events view below the map and the timeline. Every request
that would leave the machine is blocked, as in the browser tests (whose helpers it uses).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, LAUNCH_ARGS, _start, _stop, click_centre, open_page, stable_box  # noqa: E402

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
KYIV = "div.claim-marker.place-gn-703448"
VIEWPORT = {"width": 1600, "height": 2000}
WAIT_MS = 180_000


def shoot(out: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with tempfile.TemporaryDirectory(prefix="screenshot-") as tmp:
        server = _start(Path(tmp) / "claims.db")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
                context, page, record = open_page(browser, server.url)
                page.set_viewport_size(VIEWPORT)
                frame = page.frame_locator(MAP_FRAME)
                expect(frame.locator(KYIV)).to_have_count(1, timeout=WAIT_MS)
                click_centre(page, frame.locator(KYIV))
                expect(page.locator('div.claims-panel section.event[data-disagree="1"]').first).to_be_visible(
                    timeout=WAIT_MS)
                events = page.locator("div.events-view section.event").first
                expect(events).to_be_visible(timeout=WAIT_MS)
                expect(frame.locator("path.country-border").first).to_be_attached(timeout=WAIT_MS)
                page.mouse.move(VIEWPORT["width"] - 5, 5)  # no tooltip over the map
                expect(frame.locator(".leaflet-tooltip")).to_have_count(0, timeout=WAIT_MS)
                stable_box(page, events)
                stable_box(page, frame.locator(KYIV))
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out))
                context.close()
                browser.close()
            if record.blocked or record.errors:
                raise SystemExit(f"not saved cleanly: blocked {record.blocked}, errors {record.errors}")
        finally:
            _stop(server)
    print(f"wrote {out}")


if __name__ == "__main__":
    shoot(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png")
