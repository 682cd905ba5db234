"""geo.firstpaint: which run of a session stops below the map."""
from __future__ import annotations

from geo import firstpaint

BROWSER = {"Host": "127.0.0.1:8501", "User-Agent": "Chromium"}


def test_a_browser_sessions_first_run_stops_below_the_map_and_only_that_one():
    session: dict = {}
    assert firstpaint.map_only(session, BROWSER) is True
    assert firstpaint.map_only(session, BROWSER) is False
    assert firstpaint.map_only(session, BROWSER) is False


def test_a_session_without_a_browser_draws_everything_at_once():
    session: dict = {}
    assert firstpaint.map_only(session, {}) is False
    assert firstpaint.map_only(session, BROWSER) is False  # its first run is over: nothing to wait for
