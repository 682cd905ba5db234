"""The claims table in a person's words: headers, sides, place names, empty cells left empty.

The rows stay in the view's order (a selected row position maps back to its
claim), only what is shown changes.
"""
from __future__ import annotations

from typing import Callable

import pandas as pd

from .palette import SIDE_LABELS

# view column -> header a reader sees
HEADERS: dict[str, str] = {
    "claim_date": "Said on",
    "event_date": "Happened on",
    "side": "Speaker's side",
    "speaker": "Speaker",
    "speaker_role": "Role",
    "cue": "Verb",
    "text": "Claim",
    "places": "Places",
    "outlet": "Outlet",
    "outlet_side": "Outlet's side",
    "published": "Published",
    "title": "Article",
}


def _blank(value: object) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def readable_table(view: pd.DataFrame, place_name: Callable[[str], str],
                   title_of: Callable[[dict], str] | None = None) -> pd.DataFrame:
    """The view as the table shows it: one row per claim, same order, words not codes."""
    rows = view.to_dict("records")
    events = [_blank(r.get("event_date")) + (f" – {r['event_date_end']}" if _blank(r.get("event_date_end"))
                                             and r.get("event_date_end") != r.get("event_date") else "")
              for r in rows]
    out = pd.DataFrame({
        "claim_date": [_blank(r.get("claim_date")) for r in rows],
        "event_date": events,
        "side": [SIDE_LABELS.get(_blank(r.get("side")), _blank(r.get("side"))) for r in rows],
        "speaker": [_blank(r.get("speaker")) for r in rows],
        "speaker_role": [_blank(r.get("speaker_role")) for r in rows],
        "cue": [_blank(r.get("cue")) for r in rows],
        "text": [_blank(r.get("text")) for r in rows],
        "places": ["; ".join(place_name(p) for p in r.get("place_ids") or []) if isinstance(r.get("place_ids"), list)
                   else "" for r in rows],
        "outlet": [_blank(r.get("outlet")) for r in rows],
        "outlet_side": [SIDE_LABELS.get(_blank(r.get("outlet_side")), _blank(r.get("outlet_side"))) for r in rows],
        "published": [_blank(r.get("published")) for r in rows],
        "title": [title_of(r) if title_of else _blank(r.get("title")) for r in rows],
    })
    return out.rename(columns=HEADERS)
