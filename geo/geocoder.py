"""geopy geocoders: the offline gazetteer as a geopy ``Geocoder``, and an optional online chain.

* ``OfflineGeocoder`` answers from the compiled GeoNames index: no network,
  the same places (and ids) the geoparser uses. ``geocode("Kharkov")`` gives
  Kharkiv; ``"Russellville, Ark."`` uses the part after the comma to choose.
* ``OnlineChain`` asks real geopy geocoders (Nominatim, then Photon) one after
  the other, each behind geopy's ``RateLimiter``, with every answer (a miss
  included) kept in a persistent SQLite cache, so a query goes over the
  network once. It is OFF unless asked for (``GEO_ONLINE=1`` or
  ``make_geocoder(online=True)``); the tests use fake geocoders and a fake clock.
* ``FallbackGeocoder`` tries the online chain and, when the network is not
  there, logs why and answers offline.
"""
from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import threading
from pathlib import Path
from typing import Callable, Iterable

from geopy.exc import GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .errors import GeocoderUnavailableError
from .gazetteer import Entry, Gazetteer, load_index, norm_key
from .resolve import rank

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = ROOT / "data" / "geocode_cache.sqlite"
ONLINE_ENV = "GEO_ONLINE"
USER_AGENT = "claims-map-geoparser/1.0"
_REGION_WORDS = re.compile(r"\s+(region|oblast|province|governorate|state|krai|kray|county)$", re.IGNORECASE)


def online_enabled(env: dict | None = None) -> bool:
    """True only when the user said so: ``GEO_ONLINE=1`` (or true/yes/on)."""
    value = (env if env is not None else os.environ).get(ONLINE_ENV, "")
    return value.strip().lower() in ("1", "true", "yes", "on")


def entry_location(e: Entry) -> Location:
    """A gazetteer entry as a geopy Location; ``raw`` carries the ids the project uses."""
    gid = int(e.id[3:]) if e.id.startswith("gn:") else None
    raw = {"id": e.id, "geonameid": gid, "name": e.name, "precision": e.precision, "kind": e.kind,
           "country_code": e.country_code or None, "admin1": e.admin1 or None, "population": e.population}
    address = ", ".join(x for x in (e.name, e.country_code) if x)
    return Location(address, (e.lat, e.lon), raw)


