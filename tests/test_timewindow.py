"""The time window: its default on the dense part, slider ends, steps, typed dates, the brush."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from geo import timewindow


def _days(values: list[str]) -> pd.Series:
    return pd.Series(pd.to_datetime(values))


def test_the_default_window_leaves_out_a_far_outlier():
    days = _days(["1944-01-01"] + [f"2024-05-{d:02d}" for d in range(1, 29)] + ["2024-06-02"])
    assert timewindow.dense_window(days) == (date(2024, 5, 1), date(2024, 6, 2))


def test_evenly_spread_dates_are_all_kept():
    days = _days([(date(2024, 1, 1) + timedelta(days=i)).isoformat() for i in range(0, 120, 3)])
    assert timewindow.dense_window(days) == (date(2024, 1, 1), date(2024, 4, 27))  # the last of 40 dates


def test_no_dates_no_window():
    assert timewindow.dense_window(pd.Series([None, "x"])) is None
    assert timewindow.slider_bounds(None) is None


def test_slider_bounds_hold_the_window_and_a_typed_outlier():
    window = (date(2024, 5, 1), date(2024, 5, 31))
    lo, hi = timewindow.slider_bounds(window)
    assert lo < window[0] and hi > window[1] and (hi - lo).days < 40
    assert timewindow.slider_bounds(window, (date(1944, 1, 1), date(2024, 5, 3)))[0] == date(1944, 1, 1)


def test_steps_shrink_to_a_day_or_week_then_move():
    window = (date(2024, 5, 1), date(2024, 5, 31))
    week = timewindow.step(window, "week", 1)
    assert week == (date(2024, 5, 1), date(2024, 5, 7))
    assert timewindow.step(week, "week", 1) == (date(2024, 5, 8), date(2024, 5, 14))
    assert timewindow.step(week, "week", -1) == (date(2024, 4, 24), date(2024, 4, 30))
    assert timewindow.step(window, "day", -1) == (date(2024, 5, 31), date(2024, 5, 31))
    assert timewindow.step((date(2024, 5, 31),) * 2, "day", 1) == (date(2024, 6, 1),) * 2


def test_typed_dates():
    assert timewindow.parse_day("2024-12-25") == date(2024, 12, 25)
    assert timewindow.parse_day(" 25 Dec 2024 ") == date(2024, 12, 25)
    assert timewindow.parse_day("not a date") is None and timewindow.parse_day("") is None


def test_a_date_sent_back_is_told_from_a_typed_one():
    typed = timewindow.TypedDates()
    old, now = (timewindow.date_field_key("from", date(2024, 12, d)) for d in (17, 18))
    assert old == "f_from_2024-12-17"
    # the field of an earlier window, untouched, comes back with the day it showed: not typed
    assert not typed.take(old, "2024-12-17", date(2024, 12, 17))
    assert not typed.take(old, " 17 Dec 2024", date(2024, 12, 17))
    # typed (or garbage, which gets its message) once; the same value sent back again is not
    assert typed.take(now, "2024-12-20", date(2024, 12, 18))
    assert not typed.take(now, "2024-12-20", date(2024, 12, 18))
    assert typed.take(now, "soon", date(2024, 12, 18)) and not typed.take(now, "soon", date(2024, 12, 18))
    # a field drawn afresh under a name it had before: typing the same again counts again
    typed.drawn(old)
    assert not typed.take(now, "2024-12-20", date(2024, 12, 18))
    typed.drawn(now)
    assert typed.take(now, "2024-12-20", date(2024, 12, 18))


def test_the_timeline_brush_reads_back_as_days():
    start = pd.Timestamp("2024-05-02").value // 10**6
    end = pd.Timestamp("2024-05-09").value // 10**6
    state = {"selection": {"span": {"day": [end, start]}}}
    assert timewindow.brushed_span(state) == (date(2024, 5, 2), date(2024, 5, 9))
    assert timewindow.brushed_span({"selection": {"span": {}}}) is None
    assert timewindow.brushed_span(None) is None
    assert timewindow.brushed_span({"selection": {"span": {"day": ["2024-05-02", "2024-05-03"]}}}) == (
        date(2024, 5, 2), date(2024, 5, 3))
