"""Speaker phrases: find the noun phrase next to a cue, split it into name and role,
and resolve back-references ("he", "the spokeswoman", a bare surname) within a story.

Rules over words and a vocabulary of role and office words; no model. Used by
geo.claims; see docs/claims.md for the forms it handles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from . import actors
from .lexicon import person_nouns

SPEECH_VERBS = (
    "said says stated states claimed claims reported reports noted notes wrote writes announced announces "
    "warned warns insisted insists added adds told tells confirmed confirms alleged alleges argued argues "
    "explained explains declared declares accused accuses denied denies rejected rejects dismissed dismisses "
    "refuted refutes disputed disputes asserted asserts maintained maintains stressed stresses emphasized "
    "emphasised emphasizes emphasises revealed reveals admitted admits acknowledged acknowledges tweeted "
    "posted commented replied responded suggested suggests estimated estimates predicted vowed promised "
    "blamed blames asked asks concluded indicated informed underlined observed recalled specified clarified "
    "conceded countered called say write recalls urged urges cautioned cautions "
    "reiterated reiterates joked quipped boasted lamented complained hinted summed demanded demands shouted "
    "exclaimed pleaded snapped retorted wondered"
).split()
ROLE_WORDS = frozenset((
    "spokeswoman spokesman spokesperson spokespeople minister ministers ministry mayor mayors governor "
    "governors president president-elect vice prime premier chancellor official officials authorities "
    "authority police military army armed forces force navy air guard government administration head chief "
    "chiefs commander commanders commander-in-chief general ambassador envoy secretary secretary-general "
    "adviser advisor aide aides deputy deputies director director-general chairman chairwoman chair leader "
    "leaders representative representatives lawmaker lawmakers senator senators mp mps member members source "
    "sources analyst analysts expert experts witness witnesses eyewitness eyewitnesses resident residents "
    "locals officer officers diplomat diplomats staff office service services council committee department "
    "agency press regional local municipal city town village district region oblast province state federal "
    "national foreign defence defense interior energy finance economy economic health justice emergency "
    "emergencies situations security intelligence affairs border public prosecutor prosecutors "
    "prosecutor-general investigators investigator observers monitors correspondent reporter reporters "
    "journalist journalists activist activists separatist separatists rebel rebels troops soldiers soldier "
    "fighters commission mission operator operators company firm group team board bureau headquarters unit "
    "units brigade battalion command operational regime allies partners counterpart top senior former acting "
    "interim new newly appointed installed self-proclaimed military-civilian civil-military civilian "
    "presidential parliamentary parliament speaker human rights commissioner ombudsman negotiator negotiators "
    "delegation coordinator watchdog nuclear atomic organisation organization institute think-tank media "
    "outlet newspaper broadcaster channel news people officials' general's chief's director's "
    "country's nation's city's region's ministry's government's army's agency's kremlin's white house "
    "secretariat cabinet assembly duma rada parliament's railway railways utility grid operator's "
    "wife husband son daughter mother father brother sister widow widower relative relatives friend friends "
    "neighbour neighbor neighbours neighbors colleague colleagues partner "
    "spokesmen spokeswomen medics doctors rescuers emergency-service mr. mrs. ms. dr. gen. lt. col. sgt. gov. "
    "sen. rep. prof. capt. maj. adm. cmdr. mr mrs ms dr prof imam pastor priest bishop rabbi professor "
    "lecturer researcher researchers scientist scientists administrator manager owner founder co-founder ceo "
    "executive executives economist economists lawyer lawyers attorney spokesperson's detective sergeant "
    "inspector constable captain major colonel lieutenant admiral marshal "
    "pm fm scholar scholars historian historians politician politicians candidate candidates nominee author "
    "authors co-author co-authors organizer organiser co-organizer co-organiser king queen prince princess "
    "duke duchess monarch pope democrat democrats republican republicans libertarian libertarians"
).split())
_DETERMINERS = frozenset("the a an one some several many two three another his her their its our".split())
_PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "group", "we": "group"}
# "According to him", "according to his words": the same back-reference in object form.
_OBJECT_PRONOUNS = {"him": "person", "her": "person", "his": "person", "them": "group", "its": "group"}
_ANY_PRONOUN = {**_PRONOUNS, **_OBJECT_PRONOUNS}
# What a definite description's head may name back ("the head of state" -> a President).
_HEAD_SYNONYMS = {
    "leader": {"president", "prime", "premier", "chancellor", "leader", "head", "king", "chairman"},
    "president": {"president", "head", "president-elect"},
    "state": {"president", "king", "queen", "monarch", "emir", "sultan"},  # "the head of state"
    "diplomat": {"minister", "ambassador", "envoy", "diplomat", "spokesperson", "spokeswoman", "spokesman"},
    "journalist": {"journalist", "correspondent", "reporter", "editor", "columnist"},
    "politician": {"minister", "lawmaker", "senator", "mp", "president", "leader", "politician", "deputy"},
    "official": {"minister", "secretary", "spokesperson", "spokeswoman", "spokesman", "official", "head",
                 "director", "chief", "adviser", "advisor", "aide", "deputy", "ambassador"},
    "expert": {"expert", "analyst", "researcher", "scholar", "professor", "fellow", "economist"},
    "analyst": {"analyst", "expert", "researcher", "fellow"},
    "chief": {"chief", "head", "director", "commander"},
    "speaker": {"speaker", "chairman", "chairwoman", "chair", "president"},
    "minister": {"minister", "secretary"},
    "secretary": {"secretary", "minister"},
}
DOCUMENT_HEADS = frozenset((
    "report survey study poll polling statement analysis document assessment update research investigation "
    "review memo letter communique readout release bulletin"
).split())
_SKIP_BEFORE_CUE = frozenset((
    "has have had also again later earlier previously reportedly repeatedly then separately publicly "
    "officially further subsequently once already recently since first initially openly explicitly "
    "clearly flatly categorically firmly now"
).split())
_STOP_CAPS = frozenset((
    "In On At After Before Meanwhile However But And Earlier Later Also Then This That These Those It There "
    "Here When While As If Since Speaking Separately Today Yesterday Tonight Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday January February March April May June July August September October November "
    "December Last Next Following Despite Although Though Because Under Over From With Without Amid During "
    "Following According Nevertheless Moreover Furthermore Still Yet Now So Instead Earlier"
).split())
_TIME_BEFORE_CUE = re.compile(
    r"\s+(?:(?:late|early|earlier|later)\s+)?(?:on\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?|(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+\d{1,2}|yesterday|today|tonight|last\s+(?:week|night|month))"
    r"(?:\s+(?:also|again|has|had))?\s*$")
_TIME_WORDS = re.compile(r"(?<![\w-])(?:earlier|later|ago|yesterday|today|Monday|Tuesday|Wednesday|Thursday|"
                         r"Friday|Saturday|Sunday|weeks?|days?|months?|years?|morning|evening|night)(?![\w-])")
# (not inside a compound: "the 34-year-old mother of three" is a description, not a time)
_VERBISH = frozenset((
    "is are was were be been being has have had will would can could should may might must do does did "
    "not no who which that this these it its there here what when where why how if than then"
).split())
_CUE_WORDS = frozenset(SPEECH_VERBS) | {"according"}
_HONORIFICS = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?(?:\s+|$)|\s+(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?$")
_LY_NOUNS = frozenset("family ally rally assembly supply reply anomaly monopoly daily weekly monthly quarterly "
                      "elderly butterfly".split())
_ASIDE = re.compile(r",\s*(?:meanwhile|however|though|too|also|in turn|instead|nevertheless|for (?:his|her|its|their) "
                    r"part)\s*,\s*$", re.IGNORECASE)
_ORG_HEADS = frozenset((
    "patrol agency service ministry office department police council committee association center centre "
    "institute organization organisation union party group company corporation bank court commission "
    "directorate authority army forces command guard university foundation observatory network news times "
    "post press administration government parliament assembly coalition alliance front federation staff "
    "watch fund board bureau"
).split())
_NAME_PARTICLES = frozenset("von van der de da di del la le al bin ibn".split())
_WORD = re.compile(r"(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Gov|Sen|Rep|Prof|Capt|Maj|Adm|Cmdr|St|Co|Corp|Inc|Ltd|Jr|Sr)\."
                   r"|(?:[A-Z]\.){2,}|[A-Z]\.(?=\s[A-Z])|\d+-[^\W\d_][\w'’\-]*|[^\W\d_][\w'’\-]*")  # "Elijah E. Cummings"

@dataclass
class Token:
    text: str
    start: int
    end: int


@dataclass
class Phrase:
    """A speaker noun phrase: where it is, the name and role it splits into, and its kind."""

    start: int
    end: int
    text: str
    name: str | None
    role: str | None
    kind: str  # person | group | pronoun | collective


def tokens(text: str, lo: int, hi: int) -> list[Token]:
    """Words of ``text[lo:hi]`` with offsets into ``text`` ("U.S." and "Mr." stay whole)."""
    return [Token(m.group(), lo + m.start(), lo + m.end()) for m in _WORD.finditer(text[lo:hi])]


def is_cap(tok: str) -> bool:
    """Capitalised, or a hyphenated word with a capitalised part ("pro-Russian")."""
    return tok[:1].isupper() or (("-" in tok) and any(p[:1].isupper() for p in tok.split("-")[1:]))


def _is_role_word(tok: str) -> bool:
    low = tok.lower().replace("’", "'")
    if low in ROLE_WORDS:
        return True
    if "-" in low and (low.split("-")[0] in ROLE_WORDS or low.split("-")[0] in ("ex", "co", "vice", "acting")
                       and low.split("-", 1)[1] in ROLE_WORDS):  # "ex-President", "co-chair"
        return True
    return low.endswith("'s") and low[:-2] in ROLE_WORDS


def _np_token_ok(tok: str) -> bool:
    """Can this word sit inside a speaker noun phrase? ("the 46-year-old" says who, by age)"""
    if tok in _STOP_CAPS:
        return False
    return is_cap(tok) or _is_role_word(tok) or tok.lower() in _NAME_PARTICLES or bool(_AGE.fullmatch(tok))


_AGE = re.compile(r"\d{1,3}-(?:year|month)-olds?", re.I)


def _gap_clean(text: str, a: int, b: int) -> bool:
    return text[a:b].strip() == ""


def _scan_back(text: str, end: int, lo: int) -> tuple[int, list[Token]] | None:
    """The noun phrase that ends at ``end`` (exclusive), scanning left no further than ``lo``."""
    toks = tokens(text, lo, end)
    if not toks or not _gap_clean(text, toks[-1].end, end):
        return None
    taken: list[Token] = []
    i = len(toks) - 1
    while i >= 0:
        t = toks[i]
        if taken and not _gap_clean(text, t.end, taken[0].start):
            break
        low = t.text.lower()
        if low in _DETERMINERS:
            if i > 0 and toks[i - 1].text == "of" and taken and _gap_clean(text, toks[i - 1].end, t.start):
                taken.insert(0, t)
                i -= 1
                continue
            if taken:
                taken.insert(0, t)
            break
        if low == "of":
            if not taken or i == 0 or not (_np_token_ok(toks[i - 1].text) or toks[i - 1].text.lower() in _DETERMINERS):
                break
            taken.insert(0, t)
            i -= 1
            continue
        if not _np_token_ok(t.text):
            break
        taken.insert(0, t)
        i -= 1
        if len(taken) > 14:
            return None
    while taken and taken[0].text.lower() in {"of"} | _NAME_PARTICLES:
        taken.pop(0)
    if not taken:
        return None
    return taken[0].start, taken


def scan_forward(text: str, start: int, hi: int) -> tuple[int, list[Token]] | None:
    """The noun phrase that starts at ``start`` (after spaces), stopping at punctuation or a non-NP word."""
    toks = tokens(text, start, hi)
    if not toks or not _gap_clean(text, start, toks[0].start):
        return None
    taken: list[Token] = []
    for i, t in enumerate(toks):
        if taken and not _gap_clean(text, taken[-1].end, t.start):
            break
        low = t.text.lower()
        if low in _DETERMINERS and (not taken or taken[-1].text == "of"):
            taken.append(t)
            continue
        if low == "of" and taken and i + 1 < len(toks):
            taken.append(t)
            continue
        if not _np_token_ok(t.text):
            break
        taken.append(t)
        if len(taken) > 14:
            break
    while taken and taken[-1].text.lower() in {"of"} | _DETERMINERS:
        taken.pop()
    if not taken:
        return None
    return taken[-1].end, taken


# Days and months, never a name ("a report on Wednesday"); May, June, April and August can be.
_CALENDAR = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
                      "July September October November December Jan Jan. Feb Feb. Mar. Apr. Aug. Sep. Sept "
                      "Sept. Oct Oct. Nov Nov. Dec Dec. Mon. Tue. Tues. Wed. Thu. Thurs. Fri. Sat. Sun.".split())


def _split_name(words: list[str], kb: actors.KnowledgeBase) -> tuple[list[str], list[str]]:
    """(role words, name words): the name is the trailing run of capitalised non-role words."""
    name: list[str] = []
    i = len(words) - 1
    while i >= 0:
        w = words[i]
        low = w.lower()
        if low in _NAME_PARTICLES and name:
            name.insert(0, w)
            i -= 1
            continue
        if not is_cap(w) or _is_role_word(w) or w.endswith(("'s", "’s")) or w[:1] in "-" or w in _CALENDAR:
            break
        if kb.is_group_word(w) and not (name and i == 0 or name and _is_role_word(words[i - 1])):
            break
        if kb.actor(w) and kb.actor(w).name == w and len(words) > 1 and not name:
            break  # an institution name used as a modifier ("Kremlin spokesman")
        name.insert(0, w)
        i -= 1
        if len(name) >= 4:
            break
    if name and name[0].lower() in _NAME_PARTICLES and not is_cap(name[0]):
        name.pop(0)  # "of the von ..." no; "Mr. Van Buren", "De Niro": a capitalised particle begins the name
    role = words[: len(words) - len(name)]
    return role, name


_DANGLING = frozenset("in at on of for to from by with during".split())


def parse_phrase(text: str, toks: list[Token], kb: actors.KnowledgeBase) -> Phrase:
    """Split a speaker phrase into name and role; say whether it is a person, group or pronoun."""
    while len(toks) > 1 and toks[-1].text.lower() in _DANGLING:
        toks = toks[:-1]  # "a group of engineers in [2015]": the year went, its preposition too
    start, end = toks[0].start, toks[-1].end
    raw = text[start:end]
    words = [t.text for t in toks]
    if len(words) == 1 and words[0].lower() in _ANY_PRONOUN:
        return Phrase(start, end, raw, None, None, "pronoun")
    if words[0].lower() in _DETERMINERS and not (len(words) > 1 and words[1] == "of"):
        words = words[1:]
        head = toks[1].start if len(toks) > 1 else start
    else:  # no determiner, or "one of the experts": the quantifier is part of the role
        head = start
    if not words:
        return Phrase(start, end, raw, None, None, "collective")
    joined = " ".join(words)
    if len(words) >= 2 and words[-1].lower() in DOCUMENT_HEADS and not is_cap(words[-1]) and \
            all(is_cap(w) and not w.endswith(("'s", "’s")) for w in words[:-1]):
        # "the National Academies report": the Academies' report ("ECFR's polling" is read elsewhere)
        return Phrase(start, end, raw, " ".join(words[:-1]), text[head:end], "group")
    if is_cap(words[-1]) and words[-1].lower() in _ORG_HEADS:  # "the Elbonia State Highway Patrol"
        first = toks[0].text.lower()
        shown = f"{first} {text[head:end]}" if first in _DETERMINERS else raw
        return Phrase(start, end, shown, None, text[head:end], "collective")
    if _named_for_its_purpose(words):  # "the Roper Center for Public Opinion Research"
        return Phrase(start, end, raw, joined, None, "group")
    known = kb.actor(joined)
    if kb.is_group_word(joined) or kb.outlet(joined) or (known and known.role is None):
        return Phrase(start, end, raw, joined, None, "group")
    of_at = [i for i, w in enumerate(words) if w == "of"]
    post: list[str] = []
    whole_role, whole_name = _split_name(words, kb) if of_at else ([], [])
    described = bool(whole_role) and whole_role[-1].islower() and len(whole_name) >= 2 and \
        (_is_role_word(whole_role[-1]) or whole_role[-1] in person_nouns())  # "... ag specialist Valerie Tate"
    if of_at and whole_name and whole_role and whole_role[-1] != "of" and (described or (
            (is_cap(whole_role[-1]) or _is_role_word(whole_role[-1])) and
            all(_is_role_word(w) or kb.is_group_word(w) or w.endswith(("'s", "’s")) for w in words[:of_at[0]]))):
        # "U.S. Secretary of State Antony Blinken"; "University of Missouri Extension specialist Valerie Tate"
        role, name = whole_role, whole_name
    elif of_at:
        left, post = words[: of_at[0]], words[of_at[0]:]  # "Mayor Olena Dovzhenko of Odesa"
        role, name = _split_name(left, kb)
        if not name or (not role and len(name) == 1):
            role, name, post = words, [], []
    else:
        role, name = _split_name(words, kb)
    role_text = _HONORIFICS.sub("", " ".join(role + post)).strip() or None
    if name and _speaks_for_the_name(role):
        name = []  # "a spokeswoman for Orla Benn", "an aide to Governor Pell": someone else speaks
    if name:
        name_text = " ".join(name)
        if not role and (kb.is_group_word(name_text) or kb.actor(name_text) and kb.actor(name_text).role is None
                         or kb.outlet(name_text)):
            return Phrase(start, end, raw, name_text, None, "group")
        return Phrase(start, end, raw, name_text, role_text, "person")
    phrase = text[head:end]
    first = toks[0].text.lower()
    phrase_out = f"{first} {phrase}" if first in _DETERMINERS and head != start else phrase
    return Phrase(start, end, phrase_out, None, phrase, "collective")


# Who speaks for, or works for, the person named after "for" or "to".
_AGENTS = frozenset("spokesman spokeswoman spokesperson aide aides adviser advisers advisor advisors lawyer "
                    "lawyers attorney attorneys counsel assistant staffer consultant strategist representative "
                    "envoy".split())


def _speaks_for_the_name(role: list[str]) -> bool:
    """The role ends "spokeswoman for", "aide to Governor": the name that follows is the principal,
    not the speaker (a title between the two is the principal's: "aide to Governor Pell")."""
    at = next((i for i in range(len(role) - 1, 0, -1) if role[i] in ("for", "to")), None)
    if at is None:
        return False
    agent = role[at - 1].lower()
    if agent == "close" and at >= 2:  # "a source close to Minister X"
        agent = role[at - 2].lower()
        return agent in ("source", "sources", "someone", "people", "person") or agent in _AGENTS
    secretary = agent == "secretary" and at >= 2 and role[at - 2].lower() == "press"
    return (agent in _AGENTS or secretary) and all(is_cap(w) for w in role[at + 1:])


def names_a_body(name: str) -> bool:
    """Does a capitalised name carry a word for a body ("Roper Center", "Daily Courier Press")?"""
    return any(w.lower() in _ORG_HEADS for w in name.split())


def _named_for_its_purpose(words: list[str]) -> bool:
    """An organisation named by what it is for: "Center for Public Opinion Research", "Committee for a
    Responsible Federal Budget" (capitalised words all through, after a word for a body)."""
    at = next((i for i, w in enumerate(words) if w in ("for", "on") and i > 0), None)
    if at is None or at + 1 >= len(words) or not is_cap(words[at - 1]) or words[at - 1].lower() not in _ORG_HEADS:
        return False
    return all(is_cap(w) for w in words[:at]) and is_cap(words[-1]) and \
        all(is_cap(w) or w in ("a", "the", "and", "of", "for", "on") for w in words[at + 1:])


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_TITLE_GENDER = {
    **dict.fromkeys("mr mr. sir lord king prince duke emperor brother father son husband widower".split(), "m"),
    **dict.fromkeys("mrs mrs. ms ms. miss lady dame queen princess duchess empress sister mother daughter wife "
                    "widow spokeswoman chairwoman congresswoman businesswoman".split(), "f"),
}


def gender_of(name: str | None, role: str | None) -> str | None:
    """A person's grammatical gender when their title or role says it ("King", "Ms", "spokeswoman")."""
    found = {_TITLE_GENDER[w] for w in f"{role or ''} {name or ''}".lower().replace(",", " ").split()
             if w in _TITLE_GENDER}
    return found.pop() if len(found) == 1 else None


# Words that make another office of the head ("the minority leader", "the defence minister").
_OFFICE_QUALIFIERS = frozenset("minority majority opposition foreign defence defense interior finance justice "
                               "health energy".split())
_MEMORY = 50  # speakers remembered per story (most recent); back-references rarely reach further


class SpeakerMemory:
    """People and groups already quoted in this story, for back-references."""

    def __init__(self, kb: actors.KnowledgeBase, day: date | None = None):
        self.kb = kb
        self.day = day  # the story's date: the knowledge base's roles as they were then
        self.people: list[tuple[str, str | None]] = []  # (name, role), most recent last
        self.groups: list[str] = []
        self.collectives: list[tuple[str, str | None]] = []
        self.cast: list[tuple[str, str | None]] = []  # people the story names, quoted or not, in order
        self.orgs: list[str] = []  # organisations the story names, in order
        self.described_groups: list[tuple[str, str]] = []  # organisations with a description, quoted

    def introduce(self, name: str, role: str | None) -> None:
        """A person the story names (not necessarily quoted), for later descriptions and surnames."""
        self.cast = [c for c in self.cast if c[0] != name][-_MEMORY + 1:] + [(name, role)]

    def introduce_org(self, name: str) -> None:
        self.orgs = [o for o in self.orgs if o != name][-_MEMORY + 1:] + [name]

    def _same_document(self, head: str) -> tuple[str, str | None] | None:
        """The document of this kind the story quoted last ("a U.S. intelligence report"), if any."""
        for known, known_role in reversed(self.collectives):
            last = known.split()[-1].lower() if known else ""
            if last == head and len(known.split()) > 2:
                return known, known_role
        return None

    def _issuer(self) -> str | None:
        """The latest institution the story named or quoted (never a person, a country or a document)."""
        people = {n for n, _ in [*self.people, *self.cast]} | {n.split()[-1] for n, _ in [*self.people, *self.cast]}
        for g in [*reversed(self.groups), *reversed(self.orgs)]:
            known = self.kb.actor(g)
            if g in people or g.split()[-1].lower() in DOCUMENT_HEADS or self.kb.is_group_word(g) or \
                    (known is not None and known.role) or self.kb.outlet(g) or _plural_common(g):
                # "the authors", "experts": people, who write a report but do not issue it
                continue
            return g
        return None

    def _described(self, words: list[str], strict: bool = False) -> tuple[str, str | None] | None:
        """The person a definite description ("the minister", "the Belarusian leader", "the head of
        state") names back: the latest one quoted, else named, whose role has the head word or a word
        it stands for, and whose country words (if both have any) agree."""
        of_at = [i for i, w in enumerate(words) if w.lower() == "of"]
        head_words = words[: of_at[0]] if of_at and words[-2:] != ["of", "state"] else words
        head = head_words[-1].lower().split("-")[-1] if head_words else words[-1].lower()
        if head == "state" and [w.lower() for w in words[-3:]] != ["head", "of", "state"]:
            head = words[0].lower()  # "the secretary of state" is a secretary; only "head of state" is a ruler
        wanted = _HEAD_SYNONYMS.get(head, set()) | {head}
        named = {w.lower() for w in words[of_at[0] + 1:] if w[:1].isupper()} if of_at else set()
        own = self.kb.side_of_words(" ".join(words))
        fallback = None
        for pool in (self.people, self.cast, self.described_groups):
            for known, known_role in reversed(pool):
                if not known_role and head in ("leader", "president") and \
                        (actor := self.kb.person(known)) is not None:
                    known_role = actor.role_on(self.day)  # the story gives none; the knowledge base does ("Russian President")
                    if not known_role or any(w.lower() not in known_role.lower() for w in head_words[:-1]
                           if not re.match(r"\d", w) and w.lower() not in ("the", "a", "an")):
                        continue  # "the minority leader" is no President
                if not known_role:
                    continue
                role_words = set(known_role.lower().replace("-", " ").split())
                if not wanted & role_words:
                    continue
                if head != "state" and any(w.lower() in _OFFICE_QUALIFIERS and w.lower() not in role_words
                                           for w in head_words[:-1]):
                    continue  # "the minority leader" is not the President, "the foreign minister" not defence's
                if strict and named and not named & role_words and not own:
                    continue  # "the governor of the Kherson region" is nobody else's governor
                theirs = self.kb.side_of_words(f"{known_role} {known}")
                if own and theirs and own[0] != theirs[0] and own[1] not in known_role:
                    fallback = fallback or (known, known_role)
                    continue
                return known, known_role
        if fallback:  # "the Romanian journalist" for "a Ukraine war reporter": the only one there is
            return fallback
        return None

    def _org_beginning(self, word: str) -> str | None:
        """The latest organisation the story named whose full name begins with ``word`` ("DJI")."""
        return next((o for o in reversed(self.orgs) if o.startswith(word + " ")), None)

    def _plural_described(self, word: str) -> tuple[str, str] | None:
        """The people a plural description names back ("the authors" -> "Ann Lee and Bo Tam"): those the
        story named with the singular in their role, two or three of them, in the order named."""
        low = word.lower()
        if not low.endswith("s") or low.endswith("ss") or low[:-1] not in ROLE_WORDS:
            return None
        head = low[:-1]
        named: list[str] = []
        for name, role in [*self.cast, *self.people]:
            if role and head in role.lower().replace("-", " ").split() and name not in named and " " in name:
                named.append(name)
        if not 2 <= len(named) <= 3:
            return None
        return " and ".join(named), word

    def _remember(self, name: str, role: str | None) -> None:
        self.people = [p for p in self.people if p[0] != name][-_MEMORY + 1:] + [(name, role)]

    def remember_person(self, name: str, role: str | None) -> None:
        """A person the reader found speaking by other means (the sentences' subjects): the latest."""
        self._remember(name, role)

    def _remember_group(self, text: str, role: str | None, collective: bool) -> None:
        self.groups = [g for g in self.groups if g != text][-_MEMORY + 1:] + [text]
        if collective:
            self.collectives = [c for c in self.collectives if c[0] != text][-_MEMORY + 1:] + [(text, role)]

    def resolve(self, p: Phrase | None) -> tuple[str | None, str | None]:
        """(speaker, role) for a phrase; None when a pronoun has no antecedent."""
        if p is None:
            return None, None
        if p.kind == "pronoun":
            if _ANY_PRONOUN[p.text.lower()] == "person":
                wanted = _PRONOUN_GENDER.get(p.text.lower())
                for known, known_role in reversed(self.people):
                    if wanted is None or gender_of(known, known_role) in (None, wanted):
                        return known, known_role  # "she said" never names back a King or a Mr
                for known, known_role in [*reversed(self.cast), *reversed(self.collectives)]:
                    # the story named her (or described her: "the Duchess said"), though nobody quoted her by name
                    if wanted is not None and gender_of(known, known_role) == wanted:
                        if (known, known_role) not in self.collectives:
                            self._remember(known, known_role)
                        return known, known_role
                return self.people[-1] if self.people else (None, None)
            # "It added": an outlet that only relayed the story is not what "it" names back
            groups = [g for g in self.groups if not self.kb.outlet(g)] or self.groups
            if p.text.lower() in ("it", "its"):  # "it" is one body: never "Experts" or "the officials"
                groups = [g for g in groups if not _plural_common(g)]
            return (groups[-1], None) if groups else (None, None)
        if p.kind == "group":
            name = p.name or p.text
            if " " not in name:  # "DJI" for the "DJI Technology Co." the story named
                name = self._org_beginning(name) or name
                p = Phrase(p.start, p.end, p.text, name, p.role, p.kind)
            self._remember_group(p.name or p.text, None, collective=False)
            if p.role:  # "Janes, a global agency for defence intelligence": "the agency" later
                self.described_groups = [g for g in self.described_groups if g[0] != p.name] + [(p.name, p.role)]
            return p.name, p.role
        if p.kind == "person":
            name, role = p.name or p.text, p.role
            if " " not in name:
                pool = [*reversed(self.people), *reversed(self.cast)]
                # a surname, else (names written surname first: "Xi" of "Xi Jinping") a first word
                match = next((k for k in pool if k[0].split()[-1] == name), None) or \
                    next((k for k in reversed(self.cast) if k[0].split()[0] == name and len(k[0].split()) == 2), None)
                org = self._org_beginning(name)
                if match:
                    name, role = match[0], role or match[1]
                elif org is not None:  # "DJI rejected ..." after "DJI Technology Co. announced ..."
                    self._remember_group(org, None, collective=False)
                    return org, role
                else:
                    actor = self.kb.actor(name)
                    if actor and actor.kind == "actor":
                        name, role = actor.name, role or actor.role_on(self.day)
            else:
                for known, known_role in [*self.people, *self.cast]:
                    if known == name:
                        role = role or known_role
                actor = self.kb.person(name)
                if actor is not None and not role:
                    role = actor.role_on(self.day)
            self._remember(name, role)
            return name, role
        # A definite role with no name ("the spokeswoman") refers back to the last person with that role.
        role = p.role or ""
        words = role.split()
        owner = re.match(r"(.+?)['’]s\s+(?:[\w-]+\s+)?(\w+)$", role)
        if owner and owner.group(2).lower() in DOCUMENT_HEADS:  # "ECFR's polling": ECFR's finding
            issuer = re.sub(r"^.*?\b(?:copy|draft|version|excerpt|portion)\s+of\s+(?:the\s+|an?\s+)?", "",
                            owner.group(1), flags=re.I)  # "a redacted copy of the inspector general's memo"
            actor = self.kb.actor(issuer)
            name = actor.name if actor else issuer
            self._remember_group(name, None, collective=False)
            return name, role  # the document stays as the role: who issued it, and what it is
        if p.text.lower().startswith("the ") and len(words) == 1 and words[0].lower() in DOCUMENT_HEADS:
            same = self._same_document(words[0].lower())
            if same is not None:  # "a U.S. intelligence report said ... The report cited ...": that report
                return same
            issuer = self._issuer()
            if issuer:  # "the statement said": the institution that issued it, the statement as the role
                return issuer, role
        definite = p.text.lower().startswith("the ") or bool(re.match(r"[A-Z][\w.-]*['’]s\s", p.text))
        short = definite and 0 < len(words) <= 3 and ("of" not in words or words[-2:] == ["of", "state"])
        if short or (definite and 0 < len(words) <= 8):  # longer: "the speaker of the House of Representatives"
            found = self._described(words, strict=not short)
            if found:  # the person named back, described as this sentence describes them
                return found[0], _as_described(role, found[1])
        if definite and len(words) == 1 and (group := self._plural_described(words[0])):
            return group  # "the authors said": the co-authors the story named
        if short:
            wanted = {w.lower() for w in words}
            for known, known_role in reversed(self.collectives):  # "a source in the SBU ... the source"
                if known_role and known != p.text and wanted <= set(known_role.lower().split()):
                    return known, known_role
        self._remember_group(p.text, p.role, collective=True)
        return p.text, p.role


def _plural_common(name: str) -> bool:
    """ "Experts", "the officials", "Western diplomats": people in the plural, which "it" never names."""
    words = name.split()
    if not words or not words[-1].endswith("s") or words[-1].endswith("ss"):
        return False
    last = words[-1]
    if last.islower():
        return True
    return len(words) == 1 and last[:-1].lower() in person_nouns()  # "Experts", "Analysts" opening a sentence


def _as_described(description: str, known_role: str | None) -> str | None:
    """The role a description names someone by: "the California congressman" is what the article
    calls Rep. X here, and says more than the bare head word the earlier role shares with it."""
    if len(description.split()) < 2 or known_role and description.lower() in known_role.lower():
        return known_role or description or None  # "the Republican nominee" for a Trump with no role yet
    return description


def _skippable(word: str) -> bool:
    """Adverbs and auxiliaries between a subject and its cue ("has also", "vehemently")."""
    return word.lower() in _SKIP_BEFORE_CUE or word in _MODALS or (word.islower() and word.endswith("ly") and
                                                                     len(word) > 4 and word not in _LY_NOUNS)


# "the president will say": a modal before the cue (lower case only: "Theresa May said" keeps its May).
_MODALS = frozenset("will would can could may might should must shall".split())


def segment(text: str, end: int, lo: int) -> tuple[int, list[Token]]:
    """The comma-free stretch of words ending at ``end`` (back to a comma, quote mark or ``lo``)."""
    a = max([text.rfind(ch, lo, end) for ch in ',;:"“”()'] + [lo - 1]) + 1
    return a, tokens(text, a, end)


def role_segment(text: str, toks: list[Token], kb: actors.KnowledgeBase, limit: int = 12) -> Phrase | None:
    """A loosely built descriptive phrase ("a spokesperson for the foundation"): no verbs, short."""
    if not toks or len(toks) > limit or all(t.text.lower() in _DETERMINERS for t in toks):
        return None
    if _TIME_WORDS.search(text, toks[0].start, toks[-1].end):  # "A few weeks earlier, X said": not a role
        return None
    first = toks[0].text
    if not (first.lower() in _DETERMINERS or is_cap(first) or _is_role_word(first)) or first in _STOP_CAPS:
        return None
    for t in toks:
        low = t.text.lower()
        if low in _VERBISH or low in _CUE_WORDS or (low.endswith("ed") and not _is_role_word(low) and t.text.islower()):
            return None
    return parse_phrase(text, toks, kb)


def at_clause_start(text: str, lo: int, pos: int) -> bool:
    before = text[lo:pos].rstrip()
    return not before or before[-1] in ',;:"”—–-' or bool(re.search(r"\b(?:but|and|while|as|so|because|however|"
                                                                     r"although|though)$", before, re.I))


_PARTY_LABEL = re.compile(r"\s*\([A-Z][\w.]{0,4}(?:[-–,]\s?[A-Z][\w.]{0,10})?\)\s*$")


SPACED_DASH = re.compile(r"\s[-–—]\s|—")


def _after_open_dash(text: str, lo: int, cue_start: int) -> int:
    """ "an ambitious - some say reckless - pledge": a dash left open before the cue starts an aside,
    and the speaker is inside it; a closed pair ("Mr Ames - the mayor - said") is part of the subject."""
    dashes = list(SPACED_DASH.finditer(text, lo, cue_start))
    return dashes[-1].end() if len(dashes) % 2 else lo


_LONG_APPOSITION = 25  # words: "X, the party's front-runner nationally and the polling leader in the state, said"


def _long_apposition(text: str, a_toks: list[Token], b: tuple[int, Phrase | None] | None,
                     lo: int) -> Phrase | None:
    """ "Varga, the party's front-runner nationally and the polling leader in the state by a wide margin,
    said": a name alone before a description too long for a role segment is still the speaker, and the
    description (with no verb in it) is the role."""
    if not b or b[1] is None or b[1].kind != "person" or b[1].role or not a_toks or \
            a_toks[0].text.lower() not in ("the", "a", "an") or len(a_toks) > _LONG_APPOSITION or \
            not at_clause_start(text, lo, b[0]):
        return None
    if any(t.text.lower() in _VERBISH or t.text.lower() in _CUE_WORDS for t in a_toks):
        return None
    role = text[a_toks[1].start:a_toks[-1].end]
    return Phrase(b[1].start, a_toks[-1].end, text[b[1].start:a_toks[-1].end], b[1].name, role, "person")


def subject_before(text: str, cue_start: int, lo: int, kb: actors.KnowledgeBase) -> Phrase | None:
    """The speaker phrase ending right before a cue verb (skipping "has", "also", "on Monday", ...).

    Handles appositions on either side ("Ukraine's Energy Minister, Petro Kovalenko, said";
    "Tanya Roe, a spokesperson for the foundation, says"), pronouns at a clause start, and, when no
    tidy noun phrase is found, a short verbless clause subject ("People familiar with the talks said").
    """
    lo = _after_open_dash(text, lo, cue_start)
    end = cue_start
    for _ in range(2):
        toks = tokens(text, lo, end)
        while toks and _skippable(toks[-1].text) and _gap_clean(text, toks[-1].end, end):
            end = toks[-1].start
            toks.pop()
        when = _TIME_BEFORE_CUE.search(text, lo, end)
        if not when:
            break
        end = when.start()
    aside = _ASIDE.search(text, lo, end)
    if aside:  # "Mr Obama, meanwhile, said"
        end = aside.start()
    label = _PARTY_LABEL.search(text, lo, end)
    if label:  # "Rep. Tom Ames (D-Md.) said", "Sen. Jo Lin (R) said": the party and state label
        end = label.start()
    toks = tokens(text, lo, end)
    if toks and toks[-1].text.lower() in _PRONOUNS and _gap_clean(text, toks[-1].end, end) and \
            at_clause_start(text, lo, toks[-1].start):
        return parse_phrase(text, [toks[-1]], kb)
    stripped = text[lo:end].rstrip()
    if stripped.endswith(","):
        comma = lo + len(stripped) - 1
        a_start, a_toks = segment(text, comma, lo)
        seg_a = role_segment(text, a_toks, kb)
        b = None
        if a_start > lo and text[a_start - 1] == ",":
            b_start, b_toks = segment(text, a_start - 1, lo)
            b = (b_start, role_segment(text, b_toks, kb))
        if a_toks and b and (a_toks[0].text.lower() in ("who", "which", "whose") or
                             re.fullmatch(r"[a-z]+(?:ed|ing)", a_toks[0].text) or
                             (len(a_toks) <= 5 and _TIME_WORDS.search(text, a_start, comma))):
            # "The Center, which tracks hate speech, said" / "Jo Tate, based in Linn County, says"
            b_start, b_toks = segment(text, a_start - 1, lo)
            if at_clause_start(text, lo, b_start):
                return role_segment(text, b_toks, kb)
            return None
        if seg_a is None:
            return _long_apposition(text, a_toks, b, lo)
        if seg_a.kind == "person" and not seg_a.role:
            if b and b[1] and b[1].kind == "collective" and at_clause_start(text, lo, b[0]):
                return Phrase(b[1].start, seg_a.end, text[b[1].start:seg_a.end], seg_a.name, b[1].role, "person")
            return seg_a if at_clause_start(text, lo, seg_a.start) else None
        if seg_a.kind == "collective" and b and b[1] and b[1].kind == "person" and not b[1].role:
            if re.match(r"(?:from|of|at|with|in)\b", seg_a.text, re.I):
                return Phrase(b[1].start, seg_a.end, text[b[1].start:seg_a.end], b[1].name, seg_a.text, "person")
            return Phrase(b[1].start, seg_a.end, text[b[1].start:seg_a.end], b[1].name, seg_a.role, "person")
        if seg_a.kind == "collective" and b and b[1] and b[1].kind == "person" and b[1].role and \
                re.match(r"(?:from|of|at|with|in)\b", seg_a.text, re.I):
            return Phrase(b[1].start, seg_a.end, text[b[1].start:seg_a.end], b[1].name,
                          f"{b[1].role} {seg_a.text}", "person")
        return None  # "X, said" without an apposition: not a subject
    found = _scan_back(text, end, lo)
    if not found:
        seg_start, seg_toks = segment(text, end, lo)
        if seg_toks and at_clause_start(text, lo, seg_start):
            return role_segment(text, seg_toks, kb, limit=8)
        return None
    start, toks = found
    first = parse_phrase(text, toks, kb)
    before = text[lo:start].rstrip()
    if before.endswith(",") and _gap_clean(text, lo + len(before), start):
        b_start, b_toks = segment(text, lo + len(before) - 1, lo)
        second = role_segment(text, b_toks, kb)
        if second and at_clause_start(text, lo, b_start):
            # "Ukraine's Energy Minister, Petro Kovalenko said" / "Dmitry Peskov, the Kremlin spokesman said"
            if first.kind == "person" and not first.role and second.kind == "collective":
                return Phrase(second.start, first.end, text[second.start:first.end], first.name, second.role, "person")
            if first.kind == "collective" and second.kind == "person" and not second.role and \
                    first.text.lower().startswith(("the ", "a ", "an ")):
                return Phrase(second.start, first.end, text[second.start:first.end], second.name, first.role,
                              "person")
    return first


def lenient_subject(text: str, lo: int, cue_at: int, kb: actors.KnowledgeBase) -> Phrase | None:
    """Between a closing quote and its cue any short plain phrase is the speaker
    ('"...," the Odesa garrison commander said'), even with words the role list lacks."""
    toks = tokens(text, lo, cue_at)
    while toks and _skippable(toks[-1].text):
        toks.pop()
    if not toks or len(toks) > 7 or re.search(r"[^\w\s'’.-]", text[lo:toks[-1].end]):
        return None
    if toks[0].text.lower() not in _DETERMINERS and not is_cap(toks[0].text):
        return None
    return parse_phrase(text, toks, kb)
