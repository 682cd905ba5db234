"""Article -> candidate place mentions (toponyms), with the evidence for each.

Recall comes from the gazetteer: every capitalised run of up to six words whose
name is in the index (case-, accent- and period-insensitive), plus exact short
forms (U.S., Ky.). Precision comes from context, because most capitalised words
that match *some* place name are not places in the sentence they stand in:

* the spaCy named-entity label is ONE feature (it calls Kharkiv a PERSON and
  Aleppo a NORP, so it can lower a score but not veto a big place);
* cue words around the name ("the city of X", "X region", "in X", "mayor of
  X"; "Mr X", "X said");
* part of a longer proper name (a PERSON or ORG entity, or a capitalised
  neighbour: "Washington Post", "Michael Jordan");
* a stoplist of words that are towns somewhere but rarely places in news
  (months, weekdays, "the West", weapon names, outlets; data/place_stoplist.txt),
  and words the same article also writes in lower case;
* the surnames of people the article names in full.

Areas ("eastern Ukraine") and facilities named after a town ("the Kamensky
chemical plant") are found here too and resolved in geo/resolve.py.
"""
from __future__ import annotations

import bisect
import functools
import logging
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .features import FEATURE_KINDS, NAME_WORDS as FEATURE_NAME_WORDS
from .gazetteer import KINDS, ZERO_WIDTH, Gazetteer, norm_key
from .models import Article
from .nlp import Entity, entities

log = logging.getLogger(__name__)

STOPLIST = Path(__file__).resolve().parent.parent / "data" / "place_stoplist.txt"
THRESHOLD = 1.5              # accept a candidate at or above this score
_FOCUS_LIFT = 2.0            # a PERSON-labelled town of the story's country: the label's usual cost

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*")
_CONNECT = frozenset({"of", "de", "on", "upon", "la", "le", "del", "al", "el", "du", "des", "da", "and", "am",
                      "an", "der", "sur", "en", "y", "di", "i", "the", "au", "aux", "les", "do", "dos", "das",
                      "im", "bei", "ob"})
_SEPS = frozenset({" ", "-", ". "})

_TYPE_AFTER = re.compile(
    r"[ \t]+(region|oblast|province|governorate|prefecture|krai|kray|territory|state|republic|"
    r"county|district|raion|rayon|municipality|city|town|village|area)\b", re.IGNORECASE)
_HINT_OF_TYPE = {"region": "admin1", "oblast": "admin1", "province": "admin1", "governorate": "admin1",
                 "prefecture": "admin1", "krai": "admin1", "kray": "admin1", "territory": "admin1",
                 "state": "admin1", "republic": "admin1", "county": "admin2", "district": "admin2",
                 "raion": "admin2", "rayon": "admin2", "municipality": "admin2", "city": "city",
                 "town": "city", "village": "city", "area": None}
_CITY_OF = re.compile(r"\b(city|town|village|port|capital|suburb|outskirts|region|province|state|oblast|"
                      r"district|county|republic|island|cities|towns|villages|provinces|regions|states|"
                      r"districts|settlements?|communities|community)\s+of\s+"
                      r"(?:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?,? (?:and|or) )?$", re.IGNORECASE)
# "the Ukrainian coal mining city Vuhledar", "the southern port city Kherson": the type word right before
_CITY_BEFORE = re.compile(r"\b(?:[Tt]he|an?)\s+(?:[A-Za-z][\w-]*\s+){0,4}?(?:port\s+)?(city|town|village|settlement|"
                          r"hamlet)\s+$")
# ... but "the town Hall", "the city Council" are the compound nouns, whatever the capitals say
_TYPE_COMPOUND = frozenset({"hall", "council", "centre", "center", "square", "limits", "manager", "clerk", "mayor",
                            "police", "officials", "school", "hospital", "green", "line", "gate", "gates", "walls",
                            "state", "court", "board", "park", "library", "market"})
# "Vuhledar, a town south-west of Donetsk": the text says what it is
_APPOSITION = re.compile(r"^,\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}?(?:city|town|village|settlement|port|"
                         r"suburb|region|province|district|county|hamlet|municipality|capital)\b")
_LIST_SEP = re.compile(r"^(?:,\s*|,?\s+(?:and|or)\s+|\s*/\s*)$")
# "Hugo, Oklahoma", "Churchill, Man.": a name qualified by its region or country right after a comma
_QUALIFIED = re.compile(r"^, ?((?:[A-Z]\.){2,}|[A-Z][a-z]{1,4}\.|[A-Z][\w'’]+(?: [A-Z][\w'’]+)?)")
# "New York Gov. Andrew Cuomo", "the Kharkiv governor", "governor of Kherson": a governor heads a region
_GOVERNOR_AFTER = re.compile(r"^[ \t]+(?:Lt\.[ \t]+)?(?:Gov\.|[Gg]overnor\b|[Gg]ubernatorial\b)")
_GOVERNOR_OF = re.compile(r"\bgovernor\s+of\s+(the\s+)?$", re.IGNORECASE)
_CITY_KIND = KINDS.index("city")
_SAINT = re.compile(r"(?:St\.?|Saint|Ste\.?|San|Santa|Sankt)\s")
_DEDICATION_BEFORE = re.compile(r"\b(?:church|cathedral|basilica|chapel|monastery|abbey|parish|feast|order|"
                                r"churches|shrine)\s+of\s+(?:the\s+)?(?:(?:St\.?|Saint)\s+[A-Z][\w'’]*\s+and\s+)?$",
                                re.IGNORECASE)
