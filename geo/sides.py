"""Speaker/outlet -> side. (stub: replaced by the claims work)"""
from __future__ import annotations

from .models import Article, Claim


def outlet_side(outlet: str | None) -> str:
    return "unknown"


def assign_sides(claims: list[Claim], article: Article) -> None:
    return None
