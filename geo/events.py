"""Claims about one place (or places one inside the other) within a few days are one event.

An analyst wants both sides' versions of one thing side by side: the Russian
ministry's "drones shot down over Belgorod" beside the Ukrainian governor's
account of the same night. Claims are grouped per scene (a place, with the
towns inside a region joining the region) and, within a scene, by
date: a claim at most ``window_days`` after its event's first day joins it. The date is the event date when known, else the claim date, else the
publication date; claims with none form one undated event per scene.

"The sides disagree" about an event when two or more sides (Russia, Ukraine,
West, other; not "unknown") make claims about it, or one of its claims is a
denial and it has another claim. A place is contested when an event there,
in the current view, has sides that disagree.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .nesting import region_parents

WINDOW_DAYS = 3
KNOWN_SIDES = ("russia", "ukraine", "west", "other")
EVENT_COLUMNS = ["event_id", "scene", "place_ids", "start", "end", "n_claims", "sides", "disagree", "denial",
                 "claim_ids", "newest"]


@dataclass(frozen=True)
class Events:
    """The events of a view: one summary row per event, and which claims belong to which."""

    table: pd.DataFrame  # EVENT_COLUMNS, newest first
    members: pd.DataFrame  # event_id, claim_id (a claim linked to two scenes is in two events)

    def at_place(self, place_id: str) -> pd.DataFrame:
        """Events that involve the place (or the region it lies in), newest first."""
        if self.table.empty:
            return self.table
        return self.table[self.table["place_ids"].map(lambda ids: place_id in ids)]

    def contested_places(self) -> set[str]:
        """Places with an event in view whose sides disagree."""
        rows = self.table[self.table["disagree"]] if not self.table.empty else self.table
        return {p for ids in rows["place_ids"] for p in ids} if len(rows) else set()


def _when(claims: pd.DataFrame) -> pd.Series:
    def day(col: str) -> pd.Series:
        return pd.to_datetime(claims[col], errors="coerce", format="ISO8601").dt.normalize()
    return day("event_date").fillna(day("claim_date")).fillna(day("published"))


def _empty() -> Events:
    return Events(pd.DataFrame(columns=EVENT_COLUMNS), pd.DataFrame(columns=["event_id", "claim_id"]))


def _event_numbers(scenes: list, whens: list, window_days: int) -> list[int]:
    """Number the sorted (scene, date) rows into events: a new one at each scene, at an undated
    row after dated ones, and when a date is more than ``window_days`` after its event's first
    day (a fixed window, so a daily stream of claims does not chain into one month-long event)."""
    numbers, current, first, last_scene = [], -1, None, object()
    window = pd.Timedelta(days=window_days)
    for scene, when in zip(scenes, whens):
        undated = pd.isna(when)
        if scene != last_scene or (undated and first is not None) or \
                (not undated and (first is None or when - first > window)):
            current += 1
            first = None if undated else when
        last_scene = scene
        numbers.append(current)
    return numbers


def group_events(claims: pd.DataFrame, places: pd.DataFrame, window_days: int = WINDOW_DAYS,
                 parents: dict[str, str] | None = None) -> Events:
    """The events among ``claims`` (a filtered view with ``place_ids`` lists).

    ``parents`` ({town: region it lies in}, from ``nesting.region_parents``) may be
    computed once for all places and passed in; by default it is worked out here.
    """
    if claims.empty:
        return _empty()
    pairs = pd.DataFrame({"claim_id": claims["claim_id"].values, "place_id": claims["place_ids"].values,
                          "when": _when(claims).values, "side": claims["side"].values,
                          "denial": (claims["stance"] == "denies").values if "stance" in claims else False})
    pairs = pairs.explode("place_id").dropna(subset=["place_id"])
    if pairs.empty:
        return _empty()
    if parents is None:
        parents = region_parents(places[places["place_id"].isin(set(pairs["place_id"]))])
    pairs["scene"] = pairs["place_id"].map(lambda p: parents.get(p, p))
    pairs = pairs.sort_values(["scene", "when"], na_position="last", kind="stable")
    pairs["event_id"] = _event_numbers(pairs["scene"].tolist(), pairs["when"].tolist(), window_days)
    grouped = pairs.groupby("event_id", sort=False)
    table = pd.DataFrame({
        "scene": grouped["scene"].first(),
        "place_ids": grouped["place_id"].agg(lambda s: tuple(dict.fromkeys(s))),
        "start": grouped["when"].min(),
        "end": grouped["when"].max(),
        "claim_ids": grouped["claim_id"].agg(lambda s: tuple(dict.fromkeys(s))),
        "sides": grouped["side"].agg(lambda s: tuple(x for x in dict.fromkeys(s))),
        "denial": grouped["denial"].any(),
    })
    table["n_claims"] = table["claim_ids"].map(len)
    known = table["sides"].map(lambda s: sum(x in KNOWN_SIDES for x in s))
    table["disagree"] = (known >= 2) | (table["denial"] & (table["n_claims"] >= 2))
    table["newest"] = table["end"]
    scene_ids = table["scene"].astype(str)
    table["event_id"] = scene_ids + "@" + table["start"].dt.strftime("%Y-%m-%d").fillna("undated")
    table = table.sort_values(["newest", "n_claims"], ascending=[False, False], na_position="last")
    members = pairs.assign(event_id=pairs["event_id"].map(table["event_id"]))[["event_id", "claim_id"]]
    members = members.drop_duplicates()
    return Events(table.reset_index(drop=True)[EVENT_COLUMNS], members.reset_index(drop=True))


def from_counts(counts: pd.DataFrame, places: pd.DataFrame, window_days: int = WINDOW_DAYS) -> Events:
    """The events of a view the store has counted (geo.storeview.event_counts): distinct claims
    per (scene, day, side, denial) and the places per (scene, day). Grouped exactly as
    ``group_events`` groups claims (an event's days depend only on its scene's days), without
    the claims themselves: ``claim_ids`` stay empty and an event's claims are asked of the store."""
    if counts.empty:
        return _empty()
    def when(df: pd.DataFrame) -> pd.DataFrame:
        return df.assign(when=pd.to_datetime(df["day"], errors="coerce", format="ISO8601").dt.normalize())
    counts, places = when(counts), when(places)
    keys = counts[["scene", "when"]].drop_duplicates().sort_values(["scene", "when"], na_position="last",
                                                                   kind="stable")
    keys["event"] = _event_numbers(keys["scene"].tolist(), keys["when"].tolist(), window_days)
    counts = counts.merge(keys, on=["scene", "when"], how="left")
    places = places.merge(keys, on=["scene", "when"], how="inner").sort_values(["event", "when", "place_id"],
                                                                               na_position="last")
    # Vectorised per event (a million claims give hundreds of thousands of events): the sides
    # as a bit mask, read back as a tuple once per distinct mask; place ids as one tuple each.
    order = KNOWN_SIDES + ("unknown",)
    bit_of = {s: 1 << i for i, s in enumerate(order)}
    bits = counts["side"].map(bit_of).fillna(1 << len(order)).astype("int64")
    counts = counts.assign(bit=bits)
    grouped = counts.groupby("event", sort=True)
    masks = counts[["event", "bit"]].drop_duplicates().groupby("event", sort=True)["bit"].sum()  # distinct bits: OR
    mask_sides = {m: tuple(s for i, s in enumerate(order) if m >> i & 1) for m in masks.unique()}
    table = pd.DataFrame({
        "scene": grouped["scene"].first(),
        "start": grouped["when"].min(),
        "end": grouped["when"].max(),
        "n_claims": grouped["n"].sum().astype(int),
        "sides": masks.map(mask_sides),
        "denial": grouped["denial"].max().astype(bool),
    })
    ids: dict[int, list[str]] = {}
    for event, pid in zip(places["event"].tolist(), places["place_id"].tolist()):  # sorted by event
        ids.setdefault(event, []).append(pid)
    table["place_ids"] = [tuple(dict.fromkeys(ids.get(e, ()))) for e in table.index]
    table["claim_ids"] = [()] * len(table)
    n_known = {m: bin(m & (1 << len(KNOWN_SIDES)) - 1).count("1") for m in mask_sides}
    known = masks.map(n_known)
    table["disagree"] = (known >= 2) | (table["denial"] & (table["n_claims"] >= 2))
    table["newest"] = table["end"]
    table["event_id"] = table["scene"].astype(str) + "@" + table["start"].dt.strftime("%Y-%m-%d").fillna("undated")
    table = table.sort_values(["newest", "n_claims"], ascending=[False, False], na_position="last")
    return Events(table.reset_index(drop=True)[EVENT_COLUMNS], pd.DataFrame(columns=["event_id", "claim_id"]))


def event_claims(events: Events, event_id: str, claims: pd.DataFrame) -> pd.DataFrame:
    """The claims of one event, newest first within the event."""
    ids = set(events.members.loc[events.members["event_id"] == event_id, "claim_id"])
    rows = claims[claims["claim_id"].isin(ids)].copy()
    rows["_when"] = _when(rows)
    rows = rows.sort_values(["_when", "start"], ascending=[False, True], na_position="last")
    return rows.drop(columns="_when")
