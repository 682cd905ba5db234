"""The indexes both stores keep (SQLite: geo/store.py; PostgreSQL: geo/store_pg.py), written once so
that the page's questions find the same covering indexes whichever store answers them."""
from __future__ import annotations

# With the tables: what ingest and the panel look up by.
BASE_INDEXES = """
CREATE INDEX IF NOT EXISTS mentions_place ON mentions(place_id);
CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id);
CREATE INDEX IF NOT EXISTS claims_side ON claims(side);
CREATE INDEX IF NOT EXISTS claim_places_place ON claim_places(place_id, claim_id);
"""


def view_indexes(published: str = "published") -> str:
    """Schema 5's indexes, built after any migration: the map aggregate's covering index, the view's
    facts (geo.filtersql.FactsSql), and the filters' options as index seeks. ``published`` is the
    articles' date column as the store orders it (PostgreSQL reads it newest first)."""
    return f"""
DROP INDEX IF EXISTS claim_places_facts;
CREATE INDEX IF NOT EXISTS claim_places_place_side ON claim_places(place_id, side);
CREATE INDEX IF NOT EXISTS claim_places_side_facts ON claim_places(side, place_id, day, denial, lo, hi, first);
CREATE INDEX IF NOT EXISTS claim_places_multi ON claim_places(claim_id) WHERE multi = 1;
DROP INDEX IF EXISTS claims_when;
CREATE INDEX IF NOT EXISTS claims_side_when ON claims(side, w_lo, w_hi);
CREATE INDEX IF NOT EXISTS claims_speaker ON claims(speaker, speaker_role);
CREATE INDEX IF NOT EXISTS claims_event_date ON claims(event_date);
CREATE INDEX IF NOT EXISTS claims_event_date_end ON claims(event_date_end);
CREATE INDEX IF NOT EXISTS claims_claim_date ON claims(claim_date);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
CREATE INDEX IF NOT EXISTS articles_published ON articles({published});
"""
