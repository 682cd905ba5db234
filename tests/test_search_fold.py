"""Search folds spellings and transliterations, and finds speakers by any of their names."""
from __future__ import annotations

import pandas as pd
import pytest

from geo import search_fold
from geo.filters import FilterState, apply_filters


@pytest.mark.parametrize("variants", [
    ["Kiev", "Kyiv", "KYIV", "Kyïv"],
    ["Zelensky", "Zelenskiy", "Zelenskyy", "Zelenskyi", "Zelenski"],
    ["Kharkov", "Kharkiv"],
    ["Odessa", "Odesa"],
    ["Zaporozhye", "Zaporizhzhia", "Zaporizhia"],
    ["Dmitriy Peskov", "Dmitry Peskov", "Dmitrii Peskov"],
    ["Mariupol'", "Mariupol"],
])
def test_variants_fold_to_one_spelling(variants):
    assert len({search_fold.fold(v) for v in variants}) == 1, [search_fold.fold(v) for v in variants]


def test_possessives_and_words_around_still_match():
    assert search_fold.fold("Zelenskyy") in search_fold.fold("President Zelenskiy's office said")
    assert search_fold.fold("Kiev") in search_fold.fold("a strike on Kyiv overnight")
    assert search_fold.fold("Kiev regime") in search_fold.fold("the Kyiv regime")


def test_unrelated_words_are_not_merged():
    assert search_fold.fold("sky") == "sky" and search_fold.fold("Kievan") != search_fold.fold("Kyiv")
    assert search_fold.fold("Lviv") != search_fold.fold("Kyiv")


def _claims() -> pd.DataFrame:
    rows = [("c1", "Zelenskiy said troops held Kiev.", "Volodymyr Zelenskiy"),
            ("c2", "The president said the front held.", "Volodymyr Zelenskyy"),
            ("c3", "Kyiv was quiet, residents said.", "Residents"),
            ("c4", "The Kremlin said talks stalled.", "Dmitry Peskov")]
    return pd.DataFrame([{"claim_id": c, "article_id": "a", "start": 0, "end": 1, "text": t, "speaker": s,
                          "speaker_role": None, "side": "unknown", "title": "T", "outlet": "O",
                          "outlet_side": "unknown", "event_date": None, "event_date_end": None,
                          "claim_date": None, "published": None, "place_ids": []} for c, t, s in rows])


PLACES = pd.DataFrame(columns=["place_id", "name", "lat", "lon", "country_code", "precision"])


@pytest.mark.parametrize("needle, expected", [
    ("Kiev", {"c1", "c3"}),
    ("Kyiv", {"c1", "c3"}),
    ("Zelensky", {"c1", "c2"}),  # the speaker's name, however it is spelt
    ("zelenskyy", {"c1", "c2"}),
    ("Peskov", {"c4"}),
])
def test_search_in_the_filters(needle, expected):
    found = apply_filters(_claims(), PLACES, FilterState(text=needle, date_field="claim"))
    assert set(found["claim_id"]) == expected


def test_speaker_aliases_come_from_the_knowledge_base():
    """Whoever the actor file lists with aliases is found by any of them (no hand list here)."""
    from geo import actors

    kb = actors.load()
    groups: dict[str, set[str]] = {}
    for alias, actor in kb.actors.items():
        groups.setdefault(actor.name, set()).add(alias)
    name, aliases = next((n, a) for n, a in groups.items() if len({search_fold.fold(x) for x in a} - {
        search_fold.fold(n)}) and all(len(x) >= 4 for x in a))
    other = next(a for a in aliases if search_fold.fold(a) != search_fold.fold(name))
    assert search_fold.fold(name) in search_fold.speaker_names(other)
