"""A PostgreSQL store for a shared deployment, with the SQLite store's public methods.

Several ingest runs (on several machines) can write to one database: every
article is one transaction, and ``INSERT ... ON CONFLICT DO NOTHING`` on the
content-hash id makes a second writer of the same article a no-op. Frames
come back with the same columns and value types as ``geo.store.Store``
(dates as ISO strings), so the dashboard cannot tell the two apart.

``open_store("postgresql://...")`` gives a ``PgStore``; any other string is a
path to a SQLite file. psycopg (3) is imported only when a URL is used.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pandas as pd

from . import searchindex
from .errors import StoreError
from .filtersql import POSTGRESQL, Dialect
from .models import Article, Claim, Place
from .storeindexes import BASE_INDEXES, view_indexes
from .store import SCHEMA_VERSION, SEARCH_BACKFILL, Store, claim_role_rows, claims_columns

URL_PREFIXES = ("postgresql://", "postgres://")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    title TEXT, outlet TEXT, outlet_side TEXT NOT NULL, published DATE, url TEXT, language TEXT,
    text TEXT NOT NULL, ingested_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS places (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL,
    country_code TEXT, precision TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL);
ALTER TABLE places ADD COLUMN IF NOT EXISTS kind TEXT NOT NULL DEFAULT 'city';
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    place_id TEXT NOT NULL REFERENCES places(id), start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, PRIMARY KEY (article_id, start, "end"));
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS role TEXT NOT NULL DEFAULT 'mentioned';
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS evidence TEXT NOT NULL DEFAULT '';
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    speaker TEXT, speaker_role TEXT, side TEXT NOT NULL, cue TEXT, is_quote BOOLEAN NOT NULL,
    stance TEXT, claim_date DATE, claim_date_precision TEXT, event_date DATE, event_date_end DATE,
    event_date_precision TEXT);
CREATE TABLE IF NOT EXISTS claim_places (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    place_id TEXT NOT NULL REFERENCES places(id), PRIMARY KEY (claim_id, place_id));
CREATE TABLE IF NOT EXISTS claim_place_roles (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    place_id TEXT NOT NULL REFERENCES places(id), role TEXT NOT NULL,
    PRIMARY KEY (claim_id, place_id, role));
CREATE TABLE IF NOT EXISTS claim_search (
    claim_id TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE, hay TEXT NOT NULL, speaker TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS place_scenes (place_id TEXT PRIMARY KEY, scene TEXT NOT NULL);
"""
_SCHEMA += BASE_INDEXES

# Schema 5: the view's facts, kept by triggers as in the SQLite store (geo/store.py, _INDEXES).
_FACTS = """
ALTER TABLE claims ADD COLUMN IF NOT EXISTS w_lo DATE;
ALTER TABLE claims ADD COLUMN IF NOT EXISTS w_hi DATE;
ALTER TABLE claim_places ADD COLUMN IF NOT EXISTS side TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE claim_places ADD COLUMN IF NOT EXISTS day DATE;
ALTER TABLE claim_places ADD COLUMN IF NOT EXISTS lo DATE;
ALTER TABLE claim_places ADD COLUMN IF NOT EXISTS hi DATE;
ALTER TABLE claim_places ADD COLUMN IF NOT EXISTS denial INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claim_places ADD COLUMN IF NOT EXISTS first INTEGER NOT NULL DEFAULT 1;
ALTER TABLE claim_places ADD COLUMN IF NOT EXISTS multi INTEGER NOT NULL DEFAULT 0;
"""
_FACT_TRIGGERS = """
CREATE OR REPLACE FUNCTION geo_claims_span() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.w_lo := COALESCE(NEW.event_date, NEW.claim_date);
    NEW.w_hi := COALESCE(NEW.event_date_end, NEW.event_date, NEW.claim_date);
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER claims_span BEFORE INSERT ON claims FOR EACH ROW EXECUTE FUNCTION geo_claims_span();
CREATE OR REPLACE FUNCTION geo_claim_places_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT k.side, COALESCE(k.event_date, k.claim_date, a.published), COALESCE(k.event_date, k.claim_date),
           COALESCE(k.event_date_end, k.event_date, k.claim_date), CASE WHEN k.stance = 'denies' THEN 1 ELSE 0 END
      INTO NEW.side, NEW.day, NEW.lo, NEW.hi, NEW.denial
      FROM claims k JOIN articles a ON a.id = k.article_id WHERE k.id = NEW.claim_id;
    IF EXISTS (SELECT 1 FROM claim_places o WHERE o.claim_id = NEW.claim_id AND o.place_id <> NEW.place_id) THEN
        NEW.first := 0;
        NEW.multi := 1;
        UPDATE claim_places SET multi = 1 WHERE claim_id = NEW.claim_id AND multi = 0 AND place_id <> NEW.place_id;
    ELSE
        NEW.first := 1;
        NEW.multi := 0;
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER claim_places_facts BEFORE INSERT ON claim_places FOR EACH ROW
    EXECUTE FUNCTION geo_claim_places_facts();
""" + view_indexes("published DESC NULLS LAST")  # the table's order, read forward
# Schema 5's facts for the rows an older database already holds (one transaction, on open).
_FILL_FACTS = """
UPDATE claims SET w_lo = COALESCE(event_date, claim_date), w_hi = COALESCE(event_date_end, event_date, claim_date);
UPDATE claim_places cp SET side = k.side, day = COALESCE(k.event_date, k.claim_date, a.published), lo = k.w_lo,
       hi = k.w_hi, denial = CASE WHEN k.stance = 'denies' THEN 1 ELSE 0 END
  FROM claims k JOIN articles a ON a.id = k.article_id WHERE k.id = cp.claim_id;
UPDATE claim_places cp SET first = CASE WHEN cp.place_id = m.lo_place THEN 1 ELSE 0 END,
       multi = CASE WHEN m.n > 1 THEN 1 ELSE 0 END
  FROM (SELECT claim_id, MIN(place_id) AS lo_place, COUNT(*) AS n FROM claim_places GROUP BY claim_id) m
 WHERE m.claim_id = cp.claim_id;
"""