_DEDICATED_AFTER = re.compile(r"^['’]s(?:\s+[A-Z][\w'’-]*){0,3}\s+(?:Church|Cathedral|Basilica|Chapel|Hospital|"
                              r"School|College|University|Abbey|Monastery|Academy|Parish)\b")
_WHO_AFTER = re.compile(r"^,?\s+who\b")
_COAST_AFTER = re.compile(r"^[ \t]+(?:[Cc]oast(?:line)?|[Ss]eaboard|[Ss]hore)\b")
_POSSESSOR_BEFORE = re.compile(r"\b[A-Z][\w.-]*['’]s\s+$")
_BODY_AFTER = re.compile(r"^[ \t]+(?:Alliance|Council|Treaty|Organi[sz]ation|Command|Institute|Forum)\b")
# "the Dnipro River", "the Golan Heights": a natural feature named after (or sharing a name with) a town
_NATURAL_WORDS = ("River", "Lake", "Reservoir", "Mountain", "Mountains", "Strait", "Canal", "Delta", "Gulf", "Bay",
                  "Peninsula", "Valley", "Glacier", "Creek", "Falls", "Spit", "Lagoon", "Estuary")
_NATURAL_END = re.compile(r"\b(?:" + "|".join(w.lower() for w in _NATURAL_WORDS) + r")$")  # the name is one
_NATURAL_OF = re.compile(r"\b(?:Cape|Gulf|Bay|Sea|Strait|Straits|Lake|Mount|Isthmus|Horn)\s+of\s+(?:the\s+)?$")
_NATURAL_AFTER = re.compile(r"^[ \t]+(?:" + "|".join((*_NATURAL_WORDS, "Heights", "river", "reservoir", "estuary"))
                            + r")\b")
_AIRPORT_WORD = re.compile(r"\b(?:airport|air ?base|airfield|aerodrome)\b")
_ROLE_OF = re.compile(r"\b(mayor|governor|residents?|people|citizens|streets|centre|center|heart|north|south|"
                      r"east|west|parts?|rest|authorities|government|president|leaders?|embassy|ambassador)\s+"
                      r"of\s+(the\s+)?$", re.IGNORECASE)
_PREP = re.compile(r"\b(in|near|from|to|at|outside|across|into|toward|towards|via|around|between|throughout|"
                   r"within|through|across|visit|visited|visiting|entered|left|bombed|shelled|hit|struck|"
                   r"based in|born in)\s+(the\s+)?$", re.IGNORECASE)
_TITLE = re.compile(r"\b(mr|mrs|ms|miss|dr|prof|president|senator|sen|rep|gov|gen|general|minister|secretary|"
                    r"judge|officer|coach|chancellor|king|queen|prince|princess|sir|lord|lady|pope|"
                    r"spokesman|spokeswoman|director|chief|captain|capt|lt|col|sgt|sheikh|emir|ayatollah|"
                    r"father|brother|sister|uncle|aunt|wife|husband|son|daughter|daughters|sons|children|"
                    r"st|saint)\.?,?\s+$", re.IGNORECASE)
_HONORIFIC = re.compile(r"\b(mr|mrs|ms|miss|dr|prof|sir|madam|mister)\.?\s+$", re.IGNORECASE)
_SAID_AFTER = re.compile(r"^\s+(said|says|told|added|wrote|tweeted|explained|argued|noted|stated|replied|"
                         r"according)\b")
_AREA_BEFORE = re.compile(r"\b((?:north|south)[- ]?(?:east|west)|north|south|east|west|central)(?:ern)?\s+$",
                          re.IGNORECASE)
_FACILITY_AFTER = re.compile(
    r"^[ \t]+((?:[a-z]+[ \t]+){0,2}?)(plant|factory|refinery|works|mine|airfield|air[ \t]+base|airbase|base|"
    r"depot|port|station|dam|combine|arsenal|shipyard|terminal|airport)\b")
_ADJ_ENDINGS = ("skiy", "skyi", "skii", "skij", "skaya", "skoye", "skoe", "sky", "ska", "ske", "ski", "iy",
                "yi", "ij", "y", "i", "a", "e", "o")
_STEM_FORMS = ("", "sk", "skiy", "sky", "skaya", "skoye", "a", "e", "o", "i", "y", "iv", "ov", "ev", "in")
_DEMONYM = re.compile(r"(ian|ians|ese|ish|ic)$", re.IGNORECASE)
_STRONG_NER = frozenset({"GPE", "LOC", "FAC"})
# "Church Street", "Kyiv Ave.", "Mill Creek Road"; the words between are capitalised ("Bloomington and
# St. Louis" is no street), and "St." before a capitalised word is a saint.
_STREET = re.compile(r"^(?:[ \t]+[A-Z][a-z]+){0,2}[ \t]+(?i:(street|st\b(?!\.?[ \t]+(?-i:[A-Z]))\.?|road|rd\b\.?|avenue|"
                     r"ave\b\.?|lane|way|boulevard|blvd|drive|dr\b(?!\.?[ \t]+(?-i:[A-Z]))\.?|crescent|close|terrace|"
                     r"highway|hwy|parkway|pike|place|alley|row|grove|gardens)\b)")
_STREET_WORDS = frozenset({"street", "road", "avenue", "lane", "way", "boulevard", "drive", "crescent", "close",
                           "terrace", "highway", "parkway", "alley"})
_STREET_BEFORE = re.compile(r"\b(boulevard|avenue|rue|via|calle|plaza|piazza)\s+$", re.IGNORECASE)
# A place name inside the name of a news outlet or agency is not a place mention ("Washington Post").
_OUTLET_WORDS = frozenset({"post", "times", "journal", "herald", "news", "press", "tribune", "gazette", "star", "sun",
                           "telegraph", "guardian", "mail", "chronicle", "observer", "examiner", "courier",
                           "standard", "express", "globe", "record", "daily", "today", "radio", "tv", "television"})
