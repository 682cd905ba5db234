"""A speaker's side from what the story says about them elsewhere.

News introduces a source once ("The Latvian foreign minister, Edgars
Rinkēvičs, met ...", "China's Ministry of Commerce", "Filip Ejdus, a Belgrade
university professor") and later names them bare ("Rinkēvičs said", "the
ministry said"). The side words of that introduction (a nationality, a
country's possessive, a capital) place every later claim. Two places count:
the words right before a mention, when they are all part of the same noun
phrase (titles, offices, capitalised words), and an apposition right after
it. Nothing here guesses: no side word next to a mention, no side.
"""
from __future__ import annotations

import re

from . import actors
from .claims.cues import FORMS
from .speakers import ROLE_WORDS, is_cap

_BEFORE_CHARS = 90
_APPOSITION = re.compile(r"\s*,\s*([^,.;:()\"“”]{3,90})")
_NP_WORD = re.compile(r"[\w'’.-]+")
# An apposition is a noun phrase; one with these words is a clause ("according to X, Russia was ...").
_VERBISH = re.compile(r"\b(?:is|was|were|are|has|have|had|will|would|could|should|said|says|did|does)\b")
# Offices a national outlet leaves unmarked when they are its own country's ("Treasury Secretary X").
NATIONAL_OFFICES = frozenset((
    "secretary minister ministry president prime premier chancellor senator lawmaker lawmakers congressman "
    "congresswoman official officials spokesperson spokesman spokeswoman ambassador department administration "
    "government cabinet parliament congress senate treasury embassy mission envoy diplomat diplomats adviser "
    "head state chairman chairwoman speaker house representatives deputy mp mps sen. rep. gov. senators "
    "congressmen palace pm king queen prince princess duke duchess monarch royal"
).split())


def _noun_phrase_gap(gap: str) -> bool:
    """Is everything between a side word and the name part of one noun phrase ("foreign minister, ")?"""
    gap = re.sub(r"\([^()]{0,40}\)", " ", gap).strip()  # "ex-President of Poland (1995-2005) X"
    if gap.endswith(","):  # "The Latvian foreign minister, X": a title, then the name
        gap = gap[:-1]
        if "," in gap or not any(w.lower() in ROLE_WORDS for w in _NP_WORD.findall(gap)):
            return False
    elif "," in gap:
        return False
    for w in _NP_WORD.findall(gap):
        low = w.lower().replace("’", "'")
        if not (is_cap(w) or low in ROLE_WORDS or low in ("of", "the", "and", "for", "'s") or low.endswith("'s")):
            return False
    return True


def side_near(text: str, start: int, end: int, lo: int, kb: actors.KnowledgeBase) -> str | None:
    """The side the words around one mention ``text[start:end]`` give, or None."""
    window_lo = max(lo, start - _BEFORE_CHARS)
    cut = max(text.rfind(ch, window_lo, start) for ch in ".;:\n\"“”")
    window_lo = max(window_lo, cut + 1)
    best = None
    for m in kb.term_pattern().finditer(text, window_lo, start):
        if not m.group(1) and _noun_phrase_gap(text[m.end():start]):
            best = m
    if best is not None and not any(w.lower() in _COVERING_HEADS for w in text[best.end():start].split()):
        return kb.term_side(best.group(2))
    app = _APPOSITION.match(text, end)
    if app and not re.match(r"(?:who|which|whose|where|when|that|said|says|told|added)\b", app.group(1)) and \
            re.match(r"(?:a|an|the|[a-z][\w-]*)\s", app.group(1)) and not _VERBISH.search(app.group(1)) and \
            not _opens_a_predicate(app.group(1)):
        found = role_side(app.group(1), kb)
        if found:
            return found
    return None


def _opens_a_predicate(words: str) -> bool:
    """ "..., called on Obama to retaliate against Russia": what follows the comma is the sentence's
    verb and its object, no description of the one named."""
    ws = words.split()
    if not ws:
        return False
    first, second = ws[0].lower(), ws[1] if len(ws) > 1 else ""
    # "retired general": a participle before an office is a description; "urged on", "met with" are verbs
    return first in FORMS or first.endswith("ed") and second.islower() and second not in ROLE_WORDS


