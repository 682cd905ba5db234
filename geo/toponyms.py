"""Article -> candidate place mentions. (stub: replaced by the geoparsing work)"""
from __future__ import annotations

from dataclasses import dataclass

from .models import Article


@dataclass
class Toponym:
    start: int
    end: int
    text: str


def find_toponyms(article: Article, gazetteer) -> list[Toponym]:
    return []
