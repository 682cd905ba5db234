"""Which verbs report what a source says, thinks or shows: a fact of English usage.

The lemmas below are the communication, cognition and evidence verbs that
news attributes statements with. They were chosen by reading the cue words
that PolNeAR's annotators marked in its training split (Newell, Margolin &
Ruths, LREC 2018), keeping the verbs that report speech, belief or findings
and leaving out the ones that report acts ("support", "vote", "endorse",
"take"). The list is ours, written by hand; no text of the corpus is kept.
"""
from __future__ import annotations

import re

from ..lexicon import person_nouns

# Verbs of saying: the content is a clause or an object ("announced a ceasefire").
SPEECH = frozenset((
    "say tell write add note report announce claim state explain declare insist warn argue tweet post reply "
    "respond answer comment remark stress emphasize emphasise underline underscore reiterate repeat confirm "
    "reveal disclose admit acknowledge concede allege assert maintain contend suggest indicate propose predict "
    "estimate speculate vow promise pledge threaten assure deny reject dismiss refute dispute rebut counter "
    "accuse blame criticize criticise condemn denounce praise describe characterize label cite quote recall "
    "remind mention caution urge demand ask signal hint imply conclude observe clarify specify inform brief "
    "testify boast complain lament decry joke muse question charge slam blast hail welcome voice express "
    "summarize summarise detail outline forecast advise recommend notify stipulate "
    "attest certify affirm reaffirm proclaim predict acknowledge point call thank compare liken ridicule "
    "admonish attribute chide rebuke lambast castigate applaud commend congratulate appeal rule "
    "talk speak echo yell shout scream chant exclaim unveil rail identify reference"
).split())
# Verbs of belief and expectation: only with a clause ("believes that ...", "expects X to ...").
COGNITION = frozenset((
    "believe think consider expect hope fear feel know worry doubt suspect assume guess understand realize "
    "realise recognize recognise agree disagree reckon anticipate envision imagine learn discover wonder"
).split())
# Verbs by which a document or a survey reports: "the survey found", "data show".
EVIDENCE = frozenset("show find demonstrate prove document conclude reveal suggest indicate".split())
# Verbs of a stance: what a source wants, backs or turns down ("Clinton wants to sign up five million",
# "the union endorsed Kaine", "he refused to comment"). A position is a claim about the speaker's own
# intent, so it is attributed like speech; the parse asks for a subject that can hold one.
STANCE = frozenset((
    "want wish intend plan seek support oppose endorse back favor favour refuse decline offer advocate "
    "champion embrace condone tout defend"
).split())
LEMMAS = SPEECH | COGNITION | EVIDENCE | STANCE

# Nouns that can be the source of a statement besides people and offices: documents and data.
DOCUMENT_NOUNS = frozenset((
    "report survey study poll polling data statement analysis document filing record figure assessment update "
    "intelligence research investigation review audit memo letter post tweet video footage evidence estimate "
    "finding result census paper indictment complaint lawsuit ruling order decree resolution communique "
    "readout transcript release bulletin summary article book website page account channel image photo "
    "satellite imagery map source editorial column op-ed piece story average tally count projection model "
    "chart graph table slide ad advertisement commercial commentary speech remarks testimony interview "
    "email e-mail cable film documentary submission petition"
).split())

# Verbs whose object alone is content only with more words after it ("called the claims absurd").
NEEDS_CLAUSE = COGNITION | frozenset("call ask point repeat maintain".split())
# Participles that carry their own content after any verb ("..., saying ...", "..., adding that ...").
PARTICIPLES = frozenset((
    "say add note warn claim insist argue stress emphasize emphasise explain accuse blame tell write declare "
    "state announce urge describe allege assert point reiterate underline underscore cite ask call promise "
    "vow pledge threaten demand"
).split())

_IRREGULAR = {
    "say": "said", "tell": "told", "write": "wrote written", "think": "thought", "find": "found",
    "show": "shown", "know": "knew known", "feel": "felt", "understand": "understood", "read": "read",
    "hold": "held", "speak": "spoke spoken", "mean": "meant", "forecast": "forecast",
}


