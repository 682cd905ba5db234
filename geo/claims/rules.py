"""Article -> Claims: who said what, with the exact span.

Stages, each a small function, run over the story's sentences in order
(geo.sentences gives paragraphs, quotations and sentences):

1. direct quotes with an adjacent attribution ('"...," X said', 'X stated: "..."',
   '"...," said X'), and unattributed quotes that continue the previous speaker;
2. reported speech ('X said/claimed/... (that) ...', '..., X said',
   'according to X, ...', 'X rejected claims ...', 'X called the claims baseless');
3. everything else in the body is the outlet's own narrative: speaker = the
   outlet, role "outlet", cue None, so it is never shown as a neutral fact.

Headlines are skipped: the body restates them, and counting both would weigh
a story twice. Speakers (geo.speakers) come from the noun phrase next to the
cue, split into a name and a role ("Russian Foreign Ministry spokeswoman Maria
Zakharova"), and back-references ("he", "the spokeswoman", "Zakharova")
resolve to the people already quoted in the same story. Rules only: no model.
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, replace

from .. import actors
from ..lexicon import person_nouns
from ..models import AUTHOR, AUTHOR_ROLE, OUTLET_ROLE, Article, Claim
from ..nlp import get_nlp
from ..sentences import Layout, Sentence, Span, layout
from . import cues, parsed
from .cast import story_cast
from ..speakers import (DOCUMENT_HEADS, SPEECH_VERBS, Phrase, gender_of, names_a_body, SpeakerMemory, at_clause_start, lenient_subject, parse_phrase,
                       role_segment, scan_forward, segment, subject_before, tokens)

log = logging.getLogger(__name__)

_SPEECH = SPEECH_VERBS
DENIAL_CUES = frozenset("denied denies rejected rejects dismissed dismisses refuted refutes disputed disputes".split())
# "shot back", "hit back": a retort, the news idiom for an answer in kind
_CUE_ALT = r"[Aa]ccording to|pointed out|(?:shot|shoots|fired|fires|hit|hits) back|" + "|".join(_SPEECH)
_CUE_RE = re.compile(r"\b(" + _CUE_ALT + r")\b")
# Right after a quotation, a verb of going on is a cue too ('"...," Lukashenko continued.').
_QUOTE_CUE_RE = re.compile(r"\b(" + _CUE_ALT + r"|continued|continues|went on)\b")
_DENIAL_WORDS = re.compile(
    r"\b(baseless|groundless|unfounded|untrue|not true|false|fabricat\w*|fake|nonsense|absurd|"
    r"denied|denies|rejected|refuted)\b", re.IGNORECASE)
_CALLED_DENIAL = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,6}?(?:baseless|groundless|unfounded|false|absurd|fabricated|nonsense|lies|"
    r"a lie|fake|untrue|ridiculous|a provocation)\b")

_NOUN_LIKE_CUES = frozenset("reports claims states notes estimates calls posts comments".split())
_PARTICIPLE = re.compile(r"^[^,;]*?,\s*(?:while\s+|and\s+)?([a-z]+ing)\b")
_THAT = re.compile(r"\s*(?:that\b|:)\s*")
_CLAUSE_OPENERS = re.compile(r"^(?:on|in|at|via|to|during|through|with|after|before|from|late|early|earlier|later|"
                             r"this|last|on\s+\w+|the\s+same\s+day|today|yesterday|tonight|Monday|Tuesday|"
                             r"Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_NOT_SUBJECT_BEFORE = frozenset("of over to for from with by at in on the a an against about into than and or "
                                 "his her their its".split())
_HONORIFIC_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.?\s+([A-Z][\w'-]+)")
# The subject opening a sentence (after an opening phrase up to a comma, or "And"/"But"): a name, with
# its honorific, or "he"/"she"; the verb that follows shows it is the subject.
_SENTENCE_SUBJECT = re.compile(
    r"(?:[A-Z][^,\"“”]{0,60},\s+)?(?:(?:And|But|So|Yet)\s+)?(?P<honorific>(?:Mr|Mrs|Ms|Dr)\.?\s+)?"
    r"(?P<who>[Hh]e|[Ss]he|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
    r"\s+[a-z]+\b")
_HONORIFIC_WORDS = frozenset("Mr Mrs Ms Miss Dr Prof".split())
_DATELINE = re.compile(r"(?:[A-Z][A-Z .,'’-]{2,40}(?:,\s*[A-Z][a-z]{1,4}\.)?(?:,?\s*(?:\w+\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+))?\s*"
                       r"(?:\([^)]{1,40}\)|/[^/]{1,20}/)?"
                       r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:,\s*[A-Z][a-z]{1,4}\.)?\s*\([^)]{1,40}\))\s*[-–—]+\s+")
# ("KYIV (Reuters) - ", "ORLANDO, Fla. (Reuters) - ", "MINSK, 26 April (BelTA) - ", "Washington (AFP) – ")
_LEAD_ADVERBIAL = re.compile(
    r"(?:\s+(?:(?:late|early|earlier|later)\s+)?(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|today|yesterday|tonight|last\s+(?:week|night|month)|this\s+(?:week|morning|month))"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|\s+(?:on|in|via|at|during)\s+(?:a\s+|an\s+|the\s+|his\s+|her\s+|its\s+|their\s+)?(?:Telegram|Twitter|X|"
    r"Facebook|statement|interview|video|post|briefing|press\s+conference|televised\s+address|address|speech)\b"
    r"(?:\s+(?:post|channel|message|statement|address))?){1,3}")
_TOLD_OBJECT = re.compile(r"^\s+(?:[\w'’.-]+\s+){0,5}?(?=that\b)")


def claim_id(article_id: str, start: int, end: int) -> str:
    """Stable and content-derived: the same span of the same article keeps its id."""
    return hashlib.sha256(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


def _strip_end(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


@dataclass
class Found:
    start: int
    end: int
    phrase: Phrase | None
    cue: str | None
    is_quote: bool
    denies: bool = False


def _body_start(text: str, start: int, end: int) -> int:
    """Past a wire dateline opening the sentence ("KYIV (Reuters) - ")."""
    m = _DATELINE.match(text, start, end)
    return m.end() if m else start


def _reported(text: str, sent: Sentence, lay: Layout, kb: actors.KnowledgeBase) -> Found | None:
    """Reported speech, "according to" and denials in one sentence (first cue that fits)."""
    s_start, s_end = _strip_end(text, sent.start, sent.end)
    s_start = _body_start(text, s_start, s_end)
    for m in _CUE_RE.finditer(text, s_start, s_end):
        if lay.in_quote(m.start()):
            continue
        cue = m.group(1).lower()
        if cue == "according to":
            found = _according(text, s_start, s_end, m, kb)
        elif cue == "called" and not _CALLED_DENIAL.match(text, m.end(), s_end):
            found = None
        else:
            phrase = subject_before(text, m.start(), s_start, kb)
            if phrase is None:
                found = _inverted(text, s_start, s_end, m, cue, kb) or _relative(text, s_start, s_end, m, cue, kb)
            else:
                found = _with_subject(text, s_start, s_end, m, cue, phrase, kb)
        if found:
            return found
    return None


_WHO_BEFORE = re.compile(r",\s+who\s+(?:(?:also|later|then|had|has|have|earlier|again)\s+)?$")


def _relative(text: str, s_start: int, s_end: int, m: re.Match, cue: str, kb: actors.KnowledgeBase
              ) -> Found | None:
    """'... by Kremlin spokesman Dmitry Peskov, who told reporters that CONTENT': the speaker is the
    person the relative clause hangs on; only a named person or a known actor, never a bare noun."""
    w = _WHO_BEFORE.search(text, s_start, m.start())
    tail = text[m.end():s_end]
    if not w or not (_tail_kind(tail) == "that" or _TOLD_OBJECT.match(tail)):
        return None
    phrase = subject_before(text, w.start(), s_start, kb)
    if phrase is None or (phrase.kind != "person" and not kb.actor(phrase.name or phrase.text)):
        return None
    content = _content_after(text, m.end(), s_end, cue)
    if content is None:
        return None
    return Found(content[0], content[1], phrase, cue, False, cue in DENIAL_CUES)


def _inverted(text: str, s_start: int, s_end: int, m: re.Match, cue: str, kb: actors.KnowledgeBase
              ) -> Found | None:
    """'CONTENT, said the spokeswoman.' / 'CONTENT, says Phil Soper, president of ...'."""
    if not text[s_start:m.start()].rstrip().endswith((",", ",\"", ",”", "\",", "”,")):
        return None
    fwd = scan_forward(text, m.end(), s_end)
    if not fwd or not re.match(r"\s*(?:$|[,.;:!?]|(?:and|who|which|in|on|at|during)\b)", text[fwd[0]:s_end]):
        return None
    p = _with_apposition(text, parse_phrase(text, fwd[1], kb), fwd[0], s_end, kb)
    c_start, c_end = _strip_end(text, s_start, text.rfind(",", s_start, m.start()))
    return Found(c_start, c_end, p, cue, False, cue in DENIAL_CUES)


def _with_subject(text: str, s_start: int, s_end: int, m: re.Match, cue: str, phrase: Phrase,
                  kb: actors.KnowledgeBase) -> Found | None:
    """A cue with its subject found: the content is before it ('CONTENT, X said [, adding ...]')
    or after it ('X said (that) CONTENT', 'X reported seven strikes')."""
    after = m.end()
    before = text[s_start:phrase.start].rstrip()
    kind = _tail_kind(text[after:s_end])
    if cue in _NOUN_LIKE_CUES and kind != "that" and phrase.kind not in ("person", "group"):
        return None  # "The reports are ...": a noun, not a cue
    if before.endswith((",", ",\"", ",”")) and kind in ("end", "participle"):
        if before.endswith(","):
            c_start, c_end = _strip_end(text, s_start, s_start + len(before) - 1)
        else:  # '"No comment," X said': the words inside the marks
            c_start, c_end = _strip_end(text, s_start, s_start + len(before) - 2)
            if text[c_start] in "\"“":
                c_start += 1
        if len(text[c_start:c_end].split()) < 3:
            return None
        if kind == "participle":  # ', attributing ...' belongs to the same claim
            c_end = _strip_end(text, c_start, s_end)[1]
        return Found(c_start, c_end, phrase, cue, False, cue in DENIAL_CUES)
    if kind in ("end", "participle"):
        return None
    if before and not at_clause_start(text, s_start, phrase.start) and len(before.split()) > 6:
        return None
    if re.search(r"\b(?:in|of|for|from|at|on|by|with|to|against|over)$", before, re.I):
        return None  # "Drug abuse in Canada claimed ...": the phrase is an object, not the subject
    if re.search(r"\b(?:and|or)$", before, re.I):  # "The leaders of Turkey and Russia said"
        seg_start, seg_toks = segment(text, phrase.end, s_start)
        if not at_clause_start(text, s_start, seg_start):
            return None
        whole = role_segment(text, seg_toks, kb, limit=10)
        if whole is None:
            return None
        if whole.kind != "person":  # two people ("X and Minister Y said") keep the nearer one
            phrase = whole
    if cue in ("claimed", "claims", "claim") and re.match(r"\s+(?:the\s+)?lives\b", text[after:s_end]):
        return None
    content = _content_after(text, after, s_end, cue)
    if content is None:
        return None
    return Found(content[0], content[1], phrase, cue, False, cue in DENIAL_CUES or cue == "called")


def _with_apposition(text: str, p: Phrase, np_end: int, s_end: int, kb: actors.KnowledgeBase) -> Phrase:
    """'said Wilkins, the county sheriff.': a role after the name, up to the next comma or the end."""
    if p.kind not in ("person", "group") or p.role:
        return p
    m = re.match(r",\s*", text[np_end:s_end])
    if not m:
        return p
    a = np_end + m.end()
    stop = re.search(r"[,;.]|$", text[a:s_end])
    b = a + (stop.start() if stop else 0)
    role = role_segment(text, tokens(text, a, b), kb, limit=_APPOSITION_MAX)
    if role is not None and role.kind == "person" and role.role and " " in role.role and \
            re.match(r"(?:a|an|the)\s+[a-z]", text[a:b]):
        # "a lead analyst ... at the Mercator Institute for China Studies": a description ending in a
        # body's name, not a person called "Studies"
        described = re.sub(r"^(?:a|an|the)\s+", "", text[a:role.end])
        return Phrase(p.start, role.end, text[p.start:role.end], p.name, described, p.kind)
    if role is None or role.kind != "collective" or not role.role:
        return p
    return Phrase(p.start, role.end, text[p.start:role.end], p.name, role.role, p.kind)


_APPOSITION_MAX = 18  # "a lead analyst specializing in Chinese defense and foreign policy at the Mercator Institute ..."


_NAME_CLOSING = re.compile(r"[\"”’]?\s*((?:[a-z][\w-]*\s+|[\"“‘][^\"“”‘’]{1,40}[\"”’]\s+){0,5}?)((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+)\s*(?:[,.]|$)")


def _named_after_description(text: str, p: Phrase, np_end: int, s_end: int, kb: actors.KnowledgeBase
                             ) -> Phrase | None:
    """'said the head of the "Mothers Union" movement Olena Dovzhenko': a description the name closes
    (a quoted title or a few plain words may stand between); the person, with the description as role."""
    if p.kind != "collective" or not re.match(r"(?:the|a|an)\s", p.text, re.I):
        return None
    m = _NAME_CLOSING.match(text, np_end, s_end)
    if not m:
        return None
    name_at = m.start(2)
    person = parse_phrase(text, tokens(text, name_at, m.end(2)), kb)
    if person.kind != "person" or not person.name or person.role:
        return None
    role = re.sub(r"^(?:the|a|an)\s+", "", text[p.start:name_at].strip(), flags=re.I)
    return Phrase(p.start, m.end(2), text[p.start:m.end(2)], person.name, role, "person")


def _named_apposition(text: str, a: int, s_end: int, kb: actors.KnowledgeBase) -> Phrase | None:
    """A person's name alone between two commas right at ``a`` (", Oleh Syniehubov, "), or None."""
    m = re.match(r"\s*((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+),\s+(?=[a-z0-9\"“]|(?:The|A|An|It|He|She|They|We)\b)",
                 text[a:s_end])  # a clause follows, not a list ("New York, Boston and ...")
    if not m:
        return None
    lo = a + m.start(1)
    p = parse_phrase(text, tokens(text, lo, a + m.end(1)), kb)
    if p.kind != "person" or p.role or not p.name:
        return None
    return Phrase(p.start, a + m.end(1), p.text, p.name, None, "person")


