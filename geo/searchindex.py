"""The folded search text of each claim, kept in the store (table ``claim_search``).

The page's search folds spellings (Kiev/Kyiv, Zelenskiy/Zelensky; geo.search_fold)
and looks in a claim's words, speaker, role, headline, outlet and place names.
Folding is Python, so it is done once when a claim is stored, not per search:
the store then finds a folded needle with an indexed substring search
(SQLite FTS5 trigram, PostgreSQL pg_trgm) or, for short needles, a scan.
``geo.filters.search_haystack`` builds the same text for the pandas path.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from .models import Claim, Place
from .search_fold import fold

BACKFILL_CHUNK = 5000


def haystack(text: object, speaker: object, role: object, title: object, outlet: object,
             place_names: Iterable[str]) -> str:
    """The folded text a search looks in (the same fields, in the same order, as the pandas path)."""
    def s(v: object) -> str:
        return "" if v is None or v != v else str(v)  # v != v: NaN
    return fold("\n".join([s(text), s(speaker), s(role), s(title), s(outlet), " ".join(place_names)]))


def folded_speaker(speaker: object) -> str:
    return fold("" if speaker is None or speaker != speaker else str(speaker))


def rows_for_article(title: str | None, outlet: str | None, places: list[Place],
                     claims: list[Claim]) -> list[tuple[str, str, str]]:
    """(claim id, haystack, folded speaker) for one article's claims."""
    names = {p.id: p.name for p in places}
    return [(k.id, haystack(k.text, k.speaker, k.speaker_role, title, outlet,
                            [names.get(p, "") for p in dict.fromkeys(k.place_ids)]), folded_speaker(k.speaker))
            for k in claims]


def rows_from_query(rows: Iterable[tuple]) -> Iterator[tuple[str, str, str]]:
    """Search rows from (claim id, text, speaker, role, title, outlet, place names joined by '|')."""
    for cid, text, speaker, role, title, outlet, names in rows:
        yield cid, haystack(text, speaker, role, title, outlet, (names or "").split("|") if names else []), \
            folded_speaker(speaker)
