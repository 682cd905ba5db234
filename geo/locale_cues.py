"""Where a story is from, as it says of itself: the phone numbers it prints.

Local news ends with "call London police at 519-..." or "the City of X at 806-...". A North American
number's area code and exchange name a city or a state ("London, ON", "Texas") in Google's
libphonenumber geocoding data (the ``phonenumbers`` package); an international number names its
country and often its city. That is evidence for which London or which Hall County the story means,
of the same kind as a country the story names, and it is read from the story's own text only.
Toll-free and unknown numbers say nothing and are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import KINDS, Gazetteer, norm_key

_ADMIN1 = KINDS.index("admin1")
_MAX_NUMBERS = 20  # a story's own numbers come early enough; a phone book is not a story
# a cheap test before the parser is imported (1 s with its data): the tail every number in the data
# worth reading has, "661-5670", "7946 0000"; the parser then reads a window around it
_LOOKS_LIKE_PHONE = re.compile(r"\d{3}[ .-]\d{4}(?!\d)")
_BEFORE = 24  # characters before that tail the window takes: "+1 (519) " and the rest of the number


@dataclass(frozen=True)
class PhoneLocale:
    """What one number says: a country, maybe an admin1 (gazetteer code) and a town's name key."""

    cc: str
    admin1: str = ""
    town: str = ""


def _admin1_code(gaz: Gazetteer, cc: str, name: str) -> str:
    """The gazetteer's admin1 code for a state or province name (or an ISO 3166-2 suffix like "ON")."""
    names = [name]
    if len(name) <= 3 and name.isupper():
        import pycountry

        sub = pycountry.subdivisions.get(code=f"{cc}-{name}")
        names = [sub.name] if sub is not None else []
    for n in names:
        for i in gaz.lookup_key(norm_key(n)):
            if gaz.kinds[i] == _ADMIN1 and gaz.ccs[i] == cc:
                return gaz.admin1s[i]
    return ""


def phone_locales(text: str, gaz: Gazetteer, default_region: str = "US") -> list[PhoneLocale]:
    """The places the phone numbers in ``text`` belong to, in text order (unknown ones left out).

    Only the first ``_MAX_NUMBERS`` number-like runs are parsed, each in a small window, so a very long
    text costs a regex scan, not a parse."""
    spans = [m.span() for _, m in zip(range(_MAX_NUMBERS), _LOOKS_LIKE_PHONE.finditer(text))]
    if not spans:
        return []
    try:
        import phonenumbers
        from phonenumbers import geocoder
    except ImportError:  # an install without it reads no phone numbers
        return []
    out: list[PhoneLocale] = []
    numbers = []
    for a, b in spans:
        lo = max(0, a - _BEFORE)
        # the number that ends with this tail (not a piece of the one before it in the window)
        numbers += [m.number for m in phonenumbers.PhoneNumberMatcher(text[lo:b + 1], default_region)
                    if lo + m.end == b]
    for number in numbers:
        cc = phonenumbers.region_code_for_number(number) or ""
        where = geocoder.description_for_number(number, "en", region=cc) if cc else ""
        if not cc or not where or norm_key(where) == norm_key(geocoder.country_name_for_number(number, "en")):
            continue  # toll-free, or only the country: nothing local
        town, _, region = where.rpartition(", ")
        if not town:  # "Texas" (a state) or "London" (a town of a country with no admin1 in the data)
            code = _admin1_code(gaz, cc, region)
            out.append(PhoneLocale(cc, code, "" if code else norm_key(region)))
        else:
            out.append(PhoneLocale(cc, _admin1_code(gaz, cc, region), norm_key(town)))
    return out
