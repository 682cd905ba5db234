"""What a cue verb reports, read from the dependency parse: its clause, its object, or the quotation
right after it (geo.claims.parsed finds the cue and its source; this module the content).

The shapes are English ones: "said (that) ...", "called it a lie", "described as ...", "continues to
insist, ..., that ...", "asked by X if ...", and the places where a content ends ("..., and Republicans
want lower rates"). Nothing here knows who speaks.
"""
from __future__ import annotations

from .cues import NEEDS_CLAUSE, SPEECH, STANCE, lemma_of

SUBJECT_DEPS = ("nsubj", "nsubjpass")


def span(tok) -> tuple[int, int]:
    """Character range of a token's whole subtree, within its doc."""
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)


def name_glued_to_aside(verb):
    """ "Democrats, Frank notes, applaud ...": a cue set off by commas with a name before it that the
    parse hung on it as a compound; the name speaks."""
    if verb.dep_ != "appos" or verb.i == 0 or not verb.tag_.startswith("VB"):
        return None
    before = verb.doc[verb.i - 1]
    return before if before.tag_ in ("NNP", "NNPS") and before.head.i == verb.i else None


def question_clause(verb):
    """The if- or whether-clause a verb of asking governs, however the parse hangs it."""
    return next((c for c in verb.rights if c.dep_ in ("advcl", "ccomp") and
                 any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in c.children)), None)


def content(verb, subj, doc) -> tuple[int, int] | None:
    """What the cue reports: its clausal complement (the part before the verb when it comes first),
    else the words it governs after itself."""
    comp = next((c for c in verb.children if c.dep_ == "ccomp" and not parenthetical(c)), None) or \
        reported_clause(verb) or clause_hung_on_aspect(verb) or \
        (question_clause(verb) if lemma_of(verb) == "ask" else None)
    if comp is not None:
        a, b = span(comp)
        that = that_mark(comp)
        if that is not None and that.i > verb.i and comp.left_edge.i <= verb.i:  # the misread root: from "that"
            a = that.idx
        if b <= verb.idx:  # "CONTENT, X said[, adding ...]": from the sentence start
            tail = verb.right_edge.idx + len(verb.right_edge.text)
            return doc[0].idx, max(b, tail) if any(c.dep_ == "advcl" for c in verb.rights) else b
        return a, b
    quoted = quote_right_after(verb, doc) if lemma_of(verb) in SPEECH and lemma_of(verb) not in NEEDS_CLAUSE \
        else None
    if quoted is not None:
        return quoted
    if lemma_of(verb) == "rule" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return None  # "ruled out sending troops" is a statement; "ruled the country" is not
    if (verb.dep_ == "parataxis" and verb.head.i != verb.i or name_glued_to_aside(verb) is not None) and \
            not has_prep(verb, ("about", "of", "to", "with")):
        # "The museum, Mr. Bush said, celebrated ...": all of it ("experts I spoke to about X" is no aside)
        return doc[0].idx, doc[-1].idx + len(doc[-1].text)
    if lemma_of(verb) == "call":
        if not (any(c.dep_ == "oprd" for c in verb.children) or calls_it_something(verb) or any(
                c.dep_ == "prep" and c.lower_ in ("for", "on") and c.i == verb.i + 1 for c in verb.children)):
            return None  # "called the meeting to order", "called a meeting for Friday": acts
    elif lemma_of(verb) in NEEDS_CLAUSE and not any(c.dep_ in ("xcomp", "oprd") for c in verb.children) and \
            not has_prep(verb, ("for", "on")) and not agrees_with(verb) and \
            not points_to(verb):
        return None  # "asked the court": no content; "called for a moratorium": a demand
    if lemma_of(verb) in _GIVING and pledges_money(verb):
        return None  # "has pledged around £12 billion to Ukraine": aid given, not a statement
    if lemma_of(verb) == "identify" and not any(t.i > verb.i and t.lower_ == "as" and t.dep_ == "prep"
                                                 for t in verb.subtree):
        return None  # "police identified the victims": an act; "identified fatigue as a reason": a view
    if lemma_of(verb) in ("speak", "talk") and not has_prep(verb, ("about", "of", "against")):
        return None  # "spoke about the death": content; "spoke on Monday in Ohio": none
    if not any(c.dep_ in ("dobj", "xcomp", "oprd", "attr", "prt") for c in verb.children) and \
            not has_prep(verb, ("on", "for", "of", "about", "against")) and not agrees_with(verb) and \
            not described_as(verb) and \
            not (lemma_of(verb) in ("respond", "reply", "answer") and has_prep(verb, ("to",))) and \
            not points_to(verb):
        return None  # "X reported from the capital": no content
    after = [t for t in verb.subtree if t.i > verb.i and not (subj is not None and subj.i <= t.i <= subj.right_edge.i)]
    after = after[:own_predicate_end(verb, after)]
    words = [t for t in after if not t.is_punct]
    backs_a_name = lemma_of(verb) in STANCE and len(words) == 1 and words[0].tag_ == "NNP"  # "endorses Clinton"
    if (len(words) < 2 and not backs_a_name) or not any(t.tag_[:2] in ("NN", "VB", "CD", "PR") for t in words):
        return None
    return after[0].idx, after[-1].idx + len(after[-1].text)


