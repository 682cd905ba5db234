"""The embedded store: one SQLite file (WAL), one transaction per article.

Articles are keyed by their content hash, so storing the same article twice
changes nothing. The dashboard reads DataFrames from here.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

import pandas as pd

from . import searchindex
from .errors import StoreError
from .filtersql import SQLITE, Dialect
from .models import SIDES, Article, Claim, Place
from .storeindexes import BASE_INDEXES, view_indexes

SCHEMA_VERSION = 5  # 2: claim_places.side (the claim's side, denormalised for the map aggregate);
# 3: places.kind, mentions.role and .evidence, claim_place_roles (a claim's seat and mentioned places);
# 4: claim_search (folded search text, filled for older stores on open), place_scenes, the view's indexes;
# 5: the view's facts kept by triggers (claims.w_lo/w_hi, claim_places.day/lo/hi/denial/first/multi)
QUICK_CHECK_BYTES = 64 << 20  # stores up to this size get a full quick_check when opened
DEFAULT_STORE = Path(__file__).resolve().parent.parent / "data" / "claims.db"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    title TEXT, outlet TEXT, outlet_side TEXT NOT NULL, published TEXT, url TEXT, language TEXT,
    text TEXT NOT NULL, ingested_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country_code TEXT, precision TEXT NOT NULL, confidence REAL NOT NULL, kind TEXT NOT NULL DEFAULT 'city');
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    place_id TEXT NOT NULL REFERENCES places(id), start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, role TEXT NOT NULL DEFAULT 'mentioned', evidence TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, start, "end"));
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    speaker TEXT, speaker_role TEXT, side TEXT NOT NULL, cue TEXT, is_quote INTEGER NOT NULL,
    stance TEXT, claim_date TEXT, claim_date_precision TEXT, event_date TEXT, event_date_end TEXT,
    event_date_precision TEXT, w_lo TEXT, w_hi TEXT);
CREATE TABLE IF NOT EXISTS claim_places (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    place_id TEXT NOT NULL REFERENCES places(id), side TEXT NOT NULL DEFAULT 'unknown',
    day TEXT, lo TEXT, hi TEXT, denial INTEGER NOT NULL DEFAULT 0, first INTEGER NOT NULL DEFAULT 1,
    multi INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (claim_id, place_id));
CREATE TABLE IF NOT EXISTS claim_place_roles (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    place_id TEXT NOT NULL REFERENCES places(id), role TEXT NOT NULL,
    PRIMARY KEY (claim_id, place_id, role));
CREATE TABLE IF NOT EXISTS claim_search (
    claim_id TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE, hay TEXT NOT NULL, speaker TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS place_scenes (place_id TEXT PRIMARY KEY, scene TEXT NOT NULL);
"""
_SCHEMA += BASE_INDEXES
# After any migration: the covering index of the map aggregate (claims per place and side), and
# the view's facts (geo.filtersql.FactsSql). A claim's "when" span (w_lo, w_hi) and, on each of
# its links, what the map, the events and the counts filter and group by (its side, event day,
# span, denial; ``first`` marks one link per claim, ``multi`` the links of claims with several
# places) are copied by triggers, whoever writes the rows (save_article, bulk loads): the page's
# usual questions then read one narrow covering index instead of joining four tables. The
# filters' options (distinct outlets and speakers, the date span) are index seeks.
_INDEXES = """
CREATE TRIGGER IF NOT EXISTS claims_span AFTER INSERT ON claims BEGIN
    UPDATE claims SET w_lo = COALESCE(new.event_date, new.claim_date),
                      w_hi = COALESCE(new.event_date_end, new.event_date, new.claim_date) WHERE rowid = new.rowid; END;
CREATE TRIGGER IF NOT EXISTS claim_places_facts AFTER INSERT ON claim_places BEGIN
    UPDATE claim_places SET (side, day, lo, hi, denial) = (SELECT k.side, COALESCE(k.event_date, k.claim_date, a.published),
            COALESCE(k.event_date, k.claim_date), COALESCE(k.event_date_end, k.event_date, k.claim_date),
            CASE WHEN k.stance = 'denies' THEN 1 ELSE 0 END
            FROM claims k JOIN articles a ON a.id = k.article_id WHERE k.id = new.claim_id),
        first = NOT EXISTS (SELECT 1 FROM claim_places o WHERE o.claim_id = new.claim_id AND o.place_id <> new.place_id),
        multi = EXISTS (SELECT 1 FROM claim_places o WHERE o.claim_id = new.claim_id AND o.place_id <> new.place_id)
        WHERE rowid = new.rowid;
    UPDATE claim_places SET multi = 1 WHERE claim_id = new.claim_id AND multi = 0 AND place_id <> new.place_id; END;
""" + view_indexes()
# Schema 5's facts for the rows an older store already holds (the triggers keep them after).
_FILL_FACTS = """
UPDATE claims SET w_lo = COALESCE(event_date, claim_date), w_hi = COALESCE(event_date_end, event_date, claim_date);
UPDATE claim_places SET (side, day, lo, hi, denial) = (SELECT k.side, COALESCE(k.event_date, k.claim_date, a.published),
        k.w_lo, k.w_hi, CASE WHEN k.stance = 'denies' THEN 1 ELSE 0 END
        FROM claims k JOIN articles a ON a.id = k.article_id WHERE k.id = claim_places.claim_id),
    first = rowid = (SELECT MIN(o.rowid) FROM claim_places o WHERE o.claim_id = claim_places.claim_id),
    multi = (SELECT COUNT(*) FROM claim_places o WHERE o.claim_id = claim_places.claim_id) > 1;
"""
# The search rows' trigram index: a folded needle of three characters or more is a MATCH,
# not a scan (geo.filtersql). External content: the text is kept once, in claim_search.
_FTS = """
CREATE VIRTUAL TABLE claim_fts USING fts5(hay, speaker, content='claim_search', content_rowid='rowid',
                                          tokenize='trigram case_sensitive 1');
CREATE TRIGGER claim_search_ai AFTER INSERT ON claim_search BEGIN
    INSERT INTO claim_fts(rowid, hay, speaker) VALUES (new.rowid, new.hay, new.speaker); END;
CREATE TRIGGER claim_search_ad AFTER DELETE ON claim_search BEGIN
    INSERT INTO claim_fts(claim_fts, rowid, hay, speaker) VALUES ('delete', old.rowid, old.hay, old.speaker); END;
INSERT INTO claim_fts(claim_fts) VALUES ('rebuild');
"""

