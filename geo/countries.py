"""Every country's name, demonym and capital as side-bearing words, from the countryinfo package.

The actor file lists the words news uses most; this adds the rest of the
world ("Latvian", "Austria", "Belgian", "Riga") so that a role's own words
place a speaker without a hand list per country. A country's side is the
side of its ISO code in the actor file's ``country_codes``; any country not
listed there is ``other``. Data: countryinfo (MIT), itself from public
country data (names, demonyms, capitals); read once per process.
"""
from __future__ import annotations

import functools
import logging

log = logging.getLogger(__name__)

# Country words that are as often something else in news: a given name, a US state, a common word.
_AMBIGUOUS = frozenset(("Jordan Georgia Chad Guinea Niger Jersey Man Victoria Kingston Hamilton Douglas Lima "
                        "Santiago Male Praia Apia Avarua Nuku'alofa Roseau Castries Basseterre Victoria Valletta "
                        "Monaco San Marino Vatican City Holy See Israel Congo").split())


@functools.lru_cache(maxsize=1)
def country_words() -> tuple[tuple[str, str], ...]:
    """(word, ISO alpha-2 code) for each country's name, demonym (and its plural) and capital."""
    try:
        from countryinfo import all_countries
    except ImportError:  # the package is a pinned dependency; without it only the actor file's words count
        log.warning("countryinfo unavailable: country words from data/actors.yaml only")
        return ()
    out: list[tuple[str, str]] = []
    for c in all_countries():
        try:
            code = (c.iso() or {}).get("alpha2")
            words = [c.name(), c.demonym(), c.capital()]
        except Exception:  # an entry with a missing field: skip it, keep the rest
            continue
        if not code:
            continue
        demonym = words[1]
        if demonym and not demonym.endswith("s"):
            words.append(demonym + "s")
        for w in words:
            if w and isinstance(w, str) and w[:1].isupper() and w not in _AMBIGUOUS and len(w) > 3:
                out.append((w.strip(), code.upper()))
    return tuple(out)