def quote_right_after(verb, doc) -> tuple[int, int] | None:
    """ 'footage of the mayor saying at a rally last week, "That makes me smart,"': a cue with nothing
    of its own but where and when, and a quotation right after the comma that ends it, said the quotation.
    Only when the parse hangs nothing on the verb that reports (no object or clause)."""
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") for c in verb.children):
        return None
    j = verb.right_edge.i + 1
    while j < len(doc) and doc[j].text == ",":
        j += 1
    if j >= len(doc) or doc[j].tag_ != "``" or j == verb.right_edge.i + 1 and doc[verb.right_edge.i].text != ",":
        return None
    close = next((k for k in range(j + 1, len(doc)) if doc[k].tag_ == "''"), None)
    if close is None or close - j < 3:
        return None
    last = doc[close - 1] if doc[close - 1].is_punct and close - 1 > j + 1 else doc[close]
    return doc[j + 1].idx, (last.idx if last.is_punct else last.idx + len(last.text))


def parenthetical(clause) -> bool:
    """ "want policies that cut revenue (they want lower rates ...)": the parse may hang a bracketed
    aside on the verb as its complement clause; it is an aside, with its own attribution."""
    return clause.left_edge.text in ("(", "[")


def own_predicate_end(verb, after: list) -> int:
    """How many of the words after the cue are its own: in "Democrats want a bigger credit, and
    Republicans want lower rates" the first "want" ends at the comma. A coordinated verb with its
    own subject (with the "and" and comma before it), like a bracketed aside, is a predicate of
    its own; one sharing the cue's subject ("want lower rates and say growth would follow") goes on
    with the same source and stays in the content."""
    second = next((c for c in verb.rights if c.tag_.startswith(("VB", "MD")) and (
        c.dep_ == "conj" and any(g.dep_ in SUBJECT_DEPS for g in c.children) or parenthetical(c))), None)
    if second is None:
        return len(after)
    first = second.left_edge.i
    while first - 1 > verb.i and (verb.doc[first - 1].dep_ == "cc" or verb.doc[first - 1].is_punct):
        first -= 1
    return next((k for k, t in enumerate(after) if t.i >= first), len(after))


