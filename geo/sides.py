"""Speaker/outlet -> side, from the actor knowledge base and the role's own words.

The speaker's side is kept apart from the outlet's: a Ukrainian mayor quoted
by a Russian outlet is "ukraine"; the outlet's own narrative is the outlet's
side. Order of evidence for one claim:

1. the outlet's narrative (speaker_role "outlet", no cue) -> the outlet's side;
2. the speaker is a known actor or outlet in the KB (name or alias);
3. the speaker is a government named by its country, capital or seat
   ("Russia", "Moscow", "the Kremlin", "Kyiv");
4. the role's words, leftmost first, since the first one names whose office
   it is ("Russian Foreign Ministry spokeswoman", "Ukraine's Energy
   Minister", "mayor of Odesa", "Russian-installed governor of Kherson");
5. otherwise "unknown": never guessed. (geo.link may still place a local
   official whose seat is unnamed by the places the claim is about.)
"""
from __future__ import annotations

import logging
import re

from . import actors
from .side_evidence import covering_role, foreign_context, national_office, role_side, story_side, story_sides
from .models import AUTHOR_ROLE, OUTLET_ROLE, Article, Claim
from .sentences import layout

log = logging.getLogger(__name__)

_LEADERS_OFFICE = re.compile(r"\b([A-Z][\w-]+)\s+(?:administration|government|cabinet|campaign|camp|team|White House)\b")
_POSSESSOR = re.compile(r"((?:[A-Z][\w-]+\s)*[A-Z][\w-]+)['’]s\b")
_PRINCIPAL = re.compile(r"\b(?:for|to)\s+((?:[A-Z][\w.-]+\s)*[A-Z][\w-]+)$")  # "spokesman for Vladimir Putin"


def outlet_side(outlet: str | None) -> str:
    """The outlet's side from the KB; else a known outlet named inside the name ("The Moscow Times
    (AFP copy)" -> AFP's), else the country words of a description ("a UK outlet"); "unknown" otherwise."""
    kb = actors.load()
    found = kb.outlet(outlet)
    if found:
        return found.side
    if not outlet:
        return "unknown"
    copy = re.search(r"\(([^()]+?)(?:\s+(?:copy|wire|via))?\)", outlet)  # "X (AFP copy)": AFP wrote it
    if copy and (wire := kb.outlet(copy.group(1))):
        return wire.side
    for m in kb.term_pattern().finditer(outlet):
        if not m.group(1) and (named := kb.outlet(m.group(2))):
            return named.side
    words = kb.side_of_words(outlet)
    return words[0] if words else "unknown"


def speaker_side(speaker: str | None, role: str | None, kb: actors.KnowledgeBase | None = None) -> str:
    """The side of one speaker from its name and role alone ("unknown" if nothing places it)."""
    kb = kb or actors.load()
    if speaker:
        known = kb.person(speaker) or kb.outlet(speaker)
        if known:
            return known.side
        bare = speaker[4:] if speaker.lower().startswith("the ") else speaker
        if bare in kb.terms:
            return kb.terms[bare]
        if bare in kb.cities and role is None:
            return kb.cities[bare]
    found = role_side(role, kb)
    if found:
        return found
    if speaker and national_office(None, speaker):
        found = role_side(speaker, kb)  # "U.S. Treasury", "the Russian embassy": the office's own country
        if found:
            return found
    for m in [*_POSSESSOR.finditer(role or ""), *_PRINCIPAL.finditer(role or ""),
              *_LEADERS_OFFICE.finditer(f"{speaker or ''} {role or ''}")]:
        # "Trump's spokesman", "an aide to Zelensky", "the Biden administration"
        known = kb.actor(m.group(1)) or kb.actor(m.group(1).split()[-1])
        if known:
            return known.side
    return "unknown"


def country_side(country_code: str | None) -> str:
    """The side a country's territory stands for (used for a local official's seat)."""
    if not country_code:
        return "unknown"
    return actors.load().country_codes.get(country_code.upper(), "unknown")


def contested_seat(place_name: str | None) -> bool:
    """Whether a place is under occupation, so that its local officials are placed by nothing but a name."""
    return actors.load().contested_seat(place_name)


