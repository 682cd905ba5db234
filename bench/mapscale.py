"""(d) The map at scale: a synthetic store of 100,000 claims over 5,000 real places.

Measures the map's aggregate (claims per place and side) as one indexed SQL
GROUP BY (the store's own method, Store.place_aggregate, when it has one) against the dashboard's DataFrame path (claims_frame + places_frame
+ mapview.aggregate_places), shows SQLite's query plan, and times building
the Folium map (aggregate, base map, markers, HTML) for 10,000 claims
against 100 claims. Times are CPU time of this process (all of it runs
in this thread), so a busy machine does not distort them.
"""
from __future__ import annotations

import random
import shutil
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from geo.models import SIDES
from geo.store import Store

from .common import Config, Row, SectionResult, Timer, median

AGGREGATE_SQL = """
SELECT p.id AS place_id, p.name, p.lat, p.lon, p.precision,
       COUNT(*) AS n_claims,
       SUM(k.side = 'russia') AS russia, SUM(k.side = 'ukraine') AS ukraine, SUM(k.side = 'west') AS west,
       SUM(k.side = 'other') AS other, SUM(k.side = 'unknown') AS unknown
FROM claim_places cp JOIN claims k ON k.id = cp.claim_id JOIN places p ON p.id = cp.place_id
GROUP BY cp.place_id
"""


def _real_places(n: int, rng: random.Random) -> list[tuple[str, str, float, float, str, str]]:
    from geo.gazetteer import load_index

    g = load_index()
    entries = [g.entry(i) for i in rng.sample(range(len(g)), n)]
    return [(e.id, e.name, e.lat, e.lon, e.country_code, e.precision) for e in entries]


def build_store(path: Path, n_claims: int, n_places: int, claims_per_article: int = 10, seed: int = 11) -> Store:
    """Bulk-load a store through the real schema (Store creates it), one transaction."""
    rng = random.Random(seed)
    store = Store(path)
    places = _real_places(n_places, rng)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    c = store._conn
    c.execute("BEGIN")
    c.executemany("INSERT INTO places (id, name, lat, lon, country_code, precision, confidence) "
                  "VALUES (?,?,?,?,?,?,1.0)", places)
    sentence = "An official said that forces near the town had advanced a short distance overnight. "
    n_articles = n_claims // claims_per_article
    start = date(2024, 1, 1)
    for a in range(n_articles):
        aid = f"a{a:07d}"
        text = sentence * claims_per_article
        pub = start + timedelta(days=rng.randrange(700))
        c.execute('INSERT INTO articles (id, source, start, "end", title, outlet, outlet_side, published, url, '
                  "language, text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                  (aid, f"synthetic/{a}.txt", 0, len(text), f"Story {a}", f"Outlet {a % 20}",
                   rng.choice(SIDES), pub.isoformat(), None, "en", text, now))
        ment, claims, links = [], [], []
        for k in range(claims_per_article):
            s, e = k * len(sentence), (k + 1) * len(sentence) - 1
            pid = places[min(int(rng.paretovariate(1.1)) - 1, n_places - 1) if rng.random() < 0.5
                         else rng.randrange(n_places)][0]
            ment.append((aid, pid, s + 20, s + 28, "the town"))
            cid = f"{aid}c{k}"
            claims.append((cid, aid, s, e, sentence.strip(), f"Speaker {rng.randrange(300)}", "official",
                           rng.choice(SIDES), "said", 0, "asserts", pub.isoformat(), "day",
                           (pub - timedelta(days=rng.randrange(3))).isoformat(), None, "day"))
            links.append((cid, pid, claims[-1][7]))
        c.executemany('INSERT OR IGNORE INTO mentions (article_id, place_id, start, "end", text) VALUES (?,?,?,?,?)',
                      ment)
        c.executemany('INSERT INTO claims (id, article_id, start, "end", text, speaker, speaker_role, side, cue, '
                      "is_quote, stance, claim_date, claim_date_precision, event_date, event_date_end, "
                      "event_date_precision) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", claims)
        c.executemany("INSERT OR IGNORE INTO claim_places (claim_id, place_id, side) VALUES (?,?,?)", links)
    c.execute("COMMIT")
    c.execute("ANALYZE")
    return store


def _store_aggregate(store: Store):
    """The store's own aggregate method if the dashboard work added one, else our GROUP BY."""
    import inspect

    for name in ("place_aggregate", "map_aggregate", "place_aggregates", "aggregate_places", "places_aggregate", "place_counts"):
        fn = getattr(store, name, None)
        if callable(fn) and all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                                for p in inspect.signature(fn).parameters.values()):
            return f"Store.{name}()", fn
    return "SQL GROUP BY (bench/mapscale.py)", lambda: store._frame(AGGREGATE_SQL)


def _dashboard_aggregate(store: Store):
    from geo import mapview

    claims, places = store.claims_frame(), store.places_frame()
    return mapview.aggregate_places(claims, places)