class OfflineGeocoder(Geocoder):
    """The gazetteer behind geopy's interface. ``geocode`` returns a Location, a list, or None."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, user_agent: str = USER_AGENT):
        super().__init__(user_agent=user_agent)
        self._gaz = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = load_index()
        return self._gaz

    def geocode(self, query: str, *, exactly_one: bool = True, limit: int = 10,  # type: ignore[override]
                timeout: float | None = None, country_codes: Iterable[str] | None = None):
        """Places named ``query`` ("Town", "Town, Region", "Kherson region"), most prominent first."""
        if not isinstance(query, str) or not query.strip():
            return None
        gaz = self.gazetteer
        parts = [p.strip() for p in query.split(",") if p.strip()]
        head, qualifiers = parts[0], parts[1:]
        want_region = bool(_REGION_WORDS.search(head))
        head = _REGION_WORDS.sub("", head)
        ids = list(gaz.lookup_exact(head)) + [i for i in gaz.lookup_key(norm_key(head))]
        entries = list(dict.fromkeys(gaz.entry(i) for i in ids))
        if country_codes:
            ccs = {c.upper() for c in country_codes}
            entries = [e for e in entries if e.country_code in ccs]
        for q in qualifiers:
            scope = self._scope(q)
            narrowed = [e for e in entries if any(e.country_code == cc and (not a1 or e.admin1 == a1)
                                                  for cc, a1 in scope)]
            entries = narrowed or entries
        if not entries:
            return None
        order = rank(gaz, tuple(e.idx for e in entries), "admin1" if want_region else None, norm_key(head))
        entries = [gaz.entry(i) for i in order]
        locations = [entry_location(e) for e in entries[:max(1, limit)]]
        return locations[0] if exactly_one else locations

    def _scope(self, qualifier: str) -> set[tuple[str, str]]:
        """(country, admin1 or '') pairs a qualifier such as 'Ark.', 'Alberta' or 'Canada' stands for."""
        gaz = self.gazetteer
        ids = gaz.lookup_exact(qualifier) or gaz.lookup_key(norm_key(qualifier))
        out = set()
        for i in ids[:10]:
            e = gaz.entry(i)
            if e.kind == "country":
                out.add((e.country_code, ""))
            elif e.kind == "admin1":
                out.add((e.country_code, e.admin1))
        return out


class GeocodeCache:
    """Persistent answers of online geocoders: (provider, query) -> Location or a remembered miss."""

    def __init__(self, path: Path | str = DEFAULT_CACHE):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS geocode (provider TEXT, query TEXT, answer TEXT, "
                         "PRIMARY KEY (provider, query))")
        self._db.commit()

    _MISSING = object()

    def get(self, provider: str, query: str):
        """The cached Location, None for a cached miss, or ``GeocodeCache.MISSING`` when never asked."""
        with self._lock:
            row = self._db.execute("SELECT answer FROM geocode WHERE provider = ? AND query = ?",
                                   (provider, query)).fetchone()
        if row is None:
            return self._MISSING
        data = json.loads(row[0])
        if data is None:
            return None
        return Location(data["address"], (data["lat"], data["lon"]), data.get("raw") or {})

    def put(self, provider: str, query: str, location: Location | None) -> None:
        answer = None if location is None else {"address": location.address, "lat": location.latitude,
                                                "lon": location.longitude, "raw": _jsonable(location.raw)}
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO geocode VALUES (?, ?, ?)", (provider, query, json.dumps(answer)))
            self._db.commit()

    def close(self) -> None:
        self._db.close()

    @property
    def MISSING(self):  # noqa: N802 - reads like a constant
        return self._MISSING


def _jsonable(raw) -> dict:
    try:
        json.dumps(raw)
        return raw if isinstance(raw, dict) else {"raw": raw}
    except (TypeError, ValueError):
        return {"raw": str(raw)}


_NETWORK_ERRORS = (GeocoderUnavailable, GeocoderTimedOut, GeocoderServiceError, OSError)


class OnlineChain:
    """Online geopy geocoders tried in order, each behind a RateLimiter, all behind one cache.

    ``clock`` and ``sleep`` replace the RateLimiter's own, so tests never wait.
    Raises GeocoderUnavailableError when no provider could be reached.
    """

    def __init__(self, geocoders: list[Geocoder], cache: GeocodeCache, *, min_delay_seconds: float = 1.0,
                 max_retries: int = 1, clock: Callable[[], float] | None = None,
                 sleep: Callable[[float], None] | None = None):
        self.cache = cache
        self.providers: list[tuple[str, RateLimiter]] = []
        for g in geocoders:
            limiter = RateLimiter(g.geocode, min_delay_seconds=min_delay_seconds, max_retries=max_retries,
                                  error_wait_seconds=min_delay_seconds, swallow_exceptions=False)
            if clock is not None:
                limiter._clock = clock  # geopy's documented seam for tests
            if sleep is not None:
                limiter._sleep = sleep
            name = type(g).__name__
            taken = [n for n, _ in self.providers]
            if name in taken:  # two backends of one class (other domains): keep their answers apart
                name = f"{name}#{taken.count(name) + sum(n.startswith(name + '#') for n in taken)}"
            self.providers.append((name, limiter))

    def geocode(self, query: str) -> Location | None:
        failures: list[str] = []
        for name, limiter in self.providers:
            hit = self.cache.get(name, query)
            if hit is not self.cache.MISSING:
                if hit is not None:
                    return hit
                continue
            try:
                loc = limiter(query, exactly_one=True)
            except _NETWORK_ERRORS as exc:
                failures.append(f"{name}: {exc.__class__.__name__}: {exc}")
                continue
            except GeopyError as exc:  # refused query, quota, auth: remember nothing, try the next one
                failures.append(f"{name}: {exc.__class__.__name__}: {exc}")
                continue
            if isinstance(loc, list):
                loc = loc[0] if loc else None
            self.cache.put(name, query, loc)
            if loc is not None:
                return loc
        if failures and len(failures) == len(self.providers):
            raise GeocoderUnavailableError(
                f"online geocoding of {query!r} failed (no network?): " + "; ".join(failures)
                + f". Unset {ONLINE_ENV} to stay offline.")
        return None


class FallbackGeocoder(Geocoder):
    """Online chain first (cached); offline gazetteer when the network is absent or the chain finds nothing."""

    def __init__(self, online: OnlineChain, offline: OfflineGeocoder, *, user_agent: str = USER_AGENT):
        super().__init__(user_agent=user_agent)
        self.online = online
        self.offline = offline

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs):  # type: ignore[override]
        try:
            loc = self.online.geocode(query)
        except GeocoderUnavailableError as exc:
            log.warning("%s; answering from the offline gazetteer", exc)
            loc = None
        if loc is not None:
            return loc if exactly_one else [loc]
        return self.offline.geocode(query, exactly_one=exactly_one, **kwargs)


def make_geocoder(online: bool | None = None, *, gazetteer: Gazetteer | None = None,
                  cache_path: Path | str = DEFAULT_CACHE, user_agent: str = USER_AGENT) -> Geocoder:
    """The geocoder to use: offline unless ``online`` (default: the ``GEO_ONLINE`` variable) says otherwise."""
    offline = OfflineGeocoder(gazetteer, user_agent=user_agent)
    if not (online if online is not None else online_enabled()):
        return offline
    from geopy.geocoders import Nominatim, Photon

    chain = OnlineChain([Nominatim(user_agent=user_agent, timeout=10), Photon(user_agent=user_agent, timeout=10)],
                        GeocodeCache(cache_path))
    return FallbackGeocoder(chain, offline, user_agent=user_agent)
