"""Attribution from the sentence's dependency parse (tried before the word rules for cue verbs).

A cue verb (geo.claims.cues) with a subject that can be a source (a name, a
pronoun, an office, a document) and a content (its clausal complement, or
what it governs after the verb) is an attribution; so is "according to X".
The participle (", saying ...", "was quoted as saying") and a second verb
("... and added that ...") take the subject of the verb they hang on; a
relative clause ("X, who told reporters that ...") the noun it describes.
What a cue reports (its clause, object or quotation) is geo.claims.contents.

Only sentences that hold a cue word are parsed, in one ``nlp.pipe`` batch per
story, with the tagger and parser alone (tags and dependencies are all this needs).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import actors
from ..lexicon import person_nouns
from ..nlp import get_nlp
from ..sentences import Layout
from ..speakers import ROLE_WORDS, SPACED_DASH, Phrase, parse_phrase, tokens
from . import contents
from .contents import SUBJECT_DEPS
from .cues import (CLAIM_NOUNS, COGNITION, DOCUMENT_NOUNS, EVIDENCE, FRAME_NOUNS, LEMMAS,
                   PARTICIPLES, SPEECH, STANCE, forms, lemma_of, singular)

MAX_SENTENCE_CHARS = 3_000  # longer is no sentence (a table, a run-on line): the rules read it
MAX_STORY_CHARS = 400_000  # parsed per story; beyond it the rules alone (the parse would take minutes)
_PERSON_PRONOUNS = frozenset("he she they we".split())
_INSTITUTION_NOUNS = frozenset("embassy consulate palace court tribunal prosecutor parliament senate congress "
                               "campaign union party firm company".split())
# What "according to" may name before its source: "a statement by X", "X's figures", "his words".
_CONTAINERS = frozenset("statement report data figure estimate information post update message word "
                        "release briefing comment remark interview".split())
_WORKINGS = frozenset("calculation estimate projection count tally reckoning".split())  # someone's numbers
_CONTINUING_DEPS = ("advcl", "xcomp", "conj", "pcomp")  # ", saying ...", "and added ...", "quoted as saying"
_NOT_DONE_PREPS = frozenset(("without", "instead", "of"))  # "without saying", "instead of saying": not said


@dataclass
class Attribution:
    """One cue with its source phrase and the content's character span (offsets into the article)."""

    cue: str
    cue_at: int
    phrase: Phrase | None
    start: int
    end: int
    points_back: bool = False  # "X said this": the content is the sentence before
    nested: bool = False  # inside another attribution's content: "X reports that Y found Z"
    reported: bool = False  # nested, and what the outer cue itself reports ("X says Y promised"), not beside it


def parse(texts: list[str]) -> list:
    """spaCy docs for the sentences, or [] when the model is missing (rules alone then)."""
    nlp = get_nlp()
    if nlp is None or not texts:
        return []
    # The parse and the tags are all this needs: the entity recogniser, the attribute ruler and the
    # lemmatizer are left out (a third of the cost; lemmas come from geo.claims.cues). ``disable`` per
    # call, not select_pipes: other threads share the model.
    skip = [p for p in nlp.pipe_names if p in ("ner", "attribute_ruler", "lemmatizer")]
    return list(nlp.pipe((_APOSTROPHE.sub("'", t).replace("\xa0", " ") for t in texts), disable=skip,
                         batch_size=64))


# A curly apostrophe inside a word ("police’s", "don’t"): the parser, trained on straight ones, reads
# "’s" as a verb; a no-break space becomes a token of its own. Each is swapped one for one (a straight
# apostrophe, a space), so every offset stays the article's.
_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)")


def _subject_of(verb, kb: actors.KnowledgeBase | None = None):
    """The subject of a cue verb, or of the verb a participle or second verb continues. A passive
    subject is no speaker ("was accused of"), except of "quoted as saying"."""
    cue = verb
    for _ in range(4):
        subj = _nearest_subject(verb)
        if subj is not None:
            if subj.dep_ == "nsubjpass" and lemma_of(verb) not in ("quote", "cite"):
                # "calls for an inquiry were rejected by the Council": the agent is the source
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                return by if by is not None and (lemma_of(verb) in SPEECH or lemma_of(verb) in STANCE) else None
            if subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return _relative_antecedent(verb.head, subj.lower_)
            return _aside_speaker(verb, subj) or _hyphen_head(subj)
        if any(c.dep_ == "csubj" for c in verb.children) and verb.i > 0 and \
                verb.doc[verb.i - 1].tag_ in ("NNP", "PRP"):
            # "Speaking in Volgograd - the modern name for Stalingrad - Mr Putin hinted": the dashes
            # mislead the parse; the name right before the verb is its subject
            return verb.doc[verb.i - 1]
        named = contents.name_glued_to_aside(verb) if verb.i == cue.i else None
        if named is not None:
            return named  # "Democrats, Frank notes, applaud ...": the parse made "notes" a noun's apposition
        asker = _asked_by(verb) if verb.i == cue.i else None
        if asker is not None:
            return asker  # "Asked by Starnes if he believed ...": the one who asks
        before = _word_before_an_aside(verb) if verb.dep_ == "conj" else None
        if before is not None and (_name_of_a_clause_before(before) or _uncoordinated_name(verb, before)):
            return before  # "... as UK Prime Minister X warned that": the parse made X a pobj
        if verb.dep_ in _CONTINUING_DEPS and verb.head.i != verb.i:
            if verb.i == cue.i and verb.tag_ == "VBG" and lemma_of(verb) not in PARTICIPLES:
                return None  # ", fearing that ...", ", suggesting ...": the sentence's own inference
            if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
                if verb.head.lower_ in _NOT_DONE_PREPS:
                    return None  # "left without saying why": nothing was said
                verb = verb.head  # "began by saying ...", "after saying ...": the verb the phrase hangs on
            verb = verb.head
            continue
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.i == cue.i and lemma_of(verb) in PARTICIPLES and \
                verb.head.tag_.startswith("NN") and verb.head.i == verb.i - 1:
            if _addressed(verb.head):
                verb = verb.head.head  # "emailed supporters saying ...": the one who emailed
                continue
            issuer = _issuer_of(verb.head, kb)
            return issuer if issuer is not None else verb.head  # "footage of the mayor saying ...": the noun
        if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.tag_.startswith("NN") and \
                verb.tag_ in ("VBD", "VBN") and any(c.dep_ == "ccomp" for c in verb.children):
            # "DJI Technology Co., one of ..., announced in April it was pulling out": the parse read the
            # verb as a participle on a noun that heads the sentence; with a clause of its own it is the verb
            return verb.head
        return None
    return None


