"""The dashboard's filters as pure functions over the store's DataFrames.

The page, the exports and the tests all go through :func:`apply_filters`, so
what the map shows, what the table lists and what a CSV holds are the same set
of claims.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from . import events, search_fold

# "when": the event date where the text gives one, else the day the claim was made. Most
# claims carry no event date of their own, so a range over event dates alone barely filters.
DATE_FIELDS: dict[str, str] = {"when": "event_date", "event": "event_date", "claim": "claim_date",
                               "published": "published"}
DATE_FIELD_LABELS: dict[str, str] = {"when": "when (event, else said)", "event": "event date",
                                     "claim": "claim date", "published": "publication date"}
AREA_PRECISIONS: frozenset[str] = frozenset({"admin1", "country", "area"})


@dataclass(frozen=True)
class FilterState:
    """Everything the sidebar can choose. Empty tuples mean "no restriction"."""

    date_field: str = "when"
    date_from: date | None = None
    date_to: date | None = None
    include_undated: bool = True
    sides: tuple[str, ...] = ()
    outlet_sides: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    precisions: tuple[str, ...] = ()
    text: str = ""
    contested_only: bool = False

    def with_(self, **changes) -> "FilterState":
        return replace(self, **changes)


@dataclass
class FilterOptions:
    """The values each multiselect can offer, taken from the data itself."""

    outlets: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    precisions: list[str] = field(default_factory=list)
    date_min: date | None = None
    date_max: date | None = None


def _dates(series: pd.Series) -> pd.Series:
    """ISO strings (or None) -> datetime64, NaT for missing or malformed."""
    return pd.to_datetime(series, errors="coerce", format="ISO8601")


def filter_options(claims: pd.DataFrame, places: pd.DataFrame) -> FilterOptions:
    """Distinct outlets, speakers and precisions, and the overall date span."""
    def distinct(col: pd.Series) -> list[str]:
        return sorted({str(v) for v in col.dropna() if str(v).strip()}, key=str.casefold)

    span = pd.concat([_dates(claims[c]) for c in ("event_date", "event_date_end", "claim_date", "published")]
                     ) if len(claims) else pd.Series([], dtype="datetime64[ns]")
    span = span.dropna()
    return FilterOptions(
        outlets=distinct(claims["outlet"]) if len(claims) else [],
        # speakers, not outlets: the outlet's own narrative has the outlet as its "speaker"
        speakers=distinct(claims.loc[claims["speaker_role"].fillna("") != "outlet", "speaker"]) if len(claims) else [],
        precisions=distinct(places["precision"]) if len(places) else [],
        date_min=span.min().date() if len(span) else None,
        date_max=span.max().date() if len(span) else None,
    )


def claim_days(claims: pd.DataFrame, date_field: str) -> tuple[pd.Series, pd.Series]:
    """(first day, last day) of each claim on the chosen date field, NaT when it has none.

    Only an event date can span days (``event_date_end``); "when" falls back to the claim date.
    """
    column = DATE_FIELDS.get(date_field, "event_date")
    start = _dates(claims[column])
    end = _dates(claims["event_date_end"]).fillna(start) if column == "event_date" else start
    if date_field == "when":
        said = _dates(claims["claim_date"])
        start, end = start.fillna(said), end.fillna(said)
    return start, end


def _date_mask(claims: pd.DataFrame, state: FilterState) -> pd.Series:
    """Keep claims whose chosen date (or event range) overlaps [from, to]."""
    start, end = claim_days(claims, state.date_field)
    dated = start.notna()
    keep = pd.Series(True, index=claims.index)
    if state.date_from is not None:
        keep &= end >= pd.Timestamp(state.date_from)
    if state.date_to is not None:
        keep &= start <= pd.Timestamp(state.date_to)
    return (dated & keep) | (~dated & state.include_undated)


def _in(series: pd.Series, allowed: tuple[str, ...]) -> pd.Series:
    return series.fillna("").astype(str).isin(set(allowed))


SEARCH_COLUMN = "_search"


def search_haystack(claims: pd.DataFrame, places: pd.DataFrame | None = None) -> pd.Series:
    """What a search looks in, folded (``search_fold.fold``): claim text, speaker, role,
    headline, outlet and the names of the claim's places."""
    names = dict(zip(places["place_id"], places["name"].astype(str))) if places is not None and len(places) else {}
    where = claims["place_ids"].map(lambda ids: " ".join(names.get(p, "") for p in ids)
                                    if isinstance(ids, list) else "")
    hay = (claims["text"].fillna("") + "\n" + claims["speaker"].fillna("") + "\n"
           + claims["speaker_role"].fillna("") + "\n" + claims["title"].fillna("") + "\n"
           + claims["outlet"].fillna("") + "\n" + where)
    return search_fold.fold_series(hay)