CLAIM_COLUMNS = [
    "claim_id", "article_id", "start", "end", "text", "speaker", "speaker_role", "side", "cue",
    "is_quote", "stance", "claim_date", "claim_date_precision", "event_date", "event_date_end",
    "event_date_precision", "title", "outlet", "outlet_side", "published", "source", "url", "place_ids",
    "seat_place_ids", "mentioned_place_ids",
]
PLACE_COLUMNS = ["place_id", "name", "lat", "lon", "country_code", "precision", "confidence", "n_mentions", "kind"]
# The places of a claim that are not where it happened, by role (geo/link.py); place_ids are the event places.
CLAIM_PLACE_ROLES = {"seat": "seat_place_ids", "mentioned": "mentioned_place_ids"}


def claims_columns(df: pd.DataFrame) -> pd.DataFrame:
    """A claims query's rows in CLAIM_COLUMNS form (bool quote flag, ``place_ids`` as a list);
    shared by every store backend so the page sees one shape."""
    if df.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    df["is_quote"] = df["is_quote"].astype(bool)
    for col in ("place_ids", *CLAIM_PLACE_ROLES.values()):
        df[col] = [s.split("|") if isinstance(s, str) and s else [] for s in df[col]]  # NULL may be NaN
    return df[CLAIM_COLUMNS]


