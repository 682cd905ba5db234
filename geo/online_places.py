"""Places the offline gazetteer does not know, asked of online geocoders when the user turns them on.

Offline first: only the spans the named-entity model calls a place (GPE, LOC,
FAC) that no offline mention already covers go to the geocoder, which is
`geo.geocoder.make_geocoder(online=True)` (Nominatim, then Photon, behind
geopy's RateLimiter and an on-disk cache, falling back to the gazetteer when
the network is absent). Off unless ``GEO_ONLINE=1``; tests inject a fake.
"""
from __future__ import annotations

import functools
import logging

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .errors import GeoError
from .geocoder import make_geocoder, online_enabled
from .models import Article, Mention, Place

log = logging.getLogger(__name__)

ONLINE_CONFIDENCE = 0.5  # a bare name placed by an outside service, without our context rules


@functools.lru_cache(maxsize=1)
def online_geocoder() -> Geocoder | None:
    """The user's online chain, or None when online geocoding is off."""
    return make_geocoder(online=True) if online_enabled() else None


def _place_from(location: Location, mention: Mention) -> Place:
    raw = location.raw if isinstance(location.raw, dict) else {}
    if raw.get("id") and raw.get("precision"):  # answered by the offline gazetteer
        pid, precision, cc = str(raw["id"]), str(raw["precision"]), raw.get("country_code")
    else:
        props = raw.get("properties") or {}
        osm = raw.get("osm_id") or props.get("osm_id")
        osm_type = (raw.get("osm_type") or props.get("osm_type") or "")[:1].upper()
        pid = f"osm:{osm_type}{osm}" if osm else f"geo:{location.latitude:.4f},{location.longitude:.4f}"
        cc = (raw.get("address") or {}).get("country_code") or props.get("countrycode")
        precision = "point"
    name = (location.address or mention.text).split(",")[0].strip() or mention.text
    return Place(pid, name, float(location.latitude), float(location.longitude), cc.upper() if cc else None,
                 precision, ONLINE_CONFIDENCE, [mention])


def geocode_spans(article: Article, spans: list[tuple[int, int, str]], known: list[Place],
                  geocoder: Geocoder) -> list[Place]:
    """Places for the spans no known mention overlaps; a span the geocoder cannot place is left out."""
    covered = [(m.start, m.end) for p in known for m in p.mentions if m.article_id == article.id]
    found: dict[str, Place] = {}
    for start, end, text in spans:
        if any(s < end and start < e for s, e in covered) or article.text[start:end] != text:
            continue
        try:
            location = geocoder.geocode(text, exactly_one=True)
        except (GeoError, OSError, ValueError) as exc:
            log.warning("online geocoding of %r failed: %s", text, exc)
            continue
        if location is None:
            continue
        mention = Mention(article.id, start, end, text)
        place = _place_from(location, mention)
        if place.id in found:
            found[place.id].mentions.append(mention)
        else:
            found[place.id] = place
        covered.append((start, end))
    return list(found.values())
