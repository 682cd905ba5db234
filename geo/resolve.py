"""Toponyms -> Places: pick one gazetteer entry per mention.

Evidence, in the order it is weighed:

1. the prior: countries and continents over admin regions over cities, then
   population (log scale);
2. what the wording says ("X region" wants an admin1, "city of X" a city);
   a bare name shared by a region and its capital means the city;
3. a qualifier right after the name ("Russellville, Ark.", "Edmonton, Alberta");
4. document coherence: the countries and admin1 regions the article names
   lift the places inside them; the same name means the same place within one
   article, and a facility adjective only resolves inside a named region;
5. the story's own locale cues (its phone numbers, ``geo/locale_cues.py``) count
   like the regions and towns it names; a story naming one unsure town borrows
   the places of the text before it in its file.

Confidence is the detection score squashed to [0,1] times the margin of the
chosen reading over the runner-up.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from . import blunders, locale_cues, roles
from .features import FEATURE_KINDS
from .gazetteer import KINDS, Gazetteer, norm_key
from .models import Article, Mention, Place
from .toponyms import THRESHOLD, Toponym

_CITY, _ADMIN1, _ADMIN2, _COUNTRY = (KINDS.index(k) for k in ("city", "admin1", "admin2", "country"))
_DWARFS = 15  # a region this many times its namesake city's population is what the bare name means
_NEAR_CANDIDATES = 3  # each other name's best readings take part in spatial coherence (more is noise)
_COUNTRY_LIFT = 2.0  # a reading in the country the story is about
_CLAUSE_END = re.compile(r"\s*(?:[,.;:)\]]|$)")
_ANCHOR_MARGIN = 2.0  # a name whose best reading wins by this much pins the article's map
_ANCHOR_LIFT = 3.0  # ... and lifts other names' readings within ~60 km of it by this much
_ANCHOR_MAX_POP = 500_000  # a metropolis has namesakes of everything around it: no evidence
_DIR_WORD = {"north": "northern", "south": "southern", "east": "eastern", "west": "western", "central": "central",
             "north-east": "north-eastern", "north-west": "north-western", "south-east": "south-eastern",
             "south-west": "south-western"}


def _base(gaz: Gazetteer, i: int) -> float:
    kind = KINDS[gaz.kinds[i]]
    pop = max(gaz.pops[i], 1)
    if kind == "country":
        return 10.0
    if kind == "region" or kind in FEATURE_KINDS:  # shipped broad regions and named features: chosen names
        return 10.5
    if kind == "continent":
        return 9.5
    if kind == "admin1":
        return 6.5 + 0.3 * math.log10(pop)
    if kind == "admin2":
        return 3.0 + 0.2 * math.log10(pop)
    if kind == "airport":  # above a village it is named after (Heathrow, Florida), below a town (Boryspil)
        return 5.0
    return math.log10(pop) + (1.5 if pop >= 1_000_000 else 0.0)


def _filter_by_hint(gaz: Gazetteer, t: Toponym, admin1s: Counter | None = None) -> tuple[int, ...]:
    ids = t.candidates
    if t.hint in ("admin1", "admin2"):
        regions = tuple(i for i in ids if gaz.kinds[i] in (_ADMIN1, _ADMIN2))
        if regions:
            return regions
        # "Zaporizhzhia region" where the region is spelled otherwise (Zaporizhia): the admin1 of the
        # biggest town of that name, if the two names share their first five letters
        cities = sorted((i for i in ids if gaz.kinds[i] == _CITY), key=lambda i: gaz.pops[i], reverse=True)
        for c in cities[:1]:
            a = gaz.admin1_idx.get(f"{gaz.ccs[c]}.{gaz.admin1s[c]}")
            if a is not None and norm_key(gaz.names[a]).startswith(norm_key(gaz.names[c])[:5]):  # Tver: Tverskaya
                return (a,)
        return ids
    if t.hint == "city":
        cities = tuple(i for i in ids if gaz.kinds[i] == _CITY)
        return cities or ids
    # A bare name shared by an admin1 and its eponymous capital means the city ("Kharkiv"), unless the
    # region dwarfs the city (Quebec), or is five times its size and the article lists sibling regions.
    cities = [i for i in ids if gaz.kinds[i] == _CITY]
    drop = set()
    for i in ids:
        if gaz.kinds[i] != _ADMIN1:
            continue
        twins = [c for c in cities if gaz.ccs[c] == gaz.ccs[i] and gaz.pops[c] >= 20_000
                 and (gaz.admin1s[c] == gaz.admin1s[i]  # a capital city can be its own admin1 (Kyiv)
                      or _km(gaz.lats[c], gaz.lons[c], gaz.lats[i], gaz.lons[i]) < 100)]
        if not twins:
            continue
        siblings = admin1s is not None and any(cc == gaz.ccs[i] and a1 != gaz.admin1s[i] for cc, a1 in admin1s)
        ratio = gaz.pops[i] / max(1, max(gaz.pops[c] for c in twins))
        if not (ratio >= _DWARFS or (siblings and ratio >= 5)):
            drop.add(i)
    return tuple(i for i in ids if i not in drop) or ids


def rank(gaz: Gazetteer, ids: tuple[int, ...], hint: str | None = None, key: str | None = None) -> list[int]:
    """Readings of a name without document context, best first: the wording's hint, then the prior.

    A national capital gets its bonus only under its own name (``key``), not under an alternate one.
    """
    t = Toponym(0, 0, "", ids, hint=hint)
    kept = _filter_by_hint(gaz, t)

    def score(i: int) -> float:
        own_name = key is not None and norm_key(gaz.names[i]) == key
        capital = i in gaz.capitals and (key is None or own_name)
        return _base(gaz, i) + (3.0 if capital else 0.0) + (1.0 if own_name else 0.0)

    return sorted(kept, key=score, reverse=True)


def _qualifier(toponyms: list[Toponym], k: int, text: str) -> Toponym | None:
    """The toponym written right after this one as ", Y" (a state, province or country)."""
    if k + 1 >= len(toponyms):
        return None
    t, q = toponyms[k], toponyms[k + 1]
    if text[t.end:q.start] in (", ", ","):
        return q
    return None


def _focus(country_src: dict[str, set[str]], key: str) -> dict[str, float]:
    """How much the story is about each country, 0..1, leaving out the name being resolved: the
    country's share of the names that put a country in context, full at half or more. "U.S. Central
    Command" in a world round-up of ten countries barely counts ("GENEVA" stays in Switzerland); the
    same "U.S." in a story about Ohio towns counts fully. Countries with no other support are absent."""
    own = {cc: len(names - {key}) for cc, names in country_src.items()}
    total = sum(own.values())
    return {cc: min(1.0, 2.0 * n / total) for cc, n in own.items() if n}


_LOCAL_MENTIONS = 3  # a name the story writes this often is where the story is told
_LOCAL_MIN_POP = 100_000  # ... and a namesake this big in the story's country is that place
_LOCAL_FOCUS = 0.5  # the story is at least this much about the namesake's country


def _story_town(gaz: Gazetteer, scored: list[list[float]], n_mentions: int, focus: dict[str, float],
                key: str) -> None:
    """A story that writes a town's name again and again, and names that town's country only through a
    namesake, is local news from the namesake's country: "a London rally", "a London doctor", "the
    London event" beside "Canada" three times and no place of Britain is London, Ontario. The leading
    reading loses what only its fame gave it (a capital's bonus) and a big namesake in the country the
    story is about gains as an anchor would. A town named once ("flew to London") is not touched, nor
    a name whose leading reading lies in a country the story names ("Paris" beside "France")."""
    if n_mentions < _LOCAL_MENTIONS or len(scored) < 2:
        return
    lead = max(scored)
    i = lead[1]
    if gaz.kinds[i] != _CITY or focus.get(gaz.ccs[i], 0.0) > 0.0:
        return
    namesakes = [row for row in scored if row is not lead and gaz.kinds[row[1]] == _CITY
                 and gaz.pops[row[1]] >= _LOCAL_MIN_POP and focus.get(gaz.ccs[row[1]], 0.0) >= _LOCAL_FOCUS]
    if not namesakes:
        return
    if i in gaz.capitals and norm_key(gaz.names[i]) == key:
        lead[0] -= 3.0
    max(namesakes)[0] += _ANCHOR_LIFT


def _holds_qualified(gaz: Gazetteer, tops: list[Toponym], members: list[int], text: str) -> set[int]:
    """Readings of a name written as a qualifier (", Y" after a place) that contain a reading of that place.

    Such a Y is the admin1 or country the place lies in ("Bronx, New York" is the state, not the city).
    """
    out: set[int] = set()
    for k in members:
        if k == 0 or _qualifier(tops, k - 1, text) is not tops[k]:
            continue
        inner = {(gaz.ccs[j], gaz.admin1s[j]) for j in tops[k - 1].candidates
                 if gaz.kinds[j] in (_CITY, _ADMIN2)}
        for i in tops[k].candidates:
            kind = gaz.kinds[i]
            if (kind == _ADMIN1 and (gaz.ccs[i], gaz.admin1s[i]) in inner) or (
                    kind == _COUNTRY and any(cc == gaz.ccs[i] for cc, _ in inner)):
                out.add(i)
    return out


def resolve(article: Article, toponyms: list[Toponym], gazetteer: Gazetteer, _borrowing: bool = False) -> list[Place]:
    """One Place per distinct resolved place, with every mention of it in this article.

    ``_borrowing``: this is the story before a thin one, resolved for its context (no further look back)."""
    gaz = gazetteer
    tops = [t for t in toponyms if t.candidates and article.start <= t.start and t.end <= article.end
            and t.container is None]
    unlisted = [t for t in toponyms if t.container is not None and article.start <= t.start
                and t.end <= article.end]
    if not tops or gaz is None:
        return []
    text = article.text

    # document context: countries and admin1s named unambiguously enough
    admin1s: Counter = Counter()
    admin1_src: dict[tuple[str, str], set[str]] = defaultdict(set)  # which names put a region in context
    country_src: dict[str, set[str]] = defaultdict(set)  # ... and a country
    tops_of: dict[tuple[tuple[int, ...], str | None], int] = {}
    named_countries: set[str] = set()  # countries the article names outright
    for t in tops:
        sig = (t.candidates, t.hint)
        top = tops_of.get(sig)
        if top is None:
            top = tops_of[sig] = max(_filter_by_hint(gaz, t), key=lambda i: _base(gaz, i))
        if gaz.kinds[top] == _COUNTRY:
            country_src[gaz.ccs[top]].add(norm_key(_core_text(t)))
            named_countries.add(gaz.ccs[top])
        elif top in gaz.capitals and norm_key(gaz.names[top]) == norm_key(_core_text(t)):
            country_src[gaz.ccs[top]].add(norm_key(_core_text(t)))  # a capital names its country
        elif gaz.kinds[top] == _ADMIN1 and _base(gaz, top) >= 8.0:
            admin1s[(gaz.ccs[top], gaz.admin1s[top])] += 1
            admin1_src[(gaz.ccs[top], gaz.admin1s[top])].add(norm_key(_core_text(t)))
            country_src[gaz.ccs[top]].add(norm_key(_core_text(t)))
        elif len(t.candidates) == 1 and gaz.kinds[top] == _CITY and gaz.ccs[top]:
            country_src[gaz.ccs[top]].add(norm_key(_core_text(t)))  # "Khan Younis": only one place has that name
    for t in tops:
        if t.hint in ("admin1", "admin2"):
            for i in _filter_by_hint(gaz, t):
                if gaz.kinds[i] == _ADMIN1:
                    admin1s[(gaz.ccs[i], gaz.admin1s[i])] += 1
                    admin1_src[(gaz.ccs[i], gaz.admin1s[i])].add(norm_key(_core_text(t)))
    phone_towns = _phone_context(gaz, article.body, country_src, admin1_src)

    # same surface -> same place: pool evidence per key
    groups: dict[tuple[str, str | None, bool], list[int]] = defaultdict(list)
    for k, t in enumerate(tops):
        groups[(norm_key(_core_text(t)), t.hint if t.hint in ("admin1", "admin2") else None, t.facility)].append(k)

    # per group: candidates scored on prior, wording, qualifiers and the article's countries/regions
    group_scores: list[tuple[list[int], list[list[float]]]] = []
    for _, members in groups.items():
        qual_places: set[tuple[str, str]] = set()
        lead = tops_of.get((tops[members[0]].candidates, tops[members[0]].hint))
        for k in members:
            q = _qualifier(tops, k, text)
            if q is None or (lead is not None and gaz.kinds[lead] not in (_CITY, _ADMIN2)
                             and not _CLAUSE_END.match(text, q.end)):
                continue  # "in Russia, U.S. officials said": an adjective, not "Georgia, U.S." closing a clause
            qi = max(_filter_by_hint(gaz, q), key=lambda i: _base(gaz, i))
            qual_places.add((gaz.ccs[qi], gaz.admin1s[qi] if gaz.kinds[qi] == _ADMIN1 else ""))
        holds = _holds_qualified(gaz, tops, members, text)
        ids = _filter_by_hint(gaz, tops[members[0]], admin1s)
        ids = ids + tuple(i for i in holds if i not in ids)
        key = norm_key(_core_text(tops[members[0]]))
        focus = _focus(country_src, key)
        scored = []
        for i in ids:
            s = _base(gaz, i)
            cc, a1 = gaz.ccs[i], gaz.admin1s[i]
            kind = gaz.kinds[i]
            own_name = norm_key(gaz.names[i]) == key
            if own_name:
                s += 1.0  # "Waterloo" is Waterloo before it is Austin's old name
            if i in gaz.capitals and own_name:
                s += 3.0
            s += _COUNTRY_LIFT * focus.get(cc, 0.0)  # the country is named (or implied) elsewhere
            if kind in (_CITY, _ADMIN2) and admin1_src.get((cc, a1), set()) - {key}:  # not its own support
                s += 2.5
            if any(qc == cc and (not qa or qa == a1) for qc, qa in qual_places):
                s += 6.0
            if kind == _CITY and ((cc, a1, key) in phone_towns or (cc, "", key) in phone_towns):
                s += 6.0  # the story prints a phone number of this very town: "London, ON" for "London"
            if i in holds:  # "Bronx, New York": the qualifier is the state holding the Bronx
                s += 6.0
            scored.append([s, i])
        _story_town(gaz, scored, len(members), focus, key)
        group_scores.append((members, scored))

    if _thin(gaz, group_scores) and not _borrowing:
        _lift_by_story_before(gaz, article, group_scores)

    # spatial coherence: a reading with readings of *other* names of the article nearby wins
    # ("Edmonton" beside "Enfield" and "Tottenham" is the London one). Readings are bucketed in
    # 1-degree cells; "nearby" is the same or a neighbouring cell (roughly within 100-200 km).
    cell_groups: dict[tuple[int, int], set[int]] = defaultdict(set)
    for g, (_, scored) in enumerate(group_scores):
        for _, i in sorted(scored, reverse=True)[:_NEAR_CANDIDATES]:
            if gaz.kinds[i] in (_CITY, _ADMIN2):
                cell_groups[(math.floor(gaz.lats[i]), math.floor(gaz.lons[i]))].add(g)
    if len(group_scores) > 1:
        for g, (_, scored) in enumerate(group_scores):
            if len(scored) < 2:
                continue
            for row in scored:
                i = row[1]
                if gaz.kinds[i] not in (_CITY, _ADMIN2):
                    continue
                la, lo = math.floor(gaz.lats[i]), math.floor(gaz.lons[i])
                near: set[int] = set()
                for dla in (-1, 0, 1):
                    for dlo in (-1, 0, 1):
                        near |= cell_groups.get((la + dla, lo + dlo), set())
                near.discard(g)
                row[0] += min(3.0, 1.5 * len(near))
    _near_anchors(gaz, group_scores, named_countries)
    for _, scored in group_scores:
        scored.sort(reverse=True)
    decisions = blunders.guard(gaz, text, [([tops[k] for k in members], scored) for members, scored in group_scores])
    chosen: dict[int, tuple[int, float]] = {}
    notes: dict[int, str] = {}
    for (members, scored), decision in zip(group_scores, decisions):
        best_s, best = scored[0]
        if tops[members[0]].facility and not admin1s.get((gaz.ccs[best], gaz.admin1s[best])) and len(scored) > 1:
            continue  # an ambiguous facility adjective with no region to pin it
        margin = best_s - scored[1][0] if len(scored) > 1 else 4.0
        if decision.action == "dropped":
            continue
        if decision.action == "replaced" and decision.reading is not None:
            best, margin = decision.reading, 0.0  # the nearby reading, with no margin to boast of
        for k in members:
            chosen[k] = (best, margin)
            notes[k] = decision.note

    settled = _towns_named_as_countries(gaz, text, tops, group_scores, chosen)

    places: dict[str, Place] = {}
    by_reading: dict[object, Place] = {}
    for k, t in enumerate(tops):
        if k not in chosen:
            continue
        i, margin = chosen[k]
        if k in settled:
            _settle(places, gaz, article, t, settled[k], margin,
                    f"a town the index lacks, called a town; by {gaz.names[settled[k]]}")
            continue
        detect = 1.0 / (1.0 + math.exp(-(t.score - THRESHOLD + 1.0)))
        conf = detect * (1.0 / (1.0 + math.exp(-margin)))
        pid = f"area:{t.area}:{i}" if t.area else i
        have = by_reading.get(pid)
        role = "mentioned" if t.area else roles.mention_role(text, t.start, t.end, KINDS[gaz.kinds[i]], gaz.names[i],
                                                               i in gaz.capitals)
        mention = Mention(article.id, t.start, t.end, text[t.start:t.end], role,
                          evidence=_evidence(t, margin, notes.get(k)))
        if have is None:
            place = _area_place(gaz, i, t) if t.area else _place(gaz, i)
            have = places.get(place.id)
            if have is None:
                place.confidence = conf
                place.mentions.append(mention)
                places[place.id] = by_reading[pid] = place
                continue
            by_reading[pid] = have
            have.mentions.append(mention)
            have.confidence = max(have.confidence, conf)
        else:
            have.mentions.append(mention)
            have.confidence = max(have.confidence, conf)
    # names the gazetteer lacks: placed at the reading chosen for the place they lie in
    index_of = {id(t): k for k, t in enumerate(tops)}
    for t in unlisted:
        k = index_of.get(id(t.container))
        if k is None or k not in chosen:
            continue
        i, margin = chosen[k]
        _settle(places, gaz, article, t, i, margin, f"unlisted; within {t.container.text}")
    return list(places.values())


_TOWN_OF = re.compile(r"\b(?:city|town|village|suburb|hamlet)\s+of\s+$", re.IGNORECASE)
_TOWN_NEAR_KM = 300.0  # a town reading this close to the story's local places is the one "the city of X" means


def _towns_named_as_countries(gaz: Gazetteer, text: str, tops: list[Toponym],
                              group_scores: list[tuple[list[int], list[list[float]]]],
                              chosen: dict[int, tuple[int, float]]) -> dict[int, int]:
    """"The city of Turkey" in a story of Texas towns is a town, not the country: a name read as a
    country that the story also calls a city, town or village is re-read as a town. The town reading
    near the story's local places (chosen towns and counties) is taken when there is one; else the
    name is a town the index lacks (a few hundred people), placed at the local place written nearest to
    it, or at the story's state when it names no town or county (returned: mention index -> that
    place's reading). With neither, the reading stands."""
    settled: dict[int, int] = {}
    for g, (members, scored) in enumerate(group_scores):
        k0 = members[0]
        if k0 not in chosen or not any(gaz.kinds[i] == _COUNTRY for i in tops[k0].candidates):
            continue
        i0 = chosen[k0][0]
        # the country itself, or a town that has the name only as an alternate (New Providence, once "Turkey")
        if not (gaz.kinds[i0] == _COUNTRY or norm_key(gaz.names[i0]) != norm_key(_core_text(tops[k0]))):
            continue
        if not any(_TOWN_OF.search(text[max(0, tops[k].start - 30):tops[k].start]) for k in members):
            continue
        others = [(k, chosen[k][0]) for h, (ks, _) in enumerate(group_scores) if h != g for k in ks if k in chosen]
        local = ([(k, i) for k, i in others if gaz.kinds[i] in (_CITY, _ADMIN2)]
                 or [(k, i) for k, i in others if gaz.kinds[i] == _ADMIN1])  # else the state it is in
        if not local:
            continue
        near = [(s, i) for s, i in scored if gaz.kinds[i] == _CITY and min(
            _km(gaz.lats[i], gaz.lons[i], gaz.lats[j], gaz.lons[j]) for _, j in local) <= _TOWN_NEAR_KM]
        if near:
            for k in members:
                chosen[k] = (max(near)[1], 0.0)
            continue
        at = min(local, key=lambda kj: abs(tops[kj[0]].start - tops[k0].start))[1]
        for k in members:
            settled[k] = at
    return settled


def _settle(places: dict[str, Place], gaz: Gazetteer, article: Article, t: Toponym, at: int,
            margin: float, evidence: str) -> None:
    """A place the index lacks, at the point of the place it lies in or by (half the usual confidence)."""
    inner = _place(gaz, at)
    slug = re.sub(r"[^a-z0-9]+", "-", norm_key(t.text)).strip("-")
    pid = f"near:{slug}:{inner.id}"
    place = places.get(pid)
    if place is None:
        place = places[pid] = Place(pid, t.text, inner.lat, inner.lon, inner.country_code, inner.precision,
                                    0.5 / (1.0 + math.exp(-margin)), kind="city")
    place.mentions.append(Mention(article.id, t.start, t.end, article.text[t.start:t.end], evidence=evidence))


_BORROW_CHARS = 4000  # how much of the file before a thin story is read for its places
_BORROW_MARGIN = 4.0  # a name sure of its reading by this much needs no context


def _thin(gaz: Gazetteer, group_scores: list[tuple[list[int], list[list[float]]]]) -> bool:
    """A story that names one place and nothing to measure it by, and is unsure of it: a town with a
    namesake close behind ("at Edmonton", alone in a part of an article after a subhead)."""
    if len(group_scores) != 1:
        return False
    scored = sorted(group_scores[0][1], reverse=True)
    return (len(scored) > 1 and gaz.kinds[scored[0][1]] in (_CITY, _ADMIN2)
            and scored[0][0] - scored[1][0] < _BORROW_MARGIN)


def _lift_by_story_before(gaz: Gazetteer, article: Article, group_scores: list) -> None:
    """A thin story borrows the places of the text before it in the same file: a story split off by a
    subhead (or the next item of a local digest) is about the same corner of the world. Its towns and
    counties anchor the thin name's readings as another name of the story would (full lift within 60 km,
    fading to none at 300 km), and its countries lift readings in them."""
    if article.start <= 0:
        return
    from .toponyms import find_toponyms

    lo = max(0, article.start - _BORROW_CHARS)
    before = Article(article.id, article.source, article.text, lo, article.start)
    places = resolve(before, find_toponyms(before, gaz), gaz, _borrowing=True)
    towns = [(p.lat, p.lon) for p in places if p.kind in ("city", "admin2") or p.precision == "city"]
    countries = Counter(p.country_code for p in places if p.country_code)
    if not towns and not countries:
        return
    total = sum(countries.values())
    for row in group_scores[0][1]:
        i = row[1]
        if gaz.kinds[i] not in (_CITY, _ADMIN2):
            continue
        d = min((_km(gaz.lats[i], gaz.lons[i], la, lo_) for la, lo_ in towns), default=1e9)
        if d < 300:
            row[0] += _ANCHOR_LIFT * (1.0 if d < 60 else (300 - d) / 240)
        row[0] += _COUNTRY_LIFT * min(1.0, 2.0 * countries.get(gaz.ccs[i], 0) / total) if total else 0.0


def _phone_context(gaz: Gazetteer, body: str, country_src: dict[str, set[str]],
                   admin1_src: dict[tuple[str, str], set[str]]) -> set[tuple[str, str, str]]:
    """The story's phone numbers as context: each puts its country and state in context like a name
    would, and the towns they name are returned as (country, admin1, name key) for a qualifier's lift."""
    towns: set[tuple[str, str, str]] = set()
    for loc in locale_cues.phone_locales(body, gaz):
        src = f"tel:{loc.cc}.{loc.admin1}.{loc.town}"
        country_src[loc.cc].add(src)
        if loc.admin1:
            admin1_src[(loc.cc, loc.admin1)].add(src)
        if loc.town:
            towns.add((loc.cc, loc.admin1, loc.town))
    return towns


def _evidence(t: Toponym, margin: float, note: str | None) -> str:
    """Why this mention is where it is, in a line: detection features and score, the margin over the
    runner-up reading, and the blunder guard's word when it spoke."""
    parts = [" ".join(t.features), f"score {t.score:.1f}", f"margin {margin:.1f}"]
    if note:
        parts.append(note)
    return "; ".join(p for p in parts if p)


def _near_anchors(gaz: Gazetteer, group_scores: list[tuple[list[int], list[list[float]]]],
                  named_countries: set[str]) -> None:
    """Lift readings of ambiguous names that lie close to a place the article pins down unambiguously.

    An anchor is the best reading of another name that wins by a clear margin; a town a few dozen km
    from it ("Edmonton" beside "Enfield", "London" beside "Laurel County") is far likelier than a
    namesake on another continent. Distances are measured, not bucketed, so the lift fades smoothly.
    A lead reading in a country the article names outright is not pulled abroad.
    """
    anchors: list[tuple[int, float, float]] = []
    for g, (_, scored) in enumerate(group_scores):
        ranked = sorted(scored, reverse=True)
        i = ranked[0][1]
        if gaz.kinds[i] not in (_CITY, _ADMIN2) or gaz.pops[i] >= _ANCHOR_MAX_POP:
            continue
        if len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= _ANCHOR_MARGIN:
            anchors.append((g, gaz.lats[i], gaz.lons[i]))
    if not anchors:
        return
    for g, (_, scored) in enumerate(group_scores):
        if len(scored) < 2:
            continue
        lead_cc = gaz.ccs[max(scored)[1]]
        for row in scored:
            i = row[1]
            if gaz.kinds[i] not in (_CITY, _ADMIN2):
                continue
            if lead_cc in named_countries and gaz.ccs[i] != lead_cc:
                continue  # "Paris" of a story that names France stays there, whatever lies near Georgetown
            d = min((_km(gaz.lats[i], gaz.lons[i], la, lo) for ag, la, lo in anchors if ag != g), default=1e9)
            if d < 300:
                row[0] += _ANCHOR_LIFT * (1.0 if d < 60 else (300 - d) / 240)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _core_text(t: Toponym) -> str:
    """The name without an area word in front ("eastern Ukraine" pools with "Ukraine" for choosing)."""
    if t.area:
        return t.text.split(None, 1)[-1] if " " in t.text else t.text
    return t.text


def _place(gaz: Gazetteer, i: int) -> Place:
    e = gaz.entry(i)
    return Place(e.id, e.name, e.lat, e.lon, e.country_code or None, e.precision, kind=e.kind)


def _area_place(gaz: Gazetteer, i: int, t: Toponym) -> Place:
    """A part of a country or region: its point moved towards that side (inner quantiles of its cities)."""
    e = gaz.entry(i)
    lat, lon = e.lat, e.lon
    spread = gaz.spread.get(e.country_code) if e.kind == "country" else None
    direction = t.area or "central"
    if spread:
        la_lo, la_mid, la_hi, lo_lo, lo_mid, lo_hi = spread
        if "north" in direction:
            lat = la_hi
        if "south" in direction:
            lat = la_lo
        if "east" in direction:
            lon = lo_hi
        if "west" in direction:
            lon = lo_lo
        if direction == "central":
            lat, lon = la_mid, lo_mid
    scope = e.country_code if e.kind == "country" else e.id.split(":", 1)[-1]
    name = f"{_DIR_WORD.get(direction, direction)} {e.name}"
    return Place(f"area:{direction}:{scope}", name, round(lat, 5), round(lon, 5), e.country_code or None, "area",
                 kind="region")