# Words after a name that do not make it part of a longer proper name ("Aleppo Mayor", "Kentucky State Police").
_ROLE_NEXT = frozenset({"mayor", "governor", "premier", "police", "council", "city", "county", "state", "province",
                        "region", "government", "minister", "mla", "mp", "mps", "senator", "officials", "authorities",
                        "residents", "airport", "court", "fire", "department", "health", "university", "region's"})
_DATELINE = re.compile(r"(?:^|\n)[ \t]*$")
_POSSESSIVE = re.compile(r"['’]s$")
_SENT_END = re.compile(r"(?:[.!?:;\"“”]\s*|\n\s*|^\s*)$")


@dataclass
class Toponym:
    """One candidate place mention. Offsets index ``article.text``."""

    start: int
    end: int
    text: str
    candidates: tuple[int, ...] = ()
    hint: str | None = None        # 'admin1' | 'admin2' | 'city': what the wording says it is
    area: str | None = None        # 'east', 'north-east', 'central'...: a part of the named place
    facility: bool = False         # a site named after a town ("the Kamensky chemical plant")
    score: float = 0.0
    ner: str | None = None
    features: list[str] = field(default_factory=list)
    container: "Toponym | None" = None  # for a name missing from the gazetteer: the place it lies in

    @property
    def key(self) -> str:
        return norm_key(self.text)


@functools.lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    """Lower-case words that need strong evidence before they count as places."""
    try:
        lines = STOPLIST.read_text(encoding="utf-8").splitlines()
    except OSError:
        log.warning("place stoplist %s missing; rejecting on context only", STOPLIST)
        return frozenset()
    return frozenset(x.strip().lower() for x in lines if x.strip() and not x.startswith("#"))


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def place_entities(article: Article) -> list[tuple[int, int, str]]:
    """(start, end, text) of the model's GPE/LOC/FAC entities in the story: what an online
    geocoder may be asked about when the offline gazetteer found nothing there."""
    return [(e.start, e.end, e.text) for e in entities(article.body, article.start) if e.label in PLACE_LABELS]


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _gaz_matches(text: str, lo: int, hi: int, gaz: Gazetteer) -> list[Toponym]:
    """Longest gazetteer names over capitalised token runs in text[lo:hi], left to right."""
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, lo, hi)]
    out: list[Toponym] = []
    i, n = 0, len(toks)
    maxw = gaz.max_words
    while i < n:
        s, e, tok = toks[i]
        if not _is_cap(tok):
            i += 1
            continue
        best: tuple[int, int, tuple[int, ...]] | None = None  # (last token index, end offset, ids)
        # exact short forms, with a trailing period when the text has one ("Ky.", "U.S.")
        if e < hi and text[e] == "." and (ids := gaz.lookup_exact(tok + ".")):
            best = (i, e + 1, ids)
        elif ids := gaz.lookup_exact(tok):
            best = (i, e, ids)
        elif len(tok) == 2 and tok.isupper() and i > 0 and text[toks[i - 1][1]:s] == ", " \
                and _is_cap(toks[i - 1][2]) and f"US.{tok}" in gaz.admin1_idx:
            best = (i, e, (gaz.admin1_idx[f"US.{tok}"],))  # "LOUISVILLE, KY": a US postal code after a town
        for j in range(i, min(n, i + maxw)):
            if j > i:
                sep = text[toks[j - 1][1]:toks[j][0]]
                if sep and sep.strip(ZERO_WIDTH) != sep:  # "Sea of \u200b\u200bAzov": invisible characters between
                    sep = sep.strip(ZERO_WIDTH) or " "
                if sep in ("'", "’") and toks[j][2] == "s":
                    continue  # the "'s" inside "Donetsk People's Republic", "Martha's Vineyard"
                if sep not in _SEPS:
                    break
                if sep == ". " and len(toks[j - 1][2]) > 3:  # "St. Louis" yes, end of a sentence no
                    break
            tj = toks[j][2]
            if not _is_cap(tj):
                if tj.lower() in FEATURE_NAME_WORDS and j > i:
                    pass  # "the Zaporizhzhia nuclear power plant": only the table's names match with these
                elif tj.lower() in _CONNECT:
                    continue
                else:
                    break
            surface = text[s:toks[j][1]]
            if tok.isupper() and j == i and len(tok) < 4:
                continue  # short all-caps words: acronyms unless listed as exact short forms
            ids = gaz.lookup_key(norm_key(surface))
            if ids and (best is None or toks[j][1] >= best[1]):
                best = (j, toks[j][1], ids)
        if best is None:
            i += 1
            continue
        j, end, ids = best
        out.append(Toponym(s, end, text[s:end], ids))
        i = j + 1
    return out


def _overlapping(ents: list[Entity], starts: list[int], s: int, e: int) -> Entity | None:
    """The entity overlapping [s, e) the most (entities are sorted by start)."""
    k = bisect.bisect_right(starts, e) - 1
    best, best_ov = None, 0
    while k >= 0 and ents[k].start > s - 300:
        ov = min(e, ents[k].end) - max(s, ents[k].start)
        if ov > best_ov:
            best, best_ov = ents[k], ov
        k -= 1
    return best