def with_search_index(claims: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """The claims with their folded search text precomputed (once per store state, not per search)."""
    return claims.assign(**{SEARCH_COLUMN: search_haystack(claims, places)}) if len(claims) else claims


def _text_mask(claims: pd.DataFrame, needle: str, places: pd.DataFrame | None = None) -> pd.Series:
    """Search that folds spellings (Kiev/Kyiv, Zelensky/Zelenskiy/Zelenskyy) and finds a speaker
    by any of their names in the actor knowledge base. Literal, never a regex."""
    key = search_fold.fold(needle.strip())
    hay = claims[SEARCH_COLUMN] if SEARCH_COLUMN in claims.columns else search_haystack(claims, places)
    mask = hay.str.contains(key, regex=False)
    others = search_fold.speaker_names(needle) - {key}
    if others:
        speakers = search_fold.fold_series(claims["speaker"])
        for name in others:
            mask |= speakers.str.contains(name, regex=False)
    return mask


def _restrict_places(claims: pd.DataFrame, allowed: set[str]) -> pd.DataFrame:
    """Drop place ids outside ``allowed`` and the claims left with none."""
    out = claims.copy()
    out["place_ids"] = [[p for p in ids if p in allowed] for ids in out["place_ids"]]
    return out[out["place_ids"].map(bool)]


def place_sides(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per (place_id, side) with its claim count."""
    if claims.empty:
        return pd.DataFrame({"place_id": pd.Series([], dtype=str), "side": pd.Series([], dtype=str),
                             "n": pd.Series([], dtype=int)})
    pairs = claims[["claim_id", "side", "place_ids"]].explode("place_ids").dropna(subset=["place_ids"])
    pairs = pairs.rename(columns={"place_ids": "place_id"})
    return pairs.groupby(["place_id", "side"]).size().reset_index(name="n")


def contested_places(claims: pd.DataFrame, places: pd.DataFrame, parents: dict[str, str] | None = None) -> set[str]:
    """Places where the sides in ``claims`` disagree about an event (see geo.events)."""
    return events.group_events(claims, places, parents=parents).contested_places()


def apply_filters(claims: pd.DataFrame, places: pd.DataFrame, state: FilterState,
                  parents: dict[str, str] | None = None) -> pd.DataFrame:
    """The claims the current view shows. ``place_ids`` keep only the places in view.

    Contestedness is judged last, on the view itself: a place is contested when
    the sides in view disagree about an event there, so "contested only" with a
    single side selected shows nothing (no disagreement is in view).
    ``parents`` (towns in regions) may be passed in to save working it out.
    """
    df = claims
    if df.empty:
        return df.copy()
    mask = _date_mask(df, state)
    if state.outlet_sides:
        mask &= _in(df["outlet_side"], state.outlet_sides)
    if state.outlets:
        mask &= _in(df["outlet"], state.outlets)
    if state.speakers:
        mask &= _in(df["speaker"], state.speakers)
    if state.text.strip():
        mask &= _text_mask(df, state.text, places)
    df = df[mask]
    if state.precisions:
        allowed = set(places.loc[places["precision"].isin(set(state.precisions)), "place_id"])
        df = _restrict_places(df, allowed)
    if state.sides:
        df = df[_in(df["side"], state.sides)]
    if state.contested_only:
        df = _restrict_places(df, contested_places(df, places, parents))
    return df.copy()


def claims_at_place(claims: pd.DataFrame, place_id: str) -> pd.DataFrame:
    """A place's claims, newest first (claim date, then event date, then publication)."""
    if claims.empty:
        return claims.copy()
    rows = claims[claims["place_ids"].map(lambda ids: place_id in ids)].copy()
    key = _dates(rows["claim_date"]).fillna(_dates(rows["event_date"])).fillna(_dates(rows["published"]))
    rows["_key"] = key
    rows = rows.sort_values(["_key", "start"], ascending=[False, True], na_position="last")
    return rows.drop(columns="_key")


def place_of_row(claims: pd.DataFrame, position: int) -> str | None:
    """The first place of the claim at ``position`` in the view (a table row), or None."""
    if not 0 <= position < len(claims):
        return None
    ids = claims["place_ids"].iloc[position]
    return ids[0] if isinstance(ids, list) and ids else None