def clause_hung_on_aspect(verb):
    """ "continues to insist, most recently on Monday, that he wants ...": the parse hangs the that-clause
    on "continues"; it is what is insisted."""
    if verb.dep_ not in ("xcomp", "advcl") or not goes_on(verb.head) or lemma_of(verb) not in SPEECH:
        return None
    hung = next((c for c in verb.head.rights if c.i > verb.i and c.dep_ in ("ccomp", "advcl")
                 and marked_that(c)), None)
    if hung is None and verb.head.dep_ == "ccomp" and verb.head.head.i > verb.i and marked_that(verb.head.head):
        return verb.head.head  # the parse made the that-clause the sentence's root (see ``misread_root``)
    return hung


def that_mark(clause):
    """The "that" a clause opens with, if the parse marks one."""
    return next((g for g in clause.children if g.dep_ == "mark" and g.lower_ == "that"), None)


def marked_that(clause) -> bool:
    return that_mark(clause) is not None


def misread_root(verb) -> bool:
    """ "X continues to insist, most recently ..., that he wants ...": a root with "that" before it and
    the clause that says so hung under it is the parse's slip; the root is what was said, no cue."""
    that = that_mark(verb)
    return verb.dep_ == "ROOT" and that is not None and that.i < verb.i and \
        any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)


def reported_clause(verb):
    """A clause with its own subject and no subordinator after a verb of saying: the parse calls it
    adverbial when a phrase comes between ("said after the primary he would not run"), but it is what
    was said."""
    if lemma_of(verb) not in SPEECH:
        return None
    return next((c for c in verb.rights if c.dep_ == "advcl" and c.tag_.startswith(("VB", "MD"))
                 and any(g.dep_ in SUBJECT_DEPS for g in c.children)
                 and not any(g.dep_ == "mark" for g in c.children)), None)


_GIVING = frozenset("pledge promise vow offer".split())
_MONEY_WORDS = frozenset("billion million thousand bn m".split())


def pledges_money(verb) -> bool:
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj is not None and any(t.tag_ == "$" or t.text in "$£€" or t.lower_ in _MONEY_WORDS for t in obj.subtree)


def points_to(verb) -> bool:
    """ "pointed to reports that ...": citing as evidence."""
    return lemma_of(verb) == "point" and has_prep(verb, ("to",))


def calls_it_something(verb) -> bool:
    """ "called the citation and the demand a transparent ploy", "called it “a lie”": a name given after
    the object, however the parse attaches it ("called the meeting" gives none)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return lemma_of(verb) == "call" and obj is not None and any(
        t.i > obj.i and (t.dep_ in ("appos", "oprd") or t.text in "\"“‘'") for t in verb.subtree)


def described_as(verb) -> bool:
    """"describing as 'unhinged' a tweet", "dismissed as nonsense": what it is called is the content."""
    return lemma_of(verb) in SPEECH and any(
        c.i > verb.i and (c.dep_ == "prep" and c.lower_ == "as" or
                          c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "as" for g in c.children))
        for c in verb.children)


def has_prep(verb, words: tuple[str, ...]) -> bool:
    """Does the verb govern a preposition among ``words`` ("called for", "spoke about")?"""
    return any(c.dep_ == "prep" and c.lower_ in words for c in verb.children)


def agrees_with(verb) -> bool:
    """"agreed with Matthews", "disagreed on the plan": a view held, not an act."""
    return lemma_of(verb) in ("agree", "disagree") and has_prep(verb, ("with", "on"))


# Verbs of going on with, or of seeming to do, what the infinitive after them says.
_ASPECT_VERBS = frozenset("continue begin start proceed appear seem keep".split())


def goes_on(head) -> bool:
    """ "continues to", "began to", "appeared to", "went on to": the infinitive after it happened."""
    if head.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB") or any(c.dep_ == "neg" for c in head.children):
        return False
    low = head.lower_
    word = next((lemma for lemma in _ASPECT_VERBS if low.startswith(lemma[:-1] if lemma.endswith("e") else lemma)),
                None)
    if word is not None:
        return True
    return low in ("go", "goes", "went", "gone", "going") and any(c.dep_ == "prt" and c.lower_ == "on"
                                                                 for c in head.children)
