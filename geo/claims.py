"""Article -> Claims. (stub: replaced by the claims work)"""
from __future__ import annotations

from .models import Article, Claim


def find_claims(article: Article) -> list[Claim]:
    return []