def _nearest_subject(verb):
    """The verb's subject; of two the parse gives it ("Voters, Clinton suggested, don't ...", "in Salem,
    New Hampshire, Trump went"), the one right before it."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) > 1:  # "Republican figures - whose party ... - both suggested": "both" floats
        subjects = [c for c in subjects if c.lower_ not in ("both", "all", "each")] or subjects
    if len(subjects) < 2:
        return subjects[0] if subjects else None
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else subjects[0]


# Verbs of sending words to someone, in every spelling (those of saying are in SPEECH already).
_SENDING = frozenset(f for verb in "email e-mail text message send address".split() for f in forms(verb))


def _addressed(noun) -> bool:
    """ "emailed supporters saying ...": the ones written to do not speak; the writer does (while
    "an ad featuring Hispanics telling their stories" lets the people shown speak)."""
    return noun.dep_ in ("dobj", "dative") and (lemma_of(noun.head) in SPEECH or noun.head.lower_ in _SENDING)


def _asked_by(verb):
    """ "Asked by Starnes if he believed ...", "When asked by a reporter whether ...": a participle
    of asking with its agent and no subject; the agent asks the question."""
    if verb.tag_ != "VBN" or lemma_of(verb) != "ask" or contents.question_clause(verb) is None:
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None


def _aside_speaker(verb, subj):
    """ "To understand the real history, Chief Justice Roberts said, one should visit": in a spoken aside
    the parse may take the fronted phrase's noun for the subject and the name just before the verb
    for its apposition; the name speaks."""
    doc = subj.doc
    lo = subj.left_edge.i
    in_place = lo >= 2 and doc[lo - 1].text == "," and doc[lo - 2].dep_ == "pobj" and doc[lo - 2].tag_ == "NNP"
    if verb.dep_ != "parataxis" and not in_place:  # "in Salem, New Hampshire, Tom Vale went": the state
        return None                                 # ends the place; the name after it is the subject
    return next((c for c in subj.children if c.dep_ == "appos" and c.tag_ in ("NNP", "NNPS") and
                 c.right_edge.i == verb.i - 1 and doc[c.left_edge.i - 1].text == ","), None)


def _issuer_of(document, kb: actors.KnowledgeBase | None):
    """ "the Council issued a statement calling ...": the one who issued the document speaks in it."""
    if lemma_of(document) not in DOCUMENT_NOUNS or document.dep_ != "dobj" or kb is None:
        return None
    subj = next((c for c in document.head.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None and _can_speak(subj, "say", kb) else None


def _hyphen_head(subj):
    """ "His ex-wife said": the parse may split a hyphened noun into three subjects; the last part
    is the head, and the phrase reaches back over the hyphen (see ``_hyphen_start``)."""
    doc = subj.doc
    while subj.i + 2 < len(doc) and doc[subj.i + 1].text == "-" and not subj.whitespace_ and \
            not doc[subj.i + 1].whitespace_ and doc[subj.i + 2].head.i == subj.head.i:
        subj = doc[subj.i + 2]
    return subj


def _hyphen_start(subj) -> int:
    """Where a subject that ends a hyphened word begins: its first part's own left edge."""
    doc, i = subj.doc, subj.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        i -= 2
    return doc[i].left_edge.idx if i != subj.i else subj.idx


_PLACE_PREPS = frozenset("on in at from across".split())


_SUBORDINATORS = frozenset("as while after before since when because although though".split())


_ASIDE_MAX = 8  # words in a phrase set off by commas between a subject and its verb


def _word_before_an_aside(verb):
    """The word before ``verb``, or before the phrase set off by commas just before it ("since
    Clinton, at Monday's debate, cited ..."); an aside with a verb of its own is a clause, not one."""
    doc = verb.doc
    if verb.i == 0:
        return None
    if doc[verb.i - 1].text != ",":
        return doc[verb.i - 1]
    for j in range(verb.i - 2, max(verb.i - 2 - _ASIDE_MAX, 0), -1):
        if doc[j].text == ",":
            aside = doc[j + 1:verb.i - 1]
            return doc[j - 1] if j > 0 and len(aside) and not any(t.pos_ in ("VERB", "AUX") for t in aside) else None
    return None


def _name_of_a_clause_before(tok) -> bool:
    """A name right before a verb, taken by the parse for the object of "as", "while", ...: the
    subject of a clause the parse did not see."""
    return tok.tag_ in ("NNP", "NNPS") and tok.dep_ == "pobj" and tok.head.lower_ in _SUBORDINATORS


def _uncoordinated_name(verb, before) -> bool:
    """ "..., Deputy Head of the Administration Vladimir Pertsov told the media": the parse calls the verb
    a second one of the sentence's main verb with no "and" between them; the name right before it is
    its subject, buried by the parse in the title's "of"."""
    doc = verb.doc
    return before.tag_ in ("NNP", "NNPS") and before.i == verb.i - 1 and before.dep_ in ("pobj", "appos") and \
        not any(t.dep_ == "cc" or t.lower_ in ("and", "but", "or") for t in doc[min(verb.head.i, verb.i):verb.i])


