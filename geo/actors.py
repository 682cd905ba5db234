"""The actor knowledge base (data/actors.yaml): outlets, people, institutions,
the words that place a role on a side, and seats of local officials.

Loaded once per process. Users extend it without code through
``data/actors.local.yaml`` or the ``GEO_ACTORS`` environment variable (one or
more YAML files in the same format; later files win).
"""
from __future__ import annotations

import functools
import logging
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from .errors import GeoError
from .models import SIDES

log = logging.getLogger(__name__)

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when libyaml is present: ~10x faster
DATA = Path(__file__).resolve().parent.parent / "data"
# "Russian-backed", "Kyiv-appointed" say whose side; "London-based" says only where.
_ALLEGIANCE = r"(?=-(?:backed|installed|appointed|controlled|led|allied|aligned|funded|run|owned|sponsored)\b)"
DEFAULT_FILES = (DATA / "actors.yaml", DATA / "actors.local.yaml")


class KnowledgeBaseError(GeoError, ValueError):
    """An actor file that is not valid YAML or names an unknown side."""


@dataclass(frozen=True)
class Term:
    """One office held from ``start`` to ``end`` (either open)."""
    role: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Actor:
    name: str
    side: str
    role: str | None = None
    kind: str = "actor"  # actor | outlet
    terms: tuple[Term, ...] = ()

    def role_on(self, day: date | None) -> str | None:
        """The role on ``day``: a story from 2016 does not make Donald Trump "US President". Between or
        after terms the last office held, as "former ..."; before the first, none. With no terms listed
        (or no day known), the shipped role."""
        if not self.terms or day is None:
            return self.role
        held = next((t for t in self.terms if (t.start is None or t.start <= day) and
                     (t.end is None or day < t.end)), None)
        if held is not None:
            return held.role
        ended = [t for t in self.terms if t.end is not None and t.end <= day]
        if not ended:
            return None
        last = max(ended, key=lambda t: t.end).role
        return f"former {last}"


@dataclass
class KnowledgeBase:
    """Lookups by normalised name; ``terms`` place role words, ``cities`` place seats."""

    actors: dict[str, Actor] = field(default_factory=dict)
    outlets: dict[str, Actor] = field(default_factory=dict)
    terms: dict[str, str] = field(default_factory=dict)  # exact-case term -> side
    cities: dict[str, str] = field(default_factory=dict)  # exact-case city -> side
    country_codes: dict[str, str] = field(default_factory=dict)
    orgs: dict[str, str] = field(default_factory=dict)  # exact-case institution/outlet name -> side
    occupied: set[str] = field(default_factory=set)  # normalised place names where both sides appoint officials
    _term_re: re.Pattern | None = None

    def actor(self, name: str | None) -> Actor | None:
        return self.actors.get(normalise(name)) if name else None

    def person(self, name: str | None) -> Actor | None:
        """A known person by full name, or by surname when the first names start alike (another
        transliteration: "Aleksandr Lukashenko" is the KB's "Alexander Lukashenko")."""
        found = self.actor(name)
        if found or not name or " " not in name.strip():
            return found
        first, last = name.split()[0], name.split()[-1]
        found = self.actor(last)
        if found and found.kind == "actor" and found.role and " " in found.name and \
                found.name.split()[-1] == last and found.name[:1].lower() == first[:1].lower():
            return found
        return None

    def outlet(self, name: str | None) -> Actor | None:
        """An outlet by name, alias or web address ("www.rt.com", "https://tass.com/politics")."""
        if not name:
            return None
        key = normalise(name)
        found = self.outlets.get(key)
        if found is None:
            host = re.sub(r"^(?:https?://)?(?:www\.)?([^/]+).*$", r"\1", key)
            found = self.outlets.get(host) or self.outlets.get(host.rsplit(".", 1)[0])
        return found

    def term_pattern(self) -> re.Pattern:
        """One regex over every group term and city, longest first, whole words only."""
        if self._term_re is None:
            words = sorted(set(self.terms) | set(self.cities) | set(self.orgs), key=len, reverse=True)
            alt = "|".join(re.escape(w) for w in words) or "(?!)"
            self._term_re = re.compile(rf"(?<![\w-])(anti-|Anti-)?({alt})(?:{_ALLEGIANCE}|(?![\w-]))(?:['’]s)?")
        return self._term_re

    def side_of_words(self, text: str | None) -> tuple[str, str] | None:
        """The first side-bearing word in ``text`` (leftmost wins: the head's owner), as (side, word)."""
        if not text:
            return None
        for m in self.term_pattern().finditer(text):
            if m.group(1):  # "anti-Kremlin" places nobody
                continue
            word = m.group(2)
            side = self.term_side(word)
            if side:
                return side, word
        return None

    def term_side(self, word: str, orgs: bool = True) -> str | None:
        """The side of one word ``term_pattern`` matched: a country term, a city, or (with ``orgs``)
        an institution or outlet."""
        return self.terms.get(word) or self.cities.get(word) or (self.orgs.get(word) if orgs else None)

    def contested_seat(self, place_name: str | None) -> bool:
        """A place under occupation, where both sides name officials: its mayor or governor is nobody's
        by the place alone ("Sevastopol Governor X")."""
        return bool(place_name) and normalise(place_name) in self.occupied

    def is_group_word(self, word: str) -> bool:
        """A country name, adjective, capital or city ("Russian", "Kyiv", "Odesa")."""
        w = re.sub(r"['’]s$", "", word)
        return w in self.terms or w in self.cities


