"""Claims <-> places.

A claim is about the places mentioned inside its span, except a country
named as the actor or owner ("Russia has intensified its push", "Ukraine's air
defences"): that says who, not where. With none of its own,
it is about the places of the sentence(s) it sits in, then of the (up to
three) sentences before it in its paragraph (nearest first: "The strike specifically
targeted ..." after "... strike ... in Russia's Rostov region"), and last of
the speaker's seat when the role names a place ("mayor of Odesa").

A local official whose side the role could not give ("Mayor X", "the
regional governor") takes the side of the country its claim's linked towns
and regions lie in, when they all lie in one (country-level places do not
count: "the mayor said Russia attacked" says nothing about the mayor).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from . import sides
from .models import Article, Claim, Place
from .sentences import layout

_LOCAL_PRECISIONS = frozenset({"point", "city", "admin1"})
_CONTEXT_SENTENCES = 3  # how far back in its paragraph a claim borrows places


_ACTOR_AFTER = re.compile(
    r"(?:['’]s\b|\s+(?:has|have|had|is|was|were|are|will|would|says|said|claims|accuses|accused|"
    r"denies|denied|wants|launched|launches|attacked|continues|continued|[a-z]+ed)\b)")


def _is_actor(text: str, mention_end: int, place: Place) -> bool:
    """A country named as the one acting or owning ("Russia has intensified", "Russia's alleged
    responsibility") is the subject of the claim, not where it happened."""
    return place.precision == "country" and bool(_ACTOR_AFTER.match(text, mention_end))


class _MentionIndex:
    """This article's non-actor place mentions sorted by start, so a span query is a bisect,
    not a scan of every mention of every place (a 10 MB story has tens of thousands)."""

    def __init__(self, places: list[Place], article: Article):
        rows = sorted((m.start, p.id) for p in places for m in p.mentions
                      if m.article_id == article.id and not _is_actor(article.text, m.end, p))
        self.starts = [start for start, _ in rows]
        self.ids = [pid for _, pid in rows]

    def places_in(self, lo: int, hi: int) -> list[str]:
        """Ids of places with a mention starting in ``[lo, hi)``, in order of first mention."""
        i = bisect_left(self.starts, lo)
        j = bisect_left(self.starts, hi, i)
        return list(dict.fromkeys(self.ids[i:j]))


def _seat(places: list[Place], role: str | None) -> list[str]:
    if not role:
        return []
    out = []
    for p in places:
        names = {p.name, *(m.text for m in p.mentions)}
        if any(n and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", role) for n in names):
            out.append(p.id)
    return out


def link_places(claims: list[Claim], places: list[Place], article: Article) -> None:
    """Set ``claim.place_ids`` (see the module docstring for the order of evidence)."""
    lay = layout(article.text, article.start, article.end)
    by_id = {p.id: p for p in places}
    index = _MentionIndex(places, article)
    for n, claim in enumerate(claims):
        ids = index.places_in(claim.start, claim.end)
        first = lay.sentence_index(claim.start)
        if not ids and first is not None:
            last = lay.sentence_index(max(claim.start, claim.end - 1))
            last = first if last is None else last
            ids = index.places_in(lay.sentences[first].start, lay.sentences[last].end)
            para = lay.sentences[first].paragraph
            k = first - 1
            while not ids and k >= 0 and first - k <= _CONTEXT_SENTENCES and lay.sentences[k].paragraph == para:
                ids = index.places_in(lay.sentences[k].start, lay.sentences[k].end)
                k -= 1
        if not ids:
            ids = _seat(places, claim.speaker_role)
        if not ids and sides.unnamed_local_office(claim):  # "the regional governor" after the mayor of X
            prev = sides.previous_local_official(claims, n, article)
            ids = [i for i in (prev.place_ids if prev else []) if by_id[i].precision in _LOCAL_PRECISIONS]
        claim.place_ids = ids
        _place_local_official(claim, [by_id[i] for i in ids])


def _place_local_official(claim: Claim, linked: list[Place]) -> None:
    if claim.side != "unknown" or not claim.speaker_role or not sides.LOCAL_OFFICE.search(claim.speaker_role):
        return
    local = [p for p in linked if p.precision in _LOCAL_PRECISIONS]
    if any(sides.contested_seat(p.name) for p in local):
        return  # "Sevastopol Governor X": both sides appoint officials there; never guessed
    found = {sides.country_side(p.country_code) for p in local}
    found.discard("unknown")
    if len(found) == 1:
        claim.side = found.pop()