def _relative_antecedent(head, pronoun: str):
    """ "nervous Democrats on Capitol Hill, who have argued": "who" stands for people, so when the
    parse hangs it on the place of a locative phrase, the people that phrase describes are meant."""
    nouns = ("NN", "NNS", "NNP", "NNPS")
    if pronoun in ("which", "that") and head.lower_ in _TIME_NOUNS and head.dep_ == "pobj" and \
            head.head.dep_ == "prep":
        # "released her records in July, which showed ...": not the month but what was released
        obj = next((c for c in head.head.head.children if c.dep_ == "dobj" and c.i < head.i), None)
        if obj is not None:
            return obj
    while pronoun == "who" and head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS and head.head.i > 0:
        prep = head.head
        before = head.doc[prep.i - 1]  # the noun the phrase follows, wherever the parse hangs it
        owner = prep.head if prep.head.tag_ in nouns and prep.head.i < prep.i else before
        if owner.tag_ not in nouns:
            break
        head = owner
    return head


_TIME_NOUNS = frozenset((
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday year week month day morning evening night weekend"
).split())


def _named_in_apposition(subj):
    """ "With 50 days until the election, Minyon Moore, a senior adviser, called ...": the parse takes
    the fronted phrase's noun for the subject and the name for its apposition; the name speaks."""
    return next((c for c in subj.children if c.dep_ == "appos" and c.tag_ in ("NNP", "NNPS") and c.i > subj.i),
                None)


def _can_speak(subj, cue_lemma: str, kb: actors.KnowledgeBase) -> bool:
    """A name, a person pronoun, an office or group, or a document (for evidence verbs) can be a source."""
    low, lemma = subj.lower_, lemma_of(subj)
    if low in _PERSON_PRONOUNS:
        return True
    if subj.text == "I":  # "I truly believed ...": the writer of an opinion piece, in their own words
        return cue_lemma in SPEECH or cue_lemma in COGNITION
    if lemma in _SHARE_NOUNS:  # "a majority of voters expect", "63 percent of Americans say": the people
        whole = _of_whole(subj)
        if whole is not None:
            return _can_speak(whole, cue_lemma, kb)
        if lemma in ("percent", "half", "third", "quarter"):
            return cue_lemma in SPEECH or cue_lemma in COGNITION  # "63 percent said", "half said so": respondents
    if _ratio(subj):
        return cue_lemma in SPEECH or cue_lemma in COGNITION  # "nine in 10 said", "four out of 10 believe"
    if lemma in _COPIES:  # "A redacted copy of the inspector general's memo said": the memo
        whole = _of_whole(subj)
        return whole is not None and lemma_of(whole) in DOCUMENT_NOUNS
    if cue_lemma in STANCE and cue_lemma not in SPEECH and (low in ("it", "they", "we") or subj.tag_ not in (
            "NNP", "NNPS", "PRP")):
        # a stance is a named source's, a person's or a body's ("the union endorsed"): "it plans to" is none
        return low in ("he", "she") or subj.tag_ in ("NN", "NNS") and (_is_body(lemma) or lemma in DOCUMENT_NOUNS) \
            and lemma not in _ARMED  # "the army plans to retake the bridge" reports an operation
    if low == "it":  # "it said", "it found", "it considers Russia would need two weeks": an institution
        return cue_lemma in SPEECH or cue_lemma in EVIDENCE or cue_lemma in COGNITION
    if subj.tag_ in ("NNP", "NNPS") or kb.is_group_word(subj.text):
        return True
    if subj.is_title and kb.actor(subj.text):  # "Trump is promising ...": a known name the tagger took for a noun
        return True
    if _is_body(lemma) or low in ROLE_WORDS:
        return True
    if lemma in DOCUMENT_NOUNS or lemma in _INSTITUTION_NOUNS:
        return True
    if low in _PEOPLE_PRONOUNS and subj.tag_ in ("DT", "JJ", "NN", "NNS", "PDT", "CD"):
        return cue_lemma not in EVIDENCE or cue_lemma in SPEECH  # "Those close to him say", "Others argue"
    return subj.tag_ in ("NN", "NNS") and lemma not in _NOT_PEOPLE and (
        lemma in person_nouns() or lemma.endswith(_PERSON_SUFFIXES))


_COPIES = frozenset("copy draft version excerpt portion section passage page".split())


def _ratio(subj) -> bool:
    """A share of respondents given as a ratio ("nine in 10", "four out of 10", "One in four voters"): a
    number with its quantifier words, or with "in" and a counted noun, as the parse hangs them."""
    return subj.tag_ == "CD" and (any(c.dep_ == "quantmod" for c in subj.children) or _counted_in(subj) is not None)


def _counted_in(subj):
    """ "One in four voters": the noun counted after "in" and a number, if the parse hangs it so."""
    prep = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "in" and c.i == subj.i + 1), None)
    noun = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
    if noun is None or not any(g.dep_ == "nummod" and g.like_num for g in noun.children):
        return None
    return noun


def _part_of(subj):
    """The whole a part names: "one of those advisers", "some of the officials", "a copy of the memo"."""
    if not (subj.tag_ == "CD" or subj.lower_ in _PEOPLE_PRONOUNS or lemma_of(subj) in _SHARE_NOUNS or
            lemma_of(subj) in _COPIES):  # "a redacted copy of the inspector general's memo"
        return None
    return _of_whole(subj, adjacent=True)


def _of_whole(subj, adjacent: bool = False):
    """The object of the "of" a noun governs ("a majority of voters", "a copy of the memo"); with
    ``adjacent``, only an "of" right after it."""
    return next((g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" and
                 (not adjacent or c.i == subj.i + 1) for g in c.children if g.dep_ == "pobj"), None)


def _is_body(lemma: str) -> bool:
    """A person's office, a group of people or an institution: what can hold a position."""
    return lemma in ROLE_WORDS or lemma in _PEOPLE_NOUNS or lemma in _INSTITUTION_NOUNS