def _tail_kind(tail: str) -> str:
    """What follows a cue: "that" + clause, nothing (adverbials only), a participle, or an object."""
    t = tail.strip()
    if not t or t[:1] in ".;!?":
        return "end"
    if _THAT.match(tail):
        return "that"
    lead = _LEAD_ADVERBIAL.match(tail)
    if lead and lead.end() > 0:  # "said in a statement on Friday." / "..., adding that"
        rest = tail[lead.end():].strip()
        if not rest or rest[:1] in ".;!?":
            return "end"
        if rest[:1] == ",":
            return "participle" if _PARTICIPLE.match(rest) else "end"
        if _THAT.match(rest):
            return "that"
    adverbial = bool(_CLAUSE_OPENERS.match(t))
    if adverbial and re.search(r"\bthat\b|:", t[:80]) and "," not in t[: re.search(r"\bthat\b|:", t[:80]).start()]:
        return "that"
    if t[:1] == ",":
        return "participle" if _PARTICIPLE.match(tail) else "end"
    if adverbial:
        head = t.split(",", 1)
        if len(head[0].split()) > 4:
            return "object"  # "says at first her parents were not told": the content follows
        if len(head) == 1:
            return "end"
        return "participle" if _PARTICIPLE.match(tail) else "end"
    return "object"


def _content_after(text: str, after: int, s_end: int, cue: str) -> tuple[int, int] | None:
    """Where the reported content starts after the cue: after "that"/":", else the object."""
    tail = text[after:s_end]
    if cue in ("told", "tells", "informed"):
        obj = _TOLD_OBJECT.match(tail)
        if obj:
            after += obj.end()
            tail = text[after:s_end]
    m = _THAT.match(tail)
    if m:
        return _strip_end(text, after + m.end(), s_end)
    # Adverbials between cue and content: "stated on Wednesday that ..."
    that = re.search(r"\bthat\b|:", tail[:80])
    if that and "," not in tail[: that.start()] and _CLAUSE_OPENERS.match(tail.strip()):
        return _strip_end(text, after + that.end(), s_end)
    if not tail.strip() or tail.lstrip()[:1] in ",;.":
        return None
    lead = _LEAD_ADVERBIAL.match(tail)
    if lead and lead.end() > 0:  # "said on Wednesday he was unavailable"
        rest = tail[lead.end():]
        if len(rest.split()) >= 2 and rest.lstrip()[:1] not in ",;.":
            return _strip_end(text, after + lead.end(), s_end)
        return None
    if _CLAUSE_OPENERS.match(tail.strip()) and "," not in tail:
        return None
    return _strip_end(text, after, s_end)


def _according(text: str, s_start: int, s_end: int, m: re.Match, kb: actors.KnowledgeBase) -> Found | None:
    pos = m.end()
    lead = re.match(r"\s+(?:(?:a|an|the)\s+(?=(?:statement|report|data|figures|estimates|information|post|"
                    r"update|message)))?(?:(?:statement|report|data|figures|estimates|information|post|"
                    r"update|message)s?\s+(?:by|from|of|on|in)\s+)?", text[pos:s_end])
    np_start = pos + (lead.end() if lead else 0)
    source = _source_after(text, np_start, s_end, kb)
    if source is None:
        return None
    p, np_end = source
    if text[s_start:m.start()].strip() == "":  # "According to X, content."
        rest = text[np_end:s_end]
        if not rest.lstrip().startswith(","):
            return None
        c_start = np_end + rest.index(",") + 1
        named = _named_after_comma(text, p, np_end, s_end, kb)
        if named is not None:  # "According to the head of the ... administration, Oleh Syniehubov, ..."
            p, c_start = named, named.end + 1
        c_start, c_end = _strip_end(text, c_start, s_end)
        return Found(c_start, c_end, p, "according to", False)
    before = text[s_start:m.start()].rstrip()
    if not before.endswith(","):
        return None
    p = _named_after_comma(text, p, np_end, s_end, kb) or p  # "..., according to a local correspondent, X, who"
    c_start, c_end = _strip_end(text, s_start, s_start + len(before) - 1)
    return Found(c_start, c_end, p, "according to", False)


