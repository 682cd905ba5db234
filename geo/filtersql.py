"""The dashboard's filters as parameterised SQL, for both store backends.

``geo.filters.apply_filters`` is the reference (pandas, over whole frames);
this module states the same rules as WHERE clauses so the store answers
them without the page ever holding every claim. A test runs both on many
filter combinations and asks for the same claims and place ids.

The view is two conditions: one on a claim (``claims k JOIN articles a``:
dates, outlet sides, outlets, speakers, search, speaker sides) and one on a
claim's link to a place (``claim_places cp JOIN places p``: precision, and
the contested places). When the second restricts anything, a claim stays
only if one of its links does, as in the pandas path. User text only ever
travels as a parameter.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from . import search_fold
from .filters import FilterState


@dataclass(frozen=True)
class Dialect:
    """What differs between SQLite and PostgreSQL in the view's SQL."""

    name: str  # "sqlite" | "postgresql"

    @property
    def mark(self) -> str:
        return "?" if self.name == "sqlite" else "%s"

    def marks(self, n: int) -> str:
        return ",".join([self.mark] * n)

    def date_param(self, day: date) -> object:
        """SQLite keeps dates as ISO text, PostgreSQL as DATE."""
        return day.isoformat() if self.name == "sqlite" else day

    def iso(self, expr: str) -> str:
        """A date expression as ISO text in a result row (frames look the same on both backends)."""
        return expr if self.name == "sqlite" else f"to_char({expr}, 'YYYY-MM-DD')"

    def member(self, column: str, values: list[str]) -> tuple[str, tuple]:
        """``column`` is one of ``values`` (any number of them, as one parameter)."""
        if self.name == "sqlite":
            return f"{column} IN (SELECT value FROM json_each({self.mark}))", (json.dumps(list(values)),)
        return f"{column} = ANY({self.mark})", (list(values),)

    def contains(self, column: str) -> str:
        """``column`` holds the parameter as a substring (literal, never a pattern)."""
        return f"instr({column}, {self.mark}) > 0" if self.name == "sqlite" else f"strpos({column}, {self.mark}) > 0"

    def concat(self, expr: str, order: str) -> str:
        """The values of ``expr`` joined by '|' (place id lists)."""
        if self.name == "sqlite":
            return f"group_concat({expr}, '|')"
        return f"string_agg({expr}, '|' ORDER BY {order})"

    @property
    def true(self) -> str:
        return "1=1"


SQLITE = Dialect("sqlite")
POSTGRESQL = Dialect("postgresql")

# "when" falls back to the day the claim was said; only an event date spans days.
_DAY_SPANS: dict[str, tuple[str, str]] = {
    "when": ("COALESCE(k.event_date, k.claim_date)", "COALESCE(k.event_date_end, k.event_date, k.claim_date)"),
    "event": ("k.event_date", "COALESCE(k.event_date_end, k.event_date)"),
    "claim": ("k.claim_date", "k.claim_date"),
    "published": ("a.published", "a.published"),
}
# The day an event groups a claim by (geo.events): event date, else said, else published.
EVENT_DAY = "COALESCE(k.event_date, k.claim_date, a.published)"


def day_span(date_field: str) -> tuple[str, str]:
    """(first day, last day) of a claim on a date field, as SQL over ``k`` and ``a``."""
    return _DAY_SPANS.get(date_field, _DAY_SPANS["event"])


@dataclass(frozen=True)
class ViewSql:
    """A view as SQL: the claim condition and the link condition, each with its parameters."""

    claim_where: str
    claim_params: tuple
    link_where: str
    link_params: tuple
    restricted: bool  # the link condition drops links (and claims left with none)
    everything: bool = False  # no condition at all: every claim and link is in view

    @property
    def where(self) -> str:
        """The full condition on a claim, links included."""
        if not self.restricted:
            return self.claim_where
        return (f"{self.claim_where} AND EXISTS (SELECT 1 FROM claim_places cp JOIN places p ON p.id = cp.place_id "
                f"WHERE cp.claim_id = k.id AND {self.link_where})")

    @property
    def params(self) -> tuple:
        return self.claim_params + (self.link_params if self.restricted else ())


FTS_MIN = 3  # a trigram index finds substrings of at least three characters


def _phrase(term: str) -> str:
    """An FTS5 string: the term as one quoted phrase (inner quotes doubled), never query syntax."""
    return '"' + term.replace('"', '""') + '"'