LOCAL_OFFICE = re.compile(r"\b(mayor|governor|regional|local|municipal|city|town|village|oblast|district|"
                          r"military administration|head of the)\b", re.IGNORECASE)


def seat_side(role: str | None, text: str, kb: actors.KnowledgeBase | None = None) -> str:
    """A local official whose seat the role leaves unnamed ("Mayor X", "the regional governor")
    is placed by the known cities the claim itself names ("... struck Kharkiv"), when they all
    lie on one side ("struck Kharkiv, launched from Belgorod" places nobody)."""
    if not role or not LOCAL_OFFICE.search(role):
        return "unknown"
    kb = kb or actors.load()
    found = {kb.cities[m.group(2)] for m in kb.term_pattern().finditer(text)
             if not m.group(1) and m.group(2) in kb.cities}
    return found.pop() if len(found) == 1 else "unknown"


def assign_sides(claims: list[Claim], article: Article) -> None:
    """Set ``claim.side`` for each claim's speaker (the outlet's side stays on the article)."""
    kb = actors.load()
    own = article.outlet_side
    if own == "unknown":  # the sidecar named no side: the KB by outlet name, else by the article's address
        own = outlet_side(article.outlet)
        if own == "unknown" and article.url:
            own = outlet_side(article.url)
    evidence: dict[tuple[str | None, str | None], str] = {}  # one look through the story per speaker
    for claim in claims:
        if claim.speaker_role == OUTLET_ROLE and claim.cue is None or claim.speaker_role == AUTHOR_ROLE:
            claim.side = own  # the outlet's narrative, and its writer's own first person
            continue
        claim.side = speaker_side(claim.speaker, claim.speaker_role, kb)
        if claim.side == "unknown":
            claim.side = seat_side(claim.speaker_role, claim.text, kb)
        if claim.side == "unknown":
            key = (claim.speaker, claim.speaker_role)
            if key not in evidence:
                evidence[key] = story_side(claim.speaker, claim.speaker_role, article.text, article.start,
                                           article.end, kb) or "unknown"
            claim.side = evidence[key]
        known = kb.actor(claim.speaker)
        if known:
            # One spelling per actor across outlets ("Zelenskiy", "Zelenskyy" -> the KB's name); the
            # claim's text keeps the article's own words.
            claim.speaker = known.name
            if not claim.speaker_role and known.role_on(article.published):
                claim.speaker_role = known.role_on(article.published)
    share_speaker_sides(claims)
    inherit_local_seats(claims, article)
    home_offices(claims, own, article)
    local_voices(claims, article)


_LOCAL = re.compile(r"(?:the\s+)?local\s+(?:media|press|news|reports?|officials?|authorities|residents|people|"
                    r"sources?|journalists?|outlets?)\b", re.IGNORECASE)


def local_voices(claims: list[Claim], article: Article) -> None:
    """ "Local media reported ...", "local residents said": the voices of the place the story is about,
    so the side of the country the claim names, else of the one the story's lede names."""
    pending = [c for c in claims if c.side == "unknown" and c.speaker and _LOCAL.fullmatch(c.speaker.strip())]
    if not pending:
        return
    kb = actors.load()
    subject = lede_side(article, layout(article.text, article.start, article.end), kb)
    for c in pending:
        named = kb.side_of_words(c.text)
        c.side = named[0] if named else subject or "unknown"


def home_offices(claims: list[Claim], own: str, article: Article) -> None:
    """An office the story leaves unmarked ("Treasury Secretary X", "a senior official", "the head of
    state") is, by the convention of national news, the outlet's own country's; so it takes the
    outlet's side where that is one of the parties' (a neutral or unknown outlet places nobody)."""
    if own not in ("russia", "ukraine", "west"):
        return
    kb = actors.load()
    lay = layout(article.text, article.start, article.end)
    counts = story_sides(article.text, article.start, article.end, kb)
    subject = lede_side(article, lay, kb)
    foreign = {"other"} | ({"west"} if own in ("russia", "ukraine") else set())
    if subject in foreign and 2 * counts.get(subject, 0) >= counts.get(own, 0):
        # "China imposed restrictions ...": the unmarked offices of a story about China are China's, though it
        # names the outlet's own side nearly as often (its reactions, its sanctions)
        home = subject
    elif subject != own and counts.get("other", 0) > counts.get(own, 0):
        return  # a story about third countries it does not say which of: nobody is placed
    else:
        home = own
    for c in claims:
        if c.side == "unknown" and c.speaker_role != OUTLET_ROLE and home_voice(c.speaker_role, c.speaker):
            here = lay.sentence_at(c.start)
            para = lay.paragraphs[here.paragraph] if here is not None else None
            lo, hi = (para.start, max(c.end, para.end)) if para is not None else (c.start, c.end)
            if home == own and foreign_context(article.text, lo, hi, own, kb):
                continue  # "Opposition lawmaker X ... the citizens of Serbia": another country's office
            c.side = home