def _prior(gaz: Gazetteer, ids: tuple[int, ...], key: str = "") -> tuple[float, str]:
    """How likely a bare capitalised match is a place, from its strongest reading.

    An airport counts only under a name that says airport: its bare stem ("Ford", "Zero") is a word first.
    """
    best, best_kind = -1.0, "city"
    for i in ids[:12]:
        kind = KINDS[gaz.kinds[i]]
        pop = gaz.pops[i]
        if kind in ("country", "continent", "region") or kind in FEATURE_KINDS:  # "Black Sea", "Kakhovka dam"
            p = 2.6
        elif kind == "admin1":
            p = 2.3 if pop >= 1_000_000 else 1.8
        elif kind == "airport":  # "Heathrow Airport", "Engels airbase"
            p = 2.0 if _AIRPORT_WORD.search(key) else 0.0
        elif kind == "admin2":  # counties: weighed by their towns' population, like a town
            p = max(0.9, 0.1 + 0.35 * math.log10(max(pop, 10)))
        else:
            p = 0.1 + 0.35 * math.log10(max(pop, 10))
        if p > best:
            best, best_kind = p, kind
    return best, best_kind


def find_toponyms(article: Article, gazetteer: Gazetteer) -> list[Toponym]:
    """Candidate place mentions in ``article`` that pass the context checks, in text order."""
    return [t for t in score_candidates(article, gazetteer) if t.score >= THRESHOLD]


def score_candidates(article: Article, gazetteer: Gazetteer) -> list[Toponym]:
    """Every gazetteer match in the story with its score and the features behind it (for tuning and tests)."""
    text, lo, hi = article.text, article.start, article.end
    body = text[lo:hi]
    if not body.strip() or gazetteer is None:
        return []
    cands = _gaz_matches(text, lo, hi, gazetteer)
    if not cands:
        caps = _capitals_by_country(text, lo, hi, gazetteer, [])
        return sorted(caps + _country_ground(text, lo, hi, gazetteer, caps), key=lambda t: t.start)
    ents = sorted(entities(body, lo), key=lambda x: x.start)
    starts = [x.start for x in ents]
    stop = stoplist()
    lower_words = set(re.findall(r"\b[a-z][a-z'-]+\b", body))
    person_parts: set[str] = set()
    for x in ents:
        if x.label == "PERSON" and " " in x.text.strip():
            words = x.text.split()
            roles = [k for k, w in enumerate(words) if w.lower().rstrip(".") in _ROLE_NEXT]
            words = words[roles[-1] + 1:] if roles else words  # "Calgary MLA Sandra Jansen": the person only
            person_parts.update(norm_key(w) for w in words if w[:1].isupper())
    # Long stories (no model) repeat their wording: score each distinct name-in-context once.
    memo: dict[tuple[str, str, str], tuple] | None = {} if not ents else None
    for t in cands:
        if memo is None:
            _score(t, text, lo, hi, gazetteer, ents, starts, stop, lower_words, person_parts)
            continue
        ctx = (t.text, text[max(lo, t.start - 40):t.start], text[t.end:min(hi, t.end + 40)])
        hit = memo.get(ctx)
        if hit is None:
            s0, e0 = t.start, t.end
            _score(t, text, lo, hi, gazetteer, ents, starts, stop, lower_words, person_parts)
            memo[ctx] = (t.score, t.hint, t.area, t.start - s0, t.end - e0, t.features, t.ner)
        else:
            t.score, t.hint, t.area, ds, de, t.features, t.ner = hit
            t.features = list(t.features)
            t.start += ds
            t.end += de
            t.text = text[t.start:t.end]
    _one_sense_per_story(cands)
    _places_of_the_story_country(cands, gazetteer, text)
    _lists_of_places(cands, text)
    _listed_regions(cands, text)
    passed = [t for t in cands if t.score >= THRESHOLD]
    out = cands + _facilities(text, lo, hi, gazetteer, passed, ents, starts)
    out += _unlisted(text, lo, hi, cands, passed, ents, starts, stop)
    out += _capitals_by_country(text, lo, hi, gazetteer, out)
    out += _country_ground(text, lo, hi, gazetteer, out)
    out.sort(key=lambda t: t.start)
    return out


_HARD_NEGATIVE = ("street", "natural-feature", "person-who", "dedication", "outlet", "title", "person-name",
                  "stoplist", "ner:PERSON+", "lowercase-elsewhere")


def _one_sense_per_story(cands: list[Toponym]) -> None:
    """A name taken as a place with confidence elsewhere in the story is a place here too,
    unless this mention has evidence of its own against it (a street, an outlet, a person)."""
    best: dict[str, float] = {}
    for t in cands:
        k = t.key
        best[k] = max(best.get(k, -99.0), t.score)
    for t in cands:
        if t.score < THRESHOLD and best.get(t.key, -99.0) >= THRESHOLD + 0.5 and not any(
                f.startswith(_HARD_NEGATIVE) for f in t.features):
            t.score = THRESHOLD
            t.features.append("same-name")


def _places_of_the_story_country(cands: list[Toponym], gaz: Gazetteer, text: str) -> None:
    """A town the model took for a person or an organisation, in the country the story is plainly
    about, is a town.

    The small English model reads many Ukrainian and Russian town names ("Toretsk", "Vuhledar",
    "Shebekino") as people, others ("Kupiansk", "the village of Novoselivka") as organisations. When
    two or more other names of the story are places of one country and this name's main reading is a
    town there, that label alone does not sink it; any evidence of its own (a title, a first name
    elsewhere in the story, a larger PERSON or ORG span, an outlet) still does.
    """
    per_country: dict[str, set[str]] = defaultdict(set)
    for t in cands:
        if t.score >= THRESHOLD and t.candidates:
            per_country[gaz.ccs[t.candidates[0]]].add(t.key)
    focus = {cc for cc, keys in per_country.items() if len(keys) >= 2}
    if not focus:
        return
    for t in cands:
        if (t.score < THRESHOLD and t.ner in ("PERSON", "ORG") and f"ner:{t.ner}" in t.features and t.candidates
                and gaz.kinds[t.candidates[0]] == _CITY_KIND and gaz.ccs[t.candidates[0]] in focus
                and text[t.start - 1:t.start] != "-"  # the tail of "Wal-Mart"
                and not any(f.startswith(_HARD_NEGATIVE) for f in t.features)):
            t.score += _FOCUS_LIFT
            t.features.append("story-country")