_ARMED = frozenset("army military force forces navy troop troops guard police unit brigade".split())
# Nouns for people (or bodies of them) that neither the role list nor the endings below catch.
_PEOPLE_NOUNS = frozenset((
    "delegate advocate candidate veteran family rival judge nurse pilot monk citizen victim fan landlord "
    "company agency colleague relative graduate people public electorate crowd audience jury panel"
).split())
# Nouns for a part of a group: the speakers are the group ("most of the delegates", "a third of voters").
_SHARE_NOUNS = frozenset("majority minority plurality half third quarter percent share most many some dozen dozens "
                          "hundreds thousands millions scores number group".split())
# Words that stand for people with no noun after them: "some say", "others argue", "many believe".
_PEOPLE_PRONOUNS = frozenset("those some others many most few both all several one".split())
# Endings of nouns for people: "critics", "Republicans", "Democrats", "residents", "conservatives".
_PERSON_SUFFIXES = ("ist", "ian", "er", "or", "ee", "ican", "crat", "ent", "ant", "ive", "ic", "ite", "ess")
_NOT_PEOPLE = frozenset((
    "number order water power border matter other member paper war later event moment element "
    "movement agreement development investment equipment amount content extent intent comment fragment "
    "plant grant want chant instant constant topic music traffic panic logic mic site suite minute "
    "process access address success business stress press nobody"
).split())


def _phrase(text: str, offset: int, subj, kb: actors.KnowledgeBase) -> Phrase | None:
    """The speaker phrase of a subject: its core words, with an apposition as the role or the name."""
    if subj.text == "I":  # outside quotation marks, the one who writes (the rules resolve it)
        return Phrase(offset + subj.idx, offset + subj.idx + 1, "I", None, None, "pronoun")
    if _ratio(subj):  # "nine in 10", as written
        lo, hi = offset + subj.left_edge.idx, offset + subj.idx + len(subj.text)
        rest = [t.lower_ for t in subj.doc[subj.i + 1:subj.i + 4]]
        of = 2 if rest[:1] == ["in"] else 3 if rest[:2] == ["out", "of"] else 0
        if of and len(rest) >= of and subj.doc[subj.i + of].like_num:  # "more than 4 in 10": the parse cut it
            last = subj.doc[subj.i + of]
            hi = max(hi, offset + last.idx + len(last.text))
        counted = _counted_in(subj)
        if counted is not None:  # "One in four voters"
            hi = max(hi, offset + counted.idx + len(counted.text))
        while lo < hi and not text[lo].isalnum():
            lo += 1
        return Phrase(lo, hi, text[lo:hi], None, text[lo:hi], "collective")
    beyond = next((c for c in subj.children if c.dep_ == "appos" and c.tag_ in ("NNP", "NNPS") and
                   any(t.tag_ == "''" for t in subj.doc[subj.i:c.i])), None)
    if beyond is not None:  # '"..., Mr. President," Representative Cohn told': the name after the quote
        subj = beyond
    core_lo, core_hi = _hyphen_start(subj), subj.idx + len(subj.text)
    part_of = _part_of(subj)
    if part_of is not None:  # "one of those advisers, who spoke ...": the part and the whole, not the clause
        core_hi = max(core_hi, part_of.idx + len(part_of.text))
    for c in subj.children:  # keep what builds the name or office ("of the Kherson region"), drop clauses
        if c.dep_ in ("compound", "amod", "poss", "nmod", "det", "nummod", "quantmod", "prep") and (
                c.i < subj.i or c.dep_ in ("prep", "compound", "amod") and c.right_edge.i - c.i < 8):
            lo, hi = contents.span(c)
            core_lo, core_hi = min(core_lo, lo), max(core_hi, hi)
    gap = max([text.rfind(ch, offset + core_lo, subj.idx + offset) for ch in ',;:"“”()'] +
              [m.end() - 1 for m in SPACED_DASH.finditer(text, offset + core_lo, subj.idx + offset)])
    if gap >= 0:  # 'In "Fox Nation 101," scholar X': the phrase starts after the last mark before the head
        core_lo = gap + 1 - offset
    toks = tokens(text, offset + core_lo, offset + core_hi)
    if not toks:
        return None
    core = parse_phrase(text, toks[-14:], kb)
    joined = _coordinated(text, offset, subj, core, kb)
    if joined is not None:
        return joined
    sender = _document_from(subj)
    if sender is not None:  # "A Feb. 1 letter from the American Legion warns": the Legion, in its letter
        lo, hi = sender.left_edge.idx, sender.idx + len(sender.text)  # the name, not what describes it
        toks = tokens(text, offset + lo, offset + hi)
        who = parse_phrase(text, toks, kb) if toks else None
        if who is not None and who.kind in ("group", "person") and who.name:
            doc_text = text[core.start:offset + subj.idx + len(subj.text)]
            doc_text = re.sub(r"^(?:the|a|an)\s+", "", doc_text, flags=re.I)
            return Phrase(who.start, who.end, who.text, who.name, doc_text, who.kind)
    appos = next((c for c in subj.children if c.dep_ == "appos"), None)
    if appos is None:
        return core
    a_lo, a_hi = contents.span(appos)
    a_toks = tokens(text, offset + a_lo, offset + a_hi)
    if not a_toks or len(a_toks) > 16:
        return core
    other = parse_phrase(text, a_toks, kb)
    end = offset + a_hi
    if core.kind == "person" and (not core.role or _BARE_TITLE.fullmatch(core.role)) and \
            other.kind in ("collective", "group"):  # "Rep. Aldo Varga, the top Democrat on ...": the description
        return Phrase(core.start, end, text[core.start:end], core.name, other.role or other.text, "person")
    if other.kind == "person" and other.name and subj.tag_ in ("NN", "NNS"):
        # "His former business partner at Kestrel, Paul Meyers, called": the apposition names the person
        described = re.sub(r"^(?:the|a|an|his|her|its|their|our)\s+", "", core.text, flags=re.I)
        return Phrase(core.start, end, text[core.start:end], other.name, other.role or described, "person")
    if core.kind == "collective" and other.kind == "person":
        return Phrase(core.start, end, text[core.start:end], other.name, other.role or core.role, "person")
    return core


