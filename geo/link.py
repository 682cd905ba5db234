"""Claims <-> places: where what a claim reports happened.

A claim is about the places mentioned inside its span, except a name that says who acts rather than
where: a country named as the actor or owner ("Russia has intensified its push", "Ukraine's air
defences"), and a seat of government used for the government ("Kyiv said", "Moscow demands", "the
Kremlin", "$61bn for Kyiv"; geo/roles.py marks those mentions ``seat``). With none of its own,
it is about the places of the sentence(s) it sits in, then of the (up to
three) sentences before it in its paragraph (nearest first: "The strike specifically
targeted ..." after "... strike ... in Russia's Rostov region"), and last of
the speaker's seat when the role names a place ("mayor of Odesa").

A country the claim names beside a place inside it ("a strike on Zaporizhzhia, Ukraine") is only
mentioned: the claim happened at the place, not at the country's central point.

Every mention keeps its part (``Mention.role``): ``event`` where a claim's event happened, ``seat``
for a government named by its seat, ``mentioned`` otherwise; each claim lists the places of the last
two kinds in ``seat_place_ids`` and ``mentioned_place_ids`` beside its event ``place_ids``.

A local official whose side the role could not give ("Mayor X", "the
regional governor") takes the side of the country its claim's linked towns
and regions lie in, when they all lie in one (country-level places do not
count: "the mayor said Russia attacked" says nothing about the mayor).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from . import sides
from .models import Article, Claim, Mention, Place
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
    """This article's place mentions sorted by start, so a span query is a bisect, not a scan of every
    mention of every place (a 10 MB story has tens of thousands). Mentions that say who acts (a seat of
    government, an acting country) are kept apart from those that can say where."""

    def __init__(self, places: list[Place], article: Article):
        rows = sorted(((m.start, p.id, m) for p in places for m in p.mentions if m.article_id == article.id),
                      key=lambda r: r[:2])
        self.starts = [start for start, _, _ in rows]
        self.rows = rows
        by_obj = {id(m): (m.role == "seat" or _is_actor(article.text, m.end, p))
                  for p in places for m in p.mentions if m.article_id == article.id}
        self.actor = [by_obj[id(m)] for _, _, m in rows]

    def _span(self, lo: int, hi: int) -> range:
        i = bisect_left(self.starts, lo)
        return range(i, bisect_left(self.starts, hi, i))

    def places_in(self, lo: int, hi: int) -> list[str]:
        """Ids of places with a where-mention starting in ``[lo, hi)``, in order of first mention."""
        return list(dict.fromkeys(self.rows[k][1] for k in self._span(lo, hi) if not self.actor[k]))

    def mentions_in(self, lo: int, hi: int, ids: set[str]) -> list[Mention]:
        """The where-mentions of these places in ``[lo, hi)``."""
        return [self.rows[k][2] for k in self._span(lo, hi) if not self.actor[k] and self.rows[k][1] in ids]

    def seats_in(self, lo: int, hi: int) -> list[str]:
        """Ids of places named in ``[lo, hi)`` for who acts ("Kyiv said", "Russia has")."""
        return list(dict.fromkeys(self.rows[k][1] for k in self._span(lo, hi) if self.actor[k]))


def _inside(place: Place, other: Place) -> bool:
    """Whether ``place`` is a country holding ``other`` (a town, region, area or site it names)."""
    return (place.precision == "country" and other.precision != "country" and other.country_code is not None
            and other.country_code == place.country_code)


class _Seats:
    """The places a speaker's role names ("mayor of Odesa"), each role looked up once per article:
    a long story repeats its roles, and each place's names are gathered once, not per claim."""

    def __init__(self, places: list[Place]):
        self.names = [(p.id, {n for n in {p.name, *(m.text for m in p.mentions)} if n}) for p in places]
        self.memo: dict[str, list[str]] = {}

    def of(self, role: str | None) -> list[str]:
        if not role:
            return []
        got = self.memo.get(role)
        if got is None:
            got = self.memo[role] = [pid for pid, names in self.names
                                     if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", role) for n in names)]
        return got


def link_places(claims: list[Claim], places: list[Place], article: Article) -> None:
    """Set each claim's ``place_ids`` (see the module docstring for the order of evidence),
    ``seat_place_ids`` and ``mentioned_place_ids``, and the ``role`` of the mentions it uses."""
    lay = layout(article.text, article.start, article.end)
    by_id = {p.id: p for p in places}
    index = _MentionIndex(places, article)
    seats_of_role = _Seats(places)
    for n, claim in enumerate(claims):
        window = (claim.start, claim.end)
        ids = index.places_in(claim.start, claim.end)
        first = lay.sentence_index(claim.start)
        if not ids and first is not None:
            last = lay.sentence_index(max(claim.start, claim.end - 1))
            last = first if last is None else last
            window = (lay.sentences[first].start, lay.sentences[last].end)
            ids = index.places_in(*window)
            para = lay.sentences[first].paragraph
            k = first - 1
            while not ids and k >= 0 and first - k <= _CONTEXT_SENTENCES and lay.sentences[k].paragraph == para:
                window = (lay.sentences[k].start, lay.sentences[k].end)
                ids = index.places_in(*window)
                k -= 1
        seats = index.seats_in(claim.start, claim.end)
        role_seats = seats_of_role.of(claim.speaker_role)
        if not ids:  # a local official speaks for the place they run ("mayor of Odesa"); a minister does not
            ids = [i for i in role_seats if i not in seats and by_id[i].precision in _LOCAL_PRECISIONS]
            window = None
        if not ids and sides.unnamed_local_office(claim):  # "the regional governor" after the mayor of X
            prev = sides.previous_local_official(claims, n, article)
            ids = [i for i in (prev.place_ids if prev else []) if by_id[i].precision in _LOCAL_PRECISIONS]
            window = None
        inner = [i for i in ids if not any(_inside(by_id[i], by_id[j]) for j in ids if j != i)]
        claim.place_ids = inner
        claim.mentioned_place_ids = [i for i in ids if i not in inner]
        claim.seat_place_ids = list(dict.fromkeys([*seats, *(i for i in role_seats if i not in inner)]))
        if window is not None:
            for m in index.mentions_in(window[0], window[1], set(inner)):
                m.role = "event"
        _place_local_official(claim, [by_id[i] for i in claim.place_ids])


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
