"""Can the pipeline read this text? If not, say what was found and why, instead of "Added".

The pipeline reads English news: its place names, cue verbs and the spaCy
model are English. A Russian or Ukrainian article would be stored with no
place and no claim, and the reader would never learn why. Language is told by
langdetect (a port of Google's language-detection, seeded so the answer is the
same every time); the script (Cyrillic, Arabic, ...) from Unicode names.
"""
from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections import Counter

MIN_WORDS = 5
MIN_WORDS_FOR_LANGUAGE = 8
SURE = 0.9
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(\s|$)")


def _script(text: str) -> tuple[str, float]:
    """The most common script among the letters, and the share of letters that are Latin."""
    scripts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            scripts[name.split(" ")[0] if name else "OTHER"] += 1
    total = sum(scripts.values())
    if not total:
        return "", 0.0
    return scripts.most_common(1)[0][0], scripts.get("LATIN", 0) / total


_LOAD = threading.Lock()


@functools.lru_cache(maxsize=1)
def _detector():
    """langdetect, seeded and with every language profile loaded before anyone detects.

    langdetect publishes its factory before it has loaded the profiles, so a second thread
    (two runs of one page, a run and a job) could detect with a few languages only and read
    English as Afrikaans, the first profile. Loading under a lock closes that window.
    """
    with _LOAD:
        from langdetect import DetectorFactory, detect_langs, detector_factory

        DetectorFactory.seed = 0  # langdetect is random by default
        detector_factory.init_factory()
        return detect_langs


def language_name(code: str) -> str:
    """"ru" -> "Russian" (the code itself when unknown)."""
    import pycountry

    found = pycountry.languages.get(alpha_2=code.split("-")[0])
    return found.name if found else code


def why_unreadable(text: str) -> str | None:
    """None when the pipeline can read ``text``; else what was found and why it cannot."""
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return f"it has {len(words)} word(s); the pipeline needs sentences to find claims"
    script, latin = _script(text)
    if latin < 0.5:
        lang = _language(text)
        named = f"{language_name(lang)} " if lang and lang != "en" else ""
        return (f"it is written in {script.title()} script ({named}text, {len(words)} words); the pipeline reads "
                "English only, so it would find no places and no claims")
    if not _SENTENCE_END.search(text):
        return f"it has {len(words)} words but no sentence (no full stop); the pipeline finds claims in sentences"
    if len(words) >= MIN_WORDS_FOR_LANGUAGE:
        lang = _language(text)
        if lang and lang != "en":
            return (f"it reads as {language_name(lang)} ({len(words)} words); the pipeline reads English only, "
                    "so it would find no places and no claims")
    return None


def _language(text: str) -> str | None:
    """The language code when langdetect is sure of it, else None."""
    from langdetect.lang_detect_exception import LangDetectException

    try:
        best = _detector()(text[:5000])[0]
    except LangDetectException:
        return None
    return best.lang if best.prob >= SURE else None