_PLURAL_TYPE = re.compile(r"[ \t]+(regions|oblasts|provinces|governorates|states|republics|counties|districts)\b",
                          re.IGNORECASE)


def _listed_regions(cands: list[Toponym], text: str) -> None:
    """'Russia's Bryansk, Kursk and Oryol regions': every name of a list closed by a plural type word
    is a region of that type, not the namesake city."""
    k = 0
    while k < len(cands):
        run = [cands[k]]
        while (k + len(run) < len(cands)
               and _LIST_SEP.match(text[run[-1].end:cands[k + len(run)].start])):
            run.append(cands[k + len(run)])
        m = _PLURAL_TYPE.match(text, run[-1].end)
        if m and len(run) > 1:
            hint = "admin2" if m.group(1).lower() in ("counties", "districts") else "admin1"
            for t in run:
                if t.hint is None:
                    t.hint = hint
                    t.features.append(f"listed-{hint}")
                if t.score < THRESHOLD and not any(f.startswith(_HARD_NEGATIVE) for f in t.features):
                    t.score = THRESHOLD  # "Belgorod, Kursk and Bryansk Regions": the wording says what they are
        k += len(run)


def _lists_of_places(cands: list[Toponym], text: str) -> None:
    """'near Bakhmut, Avdiivka and Pokrovsk': a name listed right beside a sure place is a place,
    unless it has evidence of its own against it. Runs left to right and back, so a list spreads."""
    strong = THRESHOLD + 1.0
    for order in (range(len(cands)), range(len(cands) - 1, -1, -1)):
        prev: Toponym | None = None
        for k in order:
            t = cands[k]
            if prev is not None and t.score < THRESHOLD and prev.score >= strong - 1.0 and not any(
                    f.startswith(_HARD_NEGATIVE) for f in t.features):
                a, b = (prev, t) if prev.start < t.start else (t, prev)
                if _LIST_SEP.match(text[a.end:b.start]) and (prev.score >= strong or "listed" in prev.features):
                    t.score = THRESHOLD
                    t.features.append("listed")
            prev = t


