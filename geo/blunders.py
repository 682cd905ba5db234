"""The blunder guard: a reading far from everything else a story places, on weak evidence, does not
stand.

A reader sees the map's worst errors, not its average: "NATO" in "the U.S. and NATO" put on a town in
the Philippines, the "Pacific" of "Indo-Pacific" on a town in Missouri, the given name in "PM Natalia
Gavrilita" on a town in Texas. Each is one marker thousands of kilometres from every other place of
its story, and each rests on evidence a careful reader would not take: an all-caps acronym, a piece
of a hyphenated name, a word inside a person's name, a photo credit, a village mentioned once.

So, after resolution, each name whose reading is *far* (no other place of the story within
``FAR_KM``, and not in a country the story names) is weighed by the *weak* evidence behind it. A
weak far reading is replaced by another reading of the same name that lies near the story's places
(when one exists and scored close enough), else dropped. A far reading on good evidence (a big
city, "the city of X", a qualifier) stays: news does mention distant places. The reason is kept in
the mention's evidence so the page and ``geo eval --blunders`` can say why.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .gazetteer import KINDS, Gazetteer
from .toponyms import Toponym

FAR_KM = 1500.0           # no other local place of the story within this: the reading stands alone
NEAR_KM = 800.0           # an alternative this close to the story's places is "the nearby reading"
REPLACE_WITHIN = 4.0      # ... and is taken if it scored no more than this below the far one (weak evidence)
REPLACE_IN_COUNTRY = 2.0  # ... or this, with no weak evidence, when it lies near another place of the story
SMALL_TOWN = 100_000      # a lone mention of a town under this many people is weak evidence
_FOCUS_MIN, _FOCUS_SHARE = 3, 0.8  # a story "plainly about" a country: this many places, this share in it
_METROPOLIS = 1_000_000   # ... and a town this big may still be mentioned in passing
_LOCAL = frozenset(KINDS.index(k) for k in ("admin1", "admin2", "city", "airport"))  # what the guard weighs
_CONTEXT = frozenset(KINDS.index(k) for k in KINDS if k not in ("continent", "country"))  # what it measures by
_COUNTRY = KINDS.index("country")
_CITY = KINDS.index("city")
_CONTINENT = KINDS.index("continent")

# Evidence that the wording itself says "this is a place" (enough to stand far from the rest).
_STRONG_FEATURES = ("type:", "city-of", "apposition", "qualified", "dateline", "governor", "listed-")
_TITLE_BEFORE = re.compile(r"\b(?:PM|Prime Minister|President|Minister|Premier|Chancellor|Secretary|Gen\.|General|"
                           r"Ambassador|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sen\.?|Rep\.?|Gov\.?|Mayor|Governor|spokes\w+|"
                           r"leader|chief|head|CEO)\s+$")
_CREDIT_BEFORE = re.compile(r"(?:\b(?:Photo|Photograph|Image|Picture|Credit|Courtesy|Source|Video)s?\s*(?:by)?\s*[:/|-]?\s*"
                            r"|[/|]\s*)$", re.IGNORECASE)
_CREDIT_AFTER = re.compile(r"^\s*[/|]\s*[A-Z]")
_POSSESSIVE_AFTER = re.compile(r"^['’]s\b")
_CAP_WORD_AFTER = re.compile(r"^ [A-Z][a-z]+")


@dataclass
class Decision:
    """What the guard did with one name: ``kept`` (not far or good evidence), ``replaced`` or ``dropped``."""

    action: str
    reading: int | None
    reasons: list[str] = field(default_factory=list)

    @property
    def note(self) -> str:
        return f"guard:{self.action}({','.join(self.reasons)})" if self.action != "kept" else ""


def weak_evidence(t: Toponym, text: str, n_mentions: int, population: int, kind: int) -> list[str]:
    """Why a mention is thin evidence for a place (empty when the wording says it is one)."""
    reasons: list[str] = []
    surface = text[t.start:t.end]
    left, right = text[max(0, t.start - 30):t.start], text[t.end:t.end + 30]
    if surface.isupper() and len(surface.replace(".", "")) <= 5 and "dateline" not in " ".join(t.features):
        reasons.append("acronym")
    if left.endswith("-") or re.match(r"^-[A-Za-z]", right):
        reasons.append("hyphen-piece")  # "Indo-Pacific", "Pacific-facing"
    # "PM Natalia Gavrilita"; the model's PERSON label alone only for a small town (it calls Glasgow a person)
    if any(f.startswith(("person-name", "title", "said")) for f in t.features) or _TITLE_BEFORE.search(left) \
            or (t.ner == "PERSON" and population < SMALL_TOWN):
        reasons.append("person")
    if _CREDIT_BEFORE.search(left) or _CREDIT_AFTER.match(right):
        reasons.append("credit")       # "Pool/Getty Images"
    if _POSSESSIVE_AFTER.match(right) and _CAP_WORD_AFTER.match(right[2:]) or "cap-next" in t.features \
            or "cap-prev" in t.features:
        reasons.append("longer-name")  # "Buckingham Palace", "Moldova's Natalia"
    if any(f.startswith(("stoplist", "lowercase-elsewhere", "ner:ORG", "ner:NORP")) for f in t.features):
        reasons.append("common-word")
    strong = any(f.startswith(_STRONG_FEATURES) for f in t.features)
    if n_mentions == 1 and kind == _CITY and population < SMALL_TOWN and not strong:
        reasons.append("lone-small")
    if strong and reasons:
        reasons = [r for r in reasons if r in ("acronym", "hyphen-piece", "credit")]
    return reasons


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _strength(mentions: list[Toponym], scored: list[list[float]]) -> float:
    """How sure the name is of its reading: its best mention's detection score plus its margin."""
    margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 4.0
    return max(t.score for t in mentions) + margin


