"""The story's cast: every person and organisation it names, with the role it gives them, in order.

A source is often introduced in a sentence that is not a claim ("Belarusian
Minister of Foreign Affairs Vladimir Makei began his press conference ...")
and then named back ("the minister noted", "Makei said"). The cast lets
those back-references find the introduction. People come from the model's
PERSON entities (shared with the geoparser, computed once per story), their
role from the title before the name or an apposition around it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import actors
from ..models import Article
from .cues import FORMS
from ..nlp import entities
from ..sentences import layout
from ..speakers import ROLE_WORDS, is_cap, parse_phrase, role_segment, segment, tokens

_APPOSITION_AFTER = re.compile(r",\s+((?:the|a|an)\s+[^,.;:()\"“”]{2,80}?)\s*(?=[,.;(]|$)")


@dataclass(frozen=True)
class Member:
    """One named person or organisation, where the story first names it, and its role there."""

    name: str
    role: str | None
    start: int
    kind: str  # person | org


def _title_before(text: str, start: int, lo: int) -> int:
    """Where the run of title words right before a name begins ("Belarusian Minister of Foreign Affairs")."""
    toks = tokens(text, lo, start)
    i = len(toks)
    while i > 0:
        t = toks[i - 1]
        gap = text[t.end:(toks[i].start if i < len(toks) else start)]
        if gap.strip() and not re.fullmatch(r"\s*\([^()]{0,30}\)\s*", gap):  # "of Poland (1995-2005) X"
            break
        low = t.text.lower()
        if low == "and" and i >= 2 and toks[i - 2].text.lower() in _TITLE_WORDS and i < len(toks):
            i -= 1  # "Russian scholar and former Moscow correspondent X": two titles joined
            continue
        if not (is_cap(t.text) or low in ("of", "the", "for") or t.text.islower() and len(t.text) > 2
                and low in _TITLE_WORDS):
            break
        i -= 1
    while i < len(toks) and toks[i].text.lower() in ("of", "the", "for"):
        i += 1
    return toks[i].start if i < len(toks) else start


_ROLE_LOWER = frozenset("minister secretary spokesperson spokeswoman spokesman president governor mayor foreign "
                        "defence defense affairs prime deputy head chief adviser envoy ambassador former ex "
                        "scholar correspondent analyst expert professor leader official commander senior "
                        "general director chairman speaker".split())


_TITLE_WORDS = _ROLE_LOWER | ROLE_WORDS  # lower-case words a title run before a name may hold
_PERSON_TITLES = frozenset((
    "spokesperson spokesman spokeswoman minister president premier chancellor senator governor mayor "
    "ambassador envoy secretary adviser advisor aide deputy director chairman chairwoman leader commander "
    "general analyst expert professor scholar correspondent journalist lawmaker official activist"
).split())


def _titled_name(text: str, start: int, name: str) -> bool:
    """A two- or three-word capitalised name right after a lower-case personal title is a person."""
    if not re.fullmatch(r"[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,2}", name):
        return False
    before = re.search(r"([a-z-]+)\s+$", text[max(0, start - 40):start])
    return bool(before) and before.group(1) in _PERSON_TITLES


# Words that open a sentence before a name and that the entity recogniser may take into it.
_CLAUSE_OPENERS = frozenset("but and yet so or then meanwhile still now also when while as if after before since "
                            "though although because".split())


def story_cast(article: Article, kb: actors.KnowledgeBase) -> list[Member]:
    """People and organisations the story names, each once (its first, fullest introduction), in order."""
    text = article.text
    lay = layout(text, article.start, article.end)
    seen: dict[str, Member] = {}
    for e in entities(article.body, article.start):
        if e.label == "ORG" and _titled_name(text, e.start, e.text):
            e = replace(e, label="PERSON")  # "spokesperson Oleg Nikolenko" tagged as an organisation
        if e.text.endswith(("’s", "'s")):  # "Xi Jinping’s government": the name without its possessive
            e = replace(e, text=e.text[:-2], end=e.end - 2)
        first, _, rest = e.text.partition(" ")
        if rest and (first.lower() in FORMS or first.lower() in _CLAUSE_OPENERS):
            # 'Said Ellis: "..."', "But Hillary Clinton didn't need ...": the cue or the conjunction
            # that opens the sentence is not part of the name
            e = replace(e, text=rest, start=e.start + len(first) + 1)
        if e.label == "ORG":
            if e.text not in seen and not kb.outlet(e.text):
                seen[e.text] = Member(e.text, None, e.start, "org")
            continue
        if e.label != "PERSON" or not re.fullmatch(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){1,3}", e.text):
            continue
        sent = lay.sentence_at(e.start)
        lo = sent.start if sent else article.start
        a = _title_before(text, e.start, lo)
        toks = tokens(text, a, e.end)
        p = parse_phrase(text, toks, kb) if toks else None
        name = p.name if p is not None and p.kind == "person" and p.name else e.text
        role = p.role if p is not None and p.kind == "person" else None
        if not role:
            role = _apposition_role(text, e.start, e.end, lo, kb)
        old = seen.get(name)
        if old is None or (role and not old.role):
            seen[name] = Member(name, role or (old.role if old else None), old.start if old else e.start, "person")
    return sorted(seen.values(), key=lambda m: m.start)


def _apposition_role(text: str, start: int, end: int, lo: int, kb: actors.KnowledgeBase) -> str | None:
    """ "X, the Kremlin spokesman," after the name, or "The Latvian foreign minister, X," before it."""
    m = _APPOSITION_AFTER.match(text, end)
    if m:
        words = m.group(1).lower().split()
        if len(words) <= 12 and any(w in ROLE_WORDS or w.endswith(("ist", "ian")) for w in words[1:]):
            return re.sub(r"^(?:the|a|an)\s+", "", m.group(1))
    before = text[lo:start].rstrip()
    if before.endswith(","):
        seg_start, seg_toks = segment(text, lo + len(before) - 1, lo)
        p = role_segment(text, seg_toks, kb)
        if p is not None and p.kind == "collective" and p.role:
            return p.role
    return None
