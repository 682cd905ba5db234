"""Where a new story starts in a file that holds several: at a real headline, and nowhere else.

A headline is a short capitalised line with no sentence-final punctuation, followed by body text.
Many lines look like that and are not: an embedded post ("... — Breitbart London (@BreitbartLondon)
April 6, 2024"), a credit or byline ("Additional reporting by ...", "Photo: ..."), a dateline ("CNN —"),
a caption, an "Advertisement", a promo in capitals, and, in hard-wrapped text, every line that breaks
a sentence in the middle ("... issued voluntary guidelines for makers of" / "mobile devices, ...").
"""
from __future__ import annotations

import re
import statistics

TERMINAL = tuple('.!?:;"”’\')…,')

_NOT_HEADLINE = re.compile(
    r"https?://|www\.|@\w|pic\.twitter|[—–-]\s*$|^\(|\([A-Z][A-Za-z]{1,12}\)\s*[—–-]|"
    r"^(?:Additional reporting|Reporting by|Reported by|Editing by|Edited by|Written by|Compiled by|"
    r"Translated by|Contributed by|With reporting|Advertisement|Sponsored|Photo|Photograph|Image|Picture|"
    r"Video|Watch|Listen|Read more|Related|Getty|Credit|Source|Caption|File photo|Copyright)\b|^©|^By\s+\w",
    re.IGNORECASE)
# "... — Breitbart London", "CNN —", "Photo by X/Getty Images": a source or credit line, not a headline
_CREDIT_TAIL = re.compile(r"[—–]\s*[A-Z][\w.&' -]{0,40}$|/\s*(?:Getty|AFP|AP|Reuters|EPA|Shutterstock|Alamy)\b|"
                          r"\b(?:Getty Images|AFP via Getty|Associated Press|Sputnik|TASS|Anadolu)\s*$|"
                          r"\((?:Photo|Image|Picture|Credit|Video|File)\b[^)]*\)\s*$|"
                          r"\b(?:Photo|Photograph|Image|Picture)s?\s*(?:by|:)\s*[^,;]{0,60}$")
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:,[^—–\n]{0,40})?\s*[—–-]{1,2}\s")  # "KYIV — ...", "MINSK, 16 Feb -- "
# A headline does not end on a word that needs the next one ("... a press conference at").
_OPEN_END = frozenset({"a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from", "and", "or",
                       "but", "that", "as", "into", "about", "than", "which", "who", "whose", "its", "their", "his",
                       "her", "our", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
                       "said", "says", "after", "before", "over", "under", "between", "against", "during", "per"})
# A subhead inside a story ("Chinese dreams", "Change of plans") is shorter than the headline of a
# story that follows another; a file's first line may be a short title ("Storm reaches Lviv").
_MIN_WORDS, _MIN_NEXT_STORY_WORDS = 2, 4
_WRAPPED_SHARE = 0.4   # a file where this share of its long lines end mid-sentence is hard-wrapped
_WRAP_CLOSE = 0.75     # ... and a line this close to its wrap width is a wrapped line, not a headline


def looks_like_headline(line: str) -> bool:
    """Short, capitalised, no sentence-final punctuation, and none of the lines that only look so."""
    s = line.strip()
    if not s or len(s) > 160 or s.endswith(TERMINAL) or _NOT_HEADLINE.search(s) or _CREDIT_TAIL.search(s):
        return False
    if _DATELINE.match(s):
        return False
    letters = [c for c in s if c.isalpha()]
    if len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters):
        return False  # a line in capitals is a subhead or a promo inside the story
    words = s.split()
    if words[-1].lower().strip("'’\"") in _OPEN_END:
        return False
    return (s[0].isupper() or s[0].isdigit()) and _MIN_WORDS <= len(words) <= 20


def wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped file is wrapped at (its long lines' 90th-percentile length), or None
    when the file is not hard-wrapped (most long lines end their sentence)."""
    long = [ln.strip() for ln in lines if len(ln.strip()) > 40]
    if len(long) < 5:
        return None
    open_lines = sum(1 for ln in long if not ln.endswith(TERMINAL))
    if open_lines < _WRAPPED_SHARE * len(long):
        return None
    return int(statistics.quantiles([len(ln) for ln in long], n=10)[-1])


def starts_story(line: str, next_line: str, width: int | None) -> bool:
    """Whether ``line`` heads a new story: it looks like a headline long enough not to be a subhead,
    and what follows is its body rather than the rest of a sentence the line broke off."""
    if not looks_like_headline(line) or not next_line.strip() or len(line.split()) < _MIN_NEXT_STORY_WORDS:
        return False
    if next_line.strip()[:1].islower():
        return False  # "... guidelines for makers of" / "mobile devices, asking ...": one sentence
    if width is not None and len(line.strip()) >= _WRAP_CLOSE * width:
        return False
    return not looks_like_headline(next_line)
