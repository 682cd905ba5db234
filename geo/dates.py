"""Relative dates -> claim date (when it was said) and event date (when it happened).

Every expression is resolved against the article's publication date:
"on Wednesday" is the most recent Wednesday on or before publication (the
day itself included), "December 20" the most recent December 20 not after it
(so a January article's "December 20" is last year's), "over the last 24
hours" a range ending on publication, "in recent months" a three-month range.
An expression in a future context ("will meet on Friday", "assumes office in
January", "next week") is not an event that happened: it never becomes an
event date. With no publication date, only dates that carry their own year
resolve; the rest stay None.

claim_date: a date attached to the cue ("stated on Wednesday", "on Tuesday
said"), else the publication date (precision "day": news reports what was
said up to the day it is published). event_date: the first past date inside
the claimed content, else in the claim's sentence, else a day/week/range
date in the (up to three) sentences before it in its paragraph (nearest
first), else None.

The weekday and year-boundary logic is ours (dateparser resolves "Wednesday"
relative to today and prefers the wrong year across a boundary); explicit
dates are parsed by the regexes below, so the stage needs no dateparser call.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterator

from .claims.cues import FORMS
from .models import Article, Claim
from .sentences import layout

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s)?"
_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3}

# Order matters: longer, more specific forms first; matches never overlap.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("mdy", re.compile(rf"\b(?:on\s+)?{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b")),
    ("dmy", re.compile(rf"\b(?:on\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
                       rf"(?:,?\s+(\d{{4}}))?\b")),
    ("span", re.compile(r"\b(?:over|in|during|within|for)\s+the\s+(?:last|past|previous)\s+(\d+|a|an|one|two|three|"
                        r"four|five|six|seven|several|few)\s+(hours?|days?|weeks?|months?)\b", re.I)),
    ("recent", re.compile(r"\b(?:in|over)\s+(?:recent|the\s+(?:last|past)\s+(?:few|several))\s+"
                          r"(days|weeks|months|years)\b", re.I)),
    ("ago", re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
                       r"(days?|weeks?|months?|years?)\s+ago\b",
                       re.I)),
    ("rel", re.compile(r"\b(earlier\s+today|later\s+today|today|tonight|this\s+(?:morning|afternoon|evening)|"
                       r"the\s+day\s+before\s+yesterday|yesterday|last\s+night|overnight|tomorrow|"
                       r"(?:earlier|later)\s+this\s+(?:week|month|year)|this\s+(?:week|month|year)|"
                       r"last\s+(?:week|month|year)|next\s+(?:week|month|year)|"
                       r"in\s+the\s+coming\s+(?:days|weeks|months))\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(on|last|this|next|since|by|until|early|late)\s+)?(?:(early|late)\s+)?{_WEEKDAY}"
                           rf"(?:\s+(?:morning|afternoon|evening|night))?\b")),
    ("my", re.compile(rf"\b(?:(in|since|by|until|early|late|mid-|last|next|this)\s*)?{_MONTH}\s+(\d{{4}})\b")),
    ("month", re.compile(rf"\b(in|since|by|until|early|late|mid-|last|next|this|from)\s*{_MONTH}\b(?!\s+\d)")),
    ("year", re.compile(r"\b(?:in|since|during|throughout|by|until)\s+((?:19|20)\d{2})\b")),
]
_FUTURE = re.compile(
    r"\b(will|'ll|shall|would|going to|expected|expects|scheduled|plans?|planning|planned|due to|set to|"
    r"next|upcoming|coming|assumes?|takes? office|begins?|starts?|until|intends?|aims?|hopes?|tomorrow)\b",
    re.I)
_CUE_WORD = re.compile(r"[A-Za-z]+")
_TO = re.compile(r"\s+to\b", re.I)


def _cue_hits(text: str, lo: int, hi: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, lower-cased word) of each cue verb of geo.claims.cues, and of "according to", in
    ``text[lo:hi]``: a word scan and a set lookup (a regex alternation of a thousand forms is a hundred
    times slower)."""
    for m in _CUE_WORD.finditer(text, lo, hi):
        w = m.group().lower()
        if w in FORMS:
            yield m.start(), m.end(), w
        elif w == "according" and (to := _TO.match(text, m.end(), hi)):
            yield m.start(), to.end(), "according to"
_CUE_GAP_AFTER = re.compile(r"^(?:\s+(?:on|in|via|at|to|during)\s+(?:(?:a|an|the|his|her|its|their)\s+)?"
                            r"[\w-]+(?:\s+[\w-]+){0,2})?\s*$")
# "told journalists on Tuesday", "told RIA Novosti on Monday": the listener sits between cue and date.
_TOLD_GAP = re.compile(r"^(?:\s+the(?=\s+[A-Z]))?(?:\s+(?!that\b|the\b)[\w'’.-]+){1,3}\s*$")
_CUE_GAP_BEFORE = re.compile(r"^\s*(?:also\s+|has\s+|had\s+)?$")