def _named_after_comma(text: str, p: Phrase, np_end: int, s_end: int, kb: actors.KnowledgeBase) -> Phrase | None:
    """A description the name right after it between commas belongs to ("a local war correspondent, Remus
    Ceran, who ..."): that person, the description as the role; None if no such name follows."""
    rest = text[np_end:s_end]
    if p.kind == "person" or not rest.lstrip().startswith(","):
        return None
    named = _named_apposition(text, np_end + rest.index(",") + 1, s_end, kb)
    if named is None:
        return None
    return Phrase(p.start, named.end, text[p.start:named.end], named.name, p.role or p.text, "person")


_DOCUMENT_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(DOCUMENT_HEADS)) + r")s?\b")


def _source_after(text: str, np_start: int, s_end: int, kb: actors.KnowledgeBase) -> tuple[Phrase, int] | None:
    """The source phrase "according to" names, and where it ends: a noun phrase, or a short verbless
    phrase up to the comma ("according to people familiar with the inquiries")."""
    fwd = scan_forward(text, np_start, s_end)
    if not fwd:
        return None
    doc_after = _DOCUMENT_AFTER.match(text, fwd[0], s_end)
    if doc_after:  # "according to the National Academies report": the body's document
        fwd = (doc_after.end(), tokens(text, np_start, doc_after.end()))
    p, np_end = parse_phrase(text, fwd[1], kb), fwd[0]
    stop = re.search(r"\s*(?:[,;.]|$)", re.sub(r"\([^()]{1,30}\)", lambda m: " " * len(m.group()),
                                                text[np_start:s_end]))  # "of Poland (1995-2005) X,"
    seg_end = np_start + (stop.start() if stop else 0)
    if seg_end > np_end:
        longer = role_segment(text, tokens(text, np_start, seg_end), kb, limit=10)
        if longer:
            p, np_end = longer, longer.end
    return p, np_end


# A sentence that ends by naming its source: every cue before it is part of what that source says.
_FINAL_ACCORDING = re.compile(r"(?<=,)\s+according\s+to(?=\s+[^,;:.]{3,90}(?:,[^,;:.]{3,90})?[.]?$)")


def _speech_before(text: str, lo: int, hi: int) -> bool:
    """Does ``text[lo:hi]`` hold a verb of saying of its own ("Republicans denounced the deal, ...,
    according to company leaders": the Republicans spoke; "Biden told Zelensky ..., according to X" or
    "the firm declined to renew, according to X": X tells of a conversation or a decision)?"""
    return any(cues.LEMMA_OF.get(w) in cues.SPEECH and cues.LEMMA_OF[w] not in ("tell", "ask", "inform")
               and w not in cues.WEAK_TRIGGERS for w in re.findall(r"[a-z]+", text[lo:hi].lower()))


_MODAL = re.compile(r"\b(?:would|could|might)\b")
_BACKSHIFTED = re.compile(r"(?:(?:But|And|Yet|Still),?\s+)?(?:it|he|she|they|that|this)\s+(?:would|could|might)\b")
_THATS_ACCORDING = re.compile(r"\s*(?:That|This)(?:['’]s|\s+is|\s+was)\s+(according\s+to)\b")


def according_back(text: str, s_start: int, s_end: int, kb: actors.KnowledgeBase) -> Phrase | None:
    """ "That's according to X, who ...": the source of the sentence before, named after it."""
    m = _THATS_ACCORDING.match(text, s_start, s_end)
    if not m:
        return None
    source = _source_after(text, m.end(1), s_end, kb)
    if source is None:
        return None
    p, np_end = source
    return _named_after_comma(text, p, np_end, s_end, kb) or p


_PROMO = re.compile(r"\s*(?:Read|See)\s+(?:also|more)\s*:|\s*Also\s+read\s*:|\s*Related\s*:", re.I)
_SAID_NAME_COLON = re.compile(r"\s*(Said|Says|Wrote|Writes|Added|Adds)\s+((?:[A-Z][\w'’.-]*\s?){1,4}):\s*")
_COLON_CUE = re.compile(r"\b(" + _CUE_ALT + r")\b[^:\"“”.]{0,40}:\s*$")
_ATTR_AFTER = re.compile(r"\s*,?\s*")
_CLOSING = "\"”»“’"


def _inner(text: str, q: Span) -> tuple[int, int]:
    """The quoted words without their marks (a quotation left open has no closing mark)."""
    return _strip_end(text, q.start + 1, q.end - 1 if text[q.end - 1] in _CLOSING else q.end)


_DASH_SOURCE = re.compile(r"[\s\u00a0]*[―—–]\s*((?:[A-Z][\w'’.-]*\s?){1,5})(?=[.,]?\s*$|[.,]?\s*\n)", re.M)


# Cues that stand before their subject ("..., said X"); "told X" and "asked X" take an object instead.
_INVERTING_CUES = frozenset("said says added adds wrote writes continued noted explained insisted argued".split())
_SENTENCE_BREAK = re.compile(r"[.!?\"“”]")
# Dots that end no sentence between a quotation and its cue: "Rep. Tom Ames (D-Md.) said", "Elijah E. Ames said".
_ABBREVIATION = re.compile(r"\([^()]{0,20}\)|\b(?:[A-Z][a-z]{0,3}|[A-Z])\.")


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl == -1 else nl


def _closes_with_comma(text: str, q: Span) -> bool:
    return text[q.end - 2:q.end - 1] == "," and text[q.end - 1] in "\"”’'"


def _quote_claim(text: str, q: Span, sent: Sentence, s_end: int, kb: actors.KnowledgeBase
                 ) -> Found | None:
    """A direct quote with its attribution right after or right before it."""
    words = len(re.findall(r"\w+", text[q.start:q.end]))
    if words < 2:
        return None
    inner = _inner(text, q)
    pre = text[sent.start:q.start]
    dash = _DASH_SOURCE.match(text, q.end, max(s_end, _line_end(text, q.end)))
    if dash and pre.strip() == "" and words >= 4:  # '"...." ― Karen Bobadilla': a pull quote signed by a dash
        toks = tokens(text, dash.start(1), dash.end(1))
        if toks:
            return Found(*inner, parse_phrase(text, toks, kb), "―", True)
    if pre.strip() == "" or _closes_with_comma(text, q):
        # a quotation opening its sentence is never a scare quote; one closing on a comma ('Nothing the mayor
        # said "will assuage their fears," the senator said') hands the rest of the sentence to its source
        p = q.end + _ATTR_AFTER.match(text, q.end, s_end).end() - q.end
        window = text[p:min(s_end, p + _ATTRIBUTION_REACH)]
        m = _QUOTE_CUE_RE.search(window)
        if m and m.group(1).lower() != "according to" and \
                not _SENTENCE_BREAK.search(_ABBREVIATION.sub("", window[: m.start()])):
            cue_at = p + m.start()
            if m.start() == 0:
                fwd = scan_forward(text, cue_at + len(m.group(1)), s_end)
                if fwd:
                    p = parse_phrase(text, fwd[1], kb)
                    p = _named_after_description(text, p, fwd[0], s_end, kb) or \
                        _with_apposition(text, p, fwd[0], s_end, kb)
                    return Found(*inner, p, m.group(1), True)
            else:
                phrase = subject_before(text, cue_at, p, kb)
                if not (phrase and phrase.start == p):
                    if text[p:cue_at].rstrip().endswith(",") and m.group(1).lower() in _INVERTING_CUES and \
                            (fwd := scan_forward(text, cue_at + len(m.group(1)), s_end)) is not None and \
                            (named := parse_phrase(text, fwd[1], kb)).kind == "person" and named.name:
                        # '"...," that is, troops in trenches, said Tom Berrow': the name after the cue
                        return Found(*inner, _with_apposition(text, named, fwd[0], s_end, kb), m.group(1), True)
                    phrase = lenient_subject(text, p, cue_at, kb)
                if phrase:
                    return Found(*inner, phrase, m.group(1), True)
    post = text[q.end:s_end].strip()
    if words < 4:
        return None
    if post in ("", ".", "!", "?") or re.fullmatch(r"[.!?]?[\"”]?", post) or _PARTICIPLE.match(post) or \
            _TIME_CLAUSE_AFTER.match(post) and not _CUE_RE.search(post):
        said = _SAID_NAME_COLON.fullmatch(pre)
        if said:  # 'Said Ellis: "..."': the inverted colon attribution
            phrase = parse_phrase(text, tokens(text, sent.start + said.start(2), sent.start + said.end(2)), kb)
            if phrase.kind in ("person", "group"):
                return Found(*inner, phrase, said.group(1).lower(), True)
        m = re.search(r"\b(" + _CUE_ALT + r"|continued|continues|went on)\b([^\"“:]{0,60}?)(?::|,|\bthat)?\s*$", pre)
        if m:
            cue_at = sent.start + m.start(1)
            if not m.group(2).strip() or _CLAUSE_OPENERS.match(m.group(2).strip()):
                phrase = subject_before(text, cue_at, sent.start, kb)
                if phrase:
                    return Found(*inner, phrase, m.group(1), True)
    return None