def normalise(name: str) -> str:
    """Case, accents, curly apostrophes, a leading "the" and spacing do not matter for names."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("’", "'").replace("‘", "'").strip().casefold()
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"\s+", " ", s)


def _side(value, source: str, what: str) -> str:
    if value not in SIDES:
        raise KnowledgeBaseError(f"{source}: {what} has side {value!r}; use one of {', '.join(SIDES)}")
    return value


def _terms(raw, source: str, name: str) -> tuple[Term, ...]:
    """``terms: [{role: US President, from: 2017-01-20, to: 2021-01-20}, ...]`` (YAML dates)."""
    if not raw:
        return ()
    if not isinstance(raw, list):
        raise KnowledgeBaseError(f"{source}: terms of {name} must be a list of {{role, from, to}}")
    out = []
    for t in raw:
        if not isinstance(t, dict) or not t.get("role"):
            raise KnowledgeBaseError(f"{source}: every term of {name} needs a role")
        start, end = t.get("from"), t.get("to")
        for value in (start, end):
            if value is not None and not isinstance(value, date):
                raise KnowledgeBaseError(f"{source}: term dates of {name} must be YYYY-MM-DD, not {value!r}")
        out.append(Term(str(t["role"]), start, end))
    return tuple(out)


def merge_file(kb: KnowledgeBase, path: Path) -> None:
    """Add one YAML file's entries to ``kb`` (later entries win)."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"{path}: cannot read actor file ({exc})") from exc
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(f"{path}: expected a mapping with outlets/actors/groups/cities/occupied")
    for key, table in (("outlets", kb.outlets), ("actors", kb.actors)):
        for entry in raw.get(key) or []:
            if not isinstance(entry, dict) or not entry.get("name"):
                raise KnowledgeBaseError(f"{path}: every entry under {key} needs a name")
            name = str(entry["name"])
            actor = Actor(name, _side(entry.get("side"), str(path), name), entry.get("role"),
                          "outlet" if key == "outlets" else "actor", _terms(entry.get("terms"), str(path), name))
            for alias in [name, *(entry.get("aliases") or [])]:
                table[normalise(str(alias))] = actor
                if key == "outlets" or not entry.get("role"):  # institutions place roles: "IAEA chief"
                    kb.orgs[str(alias)] = actor.side
    for side, group in (raw.get("groups") or {}).items():
        _side(side, str(path), f"group {side}")
        for term in (group or {}).get("terms") or []:
            kb.terms[str(term)] = side
            if str(term)[:1].islower():  # "pro-Russian" opens a sentence as "Pro-Russian"
                kb.terms[str(term)[:1].upper() + str(term)[1:]] = side
        for code in (group or {}).get("country_codes") or []:
            kb.country_codes[str(code).upper()] = side
    for side, names in (raw.get("cities") or {}).items():
        _side(side, str(path), f"cities of {side}")
        for city in names or []:
            kb.cities[str(city)] = side
    kb.occupied.update(normalise(str(n)) for n in raw.get("occupied") or [])
    kb._term_re = None


def extra_files() -> list[Path]:
    env = os.environ.get("GEO_ACTORS", "")
    return [Path(p) for p in env.split(os.pathsep) if p.strip()]


def add_countries(kb: KnowledgeBase) -> None:
    """Every country's name, demonym and capital places a role on its country's side (the actor
    file's own words win; a country its ``country_codes`` do not list is "other")."""
    from .countries import country_words

    for word, code in country_words():
        if word not in kb.terms and word not in kb.cities:
            kb.terms[word] = kb.country_codes.get(code, "other")
    kb._term_re = None


def build(paths: list[Path]) -> KnowledgeBase:
    kb = KnowledgeBase()
    for path in paths:
        if path.exists():
            merge_file(kb, path)
        elif path not in DEFAULT_FILES:
            raise KnowledgeBaseError(f"{path}: actor file not found (from GEO_ACTORS)")
    add_countries(kb)
    log.debug("actor KB: %d actors, %d outlets, %d terms", len(kb.actors), len(kb.outlets), len(kb.terms))
    return kb


@functools.lru_cache(maxsize=4)
def _cached(paths: tuple[Path, ...]) -> KnowledgeBase:
    return build(list(paths))


def load() -> KnowledgeBase:
    """The shipped KB plus the user's files (cached per set of files)."""
    return _cached(tuple([*DEFAULT_FILES, *extra_files()]))
