"""Filter state <-> URL query string, so a view can be shared and reloaded.

Only values that differ from the defaults are written, and anything
malformed in a URL is ignored rather than trusted: a shared link is input.
"""
from __future__ import annotations

from datetime import date
from typing import Mapping, Sequence
from urllib.parse import urlencode

from .filters import DATE_FIELDS, FilterState
from .models import PRECISIONS, SIDES

MULTI_KEYS: dict[str, str] = {
    "side": "sides", "oside": "outlet_sides", "outlet": "outlets", "speaker": "speakers", "prec": "precisions",
}
MAX_VALUES = 200
MAX_LEN = 300


def to_query(state: FilterState, selected_place: str | None = None, article: str | None = None,
             all_dates: bool = False) -> dict[str, str | list[str]]:
    """The state as query parameters (lists for multi-valued keys).

    ``article`` is the article open in the article view; ``all_dates`` records that the
    reader switched the time window off (a link without dates opens on the dense part).
    """
    default = FilterState()
    q: dict[str, str | list[str]] = {}
    if state.date_field != default.date_field:
        q["date_on"] = state.date_field
    if state.date_from:
        q["from"] = state.date_from.isoformat()
    if state.date_to:
        q["to"] = state.date_to.isoformat()
    if not state.include_undated:
        q["undated"] = "0"
    for key, attr in MULTI_KEYS.items():
        values = getattr(state, attr)
        if values:
            q[key] = list(values)
    if state.text.strip():
        q["q"] = state.text.strip()
    if state.contested_only:
        q["contested"] = "1"
    if selected_place:
        q["place"] = selected_place
    if article:
        q["article"] = article
    if all_dates and not (state.date_from or state.date_to):
        q["dates"] = "all"
    return q


def _values(params: Mapping[str, Sequence[str] | str], key: str) -> list[str]:
    raw = params.get(key, [])
    values = [raw] if isinstance(raw, str) else list(raw)
    return [v[:MAX_LEN] for v in values if isinstance(v, str) and v.strip()][:MAX_VALUES]


def _first(params: Mapping[str, Sequence[str] | str], key: str) -> str | None:
    values = _values(params, key)
    return values[0] if values else None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def from_query(params: Mapping[str, Sequence[str] | str]) -> tuple[FilterState, str | None]:
    """Parse query parameters (each key -> list of values) into (state, selected place)."""
    date_field = _first(params, "date_on")
    multi: dict[str, tuple[str, ...]] = {}
    for key, attr in MULTI_KEYS.items():
        values = list(dict.fromkeys(_values(params, key)))
        if key in ("side", "oside"):
            values = [v for v in values if v in SIDES]
        elif key == "prec":
            values = [v for v in values if v in PRECISIONS]
        multi[attr] = tuple(values)
    date_from, date_to = _date(_first(params, "from")), _date(_first(params, "to"))
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    state = FilterState(
        date_field=date_field if date_field in DATE_FIELDS else FilterState().date_field,
        date_from=date_from,
        date_to=date_to,
        include_undated=_first(params, "undated") != "0",
        text=(_first(params, "q") or "").strip(),
        contested_only=_first(params, "contested") == "1",
        **multi,
    )
    return state, _first(params, "place")


def article_from_query(params: Mapping[str, Sequence[str] | str]) -> str | None:
    """The article a link opens in the article view, or None."""
    return _first(params, "article")


def claim_from_query(params: Mapping[str, Sequence[str] | str]) -> str | None:
    """The claim a link came from (marked in the article view), or None."""
    return _first(params, "claim")


def all_dates(params: Mapping[str, Sequence[str] | str]) -> bool:
    """Did the link say "no time window"?"""
    return _first(params, "dates") == "all"


def article_link(query: Mapping[str, str | list[str]], article_id: str, claim_id: str) -> str:
    """A relative link to the article view on the view ``query`` describes, so the article opens
    on the same filters (and the link can be shared); ``claim_id`` is marked in it."""
    return "?" + urlencode({**query, "article": article_id, "claim": claim_id}, doseq=True)