# A bare year or month in an earlier sentence ("born in 1994") is background, not the event's time.
_CONTEXT_PRECISIONS = frozenset({"day", "week", "range"})
_CONTEXT_SENTENCES = 3


@dataclass(frozen=True)
class DateRef:
    """One resolved date expression: [start, end] dates, precision, and whether it lies ahead."""

    span_start: int
    span_end: int
    start: date | None
    end: date | None
    precision: str
    future: bool = False


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _is_future(text: str, at: int, expr: str) -> bool:
    """Does the clause leading to ``at`` (or the expression itself) point ahead?"""
    lo = max(text.rfind(ch, 0, at) for ch in ",;:.\n") + 1
    return bool(_FUTURE.search(text[lo:at]) or re.match(r"\s*(next|tomorrow|in the coming)\b", expr, re.I))


def _resolve(kind: str, m: re.Match, pub: date | None, future: bool) -> tuple[date | None, date | None, str]:
    g = m.groups()
    if kind == "iso":
        d = _safe(int(g[0]), int(g[1]), int(g[2]))
        return d, d, "day"
    if kind in ("mdy", "dmy"):
        month, day = (g[0], g[1]) if kind == "mdy" else (g[1], g[0])
        mo, dy = _MONTHS[month.lower().rstrip(".")], int(day)
        if g[2]:
            d = _safe(int(g[2]), mo, dy)
            return d, d, "day"
        if pub is None:
            return None, None, "day"
        d = _safe(pub.year, mo, dy)
        if d is None:
            return None, None, "day"
        if future and d <= pub:
            d = _safe(pub.year + 1, mo, dy)
        elif not future and d > pub:
            d = _safe(pub.year - 1, mo, dy)
        return d, d, "day"
    if kind == "my":
        mo, y = _MONTHS[g[1].lower().rstrip(".")], int(g[2])
        return date(y, mo, 1), _month_end(y, mo), "month"
    if kind == "year":
        y = int(g[0])
        return date(y, 1, 1), date(y, 12, 31), "year"
    if pub is None:
        return None, None, "day"
    if kind == "span":
        n = int(g[0]) if g[0].isdigit() else _NUM.get(g[0].lower(), 1)
        unit = g[1].lower().rstrip("s")
        if unit == "month":
            return _add_months(pub, -n), pub, "range"
        days = {"hour": -(-n // 24), "day": n, "week": 7 * n}[unit]  # hours round up to whole days
        return pub - timedelta(days=max(1, days)), pub, "range"
    if kind == "recent":
        unit = g[0].lower()
        start = {"days": pub - timedelta(days=3), "weeks": pub - timedelta(weeks=3),
                 "months": _add_months(pub, -3), "years": date(pub.year - 3, 1, 1)}[unit]
        return start, pub, "range"
    if kind == "ago":
        n = int(g[0]) if g[0].isdigit() else _NUM.get(g[0].lower(), 1)
        unit = g[1].lower().rstrip("s")
        if unit == "day":
            d = pub - timedelta(days=n)
            return d, d, "day"
        if unit == "week":
            d = pub - timedelta(weeks=n)
            return d - timedelta(days=d.weekday()), d - timedelta(days=d.weekday()) + timedelta(days=6), "week"
        if unit == "month":
            d = _add_months(pub, -n)
            return date(d.year, d.month, 1), _month_end(d.year, d.month), "month"
        return date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), "year"
    if kind == "rel":
        w = re.sub(r"\s+", " ", g[0].lower())
        monday = pub - timedelta(days=pub.weekday())
        if w in ("today", "earlier today", "later today", "tonight") or w.startswith("this ") and \
                w.split()[1] in ("morning", "afternoon", "evening"):
            return pub, pub, "day"
        if w == "yesterday" or w == "last night":
            return pub - timedelta(days=1), pub - timedelta(days=1), "day"
        if w == "overnight":
            return pub - timedelta(days=1), pub, "range"
        if w == "the day before yesterday":
            return pub - timedelta(days=2), pub - timedelta(days=2), "day"
        if w == "tomorrow":
            return pub + timedelta(days=1), pub + timedelta(days=1), "day"
        if w.endswith("this week"):
            return monday, pub, "week"
        if w == "last week":
            return monday - timedelta(days=7), monday - timedelta(days=1), "week"
        if w == "next week":
            return monday + timedelta(days=7), monday + timedelta(days=13), "week"
        if w.endswith("this month"):
            return date(pub.year, pub.month, 1), pub, "month"
        if w == "last month":
            d = _add_months(date(pub.year, pub.month, 1), -1)
            return d, _month_end(d.year, d.month), "month"
        if w == "next month":
            d = _add_months(date(pub.year, pub.month, 1), 1)
            return d, _month_end(d.year, d.month), "month"
        if w.endswith("this year"):
            return date(pub.year, 1, 1), pub, "year"
        if w == "last year":
            return date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), "year"
        if w == "next year":
            return date(pub.year + 1, 1, 1), date(pub.year + 1, 12, 31), "year"
        return pub + timedelta(days=1), None, "range"  # "in the coming days"
    if kind == "weekday":
        mod = (g[0] or "").lower()
        target = _WEEKDAYS[g[2].lower()]
        back = (pub.weekday() - target) % 7
        if mod == "last" and back == 0:
            back = 7
        if future or mod == "next":
            ahead = (target - pub.weekday()) % 7 or 7
            d = pub + timedelta(days=ahead)
        else:
            d = pub - timedelta(days=back)
        return d, d, "day"
    if kind == "month":
        mod = (g[0] or "").lower()
        mo = _MONTHS[g[1].lower().rstrip(".")]
        if future or mod == "next":
            y = pub.year if mo > pub.month else pub.year + 1
        elif mod == "last" and mo >= pub.month:
            y = pub.year - 1
        else:
            y = pub.year if mo <= pub.month else pub.year - 1
        return date(y, mo, 1), _month_end(y, mo), "month"
    return None, None, "day"


