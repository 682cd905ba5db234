"""Search that reads "Kiev" as "Kyiv" and "Zelenskiy" as "Zelensky".

War news spells the same names several ways: Russian and Ukrainian
transliterations (Kiev/Kyiv, Kharkov/Kharkiv, Odessa/Odesa), and the many
romanisations of Slavic surnames (Zelensky/Zelenskiy/Zelenskyy). Both the
search words and the text searched are folded to one spelling, so a literal
substring test on the folded strings finds every version. Speakers are also
matched through the actor knowledge base: a search for an alias finds the
claims of the person it names ("Putin" finds "Vladimir Putin").
"""
from __future__ import annotations

import functools
import re
import unicodedata

import pandas as pd

# Old or Russian-based spellings of Ukrainian places -> the spelling the search folds to.
PLACE_SPELLINGS: dict[str, str] = {
    "kiev": "kyiv", "kiyv": "kyiv", "kyyiv": "kyiv",
    "kharkov": "kharkiv",
    "odessa": "odesa",
    "lvov": "lviv", "lwow": "lviv", "lemberg": "lviv",
    "nikolaev": "mykolaiv", "nikolayev": "mykolaiv", "mykolayiv": "mykolaiv",
    "zaporozhye": "zaporizhzhia", "zaporozhie": "zaporizhzhia", "zaporizhia": "zaporizhzhia",
    "zaporizhzhya": "zaporizhzhia", "zaporizhya": "zaporizhzhia",
    "dnepr": "dnipro", "dnipropetrovsk": "dnipro", "dnepropetrovsk": "dnipro",
    "lugansk": "luhansk",
    "chernigov": "chernihiv",
    "rovno": "rivne",
    "donbass": "donbas",
    "artemovsk": "bakhmut", "artyomovsk": "bakhmut",
    "kherson": "kherson",
    "krivoy rog": "kryvyi rih", "kryvyy rih": "kryvyi rih",
    "vinnitsa": "vinnytsia", "vinnytsya": "vinnytsia",
    "zhitomir": "zhytomyr",
    "sumy": "sumy",
    "belgorod": "belgorod",
}
_PLACE_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, PLACE_SPELLINGS), key=len, reverse=True)) + r")\b")
# Slavic surname endings: -sky, -skiy, -skyy, -skyi, -skii, -ski all fold to -sky.
_SKY_RE = re.compile(r"(\w{2,}?)sk(?:iy|yy|yi|ii|ij|i|y)\b")
# Given names: Dmitriy/Dmitrii/Dmitry, Yuriy/Yurii/Yury.
_IY_RE = re.compile(r"(\w{3,}?)(?:iy|ii|yi|ij)\b")
_APOSTROPHES = re.compile(r"['’ʼʹ`´]")


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """One spelling for the variants of a name: accents and apostrophes dropped, case folded,
    old place spellings and surname endings unified. Not reversible: for matching only."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = re.sub(r"['’ʼ]s\b", "", s)  # possessives: "Zelenskyy's"
    s = _APOSTROPHES.sub("", s)  # soft signs rendered as apostrophes: "Mariupol'", "Ukrayins'ka"
    s = _PLACE_RE.sub(lambda m: PLACE_SPELLINGS[m.group(1)], s)
    s = _SKY_RE.sub(r"\1sky", s)
    return _IY_RE.sub(r"\1y", s)


def fold_series(values: pd.Series) -> pd.Series:
    """``fold`` over a column of strings (missing values become "")."""
    return values.fillna("").astype(str).map(fold)


@functools.lru_cache(maxsize=1)
def _speaker_aliases() -> dict[str, frozenset[str]]:
    """{folded alias: every folded name of the same person or body}, from the actor knowledge base."""
    try:
        from . import actors
        kb = actors.load()
    except Exception:  # the KB is optional for search: without it, names match as written
        return {}
    names: dict[str, set[str]] = {}
    for alias, actor in kb.actors.items():
        names.setdefault(actor.name, {fold(actor.name)}).add(fold(alias))
    out: dict[str, frozenset[str]] = {}
    for group in names.values():
        frozen = frozenset(n for n in group if len(n) >= 4)
        for n in frozen:
            out[n] = frozen
    return out


def speaker_names(needle: str) -> frozenset[str]:
    """The folded names a search for ``needle`` should match in the speaker field (itself included)."""
    key = fold(needle.strip())
    return _speaker_aliases().get(key, frozenset()) | {key}
