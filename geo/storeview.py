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
from .filtersql import EVENT_DAY, Dialect, FactsSql, ViewSql, day_span
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


def at_places_on_days(d: Dialect, vs: ViewSql, place_ids: list[str] | tuple[str, ...], start: object,
                      end: object) -> tuple[str, tuple]:
    """``at_places`` and ``event_days`` at once: the link's copied event day (schema 5) narrows
    the place index's range to the event's days, not every claim ever made at the place."""
    if start is None or pd.isna(start):
        days, more = "cp.day IS NULL", ()
    else:
        lo, hi = (pd.Timestamp(v).date() for v in (start, end))
        days, more = f"cp.day BETWEEN {d.mark} AND {d.mark}", (d.date_param(lo), d.date_param(hi))
    return (f"k.id IN (SELECT cp.claim_id FROM claim_places cp JOIN places p ON p.id = cp.place_id "
            f"WHERE cp.place_id IN ({d.marks(len(place_ids))}) AND {days} AND {vs.link_where})",
            tuple(place_ids) + more + vs.link_params)


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
    """Every stored claim per first day on ``date_field`` (day, n; on "when" a day may come once
    per side, to be summed): where the dense window is."""
    if date_field == "when":  # the claims' copied "when" span, in its index's order (a day per side)
        return store._frame(f"SELECT {store.dialect.iso('k.w_lo')} AS day, COUNT(*) AS n FROM claims k "
                            "WHERE k.w_lo IS NOT NULL GROUP BY k.side, k.w_lo")
    start, _ = day_span(date_field)
    return store._frame(f"SELECT {store.dialect.iso(start)} AS day, COUNT(*) AS n {_FROM} "
                        f"WHERE {start} IS NOT NULL GROUP BY {start}")


def place_side_counts(store, vs: ViewSql) -> pd.DataFrame:
    """Links in view per (place, side): the map's aggregate (place_id, side, n). With no filter
    at all, SQLite reads only its covering index claim_places(place_id, side)."""
    if vs.everything:  # both backends keep the claim's side on its links (schema 5 on PostgreSQL)
        return store._frame("SELECT place_id, side, COUNT(*) AS n FROM claim_places GROUP BY place_id, side")
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


def _distinct(store, table: str, column: str, keep: str) -> list:
    """The distinct non-null values of an indexed ``column`` that some row with ``keep`` holds:
    one index seek per value (a loose index scan), not a read of every row."""
    sql = (f"WITH RECURSIVE v(x) AS (SELECT MIN(t.{column}) FROM {table} t UNION ALL "
           f"SELECT (SELECT MIN(t.{column}) FROM {table} t WHERE t.{column} > v.x) FROM v WHERE v.x IS NOT NULL) "
           f"SELECT v.x FROM v WHERE v.x IS NOT NULL AND EXISTS (SELECT 1 FROM {table} t WHERE t.{column} = v.x "
           f"AND {keep})")
    df = store._frame(sql)
    return list(df.iloc[:, 0]) if len(df) else []


def _edge(store, sql: str) -> object:
    df = store._frame(sql)
    return df.iloc[0, 0] if len(df) else None


def options(store, precisions: list[str]) -> FilterOptions:
    """What each multiselect offers, and the overall date span, asked of the store: distinct
    values by index seeks, each end of the span from its column's index (no read of every claim)."""
    def distinct(values: list) -> list[str]:
        return sorted({str(v) for v in values if v is not None and v == v and str(v).strip()}, key=str.casefold)
    d = store.dialect
    outlets = distinct(_distinct(store, "articles", "outlet",
                                 "EXISTS (SELECT 1 FROM claims k WHERE k.article_id = t.id)"))
    speakers = distinct(_distinct(store, "claims", "speaker", "COALESCE(t.speaker_role, '') <> 'outlet'"))
    ends = []
    for column, table, keep in (("event_date", "claims", ""), ("event_date_end", "claims", ""),
                                ("claim_date", "claims", ""),
                                ("published", "articles", " AND EXISTS (SELECT 1 FROM claims k WHERE k.article_id = t.id)")):
        for way in ("ASC", "DESC"):
            ends.append(_edge(store, f"SELECT {d.iso(f't.{column}')} FROM {table} t WHERE t.{column} IS NOT NULL"
                                     f"{keep} ORDER BY t.{column} {way} LIMIT 1"))
    days = [e for e in ends if isinstance(e, str) and e]
    lo, hi = (min(days), max(days)) if days else (None, None)

    def day(v: object):
        return pd.Timestamp(v).date() if isinstance(v, str) and v else None
    return FilterOptions(outlets=outlets, speakers=speakers, precisions=precisions, date_min=day(lo), date_max=day(hi))