def forms(lemma: str) -> set[str]:
    """Every spelling the lemma takes in running text (a superset is fine: it only selects sentences)."""
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        out |= {lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.fullmatch(r".*[^aeiou][aeiou][bdgklmnprt]", lemma):
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    out |= set(_IRREGULAR.get(lemma, "").split())
    return out


LEMMA_OF = {f: lemma for lemma in sorted(LEMMAS) for f in forms(lemma)}
for _lemma, _spellings in _IRREGULAR.items():  # irregular forms win over a regular rule's guess
    for _f in _spellings.split():
        LEMMA_OF[_f] = _lemma
FORMS = frozenset(LEMMA_OF)
# Forms that are far more often nouns or adjectives in news ("the state", "charges", "is expected"):
# they never make a sentence worth parsing on their own (the word rules still read it).
WEAK_TRIGGERS = frozenset((
    "state states charge charges detail details comment comments post posts blast blasts suspect suspects "
    "question questions answer answers counter counters call point points known expected considered thought "
    "show find feel hope hopes fear fears doubt doubts guess order share read brief briefs quote quotes "
    "estimate estimates forecast forecasts release record plan plans back backs support offer offers "
    "wish want"
).split())
_WORD = re.compile(r"[a-z]+")
_SUBJECT_PRONOUNS = frozenset("i we you he she they".split())


def lemma_of(tok) -> str:
    """A token's lemma for our purposes: the cue lexicon's for its forms, else its singular."""
    low = tok.lower_
    found = LEMMA_OF.get(low)
    if found:
        return found
    return singular(low)  # "polls", "studies", "companies"


# Nouns that report what their owner says or holds, when a that-clause follows: "Hale's claim that ...".
CLAIM_NOUNS = frozenset((
    "claim assertion allegation argument contention insistence suggestion warning promise pledge vow "
    "statement belief view prediction accusation charge complaint threat hope fear assurance denial "
    "message emphasis conclusion admission finding"
).split())
_NOMINAL = re.compile(r"\b(?:" + "|".join(sorted(CLAIM_NOUNS)) + r")s?\s+that\b|"
                      r"['’]s?\s+(?:\w+\s+)?(?:claim|allegation|accusation|assertion)s?\s+(?:about|of)\b")
# Documents that frame a whole sentence from its start: "In this poll, Marr rose a point ...".
FRAME_NOUNS = frozenset((
    "poll survey study report analysis review assessment statement interview speech letter memo filing "
    "testimony ruling complaint lawsuit book article editorial column op-ed video ad document paper"
).split())
_FRAMED = re.compile(r"\s*In\s+(?:[\w'’.-]+\s+){0,6}?(?:" + "|".join(sorted(FRAME_NOUNS)) + r")s?\b[^.;]{0,80},")
# Weak forms that report in this company (the parse still decides): "expected that", "pointed out",
# "calls for", "question whether", "plans to", "charges that", "call them 'lone wolves'".
_LICENSED = re.compile(r"\b(?:expect(?:s|ed)?\s+that|point(?:s|ed)?\s+out|calls?\s+(?:for|on)|"
                       r"question(?:s|ed)?\s+(?:whether|how|why|if|the)|plans?\s+to|charge[sd]?\s+that)\b|"
                       r"\bcalls?\s+(?:\w+\s+){1,4}[\"“‘']|\bas\s+(?:[\w.'’-]+\s+){1,6}puts?\s+it\b")
# Evidence verbs that are weak alone but report when a document is named: "polls show", "the review found".
_EVIDENCE_WEAK = frozenset(("show", "find"))


def may_attribute(sentence: str) -> bool:
    """Cheap test before parsing: does a cue verb or "according to" appear at all?"""
    low = sentence.lower()
    if "according to" in low or _FRAMED.match(sentence):
        return True
    words = _WORD.findall(low)
    if any(w in FORMS and w not in WEAK_TRIGGERS for w in words) or _LICENSED.search(low) or _NOMINAL.search(low):
        return True
    people = person_nouns()
    if any(w in WEAK_TRIGGERS and (before in _SUBJECT_PRONOUNS or singular(before) in people)
           for before, w in zip(words, words[1:])):
        return True  # "experts suspect", "they fear", "critics charge": a weak form right after its speaker
    return any(w in _EVIDENCE_WEAK for w in words) and any(singular(w) in DOCUMENT_NOUNS for w in words)


def singular(word: str) -> str:
    """A noun's singular, well enough for the word lists here ("polls", "studies", not "analysis")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ss", "is", "us")) or len(word) <= 3:
        return word  # "press", "analysis", "census"
    return word[:-1] if word.endswith("s") else word