def _keys(speaker: str, role: str | None) -> list[str]:
    """What the story may call the speaker elsewhere: the full name, the surname, the office."""
    keys = [speaker]
    words = speaker.split()
    if len(words) > 1 and is_cap(words[-1]) and not speaker.lower().startswith(("the ", "a ", "an ")):
        keys.append(words[-1])
    bare = re.sub(r"^(?:the|a|an)\s+", "", speaker, flags=re.I)
    if bare != speaker and len(bare.split()) >= 2:
        keys.append(bare)
    if role and len(role.split()) >= 2:
        keys.append(role)
    return [k for k in keys if len(k) >= 3]


def story_side(speaker: str | None, role: str | None, text: str, lo: int, hi: int,
               kb: actors.KnowledgeBase) -> str | None:
    """The side the story's own words give a speaker at any of its mentions in ``text[lo:hi]``."""
    if not speaker:
        return None
    for key in _keys(speaker, role):
        for m in re.finditer(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text[lo:hi]):
            side = side_near(text, lo + m.start(), lo + m.end(), lo, kb)
            if side:
                return side
    return None


def national_office(role: str | None, speaker: str | None) -> bool:
    """An unmarked national office ("Treasury Secretary", "a senior official", "the ministry")."""
    words = f"{role or ''} {speaker or ''}".lower().replace("-", " ").split()
    return any(w in NATIONAL_OFFICES for w in words)


# Heads of a role that say what a person covers, not whom they serve: "a Ukraine war reporter",
# "a Russia scholar", "former Moscow correspondent" place nobody by the place word before them.
_COVERING_HEADS = frozenset((
    "reporter reporters correspondent correspondents journalist journalists analyst analysts expert experts "
    "scholar scholars specialist specialists researcher researchers historian historians observer observers "
    "watcher watchers hand editor writer commentator columnist"
).split())


def covering_role(role: str | None) -> bool:
    """A reporter's or an expert's role ("former Moscow correspondent", "research analyst")."""
    return bool(role) and any(w in _COVERING_HEADS for w in role.lower().replace("-", " ").split())


def role_side(role: str | None, kb: actors.KnowledgeBase) -> str | None:
    """The side a role's own words give, leaving out a place word that only says what a reporter or an
    expert covers ("a Ukraine war reporter", "former Moscow correspondent"); their employer and other
    words still count ("reporter for Newsweek", "a Belgrade university professor")."""
    if not role:
        return None
    heads = "|".join(sorted(_COVERING_HEADS))
    if re.search(rf"\b(?:{heads})\b", role, re.IGNORECASE):
        for m in kb.term_pattern().finditer(role):  # an expert's employer says more than their subject
            if not m.group(1) and m.group(2) in kb.orgs:
                return kb.orgs[m.group(2)]
    kept = re.sub(rf"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?(?:\s+[a-z]+)?\s+(?:{heads})\b", " ", role)
    kept = re.sub(r"\b(?:speciali[sz]ing|specialized|specialised|focusing|focused|working)\s+(?:in|on)\s+"
                  r"[A-Z][\w'’-]*", " ", kept)  # "an analyst specializing in Chinese defence"
    found = kb.side_of_words(kept)
    return found[0] if found else None


def story_sides(text: str, lo: int, hi: int, kb: actors.KnowledgeBase) -> dict[str, int]:
    """How often the story names each side's countries, capitals and peoples."""
    counts: dict[str, int] = {}
    for m in kb.term_pattern().finditer(text, lo, hi):
        side = None if m.group(1) else kb.term_side(m.group(2), orgs=False)
        if side:
            counts[side] = counts.get(side, 0) + 1
    return counts


def foreign_context(text: str, lo: int, hi: int, own: str, kb: actors.KnowledgeBase) -> bool:
    """Does ``text[lo:hi]`` name a foreign country and none of the outlet's own? Foreign means a third
    country; for a Russian or Ukrainian outlet the West too. (A Western outlet's war report names both
    belligerents in every paragraph, and a belligerent's outlet names its enemy: neither makes an
    unmarked office foreign.)"""
    foreign = {"other"} | ({"west"} if own in ("russia", "ukraine") else set())
    sides = set(story_sides(text, lo, hi, kb))
    return bool(sides & foreign) and own not in sides
