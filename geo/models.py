"""The data model every stage shares.

All offsets are character offsets into ``Article.text``, the *full* text of the
source file as decoded (a file may hold several stories), so that
``article.text[start:end]`` is exactly the mention or claim.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Side = Literal["russia", "ukraine", "west", "other", "unknown"]
SIDES: tuple[str, ...] = ("russia", "ukraine", "west", "other", "unknown")

Precision = Literal["point", "city", "admin1", "country", "area"]
PRECISIONS: tuple[str, ...] = ("point", "city", "admin1", "country", "area")

# What a place is, finer than its precision: a sea and a town are both drawn as points, but a reader
# (and the page) must not take one for the other. Settlements and administrative units keep the kind
# of their gazetteer entry; physical features and facilities have their own (docs/geoparsing.md).
FEATURE_KINDS: tuple[str, ...] = ("continent", "country", "admin1", "admin2", "city", "region", "airport",
                                  "sea", "strait", "river", "lake", "island", "peninsula", "mountain",
                                  "nuclear_plant", "power_plant", "dam", "bridge", "port", "industrial",
                                  "landmark")

# A mention's part in the claims around it (set by geo/link.py): where what is reported happened,
# the seat of a government or speaker named for who acts or speaks ("Kyiv said", "the Kremlin",
# "$61bn for Kyiv"), or only mentioned (a country holding a place the claim names).
MentionRole = Literal["event", "seat", "mentioned"]
MENTION_ROLES: tuple[str, ...] = ("event", "seat", "mentioned")

DatePrecision = Literal["day", "week", "month", "year", "range"]


@dataclass
class Article:
    """One story. ``text`` is the whole source file; the story is ``text[start:end]``."""

    id: str
    source: str
    text: str
    start: int
    end: int
    title: str = ""
    outlet: str | None = None
    outlet_side: str = "unknown"
    published: date | None = None
    url: str | None = None
    language: str = "en"

    @property
    def body(self) -> str:
        """The story's own text (headline included)."""
        return self.text[self.start:self.end]


@dataclass
class Mention:
    """One occurrence of a place name in an article."""

    article_id: str
    start: int
    end: int
    text: str
    role: str = "mentioned"   # one of MENTION_ROLES
    evidence: str = ""        # why this reading: the detection features, the margin, the blunder guard's word

    def to_json(self) -> dict:
        return {"article_id": self.article_id, "start": self.start, "end": self.end, "text": self.text,
                "role": self.role, "evidence": self.evidence}


@dataclass
class Place:
    """A resolved place. ``id`` is stable across articles (e.g. ``gn:703448``)."""

    id: str
    name: str
    lat: float
    lon: float
    country_code: str | None
    precision: str
    confidence: float = 1.0
    mentions: list[Mention] = field(default_factory=list)
    kind: str = "city"        # one of FEATURE_KINDS

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country_code": self.country_code,
            "precision": self.precision,
            "kind": self.kind,
            "confidence": round(self.confidence, 3),
            "mentions": [m.to_json() for m in self.mentions],
        }


# Roles that are no source the text names: the outlet's own narrative, and "I" outside quotation
# marks (the piece's writer, as in an opinion column). Both take the outlet's side.
OUTLET_ROLE = "outlet"
AUTHOR, AUTHOR_ROLE = "the author", "author of the piece"


@dataclass
class Claim:
    """A reported statement with who made it, for which side, when, and where."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_role: str | None = None
    side: str = "unknown"
    cue: str | None = None
    is_quote: bool = False
    stance: str = "asserts"
    claim_date: date | None = None
    claim_date_precision: str | None = None
    event_date: date | None = None
    event_date_end: date | None = None
    event_date_precision: str | None = None
    place_ids: list[str] = field(default_factory=list)      # where what it reports happened
    seat_place_ids: list[str] = field(default_factory=list)  # named for who speaks or acts ("Kyiv said")
    mentioned_place_ids: list[str] = field(default_factory=list)  # named, but not where it happened

    def to_json(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "id": self.id,
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "side": self.side,
            "cue": self.cue,
            "is_quote": self.is_quote,
            "stance": self.stance,
            "claim_date": iso(self.claim_date),
            "claim_date_precision": self.claim_date_precision,
            "event_date": iso(self.event_date),
            "event_date_end": iso(self.event_date_end),
            "event_date_precision": self.event_date_precision,
            "place_ids": list(self.place_ids),
            "seat_place_ids": list(self.seat_place_ids),
            "mentioned_place_ids": list(self.mentioned_place_ids),
        }


@dataclass
class Extraction:
    """What the pipeline produces for a batch of files."""

    articles: list[Article] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
