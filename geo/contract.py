"""The JSON contract of `python -m geo extract` (see docs/DESIGN.md). Only ever add fields."""
from __future__ import annotations

import json
from datetime import date

from .models import Article, Claim, Extraction, Mention, Place


def article_to_json(a: Article) -> dict:
    return {
        "id": a.id,
        "source": a.source,
        "start": a.start,
        "end": a.end,
        "title": a.title,
        "outlet": a.outlet,
        "outlet_side": a.outlet_side,
        "published": a.published.isoformat() if a.published else None,
        "url": a.url,
    }


def to_json(ex: Extraction) -> dict:
    return {
        "articles": [article_to_json(a) for a in ex.articles],
        "places": [p.to_json() for p in ex.places],
        "claims": [c.to_json() for c in ex.claims],
    }


def dumps(ex: Extraction) -> str:
    return json.dumps(to_json(ex), ensure_ascii=False, indent=1)


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def from_json(doc: dict) -> Extraction:
    """Contract JSON -> Extraction. Article texts are not part of the contract (text is empty)."""
    ex = Extraction()
    for a in doc.get("articles", []):
        ex.articles.append(Article(
            id=a["id"], source=a["source"], text="", start=a["start"], end=a["end"],
            title=a.get("title") or "", outlet=a.get("outlet"), outlet_side=a.get("outlet_side") or "unknown",
            published=_date(a.get("published")), url=a.get("url")))
    for p in doc.get("places", []):
        ex.places.append(Place(
            id=p["id"], name=p["name"], lat=p["lat"], lon=p["lon"], country_code=p.get("country_code"),
            precision=p["precision"], confidence=p.get("confidence", 1.0), kind=p.get("kind") or "city",
            mentions=[Mention(m["article_id"], m["start"], m["end"], m["text"], m.get("role") or "mentioned",
                              m.get("evidence") or "") for m in p.get("mentions", [])]))
    for c in doc.get("claims", []):
        ex.claims.append(Claim(
            id=c["id"], article_id=c["article_id"], start=c["start"], end=c["end"], text=c["text"],
            speaker=c.get("speaker"), speaker_role=c.get("speaker_role"), side=c.get("side", "unknown"),
            cue=c.get("cue"), is_quote=bool(c.get("is_quote")), stance=c.get("stance", "asserts"),
            claim_date=_date(c.get("claim_date")), claim_date_precision=c.get("claim_date_precision"),
            event_date=_date(c.get("event_date")), event_date_end=_date(c.get("event_date_end")),
            event_date_precision=c.get("event_date_precision"), place_ids=list(c.get("place_ids", [])),
            seat_place_ids=list(c.get("seat_place_ids", [])),
            mentioned_place_ids=list(c.get("mentioned_place_ids", []))))
    return ex