# Dates leave as ISO text so frames match the SQLite store's.
_D = "to_char({0}, 'YYYY-MM-DD')"


def is_url(target: str | Path) -> bool:
    return isinstance(target, str) and target.startswith(URL_PREFIXES)


def open_store(target: str | Path):
    """A ``PgStore`` for a ``postgresql://`` URL, else the SQLite ``Store`` at that path."""
    return PgStore(target) if is_url(target) else Store(target)


class PgStore:
    """A PostgreSQL database holding the same tables as the SQLite store."""

    dialect: Dialect = POSTGRESQL

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError(f"PostgreSQL store needs psycopg (pip install psycopg==3.3.9) and libpq: {exc}") from None
        self.url = url
        self._psycopg = psycopg
        self._lock = threading.RLock()
        try:
            self._conn = psycopg.connect(url, autocommit=True)
            with self._conn.transaction():
                # One schema creator at a time when several ingest runs start together.
                self._conn.execute("SELECT pg_advisory_xact_lock(727271)")
                self._conn.execute(_SCHEMA)
                row = self._conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
                if row and int(row[0]) > SCHEMA_VERSION:
                    raise StoreError(f"{self._safe_url()}: schema version {row[0]} is newer than this "
                                     f"program's {SCHEMA_VERSION}")
                self._conn.execute(_FACTS)
                if row and int(row[0]) < 5:
                    self._conn.execute(_FILL_FACTS)
                self._conn.execute(_FACT_TRIGGERS)
                self._conn.execute("INSERT INTO meta VALUES ('schema_version', %s) ON CONFLICT (key) "
                                   "DO UPDATE SET value = EXCLUDED.value", (str(SCHEMA_VERSION),))
            self._trigram_indexes()
            self.backfill_search()
        except psycopg.Error as exc:
            raise StoreError(f"{self._safe_url()}: cannot open the PostgreSQL store ({exc})") from None

    def _safe_url(self) -> str:
        """The URL without its password, for messages."""
        head, sep, tail = self.url.partition("@")
        return (head.split(":")[0] + "://…@" + tail) if sep else self.url

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _transaction(self) -> Iterator:
        with self._lock:
            try:
                with self._conn.transaction():
                    yield self._conn
            except self._psycopg.Error as exc:
                raise StoreError(f"{self._safe_url()}: {exc}") from None

    def has_article(self, article_id: str) -> bool:
        with self._lock:
            return self._conn.execute("SELECT 1 FROM articles WHERE id=%s", (article_id,)).fetchone() is not None

    def save_article(self, article: Article, places: list[Place], claims: list[Claim]) -> bool:
        """Store one article with its places and claims atomically. False if it was already there."""
        with self._transaction() as c:
            row = c.execute(
                'INSERT INTO articles (id, source, start, "end", title, outlet, outlet_side, published, url, '
                "language, text) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) ON CONFLICT (id) DO NOTHING RETURNING id",
                (article.id, article.source, article.start, article.end, article.title, article.outlet,
                 article.outlet_side, article.published, article.url, article.language, article.text),
            ).fetchone()
            if row is None:
                return False
            cur = c.cursor()
            # Sorted by id: concurrent writers take row locks in one order (no deadlocks).
            cur.executemany(
                "INSERT INTO places (id, name, lat, lon, country_code, precision, confidence, kind) "
                "VALUES (%s,%s,%s,%s,%s,%s,%s,%s) ON CONFLICT (id) DO NOTHING",
                sorted((p.id, p.name, p.lat, p.lon, p.country_code, p.precision, p.confidence, p.kind)
                       for p in places),
            )
            cur.executemany(
                'INSERT INTO mentions (article_id, place_id, start, "end", text, role, evidence) '
                "VALUES (%s,%s,%s,%s,%s,%s,%s) ON CONFLICT DO NOTHING",
                [(m.article_id, p.id, m.start, m.end, m.text, m.role, m.evidence) for p in places
                 for m in p.mentions if m.article_id == article.id],
            )
            cur.executemany(
                'INSERT INTO claims (id, article_id, start, "end", text, speaker, speaker_role, side, cue, is_quote, stance, '
                "claim_date, claim_date_precision, event_date, event_date_end, event_date_precision) "
                "VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) ON CONFLICT DO NOTHING",
                [(k.id, k.article_id, k.start, k.end, k.text, k.speaker, k.speaker_role, k.side, k.cue,
                  bool(k.is_quote), k.stance, k.claim_date, k.claim_date_precision, k.event_date,
                  k.event_date_end, k.event_date_precision) for k in claims],
            )
            cur.executemany(
                "INSERT INTO claim_places (claim_id, place_id) VALUES (%s,%s) ON CONFLICT DO NOTHING",
                [(k.id, pid) for k in claims for pid in dict.fromkeys(k.place_ids)],
            )
            cur.executemany("INSERT INTO claim_place_roles VALUES (%s,%s,%s) ON CONFLICT DO NOTHING",
                            claim_role_rows(claims))
            cur.executemany("INSERT INTO claim_search VALUES (%s,%s,%s) ON CONFLICT DO NOTHING",
                            searchindex.rows_for_article(article.title, article.outlet, places, claims))
        return True

    def _trigram_indexes(self) -> None:
        """pg_trgm GIN indexes over the search rows, so the search's LIKE '%needle%' is an index
        lookup; without the extension (not installed, or not allowed) the LIKE scans, same result."""
        try:
            with self._conn.transaction():
                self._conn.execute("SELECT pg_advisory_xact_lock(727272)")
                self._conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                self._conn.execute("CREATE INDEX IF NOT EXISTS claim_search_hay_trgm ON claim_search "
                                   "USING gin (hay gin_trgm_ops)")
                self._conn.execute("CREATE INDEX IF NOT EXISTS claim_search_speaker_trgm ON claim_search "
                                   "USING gin (speaker gin_trgm_ops)")
        except self._psycopg.Error:
            pass

    def backfill_search(self) -> int:
        """Fold the search text of claims stored without it (older stores, bulk loads); how many."""
        done, last = 0, ""
        sql = SEARCH_BACKFILL.format(mark="%s", concat="string_agg(p.name, '|' ORDER BY p.id)")
        with self._lock:  # on every open: two counts, not an anti-join over every claim
            n_claims = self._conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
            if self._conn.execute("SELECT COUNT(*) FROM claim_search").fetchone()[0] >= n_claims:
                return 0
        while True:
            with self._lock:
                rows = self._conn.execute(sql, (last, searchindex.BACKFILL_CHUNK)).fetchall()
            if not rows:
                return done
            with self._transaction() as c:
                c.cursor().executemany("INSERT INTO claim_search VALUES (%s,%s,%s) ON CONFLICT DO NOTHING",
                                       list(searchindex.rows_from_query(rows)))
            done, last = done + len(rows), rows[-1][0]

    def set_scenes(self, parents: dict[str, str]) -> None:
        """Which region each town lies in (geo.nesting), for grouping events in SQL; rewritten
        only when it changed."""
        with self._lock:
            now = dict(self._conn.execute("SELECT place_id, scene FROM place_scenes").fetchall())
        if now == parents:
            return
        with self._transaction() as c:
            c.execute("LOCK TABLE place_scenes IN EXCLUSIVE MODE")
            c.execute("DELETE FROM place_scenes")
            c.cursor().executemany("INSERT INTO place_scenes VALUES (%s,%s)", sorted(parents.items()))

    def iter_rows(self, sql: str, params: tuple = (), size: int = 5000) -> Iterator[tuple[list[str], list[tuple]]]:
        """(column names, rows) ``size`` rows at a time through a server-side cursor on a
        connection of its own: a long export neither holds every row nor blocks the page."""
        with self._psycopg.connect(self.url) as conn, conn.cursor(name="export") as cur:
            cur.execute(sql, params)
            cols = None
            while rows := cur.fetchmany(size):
                cols = cols or [d.name for d in cur.description]
                yield cols, rows

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {t: self._conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                    for t in ("articles", "places", "mentions", "claims", "claim_places")}

    def is_empty(self) -> bool:
        with self._lock:
            return self._conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    def _frame(self, sql: str, params: tuple = ()) -> pd.DataFrame:
        with self._lock:
            cur = self._conn.execute(sql, params)
            cols = [d.name for d in cur.description]
            return pd.DataFrame(cur.fetchall(), columns=cols)

    def claims_frame(self) -> pd.DataFrame:
        """One row per claim, with its article's metadata and ``place_ids`` as a list."""
        df = self._frame(
            f"""SELECT k.id AS claim_id, k.article_id, k.start, k."end", k.text, k.speaker, k.speaker_role,
                      k.side, k.cue, k.is_quote, k.stance, {_D.format('k.claim_date')} AS claim_date,
                      k.claim_date_precision, {_D.format('k.event_date')} AS event_date,
                      {_D.format('k.event_date_end')} AS event_date_end, k.event_date_precision,
                      a.title, a.outlet, a.outlet_side, {_D.format('a.published')} AS published, a.source, a.url,
                      (SELECT string_agg(cp.place_id, '|' ORDER BY cp.place_id) FROM claim_places cp
                        WHERE cp.claim_id = k.id) AS place_ids,
                      (SELECT string_agg(r.place_id, '|' ORDER BY r.place_id) FROM claim_place_roles r
                        WHERE r.claim_id = k.id AND r.role = 'seat') AS seat_place_ids,
                      (SELECT string_agg(r.place_id, '|' ORDER BY r.place_id) FROM claim_place_roles r
                        WHERE r.claim_id = k.id AND r.role = 'mentioned') AS mentioned_place_ids
               FROM claims k JOIN articles a ON a.id = k.article_id
               ORDER BY a.published DESC NULLS LAST, k.article_id, k.start"""
        )
        return claims_columns(df)

    def places_frame(self) -> pd.DataFrame:
        """One row per place that has at least one mention."""
        return self._frame(
            """SELECT p.id AS place_id, p.name, p.lat, p.lon, p.country_code, p.precision, p.confidence,
                      COUNT(m.place_id) AS n_mentions, p.kind
               FROM places p JOIN mentions m ON m.place_id = p.id
               GROUP BY p.id ORDER BY n_mentions DESC, p.name"""
        )

    def mentions_frame(self) -> pd.DataFrame:
        return self._frame('SELECT article_id, place_id, start, "end", text, role, evidence FROM mentions '
                           "ORDER BY article_id, start")

    def articles_frame(self) -> pd.DataFrame:
        return self._frame(
            f'SELECT id AS article_id, source, start, "end", title, outlet, outlet_side, '
            f"{_D.format('published')} AS published, url "
            "FROM articles ORDER BY published DESC NULLS LAST, source, start"
        )

    def article_leads(self, chars: int = 300) -> pd.DataFrame:
        """The first ``chars`` characters of each story (article_id, lead): a headline for
        articles that came without a title."""
        return self._frame(f'SELECT id AS article_id, substr(text, start + 1, {int(chars)}) AS lead FROM articles')

    def article_mentions(self, article_id: str) -> pd.DataFrame:
        """One article's place mentions (start, end, place_id), in text order: the article view marks them."""
        return self._frame('SELECT place_id, start, "end" FROM mentions WHERE article_id=%s ORDER BY start',
                           (article_id,))

    def article_text(self, article_id: str) -> tuple[str, int, int] | None:
        """(full file text, story start, story end) of an article, or None."""
        with self._lock:
            row = self._conn.execute('SELECT text, start, "end" FROM articles WHERE id=%s', (article_id,)).fetchone()
        return tuple(row) if row else None