def _reasons(gaz: Gazetteer, text: str, mentions: list[Toponym], i: int) -> list[str]:
    """The weak evidence that holds at every mention of the name (one mention: all of its own)."""
    per = [weak_evidence(t, text, len(mentions), gaz.pops[i], gaz.kinds[i]) for t in mentions]
    return [r for r in per[0] if all(r in p for p in per[1:])]


def _foreign_to_story(gaz: Gazetteer, i: int, others: list[int]) -> bool:
    """A town of one country in a story plainly about another ("Central Coast" read in Australia among
    Vancouver, Toronto and B.C.): no other place of the story lies in its country, and most of them lie
    in one other country. A metropolis is spared: news mentions Sydney or Tokyo in passing."""
    ccs = [gaz.ccs[j] for j in others if gaz.kinds[j] != _CONTINENT and gaz.ccs[j]]
    if len(ccs) < _FOCUS_MIN or gaz.ccs[i] in ccs or gaz.pops[i] >= _METROPOLIS:
        return False
    top = max(set(ccs), key=ccs.count)
    return ccs.count(top) >= _FOCUS_SHARE * len(ccs)


class _StoryMap:
    """The story's chosen readings bucketed in 10-degree cells, with their countries counted, so that
    "is another place of the story near this reading" looks at a few cells, not every name of a long
    story. Groups are removed as they are dropped and moved as they are replaced."""

    _CELL = 10.0

    def __init__(self, gaz: Gazetteer, chosen: list[int | None]):
        self.gaz = gaz
        self.reading: dict[int, int] = {}
        self.cells: dict[tuple[int, int], set[int]] = defaultdict(set)
        self.ccs: Counter = Counter()
        self.measurable = 0
        for g, i in enumerate(chosen):
            if i is not None:
                self.put(g, i)

    def _cell(self, i: int) -> tuple[int, int]:
        return math.floor(self.gaz.lats[i] / self._CELL), math.floor(self.gaz.lons[i] / self._CELL)

    def _cc(self, i: int) -> str:
        return self.gaz.ccs[i] if self.gaz.kinds[i] != _CONTINENT else ""

    def put(self, g: int, i: int) -> None:
        self.reading[g] = i
        self.measurable += self._measurable(i)
        if self.gaz.kinds[i] in _CONTEXT:
            self.cells[self._cell(i)].add(g)
        if self._cc(i):
            self.ccs[self._cc(i)] += 1

    def remove(self, g: int) -> None:
        i = self.reading.pop(g)
        self.measurable -= self._measurable(i)
        self.cells[self._cell(i)].discard(g)
        if self._cc(i):
            self.ccs[self._cc(i)] -= 1

    def _measurable(self, i: int) -> bool:
        return self.gaz.kinds[i] in _CONTEXT or bool(self._cc(i))

    def has_context(self, g: int) -> bool:
        """Whether the story places anything besides name ``g`` to measure it by (a place or a country)."""
        own = g in self.reading and self._measurable(self.reading[g])
        return self.measurable - own > 0

    def distance(self, i: int, leave_out: set[int], by_country: bool = True) -> float:
        """How far reading ``i`` lies from the readings of the groups not in ``leave_out``: 0 in a country
        one of them lies in (when ``by_country``), else the distance to the nearest (inf past FAR_KM)."""
        gaz = self.gaz
        cc = gaz.ccs[i]
        if by_country and cc:
            inside = self.ccs[cc] - sum(1 for h in leave_out if h in self.reading and self._cc(self.reading[h]) == cc)
            if inside > 0:
                return 0.0
        la, lo = self._cell(i)
        # enough cells east and west to cover FAR_KM at this latitude (all of them near the poles)
        span = 2 if abs(gaz.lats[i]) < 40 else 3 if abs(gaz.lats[i]) < 60 else math.ceil(180 / self._CELL)
        best = math.inf
        for dla in (-2, -1, 0, 1, 2):
            for dlo in range(-span, span + 1):
                for h in self.cells.get((la + dla, (lo + dlo + 18) % 36 - 18), ()):
                    if h not in leave_out:
                        j = self.reading[h]
                        best = min(best, _km(gaz.lats[i], gaz.lons[i], gaz.lats[j], gaz.lons[j]))
        return best

    def others(self, g: int) -> list[int]:
        return [j for h, j in self.reading.items() if h != g]