def _build_map(claims, places) -> int:
    from geo import mapview

    agg = mapview.aggregate_places(claims, places)
    center, zoom = mapview.initial_view(agg)
    m = mapview.base_map(center, zoom)
    mapview.markers_layer(agg).add_to(m)
    return len(m.get_root().render())


def run(cfg: Config) -> SectionResult:
    res = SectionResult("mapscale")
    n_claims, n_places = cfg.size(100_000, 20_000), cfg.size(5_000, 1_000)
    tmp = Path(tempfile.mkdtemp(prefix="bench-map-"))
    try:
        with Timer() as tbuild:
            store = build_store(tmp / "big.db", n_claims, n_places)
        res.notes.append(f"synthetic store: {store.counts()} built in {tbuild.s:.1f} s")
        label, agg_fn = _store_aggregate(store)
        agg_fn()  # warm the page cache
        ours = median([_timed(agg_fn) for _ in range(5)])
        with Timer() as tf:
            claims, places = store.claims_frame(), store.places_frame()
        from geo import mapview

        with Timer() as ta:
            mapview.aggregate_places(claims, places)
        base = tf.cpu + ta.cpu
        res.rows.append(Row("mapscale", f"aggregate {n_claims:,} claims -> places", ours * 1000, base * 1000, "ms",
                            base / ours, "<100 ms", ours < 0.1,
                            f"{label} vs claims_frame+places_frame ({tf.cpu * 1000:.0f} ms) + "
                            f"mapview.aggregate_places ({ta.cpu * 1000:.0f} ms)"))
        if not label.startswith("SQL"):
            plan = store._conn.execute("EXPLAIN QUERY PLAN SELECT place_id, COUNT(*), SUM(side = 'russia') "
                                       "FROM claim_places GROUP BY place_id").fetchall()
            res.notes.append(f"EXPLAIN QUERY PLAN of {label}'s GROUP BY: " + "; ".join(str(r[-1]) for r in plan))
        if label.startswith("SQL"):
            plan = store._conn.execute("EXPLAIN QUERY PLAN " + AGGREGATE_SQL).fetchall()
            res.notes.append("EXPLAIN QUERY PLAN of the aggregate: " + "; ".join(str(r[-1]) for r in plan))
            _covering_index_row(res, store, n_claims, base)
        # Map build: claims as the dashboard hands them over (a slice of claims_frame).
        rng = random.Random(3)
        small_n, big_n = 100, cfg.size(10_000, 5_000)
        rows = list(range(len(claims)))
        small = claims.iloc[sorted(rng.sample(rows, small_n))]
        big = claims.iloc[sorted(rng.sample(rows, big_n))]
        _build_map(small, places)  # warm-up: imports, border GeoJSON cache
        t_small = median([_timed(lambda: _build_map(small, places)) for _ in range(3)])
        t_big = median([_timed(lambda: _build_map(big, places)) for _ in range(3 if not cfg.quick else 1)])
        n_big_places = len({p for ids in big["place_ids"] for p in ids})
        res.rows.append(Row("mapscale", f"Folium map build, {big_n:,} vs {small_n} claims", t_big, t_small, "s",
                            t_big / t_small, "<=3x (lower is better)", t_big / t_small <= 3,
                            f"{n_big_places:,} vs {len({p for ids in small['place_ids'] for p in ids})} "
                            f"markers; aggregate + base map + markers + HTML render"))
        if not cfg.quick:
            t_all = _timed(lambda: _build_map(claims, places))
            res.rows.append(Row("mapscale", f"Folium map build, all {len(claims):,} vs {small_n} claims", t_all,
                                t_small, "s", t_all / t_small, "(lower is better)", None,
                                f"{len({p for ids in claims['place_ids'] for p in ids}):,} markers"))
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return res


def _timed(fn) -> float:
    """CPU seconds of fn (SQLite, pandas and Folium all run in this thread)."""
    with Timer() as t:
        fn()
    return t.cpu


def _covering_index_row(res: SectionResult, store: Store, n_claims: int, base: float) -> None:
    """The same GROUP BY once claims(id, side) covers the join (a suggestion for geo/store.py)."""
    c = store._conn
    c.execute("CREATE INDEX IF NOT EXISTS bench_claims_id_side ON claims(id, side)")
    c.execute("ANALYZE")
    fn = lambda: c.execute(AGGREGATE_SQL).fetchall()  # noqa: E731
    fn()
    t = median([_timed(fn) for _ in range(5)])
    res.rows.append(Row("mapscale", f"aggregate {n_claims:,} claims, with index claims(id, side)", t * 1000,
                        base * 1000, "ms", base / t, "<100 ms", t < 0.1,
                        "suggested index (bench only; not in geo/store.py): claim lookups become index-only"))
    c.execute("DROP INDEX bench_claims_id_side")