# How far after a quotation its cue may stand: room for a name and a long description ('"...," Varga, the
# party's front-runner nationally and the polling leader in the state by a wide margin, said').
_ATTRIBUTION_REACH = 200
# '... saying at a rally, "That makes me smart," when her rival attacked her': a clause of when or why
# after the quotation says nothing of who spoke it.
_TIME_CLAUSE_AFTER = re.compile(r"(?:when|after|before|while|because|since|until|as soon as)\b", re.I)
# "PENCE: Well, look, ...", "MR. KING: ...": an upper-case speaker label opening a paragraph.
_NAMED_LABEL = re.compile(r"[\"“]?(Q|[A-Z][a-z'’-]+(?:\s[A-Z][a-z'’-]+){0,2}):\s+(?=\S)")
_SPEAKER_LABEL = re.compile(r"[\"“]?((?:(?:MR|MRS|MS|DR|SEN|REP|GOV)\.\s)?[A-Z][A-Z'’-]{2,}(?:\s[A-Z][A-Z'’-]{1,}){0,2}):\s+(?=\S)")
_PERSON_PRONOUNS = frozenset("he she his him her".split())
# The paper's own labels before a colon ("CLARIFICATION: The first sentence ..."): no one speaks.
_EDITORIAL_LABELS = frozenset("clarification clarifications correction corrections update updated editor's "
                              "editor’s note notes advertisement related disclaimer photo video watch "
                              "breaking exclusive opinion analysis".split())
_NAME_BEFORE = re.compile(r"(?:^|[.;:!?\n]\s*|\b(?:and|but)\s+)([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}),\s*$")
_ATTRIBUTION_ONLY = re.compile(r"[\"”’',.;:!?\s]*(?:[\w'’.-]+\s+){0,8}?(?:" + _CUE_ALT + r")\b[^\"“”]{0,60}$")


def _only_attribution(text: str, a: int, b: int) -> bool:
    """Is ``text[a:b]`` nothing but an attribution ('," Mr. Obama said. ', ', she said, clapping. ')?"""
    return b - a < 120 and bool(_ATTRIBUTION_ONLY.fullmatch(text, a, b))


def _is_headline(article: Article, para: Span) -> bool:
    line = article.text[para.start:para.end].strip()
    if article.title and line == article.title.strip():
        return True
    return para.start == article.start and not line.endswith((".", "!", "?", '"', "”")) and len(line.split()) < 20


def _outer_of_mixed(found: list[parsed.Attribution], kb: actors.KnowledgeBase
                    ) -> tuple[list[parsed.Attribution], list[parsed.Attribution]]:
    """A sentence with a cue verb and "according to": which source holds the sentence and which is
    reported inside it. A speech act is an event the other source relays ("Putin said the strikes would
    go on, according to TASS": Putin's claim, TASS no source of its own), unless the one who speaks is a
    news outlet passing on the other's finding ("Bloomberg reports that X leads, according to the Roper
    Center": the Center's claim of what Bloomberg reports). A plan, a wish or a belief is what the other
    source asserts of its subject ("Clinton plans to visit on Sunday, according to an aide": the aide's)."""
    according = [f for f in found if f.cue == "according to"]
    verbs = [f for f in found if f.cue != "according to"]
    if not all(cues.LEMMA_OF.get(f.cue) in cues.SPEECH for f in verbs):
        return according, verbs
    relayed = [replace(a, start=max(a.start, v.start), end=min(a.end, v.end)) for a in according for v in verbs
               if _news_outlet(v.phrase, kb) and a.start < v.end]
    if not relayed and not all(_relays(a.phrase, kb) for a in according):
        # "Biden told Zelensky an invasion was possible, according to a spokesperson": no report of the
        # call but hers; the one who says what was said makes the claim, and the words are inside it
        return according, [replace(v, end=min([v.end] + [a.cue_at for a in according if a.cue_at > v.start]))
                           for v in verbs]
    return verbs, relayed


_RELAY_HEADS = frozenset("media report reports correspondent correspondents reporter reporters journalist "
                         "journalists outlet outlets newspaper newspapers agency footage transcript".split())


def _relays(phrase: Phrase | None, kb: actors.KnowledgeBase) -> bool:
    """Does "according to X" name a channel that passes words on (a news outlet, a reporter, a
    transcript or statement) rather than someone who vouches for them (an aide, officials, lawyers)?"""
    if phrase is None or _news_outlet(phrase, kb):
        return True
    last = (phrase.role or phrase.text).split()[-1].lower() if (phrase.role or phrase.text).split() else ""
    if cues.singular(last) in _FINDINGS:
        return False  # "most voters say ..., according to a poll": the poll's finding, not words it passes on
    return last in _RELAY_HEADS or last in cues.DOCUMENT_NOUNS or cues.singular(last) in cues.DOCUMENT_NOUNS


# Documents that find rather than pass words on: what their respondents or data "say" is their result.
_FINDINGS = frozenset("poll polling survey study analysis data research census review audit estimate figure "
                      "tally count projection model".split())


_NEWS_HEADS = frozenset("times post news herald courier tribune journal gazette press telegraph chronicle "
                        "network channel newspaper paper outlet agency magazine daily broadcaster".split())


def _news_outlet(phrase: Phrase | None, kb: actors.KnowledgeBase) -> bool:
    """A news outlet the knowledge base knows, or one its name says is one ("the Marwick Courier")."""
    if phrase is None:
        return False
    name = phrase.name or phrase.text
    return kb.outlet(name) is not None or name.split()[-1].lower() in _NEWS_HEADS


def _to_claim(article: Article, f: Found, speaker: str | None, role: str | None) -> Claim | None:
    start, end = f.start, f.end
    if end <= start:
        return None
    text = article.text[start:end]
    denies = f.denies or bool(_DENIAL_WORDS.search(text)) if f.cue else False
    return Claim(
        id=claim_id(article.id, start, end), article_id=article.id, start=start, end=end, text=text,
        speaker=speaker, speaker_role=role, cue=f.cue, is_quote=f.is_quote,
        stance="denies" if denies else "asserts",
    )


_WHO = r"(?P<who>(?:[A-Z0-9][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*(?:,\s+others)?)"
_HEADLINE_CUES = (r"(?P<cue>(?i:said|sees|seeks|speaks|sums up|hammers|breaks with|denies|deny|"
                  r"(?:say|warn|claim|tell|admit|insist|argue|vow|urge|call|slam|rip|blast|accuse|reject|defend|"
                  r"praise|predict|pledge|promise|endorse|back|question|demand|threaten|tout|share)s?)\b)")
_HEADLINE_LABEL = re.compile(_WHO + r":\s+\S+(?:\s+\S+){2,}")
_HEADLINE_SAYS_AFTER = re.compile(r"[,—–]\s*" + _WHO + r"\s+" + _HEADLINE_CUES + r"\.?$")
_HEADLINE_SAYS = re.compile(r"(?:[^,:;]{3,60},\s+)?" + _WHO + r"\s+" + _HEADLINE_CUES + r"\s+\S+(?:\s+\S+){2,}")
# Labels that open a headline without naming a source ("The Latest: ...", "Watch: ...").
_NOT_HEADLINE_SOURCES = frozenset("the a an watch exclusive breaking live update updated opinion analysis "
                                  "editorial video photos review explainer factbox timeline wow whoa boom yikes "
                                  "oops icymi must-see must-read listen look revealed report".split())


def _title_cased(text: str, para: Span) -> bool:
    """A one-line paragraph written in title case ("Lindsey Graham Says Trump Could Act."): a headline
    even with a full stop."""
    line = text[para.start:para.end].strip()
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    return "\n" not in line and 3 <= len(words) <= 25 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _speaks_for(institution: str | None, role: str | None) -> bool:
    """Is a person with this role the voice of the institution ("Foreign Ministry spokesperson" for
    "the Foreign Ministry")?"""
    if not institution or not role:
        return False
    core = re.sub(r"^(?:the|a|an)\s+", "", institution, flags=re.I).lower()
    return len(core.split()) >= 2 and core in role.lower()


@dataclass
class _Speaking:
    """Who spoke last in a quotation (or announced one with "X said:"), for continuations."""

    speaker: str | None
    role: str | None
    cue: str | None
    paragraph: int
    quoted: bool = True  # False: reported speech ("..., Brask said."), which a quote goes on only within its paragraph


