"""Whether a place name stands for a place or for a government seated there.

"Kyiv said", "Moscow demands", "the Kremlin warned", "$61bn earmarked for Kyiv", "the Kyiv regime",
"talks between Moscow and Washington": the capital (or the country, or the building) names who speaks
or acts, not where anything happened. Such a mention is a *seat* mention; the claims stage keeps it
(``Claim.seat_place_ids``) but does not put the claim there. Every other mention is only *mentioned*
until geo/link.py finds it is where a claim's event happened.

A seat reading needs both a name that can stand for a government (a country, a national capital, a
seat of government such as the Kremlin) and wording that uses it so; "Kyiv was shelled", "in Moscow",
"strikes on Kyiv" keep the city a place.
"""
from __future__ import annotations

import re

SEAT_KINDS = frozenset({"country"})  # kinds whose every entry can stand for a government
# Buildings and streets that stand for the government seated there, whatever their kind in the index.
SEAT_BUILDINGS = frozenset({"kremlin", "white house", "pentagon", "downing street", "elysee palace",
                            "elysee", "bankova", "bankova street"})

_SPEECH = (r"said|says|say|told|tells|claimed|claims|claim|denied|denies|deny|demanded|demands|demand|accused|"
           r"accuses|accuse|insisted|insists|warned|warns|announced|announces|responded|responds|rejected|"
           r"rejects|refused|refuses|wants|wanted|believes|believed|considers|considered|hopes|hoped|"
           r"expects|expected|stated|states|argued|argues|called|calls|urged|urges|vowed|vows|threatened|"
           r"threatens|pledged|pledges|promised|promises|agreed|agrees|confirmed|confirms|reported|reports|"
           r"signalled|signaled|insisted|maintains|maintained|sees|saw|views|viewed|regards|blamed|blames|"
           r"dismissed|dismisses|condemned|condemns|welcomed|welcomes|praised|sought|seeks|plans|planned|"
           r"decided|decides|approved|approves|sanctioned|imposed|recognised|recognized|retaliated|requests|"
           r"requested|request|asks|asked|ask|seeks|needs|needed|offered|offers|proposed|proposes|"
           r"sends|ordered|orders|intends|intended|aims|aimed|launched|launches|imported|imports|exported|"
           r"exports|provided|provides|supplied|supplies|assesses|assessed|insists|responded|retaliates|"
           r"blocked|blocks|intend|intends|want|repeated|repeats")
_AUX = (r"has|have|had|is|was|will|would|must|should|could|can|may|might|did|does|also|has\s+also|had\s+also|"
        r"not|doesn['’]t|didn['’]t|don['’]t|won['’]t|wouldn['’]t|can['’]t|cannot")
# "Kyiv said", "Moscow has warned", "Washington will respond", "Moscow also demands"
_ACTS_AFTER = re.compile(rf"^(?:\s+(?:{_AUX}))*(?:\s+(?:[a-z]+ly|already|now|again|never|long|still|just|yet|even))?\s+(?:{_SPEECH})\b|^\s+(?:will|would|must|should|could|can|may)\s+"
                         rf"(?!be\b)[a-z]+", re.IGNORECASE)
# "Kyiv's decision", "Moscow's demands", "Washington's allies"
_GOVERNMENT_NOUNS = (r"government|officials?|leaders?|leadership|regime|authorities|decision|position|demands?|"
                     r"requests?|response|policy|policies|claims?|allegations?|accusations?|forces|troops|army|"
                     r"military|war|invasion|offensive|aggression|ambassador|envoy|allies|partners|backers|"
                     r"proposals?|plans?|stance|version|narrative|propaganda|refusal|support|backing|consent|"
                     r"approval|objections?|warnings?|threats?|ultimatum|intentions|goals|aims|strategy|"
                     r"diplomats?|negotiators?|delegation|representatives?|spokes(?:man|woman|person)|statement|"
                     r"foreign policy|sanctions|relations|ties|interests|security services|intelligence")
_OWNER_AFTER = re.compile(rf"^['’]s\s+(?:[a-z-]+\s+){{0,2}}?(?:{_GOVERNMENT_NOUNS})\b", re.IGNORECASE)
# "the Kyiv regime", "Moscow officials", "Kremlin spokesman", "Moscow-backed separatists"
_MODIFIER_AFTER = re.compile(r"^(?:\s+(?:regime|government|authorities|officials|leadership|spokes(?:man|woman|"
                             r"person)|aide|aides|insiders?|critics?|loyalists?)\b|-(?:backed|installed|appointed|"
                             r"led|friendly|allied|aligned|imposed|controlled)\b)", re.IGNORECASE)