def lede_side(article: Article, lay, kb: actors.KnowledgeBase) -> str | None:
    """The side of the country the story's first sentence names first: whom the story is about
    ("China imposed restrictions ...", "Serbian lawmakers on Thursday voted ...")."""
    for sent in lay.sentences[:3]:
        if len(article.text[sent.start:sent.end].split()) < 6:
            continue  # a headline or a dateline fragment
        found = kb.side_of_words(article.text[sent.start:sent.end])
        return found[0] if found else None
    return None


def home_voice(role: str | None, speaker: str | None) -> bool:
    """An unmarked office, or an expert the story gives no country: by the convention of national news
    both are of the country the story is told from (or about, when it is about another one)."""
    return national_office(role, speaker) or covering_role(role) and _named_person(speaker or "")


def share_speaker_sides(claims: list[Claim]) -> None:
    """One speaker keeps one side within a story: a claim left unknown takes the side
    another claim of the same named speaker was given."""
    known: dict[str, str] = {}
    for c in claims:
        if c.speaker and c.side != "unknown" and c.speaker_role != OUTLET_ROLE:
            known.setdefault(c.speaker, c.side)
    for c in claims:
        if c.speaker in known and (c.side == "unknown" or _named_person(c.speaker)):
            c.side = known[c.speaker]  # one person, one side in a story
        elif c.side == "unknown" and c.speaker and " and " in c.speaker:
            # "Mark Leonard and Ivan Krastev" after "Mark Leonard" was placed: the pair, if its members agree
            sides = {known[p.strip()] for p in c.speaker.split(" and ") if p.strip() in known}
            if len(sides) == 1:
                c.side = sides.pop()


def _named_person(speaker: str) -> bool:
    return " " in speaker and speaker[:1].isupper() and not speaker.lower().startswith(("the ", "a "))


def unnamed_local_office(claim: Claim) -> bool:
    """ "the regional governor", "the mayor": a local office with neither a name nor a seat."""
    return bool(claim.speaker and claim.speaker.lower().startswith("the ") and claim.speaker_role
                and LOCAL_OFFICE.search(claim.speaker_role) and " of " not in claim.speaker_role)


def previous_local_official(claims: list[Claim], i: int, article: Article) -> Claim | None:
    """The local official quoted just before claims[i], in the same or the previous paragraph."""
    lay = layout(article.text, article.start, article.end)
    here = lay.sentence_at(claims[i].start)
    for j in range(i - 1, -1, -1):
        prev = claims[j]
        if prev.speaker_role == OUTLET_ROLE:
            continue
        there = lay.sentence_at(prev.start)
        if here is None or there is None or here.paragraph - there.paragraph > 1:
            return None
        if prev.speaker_role and LOCAL_OFFICE.search(prev.speaker_role) and prev.speaker != claims[i].speaker:
            return prev
        return None
    return None


def inherit_local_seats(claims: list[Claim], article: Article) -> None:
    """ "The regional governor" right after a city's mayor was quoted is that region's governor,
    as a reader takes it: the unnamed local office inherits the side of the local official quoted
    in the same or the previous paragraph (and nothing when anyone else spoke in between)."""
    for i, c in enumerate(claims):
        if c.side == "unknown" and unnamed_local_office(c):
            prev = previous_local_official(claims, i, article)
            if prev is not None and prev.side != "unknown":
                c.side = prev.side