class _StoryReader:
    """Walks one story's sentences in order, remembering speakers for back-references."""

    def __init__(self, article: Article, lay: Layout, kb: actors.KnowledgeBase):
        self.article, self.lay, self.kb = article, lay, kb
        self.text = article.text
        self.memory = SpeakerMemory(kb, article.published)
        self.last: _Speaking | None = None
        self.block: tuple[_Speaking, Phrase] | None = None  # "The governor added:" closing its paragraph
        self.docs: dict[int, tuple[int, object]] = {}
        self.cast = story_cast(article, kb)
        self.person_words = frozenset(w for m in self.cast if m.kind == "person" for w in m.name.split())
        self._introduced = 0
        self.out: list[Claim] = []
        self.merged = False
        self.skip_until = -1
        self._found: dict[int, list[parsed.Attribution]] = {}
        self._quote_cache: dict[int, Found | None] = {}

    def claims(self) -> list[Claim]:
        out: list[Claim] = []
        skip = {0} if self.lay.paragraphs and _is_headline(self.article, self.lay.paragraphs[0]) else set()
        heading = self._headline(self.lay.paragraphs[0]) if self.lay.paragraphs and \
            (skip or _title_cased(self.text, self.lay.paragraphs[0])) else []
        if heading:
            skip = {0}
        body = [s for s in self.lay.sentences if s.paragraph not in skip]
        if not skip and len(body) > 1 and body[1].paragraph == body[0].paragraph == 0:
            heading = self._run_in_headline(body[0])  # "Sanders: Clinton Needs To Focus.  Bernie Sanders said ..."
            if heading:
                body = body[1:]
        self._parse(body)
        self.out = out
        out.extend(heading)
        for sent in body:
            out.extend(self._sentence(sent))
        self._name_forward(out)
        self._whole_sentences(out)
        return out

    def _whole_sentences(self, claims: list[Claim]) -> None:
        """A direct quote's claim is the sentences it stands in, its attribution included ('"...,"
        Baerbock said at a news conference in Adelaide.'): who said it and where is part of the claim,
        as both annotated corpora mark it. Never into a neighbouring claim's sentence."""
        text = self.text
        for i, c in enumerate(claims):
            if not c.is_quote:
                continue
            first, last = self.lay.sentence_at(c.start), self.lay.sentence_at(c.end - 1)
            if first is None or last is None:
                continue
            lo = _body_start(text, *_strip_end(text, first.start, first.end))
            hi = _strip_end(text, last.start, last.end)[1]
            prev_end = claims[i - 1].end if i else self.article.start
            next_start = claims[i + 1].start if i + 1 < len(claims) else self.article.end
            start, end = min(c.start, max(lo, prev_end)), max(c.end, min(hi, next_start))
            while start < c.start and text[start] in " ,;:–—-":
                start += 1  # after a neighbour's claim ends: not the comma between them
            if (start, end) != (c.start, c.end):
                c.start = start
                self._extend(c, end)

    def _name_forward(self, claims: list[Claim]) -> None:
        """ "..., a UK defence minister has said. / James Heappey said ...": a description nobody before
        answers is the person named as a speaker right after it (same or next paragraph), when that
        person's role, if any, has the description's head word."""
        for i, c in enumerate(claims):
            if c.speaker_role in (None, OUTLET_ROLE) or not c.speaker or \
                    not re.match(r"(?:a|an|the|[A-Z][\w-]*['’]s)\s", c.speaker) or self._named(c.speaker):
                continue  # "a UK defence minister", "Ukraine's prime minister": descriptions, not names
            here = self.lay.sentence_at(c.start)
            head = c.speaker_role.split()[-1].lower()
            for d in claims[i + 1:i + 4]:
                there = self.lay.sentence_at(d.start)
                if here is None or there is None or there.paragraph - here.paragraph > 1:
                    break
                if there.start == here.start:
                    continue  # "..., the mayor said, ... as Tomas Wendt said": two sources of one sentence
                if d.speaker_role == OUTLET_ROLE or not d.speaker or d.speaker == c.speaker:
                    continue
                if " " in d.speaker and d.speaker[:1].isupper() and not re.match(r"(?:The|A|An)\s", d.speaker) \
                        and (head in (d.speaker_role or "").lower() or not d.speaker_role and self._a_person(d.speaker)
                             and cues.singular(head) in person_nouns()):  # "the group said" is no person named next
                    c.speaker, c.speaker_role = d.speaker, d.speaker_role or c.speaker_role
                break

    def _run_in_headline(self, first: Sentence) -> list[Claim]:
        """A headline run into the story's first paragraph (some archives keep the title as its first
        sentence): a claim only when it is written as one ("Sanders: ...", title-cased "..., X Vows To ...")."""
        start, end = _strip_end(self.text, first.start, first.end)
        line = self.text[start:end]
        if not (_HEADLINE_LABEL.match(line) or _title_cased(self.text, first)) or len(line.split()) > 25:
            return []
        return self._headline(first)

    def _headline(self, para: Span) -> list[Claim]:
        """A headline is the story's, unless it names who says it ("Pence: Trump Was 'Mocking' Them",
        "Trump Could Act on Energy, Graham Says", "Graham Says Trump Could Act"): then it is a claim."""
        text = self.text
        start, end = _strip_end(text, para.start, para.end)
        line = text[start:end]
        found = _HEADLINE_LABEL.match(line) or _HEADLINE_SAYS_AFTER.search(line) or _HEADLINE_SAYS.match(line)
        if not found or found.group("who").split()[0].lower() in _NOT_HEADLINE_SOURCES:
            return []
        lo = start + found.start("who")
        phrase = parse_phrase(text, tokens(text, lo, start + found.end("who")), self.kb)
        if phrase.kind not in ("person", "group") and not (phrase.kind == "collective" and phrase.role):
            return []  # "Lawmaker urges ...", "Black Lawmakers Rip ...": a described source counts too
        speaker, role = self._resolve(phrase)
        cue = (found.groupdict().get("cue") or ":").lower()
        return self._claim(Found(start, end, phrase, cue, False), speaker, role)

    def _a_person(self, name: str) -> bool:
        """Is the name a person's (the story's cast or the knowledge base says so), not a body's?"""
        if any(m.name == name and m.kind == "person" for m in self.cast) or self.kb.person(name) is not None:
            return True
        return not names_a_body(name) and not self.kb.is_group_word(name) and not self.kb.outlet(name)

    def _named(self, speaker: str) -> bool:
        """Is the speaker a name the story's cast knows ("The Kremlin" is a name; "the minister" is not)?"""
        return any(m.name == speaker for m in self.cast)

    def _parse(self, sentences: list[Sentence]) -> None:
        """Parse, in one batch, the sentences that hold a cue word (for geo.claims.parsed)."""
        spans = []
        budget = parsed.MAX_STORY_CHARS
        for sent in sentences:
            a, b = _strip_end(self.text, sent.start, sent.end)
            a = _body_start(self.text, a, b)
            if 0 < b - a <= parsed.MAX_SENTENCE_CHARS and cues.may_attribute(self.text[a:b]) and \
                    (not self._quoted_with_attribution(sent) or self._cue_beside_quote(sent, a)):
                budget -= b - a
                if budget < 0:
                    break  # a story this long (megabytes) is read by the word rules alone, as NER does
                spans.append((sent.start, a, b))
        docs = parsed.parse([self.text[a:b] for _, a, b in spans])
        self.docs = {key: (a, doc) for (key, a, _), doc in zip(spans, docs)}

    def _attribute_previous(self, sent: Sentence, att: parsed.Attribution) -> None:
        """ "X said this in a comment": the outlet's claims of the sentence before become X's."""
        speaker, role = self._resolve(att.phrase)  # named either way: "he" and "the diplomat" name them back
        if not self.out:
            return
        last = self.out[-1]
        there = self.lay.sentence_at(last.start)
        if there is None or sent.paragraph - there.paragraph > 1:
            return
        given = None
        lead = self._paragraph_lead(there)
        for c in self.out:
            if not lead <= c.start < there.end:
                continue
            if c.speaker_role == OUTLET_ROLE:
                c.speaker, c.speaker_role, c.cue = speaker, role, att.cue
                given = c
            elif _speaks_for(c.speaker, role):
                # "The Foreign Ministry expects X. / Foreign Ministry spokesperson Y said this": Y said it
                c.speaker, c.speaker_role = speaker, role
                given = c
        if given is not None and given is self.out[-1]:
            # the claim and the sentence that names its source are read together, as one claim
            mine = [c for c in self.out if lead <= c.start < there.end and c.speaker == speaker]
            if len(mine) > 1 and all(c.cue == att.cue for c in mine):  # "A. B. That's according to X."
                first = mine[0]
                self.out[:] = [c for c in self.out if c not in mine[1:]]
                given = first
            self._extend(given, _strip_end(self.text, sent.start, sent.end)[1])

    def _paragraph_lead(self, sent: Sentence) -> int:
        """Where the outlet's own sentences that lead up to ``sent`` in its paragraph begin (the run of
        narrative a following "That's according to X" names the source of)."""
        lo = sent.start
        for c in reversed(self.out):
            here = self.lay.sentence_at(c.start)
            if c.speaker_role != OUTLET_ROLE or here is None or here.paragraph != sent.paragraph:
                break
            lo = min(lo, c.start)
        return lo

    def _attributions(self, sent: Sentence) -> list[parsed.Attribution]:
        got = self.docs.get(sent.start)
        if got is None:
            return []
        if sent.start not in self._found:
            a, doc = got
            found = parsed.attributions(doc, a, self.text, self.lay, self.kb, self.person_words)
            # "X said this ..., an Ukrinform correspondent reports": the outlet vouching for its own
            # report attributes nothing; the attribution inside it is the claim.
            kept = [f for f in found if not self._own_outlet(f.phrase)]
            outers = [f for f in kept if not f.nested]
            self._found[sent.start] = [f if not f.nested or any(o.start <= f.cue_at < o.end for o in outers)
                                       else replace(f, nested=False) for f in kept]
        return [f for f in self._found[sent.start] if not f.nested]

    def _nested(self, sent: Sentence) -> list[parsed.Attribution]:
        """Attributions inside another's content ("X reports that Y found Z"): Y's claim is Z."""
        self._attributions(sent)
        return [f for f in self._found.get(sent.start, []) if f.nested]

    def _own_outlet(self, phrase: Phrase | None) -> bool:
        """Does the phrase name the story's own outlet ("Ukrinform", "an Ukrinform correspondent")?"""
        outlet = self.article.outlet
        if phrase is None or not outlet:
            return False
        words = phrase.name or phrase.text
        own = self.kb.outlet(outlet)
        named = self.kb.outlet(re.sub(r"^(?:an?|the|our)\s+|\s+(?:correspondents?|reporters?|journalists?)$", "",
                                      words, flags=re.I))
        if own is not None and named is not None:
            return named.name == own.name
        return bool(re.search(rf"(?<!\w){re.escape(outlet)}(?!\w)", words, re.I))

    def _points_back(self, sent: Sentence) -> bool:
        """ "X said this in a comment": the sentence names the source of the one before; True if so."""
        found = self._attributions(sent)
        if len(found) == 1 and found[0].points_back:
            self._attribute_previous(sent, found[0])
            return True
        return False

    def _quote_found(self, q: Span, sent: Sentence) -> Found | None:
        """``_quote_claim`` for one quotation, computed once: the parse selection and ``_quotes`` both ask."""
        if q.start not in self._quote_cache:
            self._quote_cache[q.start] = _quote_claim(self.text, q, sent, sent.end, self.kb)
        return self._quote_cache[q.start]

    def _cue_beside_quote(self, sent: Sentence, a: int) -> bool:
        """A clause with a cue of its own before the sentence's first quotation ("When Benn noted that
        ..., Tallis boasted, "..."") or after the last one ("..., though a review of records indicates
        ..."): the parse reads it (see ``_beside_quotes``)."""
        qs = self.lay.quotes_in(sent.start, sent.end)
        first = min((q.start for q in qs), default=a)
        last = max((q.end for q in qs), default=a)
        return first - a > 40 and cues.may_attribute(self.text[a:first]) or \
            sent.end - last > 60 and cues.may_attribute(self.text[last:sent.end])

    def _quoted_with_attribution(self, sent: Sentence) -> bool:
        """A sentence whose quotation the quote rules attribute needs no parse (they take it first)."""
        return any(self._quote_found(q, sent) for q in self.lay.quotes_in(sent.start, sent.end))

    def _parsed(self, sent: Sentence, according: bool = False) -> list[Claim]:
        """Claims the dependency parse finds in a sentence: cue verbs (``according=False``, tried before
        the word rules) or "according to" (tried after them: the rules read its appositions better).

        A reported claim is its whole sentence, the attribution included, as a reader quotes it (and as
        annotated news corpora mark claims); a direct quote is the quoted words."""
        got = self.docs.get(sent.start)
        if got is None:
            return []
        a = got[0]
        out: list[Claim] = []
        found = [f for f in self._attributions(sent) if not f.points_back]
        inner: list[parsed.Attribution] = []
        if any(f.cue == "according to" for f in found) and any(f.cue != "according to" for f in found):
            if according:
                return []  # the first pass took the sentence
            found, inner = _outer_of_mixed(found, self.kb)
        elif any((f.cue == "according to") != according for f in found):
            return []
        if len(found) > 1 and len({self._resolve_quietly(f.phrase) for f in found}) == 1:
            found = found[:1]  # "The Kremlin denies X and argues Y": one speaker, one claim, the sentence
        resolved = [self._resolve(att.phrase) for att in found]
        if len(found) > 1 and len({who for who, _ in resolved}) == 1 and resolved[0][0]:
            found, resolved = found[:1], resolved[:1]  # "X says she hopes ..., but she knows ...": X's, whole
        for att, (speaker, role) in zip(found, resolved):
            quote = self._quotation(att.start, att.end)
            if quote is not None:
                start, end = _inner(self.text, quote)
            elif len(found) == 1:
                start, end = a, _strip_end(self.text, a, sent.end)[1]
            else:
                start, end = _strip_end(self.text, att.start, att.end)
            made = Found(start, end, att.phrase, att.cue, quote is not None, att.cue in DENIAL_CUES)
            claims = self._claim(made, speaker, role)
            if claims and (quote is not None or self.lay.quotes_in(sent.start, sent.end)):
                # 'X said he had agreed on the “necessity ...”. “The West must ...”': a quotation that
                # follows a sentence quoting X in part is X's too
                self.last = _Speaking(speaker, role, att.cue, sent.paragraph)
            elif claims and speaker and len(found) == 1:
                # "The envoy may be reluctant to act, Brask said. "The other factor is ..."": the quotation
                # after a reported claim, in its paragraph, goes on with its source
                self.last = _Speaking(speaker, role, att.cue, sent.paragraph, quoted=False)
            out.extend(claims)
        if out:
            relayed = any(_relays(f.phrase, self.kb) for f in found)
            out[:0] = self._nested_claims(sent, {c.speaker for c in out}, inner, relayed)
        return out

    def _nested_claims(self, sent: Sentence, outer_speakers: set[str | None],
                       inner: list[parsed.Attribution] = (), relayed: bool = True) -> list[Claim]:
        """The claims of sources quoted inside another's claim, each its own content: "Bloomberg reports
        that Trump leads, according to the Roper Center" is Bloomberg's claim and, within it, the Roper
        Center's. They come before the claim that holds them (the narrower reading first). Only a channel
        (``relayed``: an outlet, a document) passes on words that stay their speaker's; a speech verb in
        what a person reports ("Merrill says Machado promised") is that person's account alone."""
        out: list[Claim] = []
        for att in [*inner, *self._nested(sent)]:
            if not relayed and att.reported and cues.LEMMA_OF.get(att.cue) in cues.SPEECH:
                # "Merrill says Machado promised ...": Merrill's account of her words, on Merrill's side, not
                # hers (a news outlet's "reports that" only relays: there the words inside are the claim)
                continue
            speaker, role = self._resolve(att.phrase)
            if speaker is None or speaker in outer_speakers:
                continue
            start, end = _strip_end(self.text, att.start, att.end)
            if end - start < 12:
                continue
            out.extend(self._claim(Found(start, end, att.phrase, att.cue, False, att.cue in DENIAL_CUES),
                                   speaker, role))
        return out

    def _resolve_quietly(self, phrase: Phrase | None) -> str | None:
        """Who a phrase names, without the memory remembering it (to compare two attributions)."""
        if phrase is None:
            return None
        if phrase.kind == "pronoun":
            return phrase.text.lower()
        return (phrase.name or phrase.text).lower()

    def _quotation(self, start: int, end: int) -> Span | None:
        """The quotation that is (nearly all of) the content ``[start, end)``, if there is one."""
        for q in self.lay.quotes_in(max(self.article.start, start - 2), end):
            if q.start <= start + 2 and q.end >= end - 2 and len(self.text[q.start:q.end].split()) >= 3:
                return q
        return None

    def _resolve(self, phrase: Phrase | None) -> tuple[str | None, str | None]:
        """The memory's answer; a "he"/"she" nobody quoted yet falls back to the last person the
        story names in the sentences just before (spaCy PERSON entities, when the model is there)."""
        if phrase is not None:
            self._introduce(phrase.start)
        if phrase is not None and phrase.kind == "pronoun" and phrase.text == "I":
            return AUTHOR, AUTHOR_ROLE
        if phrase is not None and phrase.kind == "collective" and phrase.role:
            named = _NAME_BEFORE.search(self.text, max(self.article.start, phrase.start - 60), phrase.start)
            if named and phrase.text[:1].islower():  # "Vučević, the new prime minister, reiterated"
                toks = tokens(self.text, named.start(1), named.end(1))
                p = parse_phrase(self.text, toks, self.kb) if toks else None
                if p is not None and p.kind == "person" and not p.role:
                    phrase = Phrase(p.start, phrase.end, self.text[p.start:phrase.end], p.name, phrase.role,
                                    "person")
        if phrase is not None and phrase.kind == "pronoun" and phrase.text.lower() in _PERSON_PRONOUNS:
            here = self._subject_here(phrase.start) or self._subject_chain(phrase)
            if here is not None:  # "Mr Putin has sought to present ... who he says": the sentence's own subject
                return here
        speaker, role = self.memory.resolve(phrase)
        if speaker is None and phrase is not None and phrase.kind == "pronoun" and \
                phrase.text.lower() in _PERSON_PRONOUNS:
            named = self._named_before(phrase.start)
            if named:
                speaker, role = self.memory.resolve(named)
            else:
                found = self._last_named(phrase.start) or self._named_next(phrase.start)
                if found:
                    speaker, role = found
        return speaker, role

    def _named_next(self, pos: int) -> tuple[str, str | None] | None:
        """A "he said" that opens the story, before anyone is named: the person the next sentences name
        ('He said: "...". / Mr Biden's comments came ...')."""
        idx = self.lay.sentence_index(pos)
        if idx is None:
            return None
        hi = self.lay.sentences[min(len(self.lay.sentences) - 1, idx + 2)].end
        for m in self.cast:
            if m.kind == "person" and pos < m.start < hi and not self.lay.in_quote(m.start):
                return m.name, m.role
        for m in _HONORIFIC_NAME.finditer(self.text, pos, hi):  # "Mr Biden's comments came ..."
            known = self.kb.actor(m.group(1))
            if known is not None and not self.lay.in_quote(m.start()):
                return known.name, known.role
        return None

    def _last_named(self, pos: int) -> tuple[str, str | None] | None:
        """The person of the story's cast named last before ``pos`` (within a few paragraphs), for a
        "he said" that no quoted speaker and no nearby sentence answers."""
        lo = max(self.article.start, pos - 1500)
        window = self.text[lo:pos]
        best: tuple[int, str, str | None] | None = None
        for name, role in self.memory.cast:
            for key in {name, name.split()[-1]}:
                at = window.rfind(key)
                if at != -1 and (best is None or at > best[0]):
                    best = (at, name, role)
        return (best[1], best[2]) if best else None

    def _subject_here(self, pos: int) -> tuple[str, str | None] | None:
        """The person the pronoun's own sentence names before it (by full name or surname), if one."""
        sent = self.lay.sentence_at(pos)
        if sent is None:
            return None
        before = self.text[sent.start:pos]
        best: tuple[int, str, str | None] | None = None
        for name, role in [*self.memory.cast, *self.memory.people]:
            at = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(name.split()[-1])}(?![\w-])", before)]
            if at and (best is None or at[-1] < best[0]):  # each person by their latest mention
                best = (at[-1], name, role)
        if best is None:
            return None
        role = best[2]
        for known, known_role in self.memory.people:  # keep the role the story gave when quoted
            if known == best[1]:
                role = role or known_role
        return best[1], role

    def _subject_chain(self, phrase: Phrase) -> tuple[str, str | None] | None:
        """ "Mr Putin has sought to ... / And he returned to the theme ... / '...,' he said": a "he" or
        "she" goes on with the subject of the sentences just before it, through other pronoun subjects,
        when the nearest is a person the story named (a quotation, or any other subject, ends the chain,
        and the memory of who spoke last answers instead)."""
        idx = self.lay.sentence_index(phrase.start)
        if idx is None or not self.memory.people:
            return None  # with nobody quoted yet, the memory's own fallbacks read the sentences before
        wanted = {"he": "m", "she": "f"}.get(phrase.text.lower())
        here = self.lay.sentences[idx].paragraph
        for sent in reversed(self.lay.sentences[max(0, idx - 3):idx]):
            if here - sent.paragraph > 1:
                return None
            here = sent.paragraph
            m = _SENTENCE_SUBJECT.match(self.text, sent.start, sent.end)
            if m is None:
                return None
            subject = m.group("who")
            if subject.lower() in ("he", "she"):
                if subject.lower() != phrase.text.lower():
                    return None
                continue
            last = subject.split()[-1]
            known = [(n, r) for n, r in [*self.memory.people, *self.memory.cast] if n.split()[-1] == last]
            titled = f"{m.group('honorific') or ''}{subject}"
            if not (known or m.group("honorific")) or any(
                    wanted is not None and gender_of(n, r) not in (None, wanted) for n, r in [*known, (titled, None)]):
                return None  # not a person the story names (or not one "he"/"she" can be)
            name = known[-1][0] if known else subject  # the story's own spelling of them
            return self.memory.resolve(Phrase(m.start("who"), m.end("who"), subject, name, None, "person"))
        return None

    def _introduce(self, pos: int) -> None:
        """Tell the memory about the people and organisations the story named before ``pos``."""
        while self._introduced < len(self.cast) and self.cast[self._introduced].start < pos:
            m = self.cast[self._introduced]
            if m.kind == "person":
                self.memory.introduce(m.name, m.role)
            else:
                self.memory.introduce_org(m.name)
            self._introduced += 1

    def _named_before(self, pos: int) -> Phrase | None:
        """The last person named in subject position (sentence start, after a role word, an
        honorific or a comma; never after a preposition) in the two sentences before ``pos``."""
        idx = self.lay.sentence_index(pos)
        nlp = get_nlp()
        if idx is None or nlp is None:
            return None
        lo = self.lay.sentences[max(0, idx - 2)].start
        with nlp.select_pipes(enable=[p for p in ("ner",) if p in nlp.pipe_names]):
            doc = nlp(self.text[lo:pos])
        found: Phrase | None = None
        for e in doc.ents:
            if e.label_ != "PERSON" or not re.fullmatch(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}", e.text):
                continue
            if self.kb.is_group_word(e.text) or self.kb.outlet(e.text):
                continue
            prev = re.search(r"(\S+)\s*$", doc.text[: e.start_char])
            if prev and prev.group(1).lower().strip(",.;:") in _NOT_SUBJECT_BEFORE:
                continue
            toks = tokens(self.text, lo + e.start_char, lo + e.end_char)
            p = parse_phrase(self.text, toks, self.kb) if toks else None
            if p is not None and p.kind == "person" and (" " in (p.name or "") or p.role or
                                                         prev is None or prev.group(1).rstrip(".") in _HONORIFIC_WORDS
                                                         or doc.text[: e.start_char].rstrip()[-1:] in ".!?\"”"):
                found = p
        return found

    def _claim(self, found: Found, speaker: str | None, role: str | None) -> list[Claim]:
        claim = _to_claim(self.article, found, speaker, role)
        return [claim] if claim else []

    def _transcript(self, sent: Sentence) -> list[Claim] | None:
        """A transcript line ("PENCE: Well, look, ..."): the labelled speaker says the whole paragraph."""
        para = self.lay.paragraphs[sent.paragraph] if sent.paragraph < len(self.lay.paragraphs) else None
        if para is None or sent.start > para.start + 2:
            return None
        m = _SPEAKER_LABEL.match(self.text, sent.start, para.end) or self._named_label(sent.start, para.end)
        if m is None:
            return None
        label = m.group(1)
        toks = tokens(self.text, m.start(1), m.end(1))
        if not toks or self.kb.is_group_word(label.title()) or \
                any(t.text.lower() in _EDITORIAL_LABELS for t in toks):
            return None
        if label == "Q":  # "Q: And the wall along the border?": the interviewer asks
            p = Phrase(m.start(1), m.end(1), label, None, "interviewer", "collective")
        else:
            p = Phrase(m.start(1), m.end(1), label, label if label.istitle() else label.title(), None, "person")
        speaker, role = self._resolve(p)
        start, end = _strip_end(self.text, m.end(), para.end)
        if self.text[end - 1:end] in "\"”" and self.text.count('"', m.end(), end) % 2:
            end -= 1
        self.skip_until = para.end
        self.last = _Speaking(speaker, role, ":", sent.paragraph)
        return self._claim(Found(start, end, p, ":", True), speaker, role)

    def _named_label(self, start: int, end: int) -> re.Match | None:
        """ "Matthews: Here's the irony ...", "Q: ...": a title-case label is a transcript line only when it
        names someone the story names (or is the interviewer's Q)."""
        m = _NAMED_LABEL.match(self.text, start, end)
        if m is None:
            return None
        label = m.group(1)
        if label == "Q" or label.split()[-1] in self.person_words or self.kb.person(label):
            return m
        return None

    def _sentence(self, sent: Sentence) -> list[Claim]:
        text, kb = self.text, self.kb
        if sent.start < self.skip_until:
            return []  # inside a transcript line already claimed whole
        if _PROMO.match(text, sent.start, sent.end):
            return []  # "Read also: ...": a link to another story, no claim of this one
        spoken = self._transcript(sent)
        if spoken is not None:
            return spoken
        s_start, s_end = _strip_end(text, sent.start, sent.end)
        s_start = _body_start(text, s_start, s_end)
        self.merged = False
        quoted = self._quotes(sent, s_end)
        if quoted or self.merged:  # a quotation that ran on from the sentence before is not the outlet's
            before, after = self._beside_quotes(sent, quoted)
            return before + quoted + after
        colon = _COLON_CUE.search(text, s_start, sent.end)
        if colon:  # 'X said:' and the quotation follows in the next sentence or paragraph
            phrase = subject_before(text, colon.start(1), s_start, kb)
            if phrase:
                speaker, role = self._resolve(phrase)
                self.last = _Speaking(speaker, role, colon.group(1).lower(), sent.paragraph)
                para = self.lay.paragraphs[sent.paragraph]
                if not text[sent.end:para.end].strip():
                    self.block = (self.last, phrase)
                return []
        if self._points_back(sent):
            return []
        back = according_back(text, s_start, s_end, kb)
        if back is not None:  # "That's according to X": X said the sentence before
            at = back.start
            self._attribute_previous(sent, parsed.Attribution("according to", at, back, at, at, points_back=True))
            return []
        final = _FINAL_ACCORDING.search(text, s_start, s_end)
        if final and not _speech_before(text, s_start, final.start()):
            # "Biden told Zelensky that ..., according to spokesperson Emily Horne": she is the source
            found = _according(text, s_start, s_end, final, kb)
            if found is not None and found.phrase is not None and found.phrase.kind != "pronoun":
                speaker, role = self._resolve(found.phrase)
                made = self._claim(Found(s_start, s_end, found.phrase, found.cue, False), speaker, role)
                if made:
                    return made
        made = self._parsed(sent)  # the parse first: it sees clause structure the word rules guess at
        stances = made and all(cues.LEMMA_OF.get((c.cue or "").lower()) in cues.STANCE - cues.SPEECH for c in made)
        if made and not stances:
            return made
        found = _reported(text, sent, self.lay, kb)
        if stances and not found:
            return made  # a stance is the sentence's claim only when no verb of saying has a source
        if found and self._own_outlet(found.phrase):
            found = None  # "..., Ukrinform reports" in Ukrinform's story: its own narrative
        if found:
            speaker, role = self._resolve(found.phrase)
            if self.lay.in_quote(found.start) and self.lay.in_quote(found.end - 1):
                found.is_quote = True  # '"...," X said': a direct quote the reported-speech rule found
                self.last = _Speaking(speaker, role, found.cue, sent.paragraph)
            else:  # reported speech is its whole sentence, the attribution included
                found.start, found.end = s_start, s_end
            made = self._claim(found, speaker, role)
            if made:
                return made
        made = self._parsed(sent, according=True)
        if made:
            return made
        block = self._announced_block(sent, s_start, s_end)
        if block is not None:
            return block
        if len(re.findall(r"\b[a-z]{3,}\b", text[s_start:s_end])) < 3:
            return []  # datelines ("MOSCOW, January 3. /TASS/."), captions, fragments
        prev = self.out[-1] if self.out else None
        there = self.lay.sentence_at(prev.start) if prev is not None else None
        if prev is not None and prev.cue == "according to" and not prev.is_quote and there is not None and \
                _LEADING_ACCORDING.match(prev.text) and \
                there.paragraph == sent.paragraph and self.lay.sentence_index(sent.start) - \
                self.lay.sentence_index(prev.end - 1) == 1:
            # "According to X, the war may be long. On the one hand, ...": the account goes on
            self._extend(prev, s_end)
            return []
        if prev is not None and prev.speaker_role != OUTLET_ROLE and prev.cue and not prev.is_quote and \
                there is not None and there.paragraph == sent.paragraph and \
                self.lay.sentence_index(sent.start) - self.lay.sentence_index(prev.end - 1) == 1 and \
                _MODAL.search(prev.text) and _BACKSHIFTED.match(text, s_start, s_end):
            # "The museum, Obama said, would make visitors face hard truths. But it would also ...": reported
            # speech goes on in the next sentence in the same backshifted tense, with no new source
            self._extend(prev, s_end)
            return []
        a = self.article
        return [Claim(id=claim_id(a.id, s_start, sent.end), article_id=a.id, start=s_start, end=sent.end,
                      text=text[s_start:sent.end], speaker=a.outlet, speaker_role=OUTLET_ROLE, cue=None,
                      is_quote=False, stance="asserts")]

    def _beside_quotes(self, sent: Sentence, quoted: list[Claim]) -> tuple[list[Claim], list[Claim]]:
        """ "When Benn noted that Tallis paid no tax, Tallis boasted, "That makes me smart."": a source of
        its own before the quotation or after its attribution ("..., though a review of records indicates
        ..."), outside it, with a clause of its own, is a claim of its own (those before, those after)."""
        out: list[Claim] = []
        after_claims: list[Claim] = []
        first = min((c.start for c in quoted), default=sent.end)
        last = max((c.end for c in quoted), default=sent.start)
        speakers = {(c.speaker or "").lower() for c in quoted}
        taken = {self.text.find(c.cue, c.end, c.end + _ATTRIBUTION_REACH) for c in quoted if c.cue}
        for att in [*self._attributions(sent), *self._nested(sent)]:
            if att.cue_at in taken:
                continue  # the quotation's own cue, read again by the parse with another subject
            before = att.end <= first and att.cue_at < first
            after = att.start >= last and att.cue_at >= last  # "..., though a review of records indicates ..."
            if att.points_back or not (before or after) or att.end - att.start < 12:
                continue
            quiet = self._resolve_quietly(att.phrase)
            if quiet is None or any(s == quiet or s.endswith(" " + quiet) for s in speakers):
                continue  # the quotation's own source ("..., Kall said: "...""), named in full or not
            speaker, role = self._resolve(att.phrase)
            start, end = _strip_end(self.text, att.start, att.end)
            made = self._claim(Found(start, end, att.phrase, att.cue, False, att.cue in DENIAL_CUES), speaker, role)
            (out if before else after_claims).extend(made)
        return out, after_claims

    def _quotes(self, sent: Sentence, s_end: int) -> list[Claim]:
        """Direct quotes opening in this sentence, attributed or continuing the last speaker."""
        text, out = self.text, []
        for q in self.lay.quotes_in(sent.start, sent.end):
            prev = out[-1] if out else None
            if prev is not None and prev.is_quote and _only_attribution(text, prev.end, q.start) and \
                    len(re.findall(r"\w+", text[q.start:q.end])) >= 2:
                self._extend(prev, _inner(text, q)[1])  # '"...," X said. "And more."': one quotation
                continue
            found = self._quote_found(q, sent)
            if found:
                speaker, role = self._resolve(found.phrase)
                made = self._claim(found, speaker, role)
                if made:
                    self.last = _Speaking(speaker, role, found.cue, sent.paragraph)
                out.extend(made)
            elif self._continues(q, sent, s_end):
                last = self.last
                start, end = _inner(text, q)
                prev = (out or self.out or [None])[-1]
                if prev is not None and prev.is_quote and prev.speaker == last.speaker and prev.end < start:
                    self._extend(prev, end)  # one quotation broken by its attribution is one claim
                else:
                    out.extend(self._claim(Found(start, end, None, last.cue, True), last.speaker, last.role))
        return out

    def _announced_block(self, sent: Sentence, s_start: int, s_end: int) -> list[Claim] | None:
        """ "The governor added:" alone at a paragraph's end, then the next paragraph without quotation
        marks (a transcript set as a block): that paragraph is the speaker's, one claim."""
        if self.block is None or sent.paragraph != self.block[0].paragraph + 1:
            return None
        said, phrase = self.block
        prev = self.out[-1] if self.out else None
        if prev is not None and prev.cue == said.cue and prev.speaker == said.speaker and \
                self.lay.sentence_at(prev.start) is not None and \
                self.lay.sentence_at(prev.start).paragraph == sent.paragraph:
            self._extend(prev, s_end)
            return []
        return self._claim(Found(s_start, s_end, phrase, said.cue, False), said.speaker, said.role)

    def _extend(self, claim: Claim, end: int) -> None:
        """Let a quote claim run on to ``end`` (its id follows its span)."""
        self.merged = True
        a = self.article
        claim.end, claim.text = end, a.text[claim.start:end]
        claim.id = claim_id(a.id, claim.start, end)

    def _continues(self, q: Span, sent: Sentence, s_end: int) -> bool:
        """An unattributed quotation that is its whole sentence, right after a quoted speaker: 5+ words
        in the next paragraph, 2+ in the same one ('"Yes," she said. "Big news."')."""
        text = self.text
        tail = text[q.end:s_end].strip(" .")
        if self.last is None or text[sent.start:q.start].strip() != "" or tail and not _closing_words(tail):
            return False
        words = len(re.findall(r"\w+", text[q.start:q.end]))
        return (self.last.paragraph == sent.paragraph and words >= 2) or \
            (self.last.quoted and self.last.paragraph == sent.paragraph - 1 and words >= 5)