def guard(gaz: Gazetteer, text: str, groups: list[tuple[list[Toponym], list[list[float]]]]) -> list[Decision]:
    """One decision per name group. ``groups``: each name's mentions and its scored readings, best first.

    Far names are settled one at a time and every change is seen by the next decision. The cheapest
    move comes first (the smallest loss of score to a nearby reading): of two names far from each
    other ("Edmonton" read in Canada, "Enfield" in London) the one whose other reading is nearly as
    good moves, not both towards each other. A move goes only towards places that are not far
    themselves (two stray Australian readings in a Canadian story do not hold each other up). Drops
    come after every possible move, least sure first.
    """
    chosen: list[int | None] = [scored[0][1] for _, scored in groups]
    decisions = [Decision("kept", i) for i in chosen]
    story = _StoryMap(gaz, chosen)
    candidates = {g for g, i in enumerate(chosen) if i is not None and gaz.kinds[i] in _LOCAL}
    for _ in range(2 * len(groups)):
        far = {g for g in candidates if story.has_context(g) and story.distance(chosen[g], {g}) > FAR_KM}
        moves, drops = [], []
        for g in far:
            mentions, scored = groups[g]
            i = chosen[g]
            assert i is not None
            reasons = _reasons(gaz, text, mentions, i)
            if _foreign_to_story(gaz, i, story.others(g)):
                reasons.append("foreign-to-story")
            strong = any(f.startswith(_STRONG_FEATURES) for t in mentions for f in t.features)
            unsteady = far if len(far) < len(story.reading) else {g}  # mutual strays: measure by each other
            for s, j in scored[1:]:
                if story.distance(j, unsteady) > NEAR_KM:
                    continue
                gap = scored[0][0] - s
                # with no weak evidence, only a place of the story nearby (not a country it names, which the
                # score already counted) moves a reading: "Glasgow" stays in Scotland in a story naming the U.S.
                near_town = story.distance(j, unsteady, by_country=False) <= NEAR_KM
                if (reasons and gap <= REPLACE_WITHIN) or (near_town and gap <= REPLACE_IN_COUNTRY and not strong):
                    moves.append((gap, g, j, reasons or ["in-story-country"]))
                break  # only the best nearby reading is a candidate
            if reasons:
                drops.append((_strength(mentions, scored), g, reasons))
        if moves:
            _, g, j, reasons = min(moves)
            story.remove(g)
            story.put(g, j)
            chosen[g] = j
            decisions[g] = Decision("replaced", j, ["far", *reasons])
        elif drops:
            _, g, reasons = min(drops)
            story.remove(g)
            chosen[g] = None
            decisions[g] = Decision("dropped", None, ["far", *reasons])
        else:
            break
        candidates.discard(g)
    return decisions