def _score(t: Toponym, text: str, lo: int, hi: int, gaz: Gazetteer, ents: list[Entity], starts: list[int],
           stop: frozenset[str], lower_words: set[str], person_parts: set[str]) -> None:
    prior, kind = _prior(gaz, t.candidates, t.key)
    score = prior
    feats = [f"prior:{kind}:{prior:.2f}"]
    key = t.key
    left = text[max(lo, t.start - 40):t.start]
    right = text[t.end:min(hi, t.end + 40)]
    single = " " not in key

    # what the wording says it is: "X region" (span grows to include the type word), "city of X"
    m = _TYPE_AFTER.match(right)
    if m:
        word = m.group(1).lower()
        if not (word in ("state", "republic", "city") and kind in ("country", "admin1")):
            t.hint = _HINT_OF_TYPE[word]
            if word in ("region", "oblast", "province", "governorate", "prefecture", "krai", "kray", "county",
                        "district", "raion", "rayon", "territory"):
                t.end += m.end()
                t.text = text[t.start:t.end]
            score += 1.5
            feats.append(f"type:{word}")
    if t.hint is None and kind != "continent" and (_GOVERNOR_AFTER.match(right) or _GOVERNOR_OF.search(left)):
        t.hint = "admin1"
        feats.append("governor")
    cm = _CITY_OF.search(left) or (_CITY_BEFORE.search(left) if key not in _TYPE_COMPOUND else None)
    if cm:
        score += 1.5
        word = cm.group(1).lower()
        # "the capital of Ukraine" names the country a capital is in: no hint that X is a town
        if word in ("city", "town", "village", "port", "suburb", "outskirts"):
            t.hint = t.hint or "city"
        feats.append("city-of")
    elif _ROLE_OF.search(left):
        score += 1.0
        feats.append("role-of")
    elif _PREP.search(left):
        score += 0.6
        feats.append("prep")
    if _APPOSITION.match(right):
        score += 2.0
        feats.append("apposition")
    qm = _QUALIFIED.match(right)
    if qm and kind in ("city", "admin2") and _qualifies(gaz, t.candidates, qm.group(1)):
        score += 1.5
        feats.append("qualified")
    if _HONORIFIC.search(left):
        score -= 3.0
        feats.append("title")
    elif _TITLE.search(left) and kind not in ("country", "continent"):
        score -= 2.5
        feats.append("title")
    if _SAID_AFTER.match(right) and kind == "city" and not (set(t.candidates[:3]) & gaz.capitals):
        # "Palma said": a speaker; capitals and countries speak for governments ("Moscow said")
        score -= 1.0
        feats.append("said")

    nxt_word = re.match(r" ([A-Za-z][\w'’&.-]*)", right)
    role_next = bool(nxt_word) and _POSSESSIVE.sub("", nxt_word.group(1).lower().rstrip(".")) in _ROLE_NEXT
    # the named-entity model's view of the same words
    ent = _overlapping(ents, starts, t.start, t.end)
    if ent is not None:
        t.ner = ent.label
        bigger = ent.start < t.start - 4 or ent.end > t.end + 1
        if ent.label in _STRONG_NER:
            score += 1.5
        elif ent.label == "PERSON" and role_next and ent.start >= t.start - 1:
            score += 0.5  # "Kherson Governor Oleksandr Prokudin": the model swallowed the place into the name
            feats.append("role-next")
        elif ent.label == "PERSON":
            small = kind == "city" and prior < 1.85  # under ~100,000 people
            score += -3.0 if bigger else (-2.0 if small or key in person_parts else -0.3)
        elif ent.label == "ORG":
            rest = set(norm_key(text[ent.start:ent.end]).split()) - set(key.split())
            if bigger and rest & _OUTLET_WORDS:
                score -= 3.0
            elif bigger and ent.start >= t.start - 1 and _institution(text[t.end:ent.end]):
                score += 0.5  # "Litchfield Superior Court", "Enfield Council": an institution of the place
                feats.append("institution")
            elif bigger and not _only_place_words(text[ent.start:ent.end], t.text):
                score -= 0.5
            elif kind == "city" and gaz.pops[t.candidates[0]] < 50_000:
                score -= 1.5
            else:
                score -= 0.3
        elif ent.label == "NORP":
            demonym = key in gaz.demonyms or _DEMONYM.search(key)
            score -= 1.5 if demonym and kind not in ("country",) else 0.3
        else:
            score -= 1.5 if bigger else 1.0
        feats.append(f"ner:{ent.label}{'+' if bigger else ''}")
    elif ents:
        score -= 0.3
        feats.append("ner:none")

    # part of a longer proper name written around it
    nxt = re.match(r" ([A-Z][\w'’&-]*)", right)
    if nxt and t.hint is None:
        word = _POSSESSIVE.sub("", nxt.group(1).lower())  # "Enfield Council's" is Enfield's council
        if word in _OUTLET_WORDS:
            score -= 3.0
            feats.append("outlet")
        elif (word not in _HINT_OF_TYPE and word not in _ROLE_NEXT and not nxt.group(1).isupper()
              and not _institution(right[:40])):
            score -= 0.5
            feats.append("cap-next")
    if _SAINT.match(t.text) and (_DEDICATION_BEFORE.search(left) or _DEDICATED_AFTER.match(right)):
        score -= 4.0  # "the church of St. Peter and St. Paul", "St. John's Hospital": saints, not towns
        feats.append("dedication")
    if _WHO_AFTER.match(right) and single and kind == "city":
        score -= 3.0  # "Altintas, who was born in 1994": a person
        feats.append("person-who")
    if ((_NATURAL_AFTER.match(right) and not _NATURAL_END.search(key)) or _NATURAL_OF.search(left)) and kind not in (
            "country", "continent"):
        score -= 4.0  # "the Dnipro River", "the Cape of Good Hope": not the town of that name
        feats.append("natural-feature")
    if (kind == "sea" and _COAST_AFTER.match(right) and _POSSESSOR_BEFORE.search(left)
            and any("ocean" in gaz.names[i].lower() for i in t.candidates[:1])):
        score -= 4.0  # "Russia's Pacific Coast": a strip of that country, not the ocean's middle
        feats.append("coast-of")
    if kind in FEATURE_KINDS and _BODY_AFTER.match(right):
        score -= 4.0  # "the Atlantic Alliance", "the North Atlantic Council": a body named for a sea, not the sea
        feats.append("body-name")
    if _STREET.match(right) or key.rsplit(" ", 1)[-1] in _STREET_WORDS or _STREET_BEFORE.search(left):
        score -= 3.0
        feats.append("street")
    if t.text.isupper() and len(t.text) >= 3 and _DATELINE.search(left) and re.match(r"^\s*(,|\(|—|–|-|:)", right):
        score += 2.0
        feats.append("dateline")
    prv = re.search(r"(?<![.!?:;\n\"“])\b([A-Z][a-z][\w'’-]*) $", left)
    if prv and not _SENT_END.search(left[:prv.start()]) and prv.group(1).lower() not in _CONNECT:
        score -= 0.8
        feats.append("cap-prev")
    if _SENT_END.search(left) and kind == "city" and ent is None:
        score -= 0.5
        feats.append("sentence-start")
    if key in stop:
        score -= 3.0
        feats.append("stoplist")
    if single and key in gaz.demonyms:
        score -= 3.0
        feats.append("demonym")
    if (t.end < hi and text[t.end] == "-" and re.match(r"-[A-Z]", text[t.end:t.end + 2])
            and kind == "city" and gaz.pops[t.candidates[0]] < 100_000):
        score -= 2.0
        feats.append("hyphen-compound")
    if single and key in lower_words and kind not in ("country", "continent"):
        score -= 1.5
        feats.append("lowercase-elsewhere")
    # "in Wisconsin" (the model says a place), "the town of Karak": a person's name elsewhere does not sink it
    placed_here = (t.ner in _STRONG_NER and "prep" in feats and kind in ("admin1", "country")) or "city-of" in feats
    if single and key in person_parts and not placed_here and (
            kind not in ("country", "continent") or t.ner == "PERSON"
            or _SAID_AFTER.match(right) or re.search(r"\bsaid\s+$", left)):
        score -= 3.0
        feats.append("person-name")
    if t.text.isupper() and len(t.text) >= 4 and kind == "city" and ent is None:
        score -= 0.3
    # areas: "eastern Ukraine", "southern Russia"
    am = _AREA_BEFORE.search(left)
    if am and kind in ("country", "admin1") and (am.group(0)[0].islower() or _SENT_END.search(left[:am.start()])):
        direction = am.group(1).lower().replace(" ", "-")
        if "-" not in direction and len(direction) > 5:
            direction = direction[:5] + "-" + direction[5:]
        t.area = direction
        t.start -= len(am.group(0))
        t.text = text[t.start:t.end]
        feats.append(f"area:{direction}")
    t.score = score
    t.features = feats


