"""Article -> Claims: who said what, with the exact span (see docs/claims.md).

``rules`` walks a story's sentences with word rules (quotes, reported speech,
"according to", denials, the outlet's narrative); ``parsed`` reads the
dependency parse of the sentences the rules cannot attribute; ``cues`` is the
lexicon of verbs that report speech, belief or findings.
"""
from .rules import OUTLET_ROLE, claim_id, find_claims

__all__ = ["OUTLET_ROLE", "claim_id", "find_claims"]