# The view's questions on the store's facts (schema 5, geo.filtersql.FactsSql): one read of a
# covering index each, no join of claims, articles and places. The indexes lead with the side, so
# a side filter reads only that side's range, and the GROUP BY follows their order (no sort).

def link_facts(store, fs: FactsSql) -> pd.DataFrame:
    """Links in view per (place, event day, side, denial): n links, and n_first the claims they
    are the first link of (place_id, day, side, denial, n, n_first). The map's counts and the
    events' counts are both sums of these rows."""
    d = store.dialect
    return store._frame(f"SELECT f.place_id, {d.iso('f.day')} AS day, f.side, f.denial, COUNT(*) AS n, "
                        f"SUM(f.first) AS n_first FROM claim_places f WHERE {fs.link_where} "
                        f"GROUP BY f.side, f.place_id, f.day, f.denial", fs.link_params)


def multi_duplicates(store, fs: FactsSql) -> pd.DataFrame:
    """For claims linked to several places in view: how many links per (scene, day, side,
    denial) are a claim counted again in a scene it is already in (scene, day, side, denial, dup).
    Reads only the links of such claims (a partial index)."""
    d = store.dialect
    scene = "COALESCE(sc.scene, f.place_id)"
    return store._frame(
        f"SELECT {scene} AS scene, {d.iso('f.day')} AS day, f.side, f.denial, "
        f"COUNT(*) - COUNT(DISTINCT f.claim_id) AS dup FROM claim_places f "
        f"LEFT JOIN place_scenes sc ON sc.place_id = f.place_id WHERE f.multi = 1 AND {fs.link_where} "
        f"GROUP BY {scene}, f.day, f.side, f.denial", fs.link_params)


def facts_event_counts(store, fs: FactsSql, facts: pd.DataFrame,
                       parents: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``event_counts`` from the link facts: links summed per scene (a town inside a region is
    in the region's scene), less the claims counted twice in one scene."""
    if facts.empty:
        return (pd.DataFrame(columns=["scene", "day", "side", "denial", "n"]),
                pd.DataFrame(columns=["scene", "day", "place_id"]))
    scene = facts["place_id"].map(lambda p: parents.get(p, p)) if parents else facts["place_id"]
    rows = facts.assign(scene=scene.astype(str), day=facts["day"].astype(object), n=facts["n"].astype("int64"),
                        denial=facts["denial"].astype("int64"))
    keys = ["scene", "day", "side", "denial"]
    counts = rows.groupby(keys, dropna=False, sort=False)["n"].sum().reset_index()
    dups = multi_duplicates(store, fs)
    if len(dups):
        dups = dups.assign(dup=dups["dup"].astype("int64"), denial=dups["denial"].astype("int64"),
                           day=dups["day"].astype(object))
        counts = counts.merge(dups, on=keys, how="left")
        counts["n"] = counts["n"] - counts["dup"].fillna(0).astype("int64")
        counts = counts.drop(columns="dup")
    places = rows[["scene", "day", "place_id"]].drop_duplicates()
    return counts, places


def facts_claim_days(store, fs: FactsSql) -> pd.DataFrame:
    """Claims in view per ("when" first day, side): (day, side, n), undated claims with day None.
    The side cards are its sums, the timeline its dated rows."""
    d = store.dialect
    return store._frame(f"SELECT {d.iso('k.w_lo')} AS day, k.side, COUNT(*) AS n FROM claims k "
                        f"WHERE {fs.claim_where} GROUP BY k.side, k.w_lo", fs.claim_params)