def _document_from(subj):
    """The named sender of a document subject: "a letter from the American Legion", "a memo by Smith"."""
    if lemma_of(subj) not in DOCUMENT_NOUNS:
        return None
    prep = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i > subj.i), None)
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
    return pobj if pobj is not None and pobj.tag_ in ("NNP", "NNPS") else None


def _coordinated(text: str, offset: int, subj, core: Phrase, kb: actors.KnowledgeBase) -> Phrase | None:
    """Two sources of one statement. Institutions stay together ("The Council of the EU and the Czech
    Foreign Ministry said"); of two people the first named speaks ("Xi and President Vladimir Putin
    declared" is Xi's as much as Putin's, and the parse often folds the first into the second's title)."""
    conj = next((c for c in subj.children if c.dep_ == "conj" and c.tag_ in ("NNP", "NNPS")), None)
    if conj is not None and any(c.dep_ == "cc" and c.lower_ == "and" for c in subj.children) and \
            core.kind in ("group", "collective"):
        first, last = min(subj.left_edge, conj.left_edge, key=lambda t: t.i), max(subj.right_edge, conj.right_edge,
                                                                                   key=lambda t: t.i)
        lo, hi = offset + first.idx, offset + last.idx + len(last.text)
        words = text[lo:hi]
        return Phrase(lo, hi, words, None, re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.I), "collective")
    own = next((c for c in subj.children if c.dep_ == "conj" and c.tag_ == "NNS" and c.i > subj.i and
                any(g.dep_ == "poss" and g.lower_ in ("its", "their") for g in c.children)), None)
    if own is not None and core.kind == "group" and core.name and \
            any(c.dep_ == "cc" and c.lower_ == "and" for c in subj.children):
        # "RT and its defenders say": the body and its people speak together; the body keeps its name
        lo, hi = core.start, offset + own.idx + len(own.text)
        return Phrase(lo, hi, text[lo:hi], core.name, re.sub(r"^(?:the|a|an)\s+", "", text[lo:hi], flags=re.I),
                      "group")
    if core.kind == "person" and core.role and (m := _FIRST_OF_TWO.match(core.role)):
        first = parse_phrase(text, tokens(text, core.start, core.start + len(m.group(1))), kb)
        if first.kind == "person" and first.name:
            return first
    return None


_BARE_TITLE = re.compile(r"[A-Z][a-z]{0,4}\.?")  # "Rep.", "Sen.", "Gov": a title that says little beside a description
_FIRST_OF_TWO = re.compile(r"((?:[A-Z][\w'’.-]+\s){0,2}[A-Z][\w'’.-]+)\s+and(?:\s|$)")


def attributions(doc, offset: int, text: str, lay: Layout, kb: actors.KnowledgeBase,
                 names: frozenset[str] = frozenset()) -> list[Attribution]:
    """Every attribution the parse shows in one sentence (``doc`` covers ``text[offset:...]``),
    outermost first; one inside another's content, source and cue included, is marked ``nested``
    ("Bloomberg reports that X won, according to the Roper Center"). ``names``: the words of the
    people the story names, which the tagger may read as common nouns ("Wines believes that ...")."""
    for tok in doc:
        if tok.tag_ in ("NN", "NNS") and tok.is_title and tok.text in names:
            tok.tag_ = "NNP"
    found: list[Attribution] = []
    for tok in doc:
        at = offset + tok.idx
        if lay.in_quote(at):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            made = _according(doc, tok, offset, text, kb)
        elif (tok.tag_.startswith("VB") or _tagged_noun_but_verb(tok)) and lemma_of(tok) in LEMMAS and \
                tok.dep_ != "amod":
            made = _verb(doc, tok, offset, text, kb)
        elif _puts_it(tok):
            made = _as_framed(doc, tok, offset, text, kb)
        elif tok.tag_ in ("NN", "NNS") and singular(tok.lower_) in CLAIM_NOUNS:
            made = _nominal(tok, offset, text, kb)
        else:
            made = None
        if made is None or made.phrase is not None and made.phrase.kind != "pronoun" and \
                lay.in_quote(made.phrase.start) and lay.in_quote(made.phrase.end - 1):
            continue  # a "subject" inside quotation marks is part of the quoted words, no source
        outer = next((f for f in found if not f.nested and f.start <= made.cue_at < f.end), None)
        if outer is None or made.cue == "according to" and made.start <= outer.cue_at < made.end:
            found.append(made)  # two sources framing each other ("X plans Y, according to Z"): the rules pick
        elif made.phrase is not None and outer.start <= made.phrase.start and \
                made.start >= outer.start and made.end <= outer.end + 1 and not made.points_back and \
                (made.cue == "according to" or _puts_it(tok) or any(c.dep_ in SUBJECT_DEPS for c in tok.children)
                 and (lemma_of(tok) in SPEECH or lemma_of(tok) in EVIDENCE)
                 or tok.tag_ in ("NN", "NNS") and _that_clause(tok) is not None):
            # "..., contradicting the police's claim that ...": theirs ("the president's claims about X"
            # inside another's words names a topic, no content)
            # a participle's borrowed subject is no new source; "X warned that Y will seek ..." or "X said
            # Y believes ..." is X's claim about Y's mind, not Y's words
            found.append(replace(made, nested=True, reported=_reported_by(doc, tok, outer.cue_at - offset)))
    if not found:
        framed = _framed_by_document(doc, offset, text, kb)
        if framed is not None:
            found.append(framed)
    return found


