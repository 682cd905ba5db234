"""Paragraphs, quotations and sentences of one story, as character spans.

Shared by the claims, dates and link stages, which must agree on where a
sentence starts and ends. Rules only (no model): a sentence never ends inside
a quotation, and a quotation that closes on a full stop stays with the
attribution that follows it ('"... attack." Terekhov said.').
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col maj capt sgt gov sen rep prof st jr sr inc ltd co corp no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec adm cmdr rev hon pres est approx fig e.g i.e".split()
)
# US states as AP datelines and party labels write them ("ORLANDO, Fla. (Reuters) -"), after a comma only:
# "He was ill." ends a sentence.
_STATES = frozenset("Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont "
                    "Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo".split())
_OPEN_QUOTES = {"“": "”", "«": "»", "„": "“"}
_LINE_ENDS = ".!?:;\"”’'»)…"
# A line ending on one of these words has not ended its sentence.
_CONTINUES = frozenset("a an the of in on at to for from by with and or but as than that which who whose "
                       "is are was were be been has have had will would his her its their our this these".split())
_QUOTE_MARK = re.compile('["“«„]')
_TERMINATORS = ".!?…"
_TERMINATOR = re.compile("[.!?…]")
_CLOSERS = "\"”’'»)]"
# After a closing quote, a name (or pronoun) and a speech verb mean the sentence goes on.
_ATTRIBUTION_AHEAD = re.compile(
    r"(?:(?:[A-Z][\w'’.-]*|he|she|they|the|a|an|[a-z]+)\s+){0,6}?"
    r"(?:said|says|stated|wrote|writes|told|tells|" + "|".join(
        f"{verb}(?:s|ed|d)" for verb in (
            "ask add claim note insist warn declare explain repl(?:ie|y) demand argue counter respond shout "
            "exclaim quip recall continue admit concede vow promise plead caution urge boast complain joke "
            "snap retort tweet press wonder state"
        ).split()) + r")\b"
)


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` into the article's full text."""

    start: int
    end: int

    def __contains__(self, pos: int) -> bool:
        return self.start <= pos < self.end


@dataclass(frozen=True)
class Sentence(Span):
    paragraph: int = 0


