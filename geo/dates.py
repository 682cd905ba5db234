"""Relative dates -> claim/event dates. (stub: replaced by the claims work)"""
from __future__ import annotations

from .models import Article, Claim


def assign_dates(claims: list[Claim], article: Article) -> None:
    return None