def find_dates(text: str, lo: int, hi: int, pub: date | None) -> list[DateRef]:
    """Every date expression in ``text[lo:hi]``, resolved against ``pub``, in text order."""
    taken: list[tuple[int, int]] = []
    out: list[DateRef] = []
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text, lo, hi):
            a, b = m.span()
            if any(a < y and x < b for x, y in taken):
                continue
            if kind == "month" and m.group(2) == "May" and not m.group(1):
                continue
            if kind == "weekday" and any(r.span_start - b <= 3 and r.span_start >= b and r.precision == "day"
                                         for r in out):
                continue  # "Saturday, April 22, 2017": the explicit date says it
            future = _is_future(text, a, m.group())
            start, end, precision = _resolve(kind, m, pub, future)
            if kind == "rel" and re.match(r"(tomorrow|next|in the coming)", m.group(), re.I):
                future = True
            if start is not None and pub is not None and start > pub:
                future = True
            taken.append((a, b))
            out.append(DateRef(a, b, start, end, precision, future))
    return sorted(out, key=lambda r: r.span_start)


def _cue_attached(text: str, ref: DateRef, s_lo: int, s_hi: int) -> bool:
    """Is this date the time of speaking ("stated on Wednesday", "on Tuesday said")?"""
    for start, end, word in _cue_hits(text, s_lo, s_hi):
        if end <= ref.span_start and _CUE_GAP_AFTER.match(text[end:ref.span_start]):
            return True
        if word == "told" and end <= ref.span_start and _TOLD_GAP.match(text[end:ref.span_start]):
            return True
        if ref.span_end <= start and _CUE_GAP_BEFORE.match(text[ref.span_end:start]):
            return True
    return False


def _rides_on_main_verb(text: str, cue: str, lo: int, hi: int) -> bool:
    """A cue that happens with the sentence's main verb: a participle after a comma (", warning ..."),
    or a verb in an as-clause ("as Sunak warned")."""
    word = re.escape(cue)
    return bool(re.search(rf",\s+(?:also\s+)?{word}\b", text[lo:hi]) and cue.endswith("ing")) or \
        bool(re.search(rf"\bas\s+[^,;.]{{1,80}}?\b{word}\b", text[lo:hi]))


def _opening_words(text: str, lo: int, hi: int) -> int:
    """Where the sentence's own words start (past spaces and an opening "On"/"Late on")."""
    m = re.match(r"\s*(?:(?:Late|Early|Earlier|Later)\s+)?(?:[Oo]n\s+)?", text[lo:hi])
    return lo + (m.end() if m else 0)


_OPENING_SCENE = re.compile(r"\s*(?:Speaking|Talking|Addressing|Writing|Answering|Responding|Testifying|Appearing)"
                            r"\b[^,;:.\"“”]{3,120},")
_SAME_DAY = re.compile(r"\b(?:that|the)\s+same\s+(?:day|evening|morning|night)\b", re.I)


