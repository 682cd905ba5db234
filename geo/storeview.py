"""The view's questions asked of the store: counts, the map's aggregate, pages of claims.

Each function takes a store (``geo.store.Store`` or ``geo.store_pg.PgStore``:
they share ``dialect``, ``_frame`` and ``iter_rows``) and a ``ViewSql`` from
``geo.filtersql``, and returns a small frame: nothing here reads every claim
into memory. Frames of claims have the store's ``claims_frame`` columns, with
``place_ids`` holding only the places in view, as ``filters.apply_filters`` does.
"""
from __future__ import annotations

from typing import Iterator

import pandas as pd

from .filters import FilterOptions
from .filtersql import EVENT_DAY, Dialect, ViewSql, day_span
from .models import SIDES
from .store import claims_columns

# claims_frame's order (the table), a place's (filters.claims_at_place) and an event's (events.event_claims)
TABLE_ORDER = "a.published DESC NULLS LAST, k.article_id, k.start"
PLACE_ORDER = f"COALESCE(k.claim_date, k.event_date, a.published) DESC NULLS LAST, k.start, {TABLE_ORDER}"
EVENT_ORDER = f"{EVENT_DAY} DESC NULLS LAST, k.start, {TABLE_ORDER}"
_FROM = "FROM claims k JOIN articles a ON a.id = k.article_id"
_PAIRS = f"{_FROM} JOIN claim_places cp ON cp.claim_id = k.id JOIN places p ON p.id = cp.place_id"


def _claim_select(d: Dialect, link_where: str) -> str:
    def ids(table: str, cond: str, join: str = "") -> str:
        return f"(SELECT {d.concat(f'{table}.place_id', f'{table}.place_id')} FROM {join} WHERE {cond})"
    cp = ids("cp", f"cp.claim_id = k.id AND {link_where}", "claim_places cp JOIN places p ON p.id = cp.place_id")
    seat = ids("r", "r.claim_id = k.id AND r.role = 'seat'", "claim_place_roles r")
    mentioned = ids("r", "r.claim_id = k.id AND r.role = 'mentioned'", "claim_place_roles r")
    return (f'SELECT k.id AS claim_id, k.article_id, k.start, k."end", k.text, k.speaker, k.speaker_role, '
            f"k.side, k.cue, k.is_quote, k.stance, {d.iso('k.claim_date')} AS claim_date, k.claim_date_precision, "
            f"{d.iso('k.event_date')} AS event_date, {d.iso('k.event_date_end')} AS event_date_end, "
            f"k.event_date_precision, a.title, a.outlet, a.outlet_side, {d.iso('a.published')} AS published, "
            f"a.source, a.url, {cp} AS place_ids, {seat} AS seat_place_ids, {mentioned} AS mentioned_place_ids "
            f"{_FROM}")


def _claims_sql(d: Dialect, vs: ViewSql, extra: str = "", order: str = TABLE_ORDER) -> tuple[str, tuple]:
    """The claims SELECT; its parameters are the place-id list's link condition, then the view's."""
    where = vs.where + (f" AND {extra}" if extra else "")
    return f"{_claim_select(d, vs.link_where)} WHERE {where} ORDER BY {order}", vs.link_params + vs.params


def at_places(d: Dialect, vs: ViewSql, place_ids: list[str] | tuple[str, ...]) -> tuple[str, tuple]:
    """A claim condition: linked (in view) to one of ``place_ids``; driven by the place index."""
    return (f"k.id IN (SELECT cp.claim_id FROM claim_places cp JOIN places p ON p.id = cp.place_id "
            f"WHERE cp.place_id IN ({d.marks(len(place_ids))}) AND {vs.link_where})",
            tuple(place_ids) + vs.link_params)


def event_days(d: Dialect, start: object, end: object) -> tuple[str, tuple]:
    """A claim condition: its event day (geo.events) in [start, end], or none when start is None."""
    if start is None or pd.isna(start):
        return f"{EVENT_DAY} IS NULL", ()
    lo, hi = (pd.Timestamp(v).date() for v in (start, end))
    return f"{EVENT_DAY} BETWEEN {d.mark} AND {d.mark}", (d.date_param(lo), d.date_param(hi))


