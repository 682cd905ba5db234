"""Places in a person's words: "Belgorod, region of Russia" rather than ``gn:579514``.

Tooltips, buttons, the panel heading and the table all name a place this way,
so two places that share a name (the city and the region of Belgorod) read
differently, and no raw id ever reaches a reader.
"""
from __future__ import annotations

import functools
from typing import Callable

import pandas as pd

PRECISION_WORDS: dict[str, str] = {
    "point": "site",
    "city": "town",
    "admin1": "region",
    "country": "country",
    "area": "area",
}
# Below this resolution confidence a place is drawn faded (and can be hidden): the
# geoparser was unsure which place of that name the text meant.
UNCERTAIN_BELOW = 0.5


# The names news uses where ISO's official short name differs ("Russian Federation").
_NEWS_NAMES: dict[str, str] = {"RU": "Russia", "SY": "Syria", "IR": "Iran", "MD": "Moldova", "KR": "South Korea",
                               "KP": "North Korea", "VE": "Venezuela", "BO": "Bolivia", "TZ": "Tanzania",
                               "LA": "Laos", "VN": "Vietnam", "TW": "Taiwan", "PS": "Palestine", "CZ": "Czechia",
                               "GB": "United Kingdom", "US": "United States"}


@functools.lru_cache(maxsize=512)
def country_name(code: object) -> str:
    """The English name news uses for an ISO 3166 alpha-2 code ("UA" -> "Ukraine"), or ""."""
    if not isinstance(code, str) or len(code.strip()) != 2:
        return ""
    code = code.strip().upper()
    if code in _NEWS_NAMES:
        return _NEWS_NAMES[code]
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return ""
    name = getattr(found, "common_name", None) or found.name
    return name.split(",")[0]  # "Korea, Republic of" style names keep their first part


def kind_word(precision: object) -> str:
    """"town", "region", ... for a stored precision; the precision itself when unknown."""
    return PRECISION_WORDS.get(str(precision), str(precision or "place"))


def where_words(precision: object, country_code: object) -> str:
    """"town in Ukraine", "region of Russia", "country": the words after a place's name."""
    kind = kind_word(precision)
    country = country_name(country_code)
    if kind == "country" or not country:
        return kind
    return f"{kind} {'of' if kind == 'region' else 'in'} {country}"


def describe(name: object, precision: object, country_code: object) -> str:
    """"Belgorod, region of Russia": a place's name with what and where it is."""
    return f"{'' if name is None else name}, {where_words(precision, country_code)}"


def is_uncertain(confidence: object) -> bool:
    """True when the resolver's confidence in the reading is low (missing counts as sure)."""
    try:
        return float(confidence) < UNCERTAIN_BELOW
    except (TypeError, ValueError):
        return False


def describer(places: pd.DataFrame) -> Callable[[str], str]:
    """place id -> "Belgorod, region of Russia", for the places of a frame."""
    described = {pid: describe(name, prec, cc) for pid, name, prec, cc in
                 zip(places["place_id"], places["name"], places["precision"], places["country_code"])}
    return lambda pid: described.get(pid, "an unknown place")
