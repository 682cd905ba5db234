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

import numpy as np
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


def _day_numbers(days: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """ISO days as day numbers (int64) and which are undated: integers compare and sort in
    numpy, where Timestamps would be compared one Python object at a time."""
    when = pd.to_datetime(days, errors="coerce", format="ISO8601").to_numpy(dtype="datetime64[D]")
    undated = np.isnat(when)
    return np.where(undated, 0, when.astype("int64")), undated


def _window_numbers(scene_codes: np.ndarray, day: np.ndarray, undated: np.ndarray, window_days: int) -> np.ndarray:
    """``_event_numbers`` on sorted integer (scene, day) keys (undated last within a scene)."""
    numbers = np.empty(len(day), dtype=np.int64)
    current, first, last_scene = -1, None, None
    for i, (scene, d, u) in enumerate(zip(scene_codes.tolist(), day.tolist(), undated.tolist())):
        if scene != last_scene or (u and first is not None) or (not u and (first is None or d - first > window_days)):
            current += 1
            first = None if u else d
        last_scene = scene
        numbers[i] = current
    return numbers


@dataclass(frozen=True)
class _Numbered:
    """A view's (scene, day) keys numbered into events, and what each event adds up to."""

    scenes: pd.Index
    keys: np.ndarray  # sorted (scene code << 32) + day code
    numbers: np.ndarray  # the event of each key
    k_scene: np.ndarray
    k_day: np.ndarray
    k_undated: np.ndarray
    n_events: int
    mask: np.ndarray  # the sides of each event, a bit per side (KNOWN_SIDES, then unknown)
    n_claims: np.ndarray
    denial: np.ndarray
    disagree: np.ndarray


def _numbered(counts: pd.DataFrame, places: pd.DataFrame, window_days: int) -> _Numbered:
    scenes = pd.Index(pd.unique(pd.concat([counts["scene"], places["scene"]], ignore_index=True).astype(str)))
    c_scene = scenes.get_indexer(counts["scene"].astype(str))
    c_day, c_undated = _day_numbers(counts["day"])
    # the distinct (scene, day) keys in (scene, day) order, undated last within a scene
    key = (c_scene.astype(np.int64) << 32) + np.where(c_undated, (1 << 31) - 1, c_day - _DAY0)
    keys, inverse = np.unique(key, return_inverse=True)
    k_scene, k_code = keys >> 32, keys & ((1 << 32) - 1)
    k_undated = k_code == (1 << 31) - 1
    k_day = np.where(k_undated, 0, k_code + _DAY0)
    # scene order: as the reference sorts scene names (strings), not their codes
    rank = np.argsort(np.argsort(scenes.to_numpy(dtype=str), kind="stable"), kind="stable")
    order = np.lexsort((k_undated, k_day, rank[k_scene]))
    numbers = np.empty(len(keys), dtype=np.int64)
    numbers[order] = _window_numbers(k_scene[order], k_day[order], k_undated[order], window_days)
    c_event = numbers[inverse]
    bit_of = {s: 1 << i for i, s in enumerate(KNOWN_SIDES + ("unknown",))}
    bits = counts["side"].map(bit_of).fillna(1 << (len(KNOWN_SIDES) + 1)).astype("int64").to_numpy()
    n_events = int(numbers.max()) + 1
    mask = np.zeros(n_events, dtype=np.int64)
    np.bitwise_or.at(mask, c_event, bits)
    n_claims = np.bincount(c_event, weights=counts["n"].astype("int64").to_numpy(), minlength=n_events).astype(int)
    denial = np.zeros(n_events, dtype=bool)
    np.logical_or.at(denial, c_event, counts["denial"].astype(bool).to_numpy())
    known = np.array([bin(m).count("1") for m in range(1 << len(KNOWN_SIDES))])[mask & ((1 << len(KNOWN_SIDES)) - 1)]
    disagree = (known >= 2) | (denial & (n_claims >= 2))
    return _Numbered(scenes, keys, numbers, k_scene, k_day, k_undated, n_events, mask, n_claims, denial, disagree)


def _place_events(n: _Numbered, places: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(event, undated, day, place id) of each counted (scene, day, place) row."""
    p_scene = n.scenes.get_indexer(places["scene"].astype(str))
    p_day, p_undated = _day_numbers(places["day"])
    p_key = (p_scene.astype(np.int64) << 32) + np.where(p_undated, (1 << 31) - 1, p_day - _DAY0)
    at = np.searchsorted(n.keys, p_key)
    found = (at < len(n.keys)) & (n.keys[np.minimum(at, len(n.keys) - 1)] == p_key) & (p_scene >= 0)
    return (n.numbers[at[found]], p_undated[found], p_day[found],
            places["place_id"].astype(str).to_numpy()[found])


def contested_from_counts(counts: pd.DataFrame, places: pd.DataFrame, window_days: int = WINDOW_DAYS) -> set[str]:
    """``from_counts(...).contested_places()`` without building the events' table: what the
    map's rings need, before the events view below it asks for the events themselves."""
    if counts.empty:
        return set()
    n = _numbered(counts, places, window_days)
    event, _, _, ids = _place_events(n, places)
    return set(ids[n.disagree[event]].tolist())


def from_counts(counts: pd.DataFrame, places: pd.DataFrame, window_days: int = WINDOW_DAYS) -> Events:
    """The events of a view the store has counted (geo.storeview.event_counts): distinct claims
    per (scene, day, side, denial) and the places per (scene, day). Grouped exactly as
    ``group_events`` groups claims (an event's days depend only on its scene's days), without
    the claims themselves: ``claim_ids`` stay empty and an event's claims are asked of the store.

    Vectorised (a million claims give hundreds of thousands of events): scenes as codes, days
    as integers, one sort, and each (scene, day) key numbered once; the sides as a bit mask."""
    if counts.empty:
        return _empty()
    n = _numbered(counts, places, window_days)
    scenes, keys, numbers, k_scene, k_day, k_undated = n.scenes, n.keys, n.numbers, n.k_scene, n.k_day, n.k_undated
    n_events, mask, n_claims, denial = n.n_events, n.mask, n.n_claims, n.denial
    order_sides = KNOWN_SIDES + ("unknown",)
    dated = ~k_undated
    first_day = np.full(n_events, np.iinfo(np.int64).max)
    last_day = np.full(n_events, np.iinfo(np.int64).min)
    np.minimum.at(first_day, numbers[dated], k_day[dated])
    np.maximum.at(last_day, numbers[dated], k_day[dated])
    has_day = first_day != np.iinfo(np.int64).max
    e_scene = np.empty(n_events, dtype=np.int64)
    e_scene[numbers] = k_scene

    def stamps(v: np.ndarray) -> pd.Series:
        return pd.Series(np.where(has_day, v, 0).astype("datetime64[D]").astype("datetime64[ns]")).where(has_day)
    # place ids per event, in (day, place id) order, each once
    p_event, p_undated, p_day, p_ids = _place_events(n, places)
    pl = pd.DataFrame({"event": p_event, "undated": p_undated, "day": p_day, "place_id": p_ids})
    pl = pl.sort_values(["event", "undated", "day", "place_id"], kind="stable").drop_duplicates(["event", "place_id"])
    ids: dict[int, list[str]] = {}
    for event, pid in zip(pl["event"].tolist(), pl["place_id"].tolist()):
        ids.setdefault(event, []).append(pid)
    mask_sides = {int(m): tuple(s for i, s in enumerate(order_sides) if m >> i & 1) for m in np.unique(mask)}
    start, stop = stamps(first_day), stamps(last_day)
    table = pd.DataFrame({
        "scene": scenes.to_numpy(dtype=object)[e_scene],
        "start": start,
        "end": stop,
        "n_claims": n_claims,
        "sides": [mask_sides[int(m)] for m in mask],
        "denial": denial,
    })
    table["place_ids"] = [tuple(ids.get(e, ())) for e in range(n_events)]
    table["claim_ids"] = [()] * n_events
    table["disagree"] = n.disagree
    table["newest"] = table["end"]
    table["event_id"] = table["scene"].astype(str) + "@" + table["start"].dt.strftime("%Y-%m-%d").fillna("undated")
    table = table.sort_values(["newest", "n_claims"], ascending=[False, False], na_position="last")
    return Events(table.reset_index(drop=True)[EVENT_COLUMNS], pd.DataFrame(columns=["event_id", "claim_id"]))


_DAY0 = -(1 << 30)  # day numbers shifted to stay positive in a key's low 32 bits


def event_claims(events: Events, event_id: str, claims: pd.DataFrame) -> pd.DataFrame:
    """The claims of one event, newest first within the event."""
    ids = set(events.members.loc[events.members["event_id"] == event_id, "claim_id"])
    rows = claims[claims["claim_id"].isin(ids)].copy()
    rows["_when"] = _when(rows)
    rows = rows.sort_values(["_when", "start"], ascending=[False, True], na_position="last")
    return rows.drop(columns="_when")
