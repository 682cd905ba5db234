"""Physical features and facilities (seas, straits, rivers, plants, dams, bridges, ports) for the
gazetteer, read from ``data/place_features.tsv``.

GeoNames' feature classes H, T and S are not shipped by any package this project installs, so the
features war and energy news names come from one shipped table. Each row gives a name, a kind and
stems; the stems take the kind's own words, in the forms news writes them ("the Dnipro River",
"the River Dnipro", "the Zaporizhzhia nuclear power plant", "the Kakhovka HPP"). A bare stem is never
a name of the feature: "Dnipro" stays the city, and only the words that say "river" make the river.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

FEATURES = Path(__file__).resolve().parent.parent / "data" / "place_features.tsv"

# The words a kind's stems take, after the stem ("{} River") or around it ("River {}").
FORMS: dict[str, tuple[str, ...]] = {
    "sea": ("{} Sea",),
    "strait": ("{} Strait", "{} Straits", "Strait of {}"),
    "river": ("{} River", "River {}"),
    "lake": ("Lake {}", "{} Lake", "{} Reservoir"),
    "island": ("{} Island", "{} Islands"),
    "peninsula": ("{} Peninsula", "{} Spit"),
    "mountain": ("{} Mountains",),
    "nuclear_plant": ("{} nuclear power plant", "{} nuclear power station", "{} nuclear plant", "{} nuclear station",
                      "{} atomic power plant", "{} atomic power station", "{} NPP", "{} AES"),
    "power_plant": ("{} power plant", "{} power station", "{} thermal power plant", "{} thermal power station",
                    "{} thermal plant", "{} TPP", "{} TES", "{} CHP", "{} combined heat and power plant"),
    "dam": ("{} dam", "{} hydroelectric power plant", "{} hydroelectric power station", "{} hydroelectric plant",
            "{} hydroelectric station", "{} hydroelectric dam", "{} hydropower plant", "{} hydropower station",
            "{} HPP", "{} HES"),
    "bridge": ("{} Bridge",),
    "port": ("{} port", "{} seaport", "{} sea port", "{} commercial sea port", "Port of {}"),
    "industrial": ("{} plant", "{} steel plant", "{} steelworks", "{} steel works", "{} iron and steel works",
                   "{} metallurgical plant", "{} metallurgical combine"),
    "landmark": (),
}
# Kinds drawn as an area (a sea has no one point a reader would trust) or as a point (a plant does).
AREA_KINDS = frozenset({"sea", "strait", "river", "lake", "island", "peninsula", "mountain"})
POINT_KINDS = frozenset(FORMS) - AREA_KINDS
FEATURE_KINDS: tuple[str, ...] = tuple(FORMS)  # in a fixed order: the index stores a kind as its position
# Lower-case words that may continue a capitalised name into a feature's name ("Zaporizhzhia nuclear
# power plant", "the Dnipro river"); only names the table holds are ever matched with them.
NAME_WORDS = frozenset(w.lower() for forms in FORMS.values() for f in forms for w in f.split()
                       if w != "{}" and w.islower())


@dataclass(frozen=True)
class Feature:
    """One row of the table: where the feature is and every name it goes by."""

    kind: str
    name: str
    lat: float
    lon: float
    country_code: str
    names: tuple[str, ...] = field(default=())

    @property
    def slug(self) -> str:
        return "-".join("".join(ch if ch.isalnum() else " " for ch in self.name.lower()).split())


def names_of(kind: str, stems: list[str], extra: list[str]) -> list[str]:
    """Every name a feature goes by: its stems in the kind's forms, then the names written out."""
    out = [form.format(stem) for stem in stems for form in FORMS.get(kind, ())]
    return list(dict.fromkeys([*out, *extra]))


def read_features(path: Path = FEATURES) -> list[Feature]:
    """The table's rows (a missing table gives none, with a warning: the index still builds)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        log.warning("feature table %s unreadable (%s); no seas, rivers or plants in the index", path, exc)
        return []
    out: list[Feature] = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = (line.split("\t") + [""] * 7)[:7]
        kind, name, lat, lon, cc, stems, extra = (p.strip() for p in parts)
        if kind not in FORMS:
            log.warning("%s:%d: unknown feature kind %r", path.name, n, kind)
            continue
        try:
            point = float(lat), float(lon)
        except ValueError:
            log.warning("%s:%d: bad coordinates", path.name, n)
            continue
        split = lambda s: [x.strip() for x in s.split("|") if x.strip()]  # noqa: E731
        out.append(Feature(kind, name, point[0], point[1], cc, tuple(names_of(kind, split(stems),
                                                                              [name, *split(extra)]))))
    return out