def claims(store, vs: ViewSql, extra: tuple[str, tuple] = ("", ()), order: str = TABLE_ORDER,
           limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """A page of the view's claims (all of them when ``limit`` is None), in ``order``."""
    d = store.dialect
    sql, params = _claims_sql(d, vs, extra[0], order)
    params += extra[1]
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return claims_columns(store._frame(sql, params))


def claim_chunks(store, vs: ViewSql, size: int = 5000) -> Iterator[pd.DataFrame]:
    """The whole view, ``size`` claims at a time, in the table's order (exports)."""
    sql, params = _claims_sql(store.dialect, vs)
    for cols, rows in store.iter_rows(sql, params, size):
        yield claims_columns(pd.DataFrame(rows, columns=cols))


def side_counts(store, vs: ViewSql, extra: tuple[str, tuple] = ("", ())) -> dict[str, int]:
    """Claims in view per side, every side present, in SIDES order."""
    where = vs.where + (f" AND {extra[0]}" if extra[0] else "")
    df = store._frame(f"SELECT k.side, COUNT(*) AS n {_FROM} WHERE {where} GROUP BY k.side", vs.params + extra[1])
    got = dict(zip(df["side"], df["n"].astype(int))) if len(df) else {}
    return {s: int(got.get(s, 0)) for s in SIDES}


def day_side_counts(store, vs: ViewSql, date_field: str) -> pd.DataFrame:
    """Claims in view per (first day on ``date_field``, side): the timeline (day, side, n)."""
    start, _ = day_span(date_field)
    d = store.dialect
    return store._frame(f"SELECT {d.iso(start)} AS day, k.side, COUNT(*) AS n {_FROM} "
                        f"WHERE {vs.where} AND {start} IS NOT NULL GROUP BY {start}, k.side", vs.params)


def day_counts(store, date_field: str) -> pd.DataFrame:
    """Every stored claim per first day on ``date_field`` (day, n): where the dense window is."""
    start, _ = day_span(date_field)
    return store._frame(f"SELECT {store.dialect.iso(start)} AS day, COUNT(*) AS n {_FROM} "
                        f"WHERE {start} IS NOT NULL GROUP BY {start}")


def place_side_counts(store, vs: ViewSql) -> pd.DataFrame:
    """Links in view per (place, side): the map's aggregate (place_id, side, n). With no filter
    at all, SQLite reads only its covering index claim_places(place_id, side)."""
    if vs.everything:
        if store.dialect.name == "sqlite":
            return store._frame("SELECT place_id, side, COUNT(*) AS n FROM claim_places GROUP BY place_id, side")
        return store._frame("SELECT cp.place_id, k.side, COUNT(*) AS n FROM claim_places cp "
                            "JOIN claims k ON k.id = cp.claim_id GROUP BY cp.place_id, k.side")
    return store._frame(f"SELECT cp.place_id, k.side, COUNT(*) AS n {_PAIRS} "
                        f"WHERE {vs.claim_where} AND {vs.link_where} GROUP BY cp.place_id, k.side",
                        vs.claim_params + vs.link_params)


def event_counts(store, vs: ViewSql) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What geo.events needs to group the view, in one pass over the view's links: distinct
    claims per (scene, day, side, denial), and the places per (scene, day). A town inside a
    region is in the region's scene."""
    d = store.dialect
    scene = "COALESCE(sc.scene, cp.place_id)"
    denial = "CASE WHEN k.stance = 'denies' THEN 1 ELSE 0 END"
    # SQLite's group_concat(DISTINCT x) takes no separator: each id ends in \x1f instead
    # (ids may hold commas: "geo:50.4,30.5").
    ids = ("group_concat(DISTINCT cp.place_id || char(31))" if d.name == "sqlite"
           else "string_agg(DISTINCT cp.place_id || chr(31), ',')")
    rows = store._frame(
        f"SELECT {scene} AS scene, {d.iso(EVENT_DAY)} AS day, k.side, {denial} AS denial, "
        f"COUNT(DISTINCT k.id) AS n, {ids} AS place_ids "
        f"{_PAIRS} LEFT JOIN place_scenes sc ON sc.place_id = cp.place_id "
        f"WHERE {vs.claim_where} AND {vs.link_where} GROUP BY {scene}, {EVENT_DAY}, k.side, {denial}",
        vs.claim_params + vs.link_params)
    counts = rows.drop(columns="place_ids") if len(rows) else pd.DataFrame(
        columns=["scene", "day", "side", "denial", "n"])
    places = [(scene_, day, pid.lstrip(",")) for scene_, day, joined in
              zip(rows["scene"], rows["day"], rows["place_ids"]) if len(rows)
              for pid in joined.split("\x1f") if pid.lstrip(",")] if len(rows) else []
    return counts, pd.DataFrame(places, columns=["scene", "day", "place_id"]).drop_duplicates()


def unplaced(d: Dialect) -> str:
    """A claim condition: linked to no place at all."""
    return "NOT EXISTS (SELECT 1 FROM claim_places cp WHERE cp.claim_id = k.id)"


def count(store, vs: ViewSql, extra: tuple[str, tuple] = ("", ())) -> int:
    where = vs.where + (f" AND {extra[0]}" if extra[0] else "")
    df = store._frame(f"SELECT COUNT(*) AS n {_FROM} WHERE {where}", vs.params + extra[1])
    return int(df["n"].iloc[0])


def article_claims(store, article_id: str) -> pd.DataFrame:
    """Every claim of one article (the article view), whatever the filters."""
    from .filters import FilterState
    from .filtersql import view_sql
    vs = view_sql(FilterState(), store.dialect)
    return claims(store, vs, (f"k.article_id = {store.dialect.mark}", (article_id,)), order="k.start")


def leads(store, article_ids: list[str], chars: int = 300) -> pd.DataFrame:
    """The first ``chars`` characters of these stories (article_id, lead), for display titles."""
    if not article_ids:
        return pd.DataFrame(columns=["article_id", "lead"])
    d = store.dialect
    sql, params = d.member("id", sorted(set(article_ids)))
    return store._frame(f"SELECT id AS article_id, substr(text, start + 1, {int(chars)}) AS lead "
                        f"FROM articles WHERE {sql}", params)


def options(store, precisions: list[str]) -> FilterOptions:
    """What each multiselect offers, and the overall date span, asked of the store."""
    def distinct(sql: str) -> list[str]:
        df = store._frame(sql)
        return sorted({str(v) for v in df.iloc[:, 0].dropna() if str(v).strip()}, key=str.casefold) if len(df) else []
    d = store.dialect
    outlets = distinct("SELECT DISTINCT a.outlet FROM articles a JOIN claims k ON k.article_id = a.id")
    speakers = distinct("SELECT DISTINCT k.speaker FROM claims k WHERE COALESCE(k.speaker_role, '') <> 'outlet'")
    spans = store._frame(
        f"SELECT {d.iso('MIN(x)')} AS lo, {d.iso('MAX(x)')} AS hi FROM ("
        "SELECT k.event_date AS x FROM claims k UNION ALL SELECT k.event_date_end FROM claims k "
        "UNION ALL SELECT k.claim_date FROM claims k "
        "UNION ALL SELECT a.published FROM claims k JOIN articles a ON a.id = k.article_id) t")
    lo, hi = (spans.iloc[0]["lo"], spans.iloc[0]["hi"]) if len(spans) else (None, None)

    def day(v: object):
        return pd.Timestamp(v).date() if isinstance(v, str) and v else None
    return FilterOptions(outlets=outlets, speakers=speakers, precisions=precisions, date_min=day(lo), date_max=day(hi))