# "$61bn for Kyiv", "weapons to Kyiv", "talks with Moscow", "sanctions against Moscow"
_TOWARDS_BEFORE = re.compile(r"(?<![A-Za-z])(?:aid|weapons|arms|support|assistance|funding|funds|money|loans?|package|deliveries|"
                             r"supplies|ammunition|message|letter|ultimatum|demands?|proposals?|offer|pressure|"
                             r"sanctions|concessions|loyalty|allegiance|billion|million|bn|m)\s+(?:\w+\s+)?"
                             r"(?:to|for|on|against|from)\s+$", re.IGNORECASE)
_WITH_BEFORE = re.compile(r"\b(?:talks|negotiations|relations|ties|dialogue|deal|agreement|contacts?|cooperation|"
                          r"rift|dispute|tensions|confrontation|standoff|connections|links|friendly|friends|allied|"
                          r"aligned|close|closer|hostile|engage|engaging|cooperate|cooperating|trade|trading|sides?|"
                          r"siding|negotiate|negotiating)\s+(?:\w+\s+)?(?:with|between)\s+$"
                          r"|\bbetween\s+$|\b(?:with|between)\s+\w+\s+and\s+$", re.IGNORECASE)
# "the government in Kyiv", "its influence on Moscow", "offer Moscow guarantees", "force Russia to stop"
_GOVERNED_BEFORE = re.compile(r"\b(?:government|authorities|regime|leadership|rulers)\s+in\s+$"
                              r"|\b(?:influence|leverage|sway)\s+(?:on|over)\s+$"
                              r"|\b(?:offer|offers|offered|give|gives|gave|grant|grants|granted|assure|assured|urge|"
                              r"urges|urged|persuade|persuaded|pressure|pressured|pressuring|convince|convinced|force|"
                              r"forced|forcing|compel|compelled|push|pushed|pushing|punish|punished|deter|deterred|"
                              r"deterring|warned|warn|warns|censure|censured|condemn|isolate|isolated|isolating)\s+$"
                              r"|\b(?:expectation|calls?|called|pressure|appeals?)\s+(?:for|on)\s+$", re.IGNORECASE)
# "Kyiv has the right to use ...", and a speaker's tag in a headline: "Moscow: 'NATO prepares ...'"
_RIGHT_AFTER = re.compile(r"^\s+(?:has|have|had)\s+(?:the|every|no)\s+right\b|^:\s+[\"“'‘]")
# "hosted by Sofia", "earmarked for Kyiv", "unfavourable to Kyiv", "signals to Moscow"
_AGENT_BEFORE = re.compile(r"\b(?:hosted|organi[sz]ed|backed|supported|funded|armed|imposed|ordered|approved|"
                           r"rejected|condemned|proposed|requested|announced|sent|supplied|led|claimed|denied|"
                           r"initiated|brokered|mediated|sanctioned|appointed|installed)\s+by\s+$"
                           r"|\b(?:earmarked|allocated|pledged|provided|sent|given|delivered|promised|offered|granted|"
                           r"supplied|transferred|donated|approved|destined|available|loyal|favou?rable|"
                           r"unfavou?rable|sympathetic|signals?|signalled|signaled|message|appeal(?:s|ed)?|"
                           r"allegiance|owed|owes)[\"”’']?\s+(?:\w+\s+)?(?:to|for)\s+$", re.IGNORECASE)


def can_stand_for_government(kind: str, name: str, capital: bool) -> bool:
    """A country, a national capital, or a seat-of-government building ("the Kremlin")."""
    return kind in SEAT_KINDS or capital or name.casefold() in SEAT_BUILDINGS


def is_seat_use(text: str, start: int, end: int) -> bool:
    """Whether the words around ``text[start:end]`` use the name for who speaks or acts."""
    right = text[end:end + 60]
    left = text[max(0, start - 60):start]
    return bool(_ACTS_AFTER.match(right) or _OWNER_AFTER.match(right) or _MODIFIER_AFTER.match(right)
                or _TOWARDS_BEFORE.search(left) or _WITH_BEFORE.search(left) or _AGENT_BEFORE.search(left)
                or _GOVERNED_BEFORE.search(left) or _RIGHT_AFTER.match(right))


def mention_role(text: str, start: int, end: int, kind: str, name: str, capital: bool) -> str:
    """``seat`` for a government named by its seat, else ``mentioned`` (link may make it ``event``)."""
    if can_stand_for_government(kind, name, capital) and is_seat_use(text, start, end):
        return "seat"
    return "mentioned"
