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
# a cheap test before the parser is imported (0.4 s): digits grouped as a phone number is written
_LOOKS_LIKE_PHONE = re.compile(r"(?<!\d)(?:\+\d{1,3}[ .-]?)?\(?\d{2,4}\)?[ .-]\d{3,4}[ .-]?\d{3,4}(?!\d)")


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
    """The places the phone numbers in ``text`` belong to, in text order (unknown ones left out)."""
    if not _LOOKS_LIKE_PHONE.search(text):
        return []
    try:
        import phonenumbers
        from phonenumbers import geocoder
    except ImportError:  # an install without it reads no phone numbers
        return []
    out: list[PhoneLocale] = []
    for match in phonenumbers.PhoneNumberMatcher(text, default_region):
        cc = phonenumbers.region_code_for_number(match.number) or ""
        where = geocoder.description_for_number(match.number, "en", region=cc) if cc else ""
        if not cc or not where or norm_key(where) == norm_key(geocoder.country_name_for_number(match.number, "en")):
            continue  # toll-free, or only the country: nothing local
        town, _, region = where.rpartition(", ")
        if not town:  # "Texas" (a state) or "London" (a town of a country with no admin1 in the data)
            code = _admin1_code(gaz, cc, region)
            out.append(PhoneLocale(cc, code, "" if code else norm_key(region)))
        else:
            out.append(PhoneLocale(cc, _admin1_code(gaz, cc, region), norm_key(town)))
    return out