def _reported_by(doc, tok, outer_idx: int) -> bool:
    """Is ``tok`` inside the clause the cue at ``outer_idx`` reports ("Merrill says Machado promised"),
    rather than a clause of its own beside it ("Obama emphasized X, and rights groups warned Y")?"""
    outer = next((t for t in doc if t.idx == outer_idx), None)
    if outer is not None and (outer.dep_ == "parataxis" or contents.name_glued_to_aside(outer) is not None):
        return True  # "Democrats, Frank notes, applaud ...": the aside reports the whole sentence
    between = [t for t in doc if outer_idx < t.idx < tok.idx]
    if any(t.text in ("(", "[") or t.text in ("-", "–", "—") and t.whitespace_ and t.i > 0 and
           doc[t.i - 1].whitespace_ for t in between):
        return False  # "unveiled a bold - critics say reckless - plan": an aside, whatever the parse says
    node = tok
    while node.head.i != node.i:
        if node.dep_ not in ("ccomp", "xcomp", "conj") or node.dep_ == "conj" and any(
                c.dep_ in SUBJECT_DEPS for c in node.children):
            return False  # a relative clause, an aside, a clause with its own subject: beside the cue
        if node.head.idx == outer_idx:
            return node.dep_ != "conj"
        node = node.head
    return False


# Frames that are the subject's own words, not a document's account.
_OWN_WORDS = frozenset("speech statement interview letter testimony op-ed column editorial remarks".split())


def _framed_by_document(doc, offset: int, text: str, kb: actors.KnowledgeBase) -> Attribution | None:
    """ "In this poll, Marr rose a point while Ostrova fell", "In the previous survey, conducted in May,
    ...": a sentence set inside a document, with no source of its own, is the document's account."""
    first = doc[0]
    if first.lower_ != "in" or first.dep_ != "prep" or first.head.dep_ != "ROOT":
        return None
    doc_noun = next((c for c in first.children if c.dep_ == "pobj"), None)
    if doc_noun is None or singular(doc_noun.lower_) not in FRAME_NOUNS:
        return None
    rest = [t for t in doc if t.i > first.right_edge.i and not (t.is_punct and t.i == first.right_edge.i + 1)]
    if len([t for t in rest if not t.is_punct]) < 4:
        return None
    source = doc_noun
    if singular(doc_noun.lower_) in _OWN_WORDS:
        # "In a speech in Fort Pierce, Clinton laid out ...": the one who speaks in it is the subject
        source = next((c for c in first.head.children if c.dep_ == "nsubj"), None)
        if source is None or not _can_speak(source, "say", kb):
            return None
    phrase = _phrase(text, offset, source, kb)
    if phrase is None:
        return None
    cue = doc.text[first.idx:doc_noun.idx + len(doc_noun.text)].lower()  # "in a speech", "in this poll"
    return Attribution(cue, offset + first.idx, phrase, offset + rest[0].idx,
                       offset + rest[-1].idx + len(rest[-1].text))


def _tagged_noun_but_verb(tok) -> bool:
    """ "Leaked documents show he took a loss": the tagger calls "show" a noun, but it heads the
    sentence with a subject and a clause of its own, as only a verb does."""
    return tok.tag_ in ("NN", "NNS") and tok.dep_ == "ROOT" and \
        any(c.dep_ == "nsubj" for c in tok.children) and any(c.dep_ == "ccomp" for c in tok.children)


def _finite_or_participle(verb) -> bool:
    """"said", "says", "saying", "did tell": yes; "to declare", "help Moscow find": no, but "travelled
    there to warn officials that ...": a purpose clause that carries its own content, yes."""
    if verb.tag_ != "VB":
        return verb.tag_ in ("VBD", "VBZ", "VBP", "VBG", "VBN") or _tagged_noun_but_verb(verb)
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if "to" in aux:
        if verb.dep_ in ("xcomp", "advcl") and contents.goes_on(verb.head):
            return True  # "continues to insist that ...", "went on to explain how ...": it was said
        return verb.dep_ == "advcl" and any(c.dep_ == "ccomp" for c in verb.children)
    # "Some Democrats, however, question ...": a present tense the tagger read as the base form
    return bool(aux) or verb.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in verb.children)


def _verb(doc, verb, offset: int, text: str, kb: actors.KnowledgeBase) -> Attribution | None:
    if any(c.dep_ == "neg" for c in verb.children) and not _keeps_open(verb) or not _finite_or_participle(verb) \
            or contents.misread_root(verb):
        return None  # "did not say": nothing was said; "to declare": not yet said
    lemma = lemma_of(verb)
    framed = _as_framed(doc, verb, offset, text, kb)
    if framed is not None:
        return framed
    back = _points_back(verb, offset, text, kb)
    if back is not None:
        return back
    if lemma in COGNITION and not any(c.dep_ == "ccomp" for c in verb.children) and not contents.agrees_with(verb):
        return None  # "agreed to send": an act, not a belief; "agreed with Matthews" is a view
    subj = _main_subject_meant(verb, _subject_of(verb, kb))
    if subj is not None and not _can_speak(subj, lemma, kb):
        subj = _named_in_apposition(subj)
    if subj is None or not _can_speak(subj, lemma, kb):
        return None
    if verb.dep_ == "relcl" and (subj.text == "I" or lemma in STANCE and lemma not in SPEECH and not any(
            t.tag_ in ("WDT", "WP") or t.lower_ == "that" for t in verb.subtree if t.i < verb.i)):
        return None  # "the experts I spoke to", "the objectives they wish to see": what describes a noun
    if lemma in EVIDENCE and lemma not in SPEECH and not any(c.dep_ == "ccomp" for c in verb.children) \
            and lemma_of(subj) not in DOCUMENT_NOUNS and not _with_absolute(verb):
        return None  # "Clinton had shown bad judgment", "they found a way": acts; "the study found X" counts
    if subj.dep_ == "pobj" and subj.head.dep_ == "agent" and _asked_by(verb) is None:
        # the passive's subject is what was said ("asked by X if ..." asks the if-clause)
        span = doc[0].idx, doc[-1].idx + len(doc[-1].text)
    else:
        span = contents.content(verb, subj if subj.i > verb.i or subj.head.i == verb.i else None, doc)
    if span is None:
        return None
    a, b = span
    tail = _DANGLING_TAIL.search(doc.text, a, b)
    if tail is not None:
        b = tail.start()  # "they were worried, and [more than 4 in 10 said ...]": the "and" is the next clause's
    phrase = _phrase(text, offset, subj, kb)
    if phrase is None:
        return None
    return Attribution(verb.lower_, offset + verb.idx, phrase, offset + a, offset + b)