@dataclass(frozen=True)
class Layout:  # not slotted: cached_property needs the instance __dict__
    """The story's paragraphs, top-level quotations and sentences, all in text order."""

    paragraphs: tuple[Span, ...]
    quotes: tuple[Span, ...]  # the quotation marks included
    sentences: tuple[Sentence, ...]

    def sentence_at(self, pos: int) -> Sentence | None:
        i = self.sentence_index(pos)
        return None if i is None else self.sentences[i]

    def sentence_index(self, pos: int) -> int | None:
        """Index of the sentence holding ``pos`` (binary search: stories can be long)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return i
        return None

    def quotes_in(self, lo: int, hi: int) -> tuple[Span, ...]:
        """Quotations that open in ``[lo, hi)``."""
        a = bisect.bisect_left(self._quote_starts, lo)
        b = bisect.bisect_left(self._quote_starts, hi)
        return self.quotes[a:b]

    def in_quote(self, pos: int) -> bool:
        """Is ``pos`` inside a quotation (its marks included)?"""
        i = bisect.bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and self.quotes[i].start <= pos < self.quotes[i].end

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @functools.cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]


def paragraphs(text: str, start: int, end: int) -> list[Span]:
    """Non-blank lines of ``text[start:end]``, trimmed; a hard-wrapped line that stops
    mid-sentence ("Two policemen" / "were wounded") is joined to the next."""
    lines: list[Span] = []
    for m in re.finditer(r"[^\r\n]+", text[start:end]):
        a, b = start + m.start(), start + m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            lines.append(Span(a, b))
    out: list[Span] = []
    for line in lines:
        if out and _wrapped(text, out[-1], line):
            out[-1] = Span(out[-1].start, line.end)
        else:
            out.append(line)
    return out


def _wrapped(text: str, prev: Span, line: Span) -> bool:
    """Does ``line`` continue the sentence ``prev`` broke off? (blank lines always separate)"""
    if text[prev.end:line.start].count("\n") > 1 or text[prev.end - 1] in _LINE_ENDS:
        return False
    nxt = text[line.start]
    last = re.search(r"(\w+)\W*$", text[prev.start:prev.end])
    return nxt.islower() or (last is not None and last.group(1).lower() in _CONTINUES)


def _opens_sentence(before: str, after: str) -> bool:
    """ '"One kind of hate," Sexton said. "Trump events are outlets ...' (and the paragraph ends): a mark
    opening a sentence of its own after a finished one, with no closing mark, runs on to the next
    paragraph like one opening the paragraph."""
    return bool(re.search(r"[.!?][\"”’']?$", before)) and bool(re.match(r"\s*[A-Z0-9‘']", after)) and \
        len(after.split()) >= 4


def _past_nested(text: str, i: int, j: int, end: int) -> int:
    """ “... this axis of “evil” ... this union,” he said: a quotation that opens another with the same
    marks closes at the mark that balances them; if none does, at the first closing mark ``j``."""
    if j < 0 or "“" not in text[i + 1:j]:
        return j
    depth = 0
    for k in range(i + 1, end):
        c = text[k]
        if c == "“":
            depth += 1
        elif c in "”\"":
            if depth == 0:
                return k
            depth -= 1
    return j


def quotes(text: str, start: int, end: int) -> list[Span]:
    """Top-level quotations in one paragraph: curly, guillemets or straight double quotes.

    An opening mark with no closing mark before the paragraph ends is ignored, unless
    it opens the paragraph or follows a colon: then the quotation runs on to the
    next paragraph (the news convention), and ends here with the paragraph.
    Quotes nested inside a quotation do not start a new one.
    """
    out: list[Span] = []
    i = start
    while i < end:
        m = _QUOTE_MARK.search(text, i, end)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        close = _OPEN_QUOTES.get(ch) or '"'
        j = text.find(close, i + 1, end)
        if ch in "„“":  # mixed marks are common: “...," or „...”
            alt = [k for k in (text.find("”", i + 1, end), text.find('"', i + 1, end)) if k >= 0]
            j = min(alt + ([j] if j >= 0 else [])) if alt or j >= 0 else -1
            j = _past_nested(text, i, j, end)
        elif ch == '"':  # '"Oz has a huge pulpit,” said X': a straight mark closed by a curly one
            curly = text.find("”", i + 1, end)
            j = min(k for k in (j, curly) if k >= 0) if j >= 0 or curly >= 0 else -1
        if j < 0:
            # A quotation running on into the next paragraph has no closing mark here.
            before = text[start:i].rstrip()
            if i == start or before.endswith(":") or _opens_sentence(before, text[i + 1:end]):
                out.append(Span(i, end))
                break
            i += 1
            continue
        out.append(Span(i, j + 1))
        i = j + 1
    return out


def _covering(qs: list[Span], pos: int) -> Span | None:
    """The quotation (sorted, non-overlapping) whose marks enclose ``pos``, if any."""
    i = bisect.bisect_right(qs, pos, key=lambda q: q.start) - 1
    if i >= 0 and qs[i].start < pos < qs[i].end:
        return qs[i]
    return None


def _is_abbreviation(text: str, dot: int, lo: int) -> bool:
    m = re.search(r"([\w.]+)$", text[lo:dot])
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    if m.group(1) in _STATES and text[lo:m.start() + lo].rstrip().endswith(","):
        return True
    # Initials and dotted acronyms: "J. Smith", "U.S. officials".
    return bool(re.fullmatch(r"(?:[a-z]\.)*[a-z]", word))


_GLUED_NEXT = re.compile(r"[“«„]?[A-Z][a-z]")


def _glued(text: str, begin: int, stop: int, nxt: int, end: int) -> bool:
    """ "..., BelTA has learned.“The world has changed", "she said.The president": a sentence run into the
    next with no space, after a lowercase word (never "U.S.Army" or a web address)."""
    return text[stop] in ".!?" and bool(re.search(r"(?<![\w.])[a-z]{2,}$", text[begin:stop])) and \
        bool(_GLUED_NEXT.match(text, nxt, end))


def _sentences_of(text: str, para: Span, qs: list[Span], index: int) -> list[Sentence]:
    inside = [q for q in qs if para.start <= q.start < para.end]
    out: list[Sentence] = []
    begin = para.start
    i = para.start
    while i < para.end:
        nxt_term = _TERMINATOR.search(text, i, para.end)
        if nxt_term is None:
            break
        i = nxt_term.start()
        cov = _covering(inside, i)
        if cov is not None:  # inside a quotation: a sentence may end only with it ('... attack." Next')
            k = i + 1
            while k < para.end and text[k] in _TERMINATORS:
                k += 1
            if k != cov.end - 1:
                i += 1
                continue
        j = i + 1
        while j < para.end and text[j] in _TERMINATORS:
            j += 1
        closed_quote = False
        while j < para.end and text[j] in _CLOSERS:
            closed_quote = closed_quote or (cov is not None and cov.end == j + 1)
            j += 1
        k = j
        while k < para.end and text[k].isspace():
            k += 1
        if k >= para.end:
            break
        nxt = text[k]
        starts_new = nxt.isupper() or nxt.isdigit() or nxt in "\"“«„'‘("
        if text[i] == "." and _is_abbreviation(text, i, begin) and not closed_quote:
            starts_new = False
        if starts_new and closed_quote and _ATTRIBUTION_AHEAD.match(text, k, para.end):
            starts_new = False
        if starts_new and (k > j or _glued(text, begin, i, k, para.end)):
            out.append(Sentence(begin, j, index))
            begin = k
        i = j
    if para.end > begin:
        out.append(Sentence(begin, para.end, index))
    return out


@functools.lru_cache(maxsize=64)
def layout(text: str, start: int, end: int) -> Layout:
    """Split ``text[start:end]`` into paragraphs, quotations and sentences (cached per story)."""
    paras = paragraphs(text, start, end)
    all_quotes: list[Span] = []
    sents: list[Sentence] = []
    for n, p in enumerate(paras):
        qs = quotes(text, p.start, p.end)
        all_quotes.extend(qs)
        sents.extend(_sentences_of(text, p, qs, n))
    return Layout(tuple(paras), tuple(all_quotes), tuple(sents))
