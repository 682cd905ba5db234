"""The one place the stages are chained: Articles in, Places and Claims out."""
from __future__ import annotations

from typing import Callable, Iterable

from . import claims as claims_stage
from . import dates, link, online_places, resolve, sides, toponyms
from .gazetteer import load_index
from .models import Article, Claim, Extraction, Place


def process_article(article: Article, gazetteer=None) -> tuple[list[Place], list[Claim]]:
    """Run every stage on one article. Places carry only this article's mentions."""
    gaz = gazetteer if gazetteer is not None else load_index()
    if article.outlet_side == "unknown" and article.outlet:
        article.outlet_side = sides.outlet_side(article.outlet)
    found = toponyms.find_toponyms(article, gaz)
    places = resolve.resolve(article, found, gaz)
    geocoder = online_places.online_geocoder()
    if geocoder is not None:  # the user turned online geocoding on: ask only about what we could not place
        places += online_places.geocode_spans(article, toponyms.place_entities(article), places, geocoder)
    claims = claims_stage.find_claims(article)
    sides.assign_sides(claims, article)
    dates.assign_dates(claims, article)
    link.link_places(claims, places, article)
    return places, claims


def merge_places(into: dict[str, Place], places: Iterable[Place]) -> None:
    """Places are shared across articles by id; their mentions accumulate."""
    for p in places:
        have = into.get(p.id)
        if have is None:
            into[p.id] = Place(p.id, p.name, p.lat, p.lon, p.country_code, p.precision, p.confidence, list(p.mentions),
                               p.kind)
        else:
            have.mentions.extend(p.mentions)
            have.confidence = max(have.confidence, p.confidence)


def extract(articles: Iterable[Article], gazetteer=None,
            progress: Callable[[int, Article], None] | None = None) -> Extraction:
    """Articles -> one Extraction (the contract's three lists)."""
    gaz = gazetteer if gazetteer is not None else load_index()
    out = Extraction()
    places: dict[str, Place] = {}
    for i, article in enumerate(articles):
        article_places, article_claims = process_article(article, gaz)
        out.articles.append(article)
        merge_places(places, article_places)
        out.claims.extend(article_claims)
        if progress:
            progress(i, article)
    out.places = list(places.values())
    return out


def ingest_articles(store, articles: Iterable[Article], gazetteer=None,
                    progress: Callable[[int, Article], None] | None = None) -> tuple[int, int]:
    """Process and store articles, one transaction each. Returns (added, already stored)."""
    gaz = gazetteer if gazetteer is not None else load_index()
    added = skipped = 0
    for i, article in enumerate(articles):
        if store.has_article(article.id):
            skipped += 1
        else:
            places, claims = process_article(article, gaz)
            if store.save_article(article, places, claims):
                added += 1
            else:
                skipped += 1
        if progress:
            progress(i, article)
    return added, skipped