def claim_role_rows(claims: list[Claim]) -> list[tuple[str, str, str]]:
    """(claim id, place id, role) for every place a claim names but did not happen at."""
    return [(k.id, pid, role) for k in claims for role, attr in CLAIM_PLACE_ROLES.items()
            for pid in dict.fromkeys(getattr(k, attr))]


# Claims without a search row, with what their search text is made of (both backends).
SEARCH_BACKFILL = """SELECT k.id, k.text, k.speaker, k.speaker_role, a.title, a.outlet,
       (SELECT {concat} FROM claim_places cp JOIN places p ON p.id = cp.place_id WHERE cp.claim_id = k.id)
FROM claims k JOIN articles a ON a.id = k.article_id
WHERE k.id > {mark} AND NOT EXISTS (SELECT 1 FROM claim_search s WHERE s.claim_id = k.id)
ORDER BY k.id LIMIT {mark}"""


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


class Store:
    """A SQLite store file. Safe to share between Streamlit's threads (one lock)."""

    dialect: Dialect = SQLITE

    def __init__(self, path: str | Path = DEFAULT_STORE):
        self.path = Path(path)
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = self._open_with_retry()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: the store is unreadable or corrupt ({exc}); move it aside and run "
                f"`python -m geo ingest --rebuild seeds` (or your article folders) to rebuild it"
            ) from None

    def _open_with_retry(self, attempts: int = 40) -> sqlite3.Connection:
        """Open and prepare the file. While another process creates the file or switches it to WAL,
        SQLite can answer "locked" at once without waiting on busy_timeout: such an answer is
        retried with a short back-off (about 10 s in all), anything else is raised."""
        for attempt in range(attempts):
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
            try:
                self._prepare(conn)
                return conn
            except sqlite3.OperationalError as exc:
                conn.close()
                if "locked" not in str(exc) and "busy" not in str(exc) or attempt == attempts - 1:
                    raise
                time.sleep(min(0.5, 0.02 * (attempt + 1)))
        raise AssertionError("unreachable")

    def _prepare(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        self._check()
        conn.executescript(_SCHEMA)
        self._migrate()
        conn.executescript(_INDEXES)
        conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        self._create_fts()
        self.backfill_search()

    def _create_fts(self) -> None:
        """The trigram index over the search rows, built from those already stored (once)."""
        if self._conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'claim_fts'").fetchone():
            return
        with self._transaction() as c:
            if not c.execute("SELECT 1 FROM sqlite_master WHERE name = 'claim_fts'").fetchone():
                for statement in _FTS.split(";\n"):
                    if statement.strip():
                        c.execute(statement)
                c.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def _check(self) -> None:
        """A file that is not a store fails here. SQLite's quick_check reads every page (seconds
        at a million claims, on every start of the page), so a big store is checked by reading
        its schema only; damage further in is then reported by the query that meets it."""
        if self.path.exists() and self.path.stat().st_size <= QUICK_CHECK_BYTES:
            row = self._conn.execute("PRAGMA quick_check").fetchone()
            if row and row[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {row[0]}")
        else:
            self._conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        version = None
        try:
            version = self._conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.OperationalError:
            pass
        if version and int(version[0]) > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"schema version {version[0]} is newer than this program's {SCHEMA_VERSION}")

    def _migrate(self) -> None:
        """Bring a store written by an older version up to SCHEMA_VERSION (one transaction)."""
        def columns(c: sqlite3.Connection, table: str) -> set[str]:
            return {r[1] for r in c.execute(f"PRAGMA table_info({table})")}

        def current(c: sqlite3.Connection) -> bool:
            return "side" in columns(c, "claim_places") and "kind" in columns(c, "places") \
                and "role" in columns(c, "mentions") and "w_lo" in columns(c, "claims") \
                and "multi" in columns(c, "claim_places")

        if current(self._conn):
            return
        with self._transaction() as c:
            if current(c):  # another process migrated it while we waited for the lock
                return
            if "side" not in columns(c, "claim_places"):
                c.execute("ALTER TABLE claim_places ADD COLUMN side TEXT NOT NULL DEFAULT 'unknown'")
                c.execute("UPDATE claim_places SET side = COALESCE("
                          "(SELECT k.side FROM claims k WHERE k.id = claim_places.claim_id), 'unknown')")
            if "kind" not in columns(c, "places"):
                c.execute("ALTER TABLE places ADD COLUMN kind TEXT NOT NULL DEFAULT 'city'")
            if "role" not in columns(c, "mentions"):
                c.execute("ALTER TABLE mentions ADD COLUMN role TEXT NOT NULL DEFAULT 'mentioned'")
                c.execute("ALTER TABLE mentions ADD COLUMN evidence TEXT NOT NULL DEFAULT ''")
            if "w_lo" not in columns(c, "claims") or "multi" not in columns(c, "claim_places"):
                for table, column, kind in (("claims", "w_lo", "TEXT"), ("claims", "w_hi", "TEXT"),
                                            ("claim_places", "day", "TEXT"), ("claim_places", "lo", "TEXT"),
                                            ("claim_places", "hi", "TEXT"),
                                            ("claim_places", "denial", "INTEGER NOT NULL DEFAULT 0"),
                                            ("claim_places", "first", "INTEGER NOT NULL DEFAULT 1"),
                                            ("claim_places", "multi", "INTEGER NOT NULL DEFAULT 0")):
                    if column not in columns(c, table):
                        c.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
                for statement in _FILL_FACTS.split(";\n"):
                    if statement.strip():
                        c.execute(statement)
            c.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")

    def has_article(self, article_id: str) -> bool:
        with self._lock:
            return self._conn.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone() is not None

    def save_article(self, article: Article, places: list[Place], claims: list[Claim]) -> bool:
        """Store one article with its places and claims atomically. False if it was already there."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._transaction() as c:
            if c.execute("SELECT 1 FROM articles WHERE id=?", (article.id,)).fetchone():
                return False
            c.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (article.id, article.source, article.start, article.end, article.title, article.outlet,
                 article.outlet_side, _iso(article.published), article.url, article.language, article.text, now),
            )
            c.executemany(
                "INSERT OR IGNORE INTO places (id, name, lat, lon, country_code, precision, confidence, kind) "
                "VALUES (?,?,?,?,?,?,?,?)",
                [(p.id, p.name, p.lat, p.lon, p.country_code, p.precision, p.confidence, p.kind) for p in places],
            )
            c.executemany(
                'INSERT OR IGNORE INTO mentions (article_id, place_id, start, "end", text, role, evidence) '
                "VALUES (?,?,?,?,?,?,?)",
                [(m.article_id, p.id, m.start, m.end, m.text, m.role, m.evidence) for p in places
                 for m in p.mentions if m.article_id == article.id],
            )
            c.executemany(
                'INSERT OR IGNORE INTO claims (id, article_id, start, "end", text, speaker, speaker_role, side, '
                "cue, is_quote, stance, claim_date, claim_date_precision, event_date, event_date_end, "
                "event_date_precision) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(k.id, k.article_id, k.start, k.end, k.text, k.speaker, k.speaker_role, k.side, k.cue,
                  int(k.is_quote), k.stance, _iso(k.claim_date), k.claim_date_precision, _iso(k.event_date),
                  _iso(k.event_date_end), k.event_date_precision) for k in claims],
            )
            c.executemany(
                "INSERT OR IGNORE INTO claim_places (claim_id, place_id, side) VALUES (?,?,?)",
                [(k.id, pid, k.side) for k in claims for pid in dict.fromkeys(k.place_ids)],
            )
            c.executemany("INSERT OR IGNORE INTO claim_place_roles VALUES (?,?,?)", claim_role_rows(claims))
            c.executemany("INSERT OR IGNORE INTO claim_search VALUES (?,?,?)",
                          searchindex.rows_for_article(article.title, article.outlet, places, claims))
        return True

    def backfill_search(self) -> int:
        """Fold the search text of claims stored without it (older stores, bulk loads); how many."""
        done, last = 0, ""
        sql = SEARCH_BACKFILL.format(mark="?", concat="group_concat(p.name, '|')")
        with self._lock:
            n_claims = self._conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
            if self._conn.execute("SELECT COUNT(*) FROM claim_search").fetchone()[0] >= n_claims:
                return 0
        while True:
            with self._lock:
                rows = self._conn.execute(sql, (last, searchindex.BACKFILL_CHUNK)).fetchall()
            if not rows:
                return done
            with self._transaction() as c:
                c.executemany("INSERT OR IGNORE INTO claim_search VALUES (?,?,?)",
                              list(searchindex.rows_from_query(rows)))
            done, last = done + len(rows), rows[-1][0]

    def bulk_backfill_search(self) -> int:
        """``backfill_search`` for a bulk load no one else writes to yet: the search rows of every
        claim without one in one transaction, with the trigram index built once at the end (FTS5
        adding rows one transaction at a time merges its segments over and over: hours at a
        million claims, where one rebuild takes minutes)."""
        sql = SEARCH_BACKFILL.format(mark="?", concat="group_concat(p.name, '|')")
        done, last = 0, ""
        with self._transaction() as c:
            ai = c.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'claim_search_ai'").fetchone()
            if ai:
                c.execute("DROP TRIGGER claim_search_ai")
            while rows := c.execute(sql, (last, searchindex.BACKFILL_CHUNK)).fetchall():
                c.executemany("INSERT OR IGNORE INTO claim_search VALUES (?,?,?)",
                              list(searchindex.rows_from_query(rows)))
                done, last = done + len(rows), rows[-1][0]
            if ai:
                c.execute("INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')")
                c.execute(ai[0])
        return done

    def set_scenes(self, parents: dict[str, str]) -> None:
        """Which region each town lies in (geo.nesting), for grouping events in SQL; rewritten
        only when it changed."""
        with self._lock:
            now = dict(self._conn.execute("SELECT place_id, scene FROM place_scenes").fetchall())
        if now == parents:
            return
        with self._transaction() as c:
            c.execute("DELETE FROM place_scenes")
            c.executemany("INSERT INTO place_scenes VALUES (?,?)", sorted(parents.items()))

    def iter_rows(self, sql: str, params: tuple = (), size: int = 5000) -> Iterator[tuple[list[str], list[tuple]]]:
        """(column names, rows) ``size`` rows at a time, from a reader connection of its own (WAL):
        a long export neither holds every row nor blocks the page's other sessions."""
        conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        try:
            cur = conn.execute(sql, params)
            cols = [d[0] for d in cur.description]
            while rows := cur.fetchmany(size):
                yield cols, rows
        finally:
            conn.close()

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {t: self._conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                    for t in ("articles", "places", "mentions", "claims", "claim_places")}

    def is_empty(self) -> bool:
        """No article stored (one row looked at, not five tables counted: the page asks on every run)."""
        with self._lock:
            return self._conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    def _frame(self, sql: str, params: tuple = ()) -> pd.DataFrame:
        with self._lock:
            cur = self._conn.execute(sql, params)
            cols = [d[0] for d in cur.description]
            return pd.DataFrame(cur.fetchall(), columns=cols)

    def claims_frame(self) -> pd.DataFrame:
        """One row per claim, with its article's metadata and ``place_ids`` as a list."""
        df = self._frame(
            """SELECT k.id AS claim_id, k.article_id, k.start, k."end", k.text, k.speaker, k.speaker_role,
                      k.side, k.cue, k.is_quote, k.stance, k.claim_date, k.claim_date_precision,
                      k.event_date, k.event_date_end, k.event_date_precision,
                      a.title, a.outlet, a.outlet_side, a.published, a.source, a.url,
                      (SELECT group_concat(cp.place_id, '|') FROM claim_places cp WHERE cp.claim_id = k.id)
                        AS place_ids,
                      (SELECT group_concat(r.place_id, '|') FROM claim_place_roles r
                        WHERE r.claim_id = k.id AND r.role = 'seat') AS seat_place_ids,
                      (SELECT group_concat(r.place_id, '|') FROM claim_place_roles r
                        WHERE r.claim_id = k.id AND r.role = 'mentioned') AS mentioned_place_ids
               FROM claims k JOIN articles a ON a.id = k.article_id
               ORDER BY a.published DESC, k.article_id, k.start"""
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

    def place_aggregate(self, sides: tuple[str, ...] | list[str] | None = None) -> pd.DataFrame:
        """The map's data in one indexed query: one row per place with claims (of ``sides``, all if None).

        Columns: place_id, name, lat, lon, precision, country_code, kind, n_claims, one count
        column per side in SIDES, and ``contested`` (claims from two or more sides).
        The GROUP BY reads only the covering index claim_places(place_id, side), so
        100,000 claims over 5,000 places take tens of milliseconds. Largest first.
        """
        where, params = "", ()
        if sides is not None:
            sides = tuple(sides)
            where = f"WHERE side IN ({','.join('?' * len(sides))})" if sides else "WHERE 0"
            params = sides
        sums = ", ".join(f"SUM(side = '{s}') AS \"{s}\"" for s in SIDES)
        df = self._frame(
            f"""SELECT p.id AS place_id, p.name, p.lat, p.lon, p.precision, p.country_code, p.kind, a.n_claims,
                       {", ".join(f'a."{s}"' for s in SIDES)}
                FROM (SELECT place_id, COUNT(*) AS n_claims, {sums}
                      FROM claim_places {where} GROUP BY place_id) a
                JOIN places p ON p.id = a.place_id
                ORDER BY a.n_claims DESC, p.id""",
            params,
        )
        counts = df[list(SIDES)].fillna(0).astype("int64")
        df[list(SIDES)] = counts
        df["n_claims"] = df["n_claims"].astype("int64")
        df["lat"], df["lon"] = df["lat"].astype(float), df["lon"].astype(float)
        df["contested"] = (counts.to_numpy() > 0).sum(axis=1) > 1
        return df

    def mentions_frame(self) -> pd.DataFrame:
        return self._frame('SELECT article_id, place_id, start, "end", text, role, evidence FROM mentions '
                           "ORDER BY article_id, start")

    def articles_frame(self) -> pd.DataFrame:
        return self._frame(
            'SELECT id AS article_id, source, start, "end", title, outlet, outlet_side, published, url '
            "FROM articles ORDER BY published DESC, source, start"
        )

    def article_leads(self, chars: int = 300) -> pd.DataFrame:
        """The first ``chars`` characters of each story (article_id, lead): a headline for
        articles that came without a title."""
        return self._frame(f'SELECT id AS article_id, substr(text, start + 1, {int(chars)}) AS lead FROM articles')

    def article_mentions(self, article_id: str) -> pd.DataFrame:
        """One article's place mentions (start, end, place_id), in text order: the article view marks them."""
        return self._frame('SELECT place_id, start, "end" FROM mentions WHERE article_id=? ORDER BY start',
                           (article_id,))

    def article_text(self, article_id: str) -> tuple[str, int, int] | None:
        """(full file text, story start, story end) of an article, or None."""
        with self._lock:
            row = self._conn.execute('SELECT text, start, "end" FROM articles WHERE id=?', (article_id,)).fetchone()
        return tuple(row) if row else None
