"""Claims <-> places. (stub: replaced by the claims work)"""
from __future__ import annotations

from .models import Article, Claim, Place


def link_places(claims: list[Claim], places: list[Place], article: Article) -> None:
    return None
