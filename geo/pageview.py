"""One filtered view of the store, as the page draws it, answered by the store.

The page used to load every claim into pandas and filter there
(``geo.filters.apply_filters``, still the reference in tests). Here each part
of the page asks the store only what it shows: counts per side and per day,
claims per place and side for the map, the events' counts, and pages of
claims for the table, the panel and the events. Results are kept on the object
(one per store state and filters), so a rerun that changes no filter asks nothing.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

import pandas as pd

from datetime import date

from . import articleview, events, mapview, storeview, summary, timewindow
from .filters import FilterOptions, FilterState
from .models import SIDES
from .nesting import region_parents
from .filtersql import FactsSql, ViewSql, facts_sql, view_sql

TABLE_ROWS = 1000  # the table lists the newest this many claims of the view


@dataclass
class PageView:
    """The view of ``state`` over ``store``; ``places`` and ``parents`` are the store's places
    (a few thousand rows) and which towns lie in which region."""

    store: object
    state: FilterState
    places: pd.DataFrame
    parents: dict[str, str]
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _memo: dict = field(default_factory=dict, repr=False)

    def _kept(self, key: tuple, ask):
        """The answer to ``key``, asked once (a rerun on the same filters redraws from it)."""
        with self._lock:
            if key not in self._memo:
                if len(self._memo) > 256:
                    self._memo.clear()
                self._memo[key] = ask()
            return self._memo[key]

    @cached_property
    def _base(self) -> ViewSql:
        return view_sql(self.state.with_(contested_only=False), self.store.dialect)

    def _facts_of(self, state: FilterState, contested: set[str] | None = None) -> FactsSql | None:
        """The store's facts for ``state`` (schema 5), None when a filter needs the claims."""
        return facts_sql(state, self.store.dialect, contested)

    def _counts(self, vs: ViewSql, fs: FactsSql | None,
                facts: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
        """What the events are grouped from (storeview.event_counts), from the facts when they answer."""
        if fs is None:
            return storeview.event_counts(self.store, vs)
        facts = storeview.link_facts(self.store, fs) if facts is None else facts
        return storeview.facts_event_counts(self.store, fs, facts, self.parents)

    @cached_property
    def _base_counts(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The event counts of the view without "contested only"."""
        if not self.state.contested_only:
            return self._counts(self._base, self._facts, self._link_facts)
        return self._counts(self._base, self._facts_of(self.state.with_(contested_only=False)))

    @cached_property
    def _scoped(self) -> tuple[ViewSql, FactsSql | None, tuple[pd.DataFrame, pd.DataFrame]]:
        """The view's SQL (and facts) and its event counts; "contested only" keeps the places where
        the sides disagree in the view without it, then groups what is left again (as apply_filters does)."""
        with self._lock:
            if not self.state.contested_only:
                return self._base, self._facts_of(self.state), self._base_counts
            contested = events.contested_from_counts(*self._base_counts)
            vs = view_sql(self.state, self.store.dialect, contested)
            fs = self._facts_of(self.state, contested)
            return vs, fs, self._counts(vs, fs)

    @cached_property
    def contested_places(self) -> set[str]:
        """The places of the view's events where the sides disagree: the map's rings, without
        building the events' table (the events view below the map builds it)."""
        return events.contested_from_counts(*self._scoped[2])

    @cached_property
    def _facts(self) -> FactsSql | None:
        """The facts of the view (with "contested only", of the view's contested places)."""
        if self.state.contested_only:
            return self._scoped[1]
        return self._facts_of(self.state)

    @cached_property
    def _link_facts(self) -> pd.DataFrame | None:
        """Links in view per (place, day, side, denial), read once for the map and the events."""
        fs = self._facts
        return storeview.link_facts(self.store, fs) if fs is not None else None

    @cached_property
    def _claim_days(self) -> pd.DataFrame | None:
        """Claims in view per ("when" day, side), when the facts answer claim counts: a condition
        on places keeps a claim by its links, which only the claims query knows."""
        fs = self._facts
        return storeview.facts_claim_days(self.store, fs) if fs is not None and not fs.restricted else None

    @property
    def sql(self) -> ViewSql:
        """The view's SQL; the events are grouped for it only under "contested only" (the map's
        counts, the side cards and the table of a view need no events)."""
        return self._scoped[0] if self.state.contested_only else self._base

    @cached_property
    def events(self) -> events.Events:
        with self._lock:
            return events.from_counts(*self._scoped[2])

    @cached_property
    def side_counts(self) -> dict[str, int]:
        days = self._claim_days
        if days is None:
            return storeview.side_counts(self.store, self.sql)
        got = days.groupby("side")["n"].sum() if len(days) else {}
        return {s: int(got.get(s, 0)) for s in SIDES}

    @property
    def total(self) -> int:
        return sum(self.side_counts.values())

    @cached_property
    def n_unplaced(self) -> int:
        if self.sql.restricted:
            return 0
        if self._claim_days is not None and self._link_facts is not None:
            return self.total - int(self._link_facts["n_first"].astype("int64").sum())
        return storeview.count(self.store, self.sql, (storeview.unplaced(None), ()))

    def unplaced(self, limit: int = TABLE_ROWS) -> pd.DataFrame:
        return self._kept(("unplaced", limit), lambda: self._titled(
            storeview.claims(self.store, self.sql, (storeview.unplaced(None), ()), limit=limit)))

    @cached_property
    def _place_sides(self) -> pd.DataFrame:
        if self.sql.everything:  # one covering index, no day: the facts are not read for it
            return storeview.place_side_counts(self.store, self.sql)
        facts = self._link_facts
        if facts is None:
            return storeview.place_side_counts(self.store, self.sql)
        return facts.assign(n=facts["n"].astype("int64")).groupby(["place_id", "side"], as_index=False)["n"].sum()

    def aggregate(self, include_uncited: bool = False, contested: bool = True) -> pd.DataFrame:
        """The map's rows (mapview.AGG_COLUMNS), contested as the events in view say; without
        ``contested`` (the map's first frame needs only where the claims are) no events are grouped."""
        return mapview.aggregate_from_sides(self._place_sides, self.places, include_uncited,
                                            contested=self.contested_places if contested else None)

    @cached_property
    def timeline(self) -> pd.DataFrame:
        days = self._claim_days
        if days is not None and self.state.date_field == "when":
            return summary.timeline_from_counts(days[days["day"].notna()])
        return summary.timeline_from_counts(storeview.day_side_counts(self.store, self.sql, self.state.date_field))

    def table(self, limit: int = TABLE_ROWS) -> pd.DataFrame:
        """The newest ``limit`` claims of the view, in the table's order."""
        return self._kept(("table", limit), lambda: self._titled(storeview.claims(self.store, self.sql, limit=limit)))

    def chunks(self, size: int = 5000) -> Iterator[pd.DataFrame]:
        """The whole view a chunk at a time (exports)."""
        return storeview.claim_chunks(self.store, self.sql, size)

    def _at(self, place_id: str) -> tuple[str, tuple]:
        return storeview.at_places(self.store.dialect, self.sql, [place_id])

    def place_total(self, place_id: str) -> int:
        return sum(self.place_sides(place_id).values())

    def place_sides(self, place_id: str) -> dict[str, int]:
        return self._kept(("place_sides", place_id),
                          lambda: storeview.side_counts(self.store, self.sql, self._at(place_id)))

    def at_place(self, place_id: str, limit: int | None = TABLE_ROWS) -> pd.DataFrame:
        """A place's claims in view, newest first (filters.claims_at_place's order)."""
        return self._kept(("at_place", place_id, limit), lambda: self._titled(
            storeview.claims(self.store, self.sql, self._at(place_id), storeview.PLACE_ORDER, limit=limit)))

    def event_claims(self, event: dict, place_id: str | None = None) -> pd.DataFrame:
        """One event's claims in view (only those at ``place_id`` when given), newest first."""
        d = self.store.dialect
        where, params = storeview.at_places_on_days(d, self.sql, [place_id] if place_id else list(event["place_ids"]),
                                                    event["start"], event["end"])
        days, more = storeview.event_days(d, event["start"], event["end"])
        return self._kept(("event", event["event_id"], place_id), lambda: self._titled(
            storeview.claims(self.store, self.sql, (f"{where} AND {days}", params + more), storeview.EVENT_ORDER)))

    def panel_events(self, place_id: str, limit: int) -> list[tuple[dict, pd.DataFrame]]:
        """The place's events, newest first, each with its claims at the place, until at least
        ``limit`` claims are shown (a whole event at a time)."""
        out, shown = [], 0
        for event in self.events.at_place(place_id).to_dict("records"):
            if shown >= limit:
                break
            rows = self.event_claims(event, place_id)
            if len(rows):
                out.append((event, rows))
                shown += len(rows)
        return out

    def _titled(self, claims: pd.DataFrame) -> pd.DataFrame:
        """With ``display_title`` (the headline, else the story's first words) for these rows only."""
        return articleview.with_display_titles(claims, storeview.leads(self.store, list(claims["article_id"])))


def article_claims(store, article_id: str) -> pd.DataFrame:
    """Every claim of one article (the article view), whatever the filters."""
    claims = storeview.article_claims(store, article_id)
    return articleview.with_display_titles(claims, storeview.leads(store, [article_id]))


def store_basics(store) -> tuple[pd.DataFrame, FilterOptions, dict[str, str]]:
    """The places (with their mention counts), what the filters offer, and which towns lie in
    which region; the store is told the regions too, to group events in SQL."""
    places = store.places_frame()
    parents = region_parents(places)
    store.set_scenes(parents)
    precisions = sorted({str(v) for v in places["precision"].dropna() if str(v).strip()}, key=str.casefold) \
        if len(places) else []
    return places, storeview.options(store, precisions), parents


def dense_window(store, date_field: str) -> tuple[date, date] | None:
    """The default time window on a date field (timewindow.dense_window), from the store's day counts."""
    days = storeview.day_counts(store, date_field)
    return timewindow.dense_window_counts(days["day"], days["n"]) if len(days) else None
