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
    "attest certify affirm reaffirm proclaim predict acknowledge point call"
).split())
# Verbs of belief and expectation: only with a clause ("believes that ...", "expects X to ...").
COGNITION = frozenset((
    "believe think consider expect hope fear feel know worry doubt suspect assume guess understand realize "
    "realise recognize recognise agree disagree reckon anticipate envision imagine"
).split())
# Verbs by which a document or a survey reports: "the survey found", "data show".
EVIDENCE = frozenset("show find demonstrate prove document conclude reveal suggest indicate".split())
LEMMAS = SPEECH | COGNITION | EVIDENCE

# Verbs whose object alone is content only with more words after it ("called the claims absurd").
NEEDS_CLAUSE = COGNITION | frozenset("call ask point pledge promise vow repeat".split())
# Participles that carry their own content after any verb ("..., saying ...", "..., adding that ...").
PARTICIPLES = frozenset((
    "say add note warn claim insist argue stress emphasize emphasise explain accuse blame tell write declare "
    "state announce urge describe allege assert point reiterate underline underscore"
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


FORMS = frozenset(f for lemma in LEMMAS for f in forms(lemma))
_WORD = re.compile(r"[a-z]+")


def may_attribute(sentence: str) -> bool:
    """Cheap test before parsing: does a cue verb or "according to" appear at all?"""
    low = sentence.lower()
    return "according to" in low or any(w in FORMS for w in _WORD.findall(low))