def _like(term: str) -> str:
    """A LIKE pattern holding ``term`` literally anywhere (%, _ and the escape character escaped)."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _text_condition(text: str, d: Dialect) -> tuple[str, tuple]:
    """Folded substring search over the claim's search row (geo.searchindex), and the
    speaker's other names from the actor knowledge base, as in filters._text_mask.

    SQLite asks its FTS5 trigram index (``claim_fts``) when every term has three
    characters or more, PostgreSQL a LIKE that its pg_trgm index answers; a
    shorter term is a scan of the search rows (instr / strpos), the same result."""
    key = search_fold.fold(text.strip())
    others = sorted(search_fold.speaker_names(text) - {key})
    terms = [("hay", key)] + [("speaker", n) for n in others]
    if d.name == "sqlite" and all(len(t) >= FTS_MIN for _, t in terms):
        query = " OR ".join(f"{col} : {_phrase(t)}" for col, t in terms)
        return ("k.id IN (SELECT s.claim_id FROM claim_search s WHERE s.rowid IN "
                f"(SELECT rowid FROM claim_fts WHERE claim_fts MATCH {d.mark}))", (query,))
    if d.name == "postgresql":
        parts = [f"s.{col} LIKE {d.mark} ESCAPE '\\'" for col, _ in terms]
        return (f"k.id IN (SELECT s.claim_id FROM claim_search s WHERE {' OR '.join(parts)})",
                tuple(_like(t) for _, t in terms))
    parts = [d.contains(f"s.{col}") for col, _ in terms]
    return (f"k.id IN (SELECT s.claim_id FROM claim_search s WHERE {' OR '.join(parts)})",
            tuple(t for _, t in terms))


def _window_where(state: FilterState, d: Dialect, lo: str, hi: str) -> tuple[list[str], list]:
    """The date window over a span ``lo..hi``: it overlaps the window, or (when undated claims are
    kept) has no date at all."""
    keep, params = [], []
    if state.date_from is not None:
        keep.append(f"{hi} >= {d.mark}")
        params.append(d.date_param(state.date_from))
    if state.date_to is not None:
        keep.append(f"{lo} <= {d.mark}")
        params.append(d.date_param(state.date_to))
    dated = " AND ".join([f"{lo} IS NOT NULL", *keep])
    return [f"(({dated}) OR {lo} IS NULL)" if state.include_undated else f"({dated})"], params


def view_sql(state: FilterState, d: Dialect, contested: frozenset[str] | set[str] | None = None) -> ViewSql:
    """The SQL of ``state``; ``contested`` (the contested places, worked out by the caller from
    the view without that filter) is used only when ``state.contested_only``."""
    start, end = day_span(state.date_field)
    conds, params = _window_where(state, d, start, end)
    for column, values in (("a.outlet_side", state.outlet_sides), ("a.outlet", state.outlets),
                           ("k.speaker", state.speakers), ("k.side", state.sides)):
        if values:
            conds.append(f"{column} IN ({d.marks(len(values))})")
            params.extend(values)
    if state.text.strip():
        sql, more = _text_condition(state.text, d)
        conds.append(sql)
        params.extend(more)
    links, link_params = [], []
    if state.precisions:
        links.append(f"p.precision IN ({d.marks(len(state.precisions))})")
        link_params.extend(state.precisions)
    if state.contested_only:
        sql, more = d.member("cp.place_id", sorted(contested or ()))
        links.append(sql)
        link_params.extend(more)
    everything = not links and not params and state.include_undated
    return ViewSql(" AND ".join(conds), tuple(params), " AND ".join(links) or d.true, tuple(link_params),
                   bool(links), everything)


@dataclass(frozen=True)
class FactsSql:
    """A view the store's facts answer (schema 5): the condition on a link row of
    ``claim_places f`` (its copied side, "when" span, place) and on a claim row of ``claims k``
    (its side and "when" span), each with its parameters. Only views on speaker sides, the
    "when" window, undated claims, precision and contested places have one."""

    link_where: str
    link_params: tuple
    claim_where: str
    claim_params: tuple
    restricted: bool  # a condition on the link's place (precision, contested): n_unplaced is 0


def _span_where(state: FilterState, d: Dialect, lo: str, hi: str, side: str) -> tuple[list[str], list]:
    """view_sql's date and side conditions over copied columns (the "when" span is lo..hi)."""
    conds, params = _window_where(state, d, lo, hi)
    if state.sides:
        conds.append(f"{side} IN ({d.marks(len(state.sides))})")
        params.extend(state.sides)
    return conds, params


def facts_sql(state: FilterState, d: Dialect, contested: frozenset[str] | set[str] | None = None) -> FactsSql | None:
    """The facts' SQL of ``state``, or None when a filter needs the claims themselves (outlets,
    outlet sides, speakers, search, or dates on a field other than "when")."""
    if state.outlet_sides or state.outlets or state.speakers or state.text.strip():
        return None
    if state.date_field != "when" and (state.date_from or state.date_to or not state.include_undated):
        return None
    links, link_params = _span_where(state, d, "f.lo", "f.hi", "f.side")
    claims, claim_params = _span_where(state, d, "k.w_lo", "k.w_hi", "k.side")
    if state.precisions:
        links.append(f"f.place_id IN (SELECT p.id FROM places p WHERE p.precision IN ({d.marks(len(state.precisions))}))")
        link_params.extend(state.precisions)
    if state.contested_only:
        sql, more = d.member("f.place_id", sorted(contested or ()))
        links.append(sql)
        link_params.extend(more)
    return FactsSql(" AND ".join(links), tuple(link_params), " AND ".join(claims), tuple(claim_params),
                    bool(state.precisions or state.contested_only))