_DANGLING_TAIL = re.compile(r"[\s,;]+(?:(?:and|but|or|while)[\s,;]*)?$")


def _with_absolute(verb) -> bool:
    """ "..., with one pollster showing her ahead 3 points": a figure set beside the sentence's own,
    and the one who shows it is its source."""
    return verb.dep_ == "pcomp" and verb.head.lower_ == "with" and verb.tag_ == "VBG"


def _main_subject_meant(verb, subj):
    """ "Republicans had called the hearing because they felt ...": a pronoun subject of a clause
    hung on the main verb by "because", "after", "as", ... stands for the main clause's subject when
    that is the only noun of its number before it (a person's name for "he"/"she", a plural for "they")."""
    if subj is None or subj.lower_ not in _PERSON_PRONOUNS or subj.lower_ == "we" or verb.dep_ != "advcl" or \
            not any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in verb.children):
        return subj
    main = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if main is None or main.i > subj.i:
        return subj
    plural = subj.lower_ == "they"
    fits = (lambda t: t.tag_ in ("NNS", "NNPS")) if plural else (lambda t: t.tag_ == "NNP")
    if not (fits(main) or not plural and _described_person(main)) or \
            any(fits(t) or _described_person(t) for t in subj.doc[main.i + 1:subj.i] if t.head.i != main.i):
        return subj
    return main


def _described_person(tok) -> bool:
    """ "The GOP candidate", "the minister": one person named by what they are."""
    return tok.tag_ == "NN" and (tok.lower_ in ROLE_WORDS or tok.lower_ in person_nouns()) and \
        any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def _keeps_open(verb) -> bool:
    """ "he does not rule out a freeze", "she did not exclude talks": a possibility granted is a claim."""
    low = lemma_of(verb)
    return low == "exclude" or low == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)


def _own_subject(noun, owner):
    """ "the governor highlighted his message that ...": "his" of the verb's object is its subject's."""
    if owner.lower_ not in ("his", "her", "their") or noun.dep_ != "dobj":
        return owner
    subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.tag_ not in ("NN", "NNP", "NNS", "NNPS") or (owner.lower_ == "their") != (
            subj.tag_ in ("NNS", "NNPS")):
        return owner
    return subj


def _that_clause(noun):
    """The that-clause a claim noun governs ("the claim that ..."), if any."""
    return next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and contents.marked_that(c)), None)


def _in_reported_clause(tok) -> bool:
    """Is the token inside what a cue verb reports ("many say the president's claims about X are
    unfounded")?"""
    while tok.head.i != tok.i:
        if tok.dep_ == "ccomp" and lemma_of(tok.head) in LEMMAS:
            return True
        tok = tok.head
    return False


_CLAIMS_OF = frozenset("claim allegation accusation assertion".split())  # "X's claims about/of Y"


def _nominal(noun, offset: int, text: str, kb: actors.KnowledgeBase) -> Attribution | None:
    """"Hale's claim that there were thousands of shootings", "his warning that talks would fail": the
    owner of a claim noun with a that-clause says what the clause says."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = _that_clause(noun)
    if clause is None and singular(noun.lower_) in _CLAIMS_OF and not _in_reported_clause(noun):
        # "North Korea's claims about the potency of its test", "Moscow's allegations of sabotage"
        prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in ("about", "of")), None)
        clause = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
        if clause is not None and clause.right_edge.i - clause.left_edge.i < 1:
            clause = None
    if owner is None or clause is None or owner.lower_ in ("its", "their") and owner.i == 0:
        return None
    if owner.tag_ not in ("PRP$", "NNP", "NNPS") and not _can_speak(owner, "claim", kb):
        return None
    owner = _own_subject(noun, owner)
    phrase = _phrase(text, offset, owner, kb)
    if phrase is None:
        return None
    a, b = contents.span(clause)
    return Attribution(noun.lower_, offset + noun.idx, phrase, offset + a, offset + b)


def _as_framed(doc, verb, offset: int, text: str, kb: actors.KnowledgeBase) -> Attribution | None:
    """ "As Mr. Obama said in his speech, ...", "As reported by the Ledger, ...", "As stated in Davis'
    commentary, ...": an as-clause before the sentence names the source of the rest of it; one after
    it with nothing said of its own ("..., as police have said") names the source of what came before."""
    if verb.dep_ != "advcl" or lemma_of(verb) not in SPEECH and not _puts_it(verb) or \
            not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    trailing = verb.i > verb.head.i
    if not _puts_it(verb) and (any(c.dep_ in ("ccomp", "dobj", "xcomp", "attr") for c in verb.children) or
                               contents.has_prep(verb, ("about", "of", "on"))):
        # "the crowd cheered as she said she would run", "As Clinton talked about unity, Trump ...": the
        # as-clause has words of its own; it frames nothing
        return None
    inner = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if lemma_of(verb.head) in LEMMAS and inner is not None and (inner.tag_ in ("NNP", "NNPS") or
                                                                inner.lower_ in _PERSON_PRONOUNS):
        return None  # "As reported by Ukrinform, President X called ...": X speaks, Ukrinform relays
    source = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    by = next((c for c in verb.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in")), None)
    if source is None and by is not None:
        source = next((g for g in by.children if g.dep_ == "pobj"), None)
        if source is not None and lemma_of(source) in DOCUMENT_NOUNS:  # "in Davis' commentary": Davis
            source = next((g for g in source.children if g.dep_ == "poss"), None) or source
    if source is None or not _can_speak(source, lemma_of(verb), kb):
        return None
    if trailing:
        rest = _quote_just_before(doc, verb.left_edge.i)
        said_of = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if rest and said_of is not None and said_of.left_edge.i < rest[0].i:
            # 'the requirement is a "lawful source of income," as a memo put it': the clause the quotation
            # ends, from its subject
            rest = [t for t in doc[said_of.left_edge.i:verb.left_edge.i]]
        rest = rest or [t for t in doc if t.i < verb.left_edge.i]
        while rest and rest[-1].is_punct:
            rest.pop()
    else:
        rest = [t for t in doc if t.i > verb.right_edge.i and not (t.is_punct and t.i == verb.right_edge.i + 1)]
    if len([t for t in rest if not t.is_punct]) < 3:
        return None
    phrase = _phrase(text, offset, source, kb)
    if phrase is None:
        return None
    return Attribution(verb.lower_, offset + verb.idx, phrase, offset + rest[0].idx,
                       offset + rest[-1].idx + len(rest[-1].text))


def _puts_it(verb) -> bool:
    """ "as a memo put it", "as she puts it": the words are the source's own way of saying it."""
    return verb.lower_ in ("put", "puts") and verb.tag_.startswith("VB") and \
        any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)


