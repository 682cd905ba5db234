"""A browser session's first run draws the map and its panel only, and the map's report the rest.

Why: on a busy 2-core machine, what the first run drew below the map (the timeline's chart, the
events, the claims table, the exports) kept the server and the browser busy while the browser was
still fetching the map's frame, Leaflet and the markers: most of the time to the first map
(bench/RESULTS.md, firstmap). The sidebar's widgets did the same: the browser fetches the code of
each kind of widget the first time one is drawn (the upload form's file picker, the date field,
the multiselects, the slider, ...), about a second on that machine, and the map's frame waited
behind it. The filters still apply on that run (their values are set before anything is drawn);
only their widgets come later. streamlit-folium reports the map's first view as soon as the map
is drawn, and that report reruns the page; the rerun draws everything. A session with no browser
behind it (Streamlit's AppTest: no request headers) gets no such report, so its first run draws
the whole page at once.
"""
from __future__ import annotations

from collections.abc import Mapping, MutableMapping

SEEN = "_first_paint_seen"  # set on a session's first run, before anything is drawn
LATER = "The filters, the timeline, the events and the claims table follow as soon as the map is drawn."


def map_only(session: MutableMapping, headers: Mapping[str, str]) -> bool:
    """True when this run should stop below the map: a browser session's first run.

    Marked seen at once, so the next run draws everything, however this one ends (a report or
    a click that interrupts it included): only one run of a session is ever cut short.
    """
    first = not session.get(SEEN)
    session[SEEN] = True
    return first and len(headers) > 0
