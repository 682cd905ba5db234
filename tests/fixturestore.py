"""A hand-filled store for dashboard tests: several outlets, sides, precisions,
dates (some missing) and one hostile article full of HTML and formulas."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from geo.models import Article, Claim, Mention, Place
from geo.store import Store

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_FORMULA = '=HYPERLINK("http://evil.example/x","click")'


def _article(aid: str, source: str, paragraphs: list[str], title: str, outlet: str | None,
             outlet_side: str, published: date | None) -> Article:
    text = title + "\n" + "\n".join(paragraphs) + "\n"
    return Article(id=aid, source=source, text=text, start=0, end=len(text) - 1, title=title, outlet=outlet,
                   outlet_side=outlet_side, published=published, url=f"https://news.example/{aid}")


def _span(article: Article, phrase: str) -> tuple[int, int]:
    start = article.text.index(phrase)
    return start, start + len(phrase)


def _claim(cid: str, article: Article, phrase: str, place_ids: list[str], **kw) -> Claim:
    s, e = _span(article, phrase)
    return Claim(id=cid, article_id=article.id, start=s, end=e, text=phrase, place_ids=place_ids, **kw)


def _place(pid: str, name: str, lat: float, lon: float, cc: str, precision: str, article: Article,
           phrase: str) -> Place:
    s, e = _span(article, phrase)
    return Place(pid, name, lat, lon, cc, precision, 0.9, [Mention(article.id, s, e, phrase)])


def build(path: Path) -> Store:
    """Fill a fresh store at ``path`` and return it."""
    store = Store(path)

    a1 = _article("a1", "one.txt", [
        "Officials in Moscow said on Monday that air defences shot down drones over Belgorod.",
        "Ivan Petrov, a Foreign Ministry spokesman, claimed that strikes on Kyiv hit only military targets.",
        "The mayor of Kyiv, Olena Shevchuk, said that a residential block in Kyiv was destroyed.",
    ], "Drones and strikes", "Test Wire RU", "russia", date(2024, 12, 25))
    a1_places = [
        _place("gn:703448", "Kyiv", 50.45, 30.52, "UA", "city", a1, "Kyiv"),
        _place("gn:579514", "Belgorod", 50.61, 36.58, "RU", "city", a1, "Belgorod"),
    ]
    a1_claims = [
        _claim("c1", a1, "air defences shot down drones over Belgorod", ["gn:579514"], speaker="Officials in Moscow",
               side="russia", cue="said", claim_date=date(2024, 12, 23), event_date=date(2024, 12, 23),
               event_date_precision="day"),
        _claim("c2", a1, "strikes on Kyiv hit only military targets", ["gn:703448"], speaker="Ivan Petrov",
               speaker_role="Foreign Ministry spokesman", side="russia", cue="claimed",
               claim_date=date(2024, 12, 24), event_date=date(2024, 12, 22), event_date_precision="day"),
        _claim("c3", a1, "a residential block in Kyiv was destroyed", ["gn:703448"], speaker="Olena Shevchuk",
               speaker_role="mayor of Kyiv", side="ukraine", cue="said", claim_date=date(2024, 12, 24),
               event_date=date(2024, 12, 22), event_date_precision="day"),
    ]
    store.save_article(a1, a1_places, a1_claims)

    a2 = _article("a2", "two.txt", [
        "Regional governor Andriy Koval reported that shelling damaged power lines across the Kharkiv region.",
        "A NATO spokesperson said allies in Warsaw agreed to send more air defence systems.",
        "Residents say the Kharkiv region has had no electricity for days.",
        "A harbour official in Odesa declined to comment.",
    ], "Power cuts spread", "Test Post UA", "ukraine", date(2024, 12, 20))
    a2_places = [
        _place("gn:706482", "Kharkiv Oblast", 49.5, 36.5, "UA", "admin1", a2, "Kharkiv region"),
        _place("gn:756135", "Warsaw", 52.23, 21.01, "PL", "city", a2, "Warsaw"),
        _place("gn:698740", "Odesa", 46.48, 30.73, "UA", "city", a2, "Odesa"),
    ]
    a2_claims = [
        _claim("c4", a2, "shelling damaged power lines across the Kharkiv region", ["gn:706482"],
               speaker="Andriy Koval", speaker_role="Regional governor", side="ukraine", cue="reported",
               claim_date=date(2024, 12, 19), event_date=date(2024, 12, 17), event_date_end=date(2024, 12, 19),
               event_date_precision="range"),
        _claim("c5", a2, "allies in Warsaw agreed to send more air defence systems", ["gn:756135"],
               speaker="NATO spokesperson", side="west", cue="said", claim_date=date(2024, 12, 19),
               event_date=date(2024, 12, 18), event_date_precision="day"),
        _claim("c6", a2, "the Kharkiv region has had no electricity for days", ["gn:706482"],
               speaker="Residents", side="unknown", cue="say"),
    ]
    store.save_article(a2, a2_places, a2_claims)

    a3 = _article("a3", "hostile.txt", [
        f"Someone wrote {HOSTILE_SCRIPT} and {HOSTILE_IMG} near the border post.",
        f"A blogger posted {HOSTILE_FORMULA} about the border post.",
    ], f"Hostile {HOSTILE_SCRIPT}", HOSTILE_FORMULA, "other", None)
    a3_places = [
        _place("x:evil", f"Border post {HOSTILE_IMG}", 47.0, 28.8, "MD", "point", a3, "border post"),
    ]
    a3_claims = [
        _claim("c7", a3, f"{HOSTILE_SCRIPT} and {HOSTILE_IMG} near the border post", ["x:evil"],
               speaker=HOSTILE_IMG, speaker_role=HOSTILE_SCRIPT, side="other", cue="wrote"),
        _claim("c8", a3, f"{HOSTILE_FORMULA} about the border post", ["x:evil"], speaker="A blogger",
               side="other", cue="posted", claim_date=date(2024, 12, 21)),
    ]
    store.save_article(a3, a3_places, a3_claims)
    return store


# What the tests can rely on.
ALL_CLAIMS = {"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"}
UNDATED_EVENT = {"c6", "c7", "c8"}
CONTESTED_PLACES = {"gn:703448"}  # Russia and Ukraine about the Kyiv strikes of 12-22