def inherit_occasions(claims: list[Claim], dated: set[str], article: Article) -> None:
    """A speaker quoted again right after ("he added", the next quote paragraph, "that same day")
    speaks on the occasion the article named for them: the claim date carries over, within the same
    or the next paragraph, until another speaker or another date intervenes."""
    lay = layout(article.text, article.start, article.end)
    prev: Claim | None = None
    last_dated: dict[str, Claim] = {}  # each speaker's latest dated claim
    for c in claims:
        if c.speaker_role == "outlet" or c.cue is None:
            continue
        here = lay.sentence_at(c.start)
        if prev is not None and c.id not in dated:
            there = lay.sentence_at(prev.start)
            near = here is not None and there is not None and 0 <= here.paragraph - there.paragraph <= 1
            same_day = bool(_SAME_DAY.search(article.text, here.start, here.end)) if here else False
            if prev.id in dated and (near and prev.speaker == c.speaker or same_day):
                c.claim_date, c.claim_date_precision = prev.claim_date, prev.claim_date_precision
                dated.add(c.id)
        earlier = last_dated.get(c.speaker or "")
        if c.id not in dated and earlier is not None and here is not None and \
                re.search(rf"\balso\s+(?:\w+\s+)?{re.escape(c.cue)}\b", article.text[here.start:here.end]):
            there = lay.sentence_at(earlier.start)
            if there is not None and 0 <= here.paragraph - there.paragraph <= 3:
                # "In a stark message the department also said ...": the same occasion, another voice between
                c.claim_date, c.claim_date_precision = earlier.claim_date, earlier.claim_date_precision
                dated.add(c.id)
        if c.id in dated and c.speaker:
            last_dated[c.speaker] = c
        prev = c


def assign_dates(claims: list[Claim], article: Article) -> None:
    """Set claim_date(+precision) and event_date(+end, +precision) on each claim."""
    pub = article.published
    lay = layout(article.text, article.start, article.end)
    text = article.text
    dated: set[str] = set()
    for claim in claims:
        claim.claim_date, claim.claim_date_precision = (pub, "day") if pub else (None, None)
        claim.event_date = claim.event_date_end = claim.event_date_precision = None
        sent_index = lay.sentence_index(claim.start)
        if sent_index is None:
            continue
        first = lay.sentences[sent_index]
        last_index = lay.sentence_index(max(claim.start, claim.end - 1))
        last = lay.sentences[last_index if last_index is not None else sent_index]
        s_lo, s_hi = first.start, last.end
        in_sentence = find_dates(text, s_lo, s_hi, pub)
        said: DateRef | None = None
        if claim.cue is not None:
            for ref in in_sentence:
                if not (claim.is_quote and lay.in_quote(ref.span_start)) and \
                        _cue_attached(text, ref, s_lo, s_hi) and not ref.future:
                    said = ref
                    break
        if said is None and claim.cue is not None and claim.cue != "according to":
            # "On Monday, the ministry said that ...": a sentence-opening date before the speaker
            # and the cue is when it was said.
            opening = [r for r in in_sentence if r.span_start in (s_lo, _opening_words(text, s_lo, s_hi))
                       and (r.span_end <= claim.start or claim.start <= s_lo) and not r.future]
            if opening and any(_cue_hits(text, opening[0].span_end, claim.start if claim.start > s_lo else s_hi)):
                said = opening[0]
            elif (scene := _OPENING_SCENE.match(text, s_lo, s_hi)) is not None:
                # "Speaking to the BBC in Washington on Wednesday, X said ...": the scene the sentence
                # opens with is the occasion of what follows.
                said = next((r for r in in_sentence if r.span_end <= scene.end() and not r.future), None)
        if said is None and claim.cue is not None and _rides_on_main_verb(text, claim.cue, s_lo, s_hi):
            # "The department ordered citizens to leave on Monday, warning of arrests", "London committed
            # Tuesday to more aid as Sunak warned": the participle or as-clause shares the main verb's day
            days = [r for r in in_sentence if not r.future and r.start is not None and r.precision == "day"
                    and not lay.in_quote(r.span_start)]
            if len(days) == 1:
                said = days[0]
        if said and said.start:
            claim.claim_date, claim.claim_date_precision = said.start, said.precision
            dated.add(claim.id)
        inside = [r for r in in_sentence if claim.start <= r.span_start < claim.end and r is not said]
        around = [r for r in in_sentence if r not in inside and r is not said]
        # Context: up to three sentences before it in its paragraph, nearest first (what it depends on).
        k = sent_index
        while k > 0 and sent_index - k < _CONTEXT_SENTENCES and lay.sentences[k - 1].paragraph == first.paragraph:
            k -= 1
        c_lo = lay.sentences[k].start
        context = [r for r in reversed(find_dates(text, c_lo, s_lo, pub))
                   if not _cue_attached(text, r, c_lo, s_lo) and r.precision in _CONTEXT_PRECISIONS]
        for group in (inside, around, context):
            past = [r for r in group if not r.future and r.start is not None]
            if past:
                ref = past[0]
                claim.event_date = ref.start
                claim.event_date_end = ref.end if ref.end != ref.start else None
                claim.event_date_precision = ref.precision
                break
    inherit_occasions(claims, dated, article)
