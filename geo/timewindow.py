"""The time window: where it starts (the dense part of the data), how it steps, what a typed date is.

One claim about production in 1944 must not stretch the window over eighty
years and hide the weeks the articles are about: the default window is the
shortest span holding most dated claims, and the slider's ends leave out the
farthest outliers (a typed date can still reach them).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

DENSE_SHARE = 0.9  # the default window holds at least this share of the dated claims
NEAR = timedelta(days=14)
BOUNDS_PAD = timedelta(days=3)
STEPS: dict[str, timedelta] = {"day": timedelta(days=1), "week": timedelta(days=7)}


def _sorted_days(days: pd.Series) -> list[date]:
    clean = pd.to_datetime(days, errors="coerce").dropna().dt.normalize().sort_values()
    return [d.date() for d in clean]


def dense_window(days: pd.Series, share: float = DENSE_SHARE) -> tuple[date, date] | None:
    """Where the dated values are: the shortest span holding ``share`` of them, widened to
    every value that is not far off (within half that span, or two weeks, of its ends).

    Evenly spread dates are all kept; a lone claim decades away is not. None if no dates.
    """
    return _dense(_sorted_days(days), share)


def dense_window_counts(days: pd.Series, counts: pd.Series, share: float = DENSE_SHARE) -> tuple[date, date] | None:
    """``dense_window`` over days counted by the store (day, how many claims), without a
    value per claim: the same window, worked out on day ordinals."""
    clean = pd.DataFrame({"day": pd.to_datetime(days, errors="coerce"), "n": counts}).dropna()
    if clean.empty:
        return None
    clean = clean.assign(day=clean["day"].dt.normalize()).groupby("day")["n"].sum().sort_index()
    ordinals = np.repeat(np.array([d.toordinal() for d in clean.index.date], dtype=np.int64),
                         clean.to_numpy(dtype=np.int64))
    k = max(1, math.ceil(share * len(ordinals)))
    spans = ordinals[k - 1:] - ordinals[:len(ordinals) - k + 1]
    best = int(np.flatnonzero(spans == spans.min())[-1])  # the latest of the shortest, as in _dense
    distinct = [date.fromordinal(int(v)) for v in np.unique(ordinals)]
    lo, hi = distinct.index(date.fromordinal(int(ordinals[best]))), \
        distinct.index(date.fromordinal(int(ordinals[best + k - 1])))
    return _widen(distinct, lo, hi)


def _dense(values: list[date], share: float) -> tuple[date, date] | None:
    if not values:
        return None
    k = max(1, math.ceil(share * len(values)))
    best = min(range(len(values) - k + 1), key=lambda i: (values[i + k - 1] - values[i], -i))
    return _widen(values, best, best + k - 1)


def _widen(values: list[date], lo: int, hi: int) -> tuple[date, date]:
    """The window widened over every value not far off its ends (gaps up to half its span)."""
    reach = max((values[hi] - values[lo]) / 2, NEAR)
    while lo > 0 and values[lo] - values[lo - 1] <= reach:
        lo -= 1
    while hi < len(values) - 1 and values[hi + 1] - values[hi] <= reach:
        hi += 1
    return values[lo], values[hi]


def slider_bounds(window: tuple[date, date] | None, chosen: tuple[date, date] | None = None
                  ) -> tuple[date, date] | None:
    """The slider's ends: the dense window with a margin (5% of its width, at least three days),
    widened to hold the chosen window (a typed date may reach an outlier)."""
    if window is None and chosen is None:
        return None
    ends = [d for pair in (window, chosen) if pair for d in pair]
    lo, hi = min(ends), max(ends)
    if window:
        pad = max(BOUNDS_PAD, (window[1] - window[0]) / 20)
        lo, hi = min(lo, window[0] - pad), max(hi, window[1] + pad)
    return lo, hi


def step(window: tuple[date, date], unit: str, direction: int) -> tuple[date, date]:
    """The next (direction 1) or previous (-1) day or week: a wider window first shrinks to
    one step at its start (forward) or end (backward), then moves a step at a time."""
    size = STEPS.get(unit, STEPS["day"])
    lo, hi = window
    if hi - lo != size - timedelta(days=1):
        return (lo, lo + size - timedelta(days=1)) if direction > 0 else (hi - size + timedelta(days=1), hi)
    shift = size if direction > 0 else -size
    return lo + shift, hi + shift


def parse_day(text: str | None) -> date | None:
    """A typed date ("2024-12-25", "25 Dec 2024", "12/25/2024"), or None when it is not one."""
    if not text or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        pass
    parsed = pd.to_datetime(text.strip(), errors="coerce", dayfirst=False)
    return None if pd.isna(parsed) else parsed.date()


def date_field_key(end: str, day: date) -> str:
    """A typed-date field is keyed by the day it shows: a window moved elsewhere (slider, steps,
    timeline) draws a new field showing the new day, and nothing is written into a drawn one."""
    return f"f_{end}_{day.isoformat()}"


@dataclass
class TypedDates:
    """Tells a date the reader typed from one the browser merely sent back.

    Why: a browser keeps every field it was sent until it hears a run of the page finish, and
    sends their values with each request meanwhile. A field of an earlier window (keyed by the
    day it showed) therefore comes back after a run that no longer drew it, and Streamlit, which
    dropped that field's state when that run finished, takes its value for a new one and calls
    its callback: the window went back to the old day, and the slider with it (issue 15). So a
    value counts only if it is not the day its field was drawn showing and the page has not
    acted on that value in that field yet.
    """

    acted_on: set[tuple[str, str]] = field(default_factory=set)

    def drawn(self, key: str) -> None:
        """A run draws the field ``key`` afresh: what was typed in it before is no longer in it."""
        self.acted_on = {(k, v) for k, v in self.acted_on if k != key}

    def take(self, key: str, raw: str | None, shown: date) -> bool:
        """True (once) when ``raw`` in the field ``key``, drawn showing ``shown``, was typed."""
        text = (raw or "").strip()
        if parse_day(text) == shown or (key, text) in self.acted_on:
            return False
        self.acted_on.add((key, text))
        return True


def from_epoch_ms(value: object) -> date | None:
    """A Vega-Lite selection end (epoch milliseconds or an ISO string) as a day."""
    try:
        if isinstance(value, (int, float)):
            return pd.Timestamp(int(value), unit="ms").date()
        return pd.Timestamp(str(value)).date()
    except (ValueError, TypeError, OverflowError):
        return None


def brushed_span(chart_state: object, param: str = "span") -> tuple[date, date] | None:
    """The days a reader dragged across on the timeline (Streamlit's selection state), or None."""
    try:
        selection = chart_state["selection"][param]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    if not isinstance(selection, dict) or not selection:
        return None
    ends = next(iter(selection.values()))
    if not isinstance(ends, (list, tuple)) or len(ends) != 2:
        return None
    lo, hi = from_epoch_ms(ends[0]), from_epoch_ms(ends[1])
    return (min(lo, hi), max(lo, hi)) if lo and hi else None