def _qualifies(gaz: Gazetteer, ids: tuple[int, ...], qualifier: str) -> bool:
    """Is one reading of the name inside the admin1 or country the qualifier names?"""
    qids = gaz.lookup_exact(qualifier) or gaz.lookup_key(norm_key(qualifier))
    if not qids and re.fullmatch(r"[A-Z]{2}", qualifier) and gaz.admin1("US", qualifier):
        qids = (gaz.admin1_idx[f"US.{qualifier}"],)
    regions = {(gaz.ccs[q], gaz.admin1s[q] if gaz.kinds[q] == 2 else "") for q in qids[:8] if gaz.kinds[q] in (1, 2)}
    return any((gaz.ccs[i], gaz.admin1s[i]) in regions or (gaz.ccs[i], "") in regions for i in ids[:50])


_INSTITUTION_HEADS = frozenset({"court", "council", "police", "department", "administration", "government",
                                "assembly", "legislature", "parliament", "hospital", "university", "college",
                                "school", "board", "commission", "authority", "authorities", "office", "prison",
                                "jail", "detention", "sheriff", "ems", "service", "services", "wildlife",
                                "municipality", "district"})


def _institution(after: str) -> bool:
    """Whether the capitalised words right after a name end in an institution ("Superior Court",
    "City Council", "Regional Military Administration", "Fish & Wildlife"): the name is its place."""
    m = re.match(r"(?:\s+(?:[A-Z][\w'’.-]*|&|of|and)){1,4}", after)
    if not m:
        return False
    words = [_POSSESSIVE.sub("", w.lower().strip(".")) for w in m.group(0).split()]
    return any(w in _INSTITUTION_HEADS for w in words)


def _only_place_words(ent_text: str, name: str) -> bool:
    """An ORG entity that is just the name plus a type word ("Kherson region") is a place."""
    rest = norm_key(ent_text).replace(norm_key(name), " ")
    return all(w in _HINT_OF_TYPE or w in ("the", "s", "'s") for w in rest.split())


_UNLISTED_OF = re.compile(r"\b(?:village|town|settlement|hamlet|district|neighbou?rhood|suburb)s?\s+of\s+"
                          r"([A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)(?:\s+(?:and|or)\s+([A-Z][\w'’-]+))?")
_UNLISTED_TYPE = re.compile(r"\b([A-Z][\w-]+(?: [A-Z][\w-]+)?)\s+(?:village|county|district|raion|"
                            r"neighbou?rhood)\b")
_SENTENCE_BREAK = re.compile(r"[.!?\n]\s")


def _unlisted(text: str, lo: int, hi: int, cands: list[Toponym], passed: list[Toponym], ents: list[Entity],
              starts: list[int], stop: frozenset[str]) -> list[Toponym]:
    """'the village of Robotyne in the Zaporizhzhia region': a name the gazetteer lacks, introduced as a
    settlement, placed at the place named beside it in the same sentence (a region, a city).
    Without such a place in the sentence it is dropped: a guess would be worse than nothing."""
    spans = sorted((t.start, t.end) for t in cands)
    span_starts = [a for a, _ in spans]
    out: list[Toponym] = []
    body = text[lo:hi]
    found: list[tuple[int, int, bool]] = []  # (start, end, introduced as "village of")
    for m in _UNLISTED_OF.finditer(body):
        found += [(lo + m.start(g), lo + m.end(g), True) for g in (1, 2) if m.group(g)]
    for m in _UNLISTED_TYPE.finditer(body):
        found.append((lo + m.start(1), lo + m.end(1), False))
    for s, e, explicit in found:
        name = text[s:e]
        if _overlaps_any(spans, span_starts, s, e) or norm_key(name) in stop or norm_key(name).split()[0] in stop:
            continue
        ent = _overlapping(ents, starts, s, e)
        if ent is not None and ent.label in ("PERSON", "ORG", "NORP", "DATE", "EVENT") and (
                not explicit or ent.start < s - 1 or ent.end > e + 1):  # "village of X" outweighs a lone label
            continue
        w0 = max(lo, s - 400)
        breaks = [x.end() for x in _SENTENCE_BREAK.finditer(text, w0, s)]
        sent_lo = breaks[-1] if breaks else w0
        nxt = _SENTENCE_BREAK.search(text, e, min(hi, e + 400))
        sent_hi = nxt.start() if nxt else min(hi, e + 400)
        near = [t for t in passed if sent_lo <= t.start < sent_hi and not t.area and not t.facility
                and t.candidates]
        if not near:
            continue
        container = min(near, key=lambda t: abs(t.start - s))
        out.append(Toponym(s, e, name, container.candidates, hint=container.hint, score=THRESHOLD,
                           features=["unlisted", f"within:{container.text}"], container=container))
        spans.append((s, e))
        spans.sort()
        span_starts = [a for a, _ in spans]
    return out