def _quote_just_before(doc, i: int) -> list:
    """ '... shouting the words "we will not move," as Wendt said before he was arrested': a trailing
    as-clause right after a quotation names the source of the quoted words, not of the whole sentence."""
    j = i - 1
    while j >= 0 and doc[j].text in (",", ";"):
        j -= 1
    if j < 1 or doc[j].tag_ != "''":
        return []
    opening = next((k for k in range(j - 1, -1, -1) if doc[k].tag_ == "``"), None)
    if opening is None or opening == 0:
        return []
    return [t for t in doc[opening + 1:j] if not (t.is_punct and t.i == j - 1)]


_BACK_WORDS = frozenset("this that so it".split())


def _points_back(verb, offset: int, text: str, kb: actors.KnowledgeBase) -> Attribution | None:
    """ "X said this in a comment", "This was reported by X", "X stated this": the statement is the
    sentence before, and this one only names its source."""
    if lemma_of(verb) not in SPEECH or any(c.dep_ == "ccomp" for c in verb.children):
        return None
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if subj is not None and subj.dep_ == "nsubjpass" and subj.lower_ in _BACK_WORDS:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    elif subj is not None and subj.dep_ == "nsubj" and obj is not None and obj.lower_ in _BACK_WORDS \
            and obj.right_edge.i == obj.i and obj.tag_ != "WDT" and verb.dep_ != "relcl" \
            and not any(c.dep_ in ("oprd", "xcomp") for c in verb.children) and not contents.calls_it_something(verb) \
            and _can_speak(subj, lemma_of(verb), kb):  # "an explosion that X described as ...": no pointer;
        # "calling it a menu" names what "it" is: content, no pointer back
        source = subj
    else:
        return None
    if source is None:
        return None
    phrase = _phrase(text, offset, source, kb)
    if phrase is None:
        return None
    at = offset + verb.idx
    return Attribution(verb.lower_, at, phrase, at, at, points_back=True)


def _misparsed_source(doc, to):
    """ "according to show insiders": the parse took a noun for a verb; the last noun of the few words
    closing the sentence after "to" is the source."""
    tail = [t for t in doc[to.i + 1:] if not t.is_punct]
    if not tail or len(tail) > 5 or doc[-1].i - tail[-1].i > 1 or tail[-1].tag_ not in ("NN", "NNS", "NNP", "NNPS"):
        return None
    return tail[-1]


def _maker_of(noun, kb: actors.KnowledgeBase):
    """ "according to a speech Mrs. Ames delivered in July", "a memo the agency sent": the one who made
    the document or gave the speech is its source."""
    if lemma_of(noun) not in _CONTAINERS and lemma_of(noun) not in _OWN_WORDS and \
            lemma_of(noun) not in DOCUMENT_NOUNS:
        return None
    clause = next((c for c in noun.children if c.dep_ == "relcl"), None)
    maker = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause is not None else None
    if maker is None or maker.lower_ in ("who", "which", "that", "it") or not _can_speak(maker, "say", kb):
        return None
    return maker


def _according(doc, tok, offset: int, text: str, kb: actors.KnowledgeBase) -> Attribution | None:
    """'According to X, CONTENT' / 'CONTENT, according to X'."""
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) or _misparsed_source(doc, to)
    if pobj is None:
        return None
    if lemma_of(pobj) in _CONTAINERS or lemma_of(pobj) in DOCUMENT_NOUNS or lemma_of(pobj) in _WORKINGS:
        # "according to a statement by X", "calculations by X", "the words of X", "according to his words"
        # ("a report on Wednesday" is the report's)
        inner = next((g for c in pobj.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")
                      for g in c.children if g.dep_ == "pobj" and g.tag_ in ("NNP", "NNPS", "PRP")), None)
        poss = next((c for c in pobj.children if c.dep_ == "poss"), None)
        pobj = inner or poss or pobj
    pobj = _maker_of(pobj, kb) or pobj
    lo, hi = tok.idx, pobj.right_edge.idx + len(pobj.right_edge.text)
    s_lo, s_hi = doc[0].idx, doc[-1].idx + len(doc[-1].text)
    before, after = doc.text[s_lo:lo].strip(" ,"), doc.text[hi:s_hi].strip(" ,.")
    if len(after.split()) >= 3 and len(before.split()) <= 2:  # "(But) according to X, CONTENT"
        a = hi + (len(doc.text[hi:s_hi]) - len(doc.text[hi:s_hi].lstrip(" ,")))
        b = s_hi
    elif len(before.split()) >= 3:
        a, b = s_lo, s_lo + len(doc.text[s_lo:lo].rstrip(" ,"))
    else:
        return None
    toks = tokens(text, offset + pobj.left_edge.idx, offset + hi)
    if not toks:
        return None
    phrase = _phrase(text, offset, pobj, kb) or parse_phrase(text, toks, kb)
    return Attribution("according to", offset + tok.idx, phrase, offset + a, offset + b)