# "(But) according to X, ..." opening its sentence: an account that may go on in the next one (a
# trailing "..., according to X." closes what it sources).
_LEADING_ACCORDING = re.compile(r"\W*(?:\w+\W+){0,2}according to\b", re.I)
_CLOSING_MAX = 6  # words after a quotation that end its sentence ('"... a tax increase" for the top bracket.')


def _closing_words(tail: str) -> bool:
    """A few words finishing the quoted sentence, with no attribution or quotation of their own."""
    return len(tail.split()) <= _CLOSING_MAX and not _CUE_RE.search(tail) and not re.search(r"[\"“”]", tail)


def find_claims(article: Article) -> list[Claim]:
    """Every claim in the story, in text order.

    Args:
        article: one story; offsets index ``article.text`` (the whole file).
    Returns:
        Claims with id, span, text, speaker, speaker_role, cue, is_quote and
        stance set; side and dates are left for geo.sides and geo.dates. The
        outlet's narrative has ``speaker_role == "outlet"`` and ``cue is None``.
    """
    masked = mask_quote_pairs(article.text)
    story = article if masked == article.text else replace(article, text=masked)
    lay = layout(story.text, story.start, story.end)
    claims = _StoryReader(story, lay, actors.load()).claims()
    if story is not article:
        text = article.text
        for c in claims:  # spans are the same; the words are the article's own, two-mark quotes whole
            if c.is_quote:
                while c.start > story.start and text[c.start - 1] in "'`" and text[c.start] in "'`":
                    c.start -= 1
                while c.end < story.end and text[c.end] == "'" and text[c.end - 1] in "'.,!?":
                    c.end += 1
                c.id = claim_id(article.id, c.start, c.end)
            c.text = text[c.start:c.end]
    log.debug("%s: %d claims", article.id, len(claims))
    return claims


_TWO_MARK = re.compile(r"''|``")


def mask_quote_pairs(text: str) -> str:
    """Quotes typed as two marks (''like this'', ``this''), as some archives do, read as one mark:
    each pair becomes a space and a double quote on the side away from the words, so every offset
    stays where it was."""
    if "''" not in text and "``" not in text:
        return text

    def one(m: re.Match) -> str:
        nxt = text[m.end():m.end() + 1]
        return ' "' if nxt[:1].isalnum() or m.group() == "``" else '" '
    return _TWO_MARK.sub(one, text)