def _overlaps_any(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    """Does [s, e) overlap one of the sorted, non-nested spans?"""
    k = bisect.bisect_left(starts, e) - 1
    return k >= 0 and spans[k][1] > s


# "Ukraine's capital", "the Ukrainian capital": the capital city, unless its name follows ("Ukraine's capital
# Kyiv", "the Kazakh capital, Astana") or stands before it ("Ankara, the Turkish capital"): then it is named
_CAPITAL_OF = re.compile(r"(?:\b(?P<poss>[A-Z][\w-]+(?: [A-Z][\w-]+)?)['’]s|\b(?P<the>[Tt]he) (?P<dem>[A-Z][a-z]+))"
                         r" capital\b(?! city\b)(?!\s*,?\s*(?:of\b|[A-Z]))")
_APPOSED = re.compile(r",\s*$")


@functools.lru_cache(maxsize=2)
def _capital_of_country(gaz: Gazetteer) -> dict[str, int]:
    return {gaz.ccs[i]: i for i in gaz.capitals if gaz.ccs[i]}


@functools.lru_cache(maxsize=1)
def _demonym_countries() -> dict[str, str]:
    from .countries import country_words

    return {norm_key(w): cc for w, cc in country_words()}


def _capitals_by_country(text: str, lo: int, hi: int, gaz: Gazetteer, found: list[Toponym]) -> list[Toponym]:
    """The capital a story names by its country: "attacks on the Ukrainian capital" is Kyiv. The span
    is "Ukrainian capital" (a demonym is no place of its own), or "capital" after "Ukraine's", which
    stays the country's mention. Only national capitals, and only where the capital is not also
    named right there."""
    body = text[lo:hi]
    if " capital" not in body:
        return []
    capitals = _capital_of_country(gaz)
    out: list[Toponym] = []
    for m in _CAPITAL_OF.finditer(body):
        if m.group("poss"):
            key = norm_key(m.group("poss"))
            cc = next((gaz.ccs[i] for i in gaz.lookup_key(key) if KINDS[gaz.kinds[i]] == "country"), None)
            s = lo + m.end() - len("capital")
        else:
            if _APPOSED.search(body, 0, m.start()):
                continue  # "Ankara, the Turkish capital"
            cc = _demonym_countries().get(norm_key(m.group("dem")))
            s = lo + m.start("dem")
            if cc is not None and any(gaz.kinds[i] != _CITY_KIND or gaz.ccs[i] != cc
                                      for i in gaz.lookup_key(norm_key(m.group("dem")))[:1]):
                cc = None  # "the Georgia capital": a word that is itself a place is not a demonym here
        cap = capitals.get(cc) if cc else None
        if cap is None:
            continue
        e = lo + m.end()
        if any(t.start < e and s < t.end for t in found):
            continue
        out.append(Toponym(s, e, text[s:e], (cap,), hint="city", score=THRESHOLD + 1.0,
                           features=[f"capital-of:{cc}"]))
    return out


# "Moldovan airspace", "on Russian soil", "Ukrainian territory": a demonym before a word for the ground
# itself is the country as a place, not its people ("Ukrainian-Polish border" names two: left alone)
_GROUND = re.compile(r"(?<![\w-])(?P<dem>[A-Z][a-z]+) (?:airspace|territory|soil|waters|territorial waters|"
                     r"mainland|land)\b")


def _country_ground(text: str, lo: int, hi: int, gaz: Gazetteer, found: list[Toponym]) -> list[Toponym]:
    """The country a demonym names when it qualifies the ground itself ("missiles flew over Moldovan
    airspace" happened in Moldova). Demonyms are otherwise no places (they name people and governments)."""
    out: list[Toponym] = []
    for m in _GROUND.finditer(text, lo, hi):
        cc = _demonym_countries().get(norm_key(m.group("dem")))
        i = gaz.country_idx.get(cc) if cc else None
        if i is None or any(gaz.kinds[j] != gaz.kinds[i] for j in gaz.lookup_key(norm_key(m.group("dem")))[:1]):
            continue  # unknown, or a word that is itself a place ("Georgia territory")
        s, e = m.start(), m.end()
        if any(t.start < e and s < t.end for t in found):
            continue
        out.append(Toponym(s, e, text[s:e], (i,), score=THRESHOLD + 1.0, features=[f"ground-of:{cc}"]))
    return out


def _facilities(text: str, lo: int, hi: int, gaz: Gazetteer, found: list[Toponym], ents: list[Entity],
                starts: list[int]) -> list[Toponym]:
    """'the Kamensky chemical plant': an adjective made from a town name, before a facility noun.

    The town is looked up by the adjective's stem, and only kept in a country the
    article names, so a lone adjective never conjures a place on its own.
    """
    taken = sorted((t.start, t.end) for t in found)
    taken_starts = [a for a, _ in taken]
    ccs = {gaz.ccs[t.candidates[0]] for t in found if t.candidates and gaz.ccs[t.candidates[0]]}
    out: list[Toponym] = []
    if not ccs:
        return out
    for m in re.finditer(r"\b([A-Z][a-z]{3,}(?:-[A-Z][a-z]+)?)\b", text[lo:hi]):
        s, e = lo + m.start(1), lo + m.end(1)
        fm = _FACILITY_AFTER.match(text[e:min(hi, e + 60)])
        if not fm or _overlaps_any(taken, taken_starts, s, e):
            continue
        word = m.group(1)
        ids: list[int] = []
        for ending in _ADJ_ENDINGS:
            if word.lower().endswith(ending) and len(word) - len(ending) >= 4:
                stem = norm_key(word[:len(word) - len(ending)])
                for form in _STEM_FORMS:
                    ids.extend(i for i in gaz.lookup_key(stem + form)
                               if gaz.kinds[i] == 4 and gaz.ccs[i] in ccs and i not in ids)
                if ids:
                    break
        if ids:
            end = e + fm.end()
            t = Toponym(s, end, text[s:end], tuple(ids), hint="city", facility=True, score=THRESHOLD,
                        features=["facility"])
            out.append(t)
    return out
