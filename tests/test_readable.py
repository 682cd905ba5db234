"""Texts the pipeline cannot read get a message saying what was found; uploads pair sidecars."""
from __future__ import annotations

import json

from geo import readable, upload

RUSSIAN = ("Удар по Харькову\nМэр Харькова Игорь Терехов заявил, что в результате удара пострадали пять человек. "
           "По его словам, повреждены жилые дома.\n")
FRENCH = "Frappes sur Kharkiv\nLes forces russes ont frappé Kharkiv dans la nuit, a déclaré le maire de la ville.\n"
ENGLISH = "Storm reaches Lviv\nForecasters in Lviv said that the storm would weaken by Friday.\n"


def test_english_news_is_readable():
    assert readable.why_unreadable(ENGLISH) is None


def test_russian_text_says_its_script_and_language():
    reason = readable.why_unreadable(RUSSIAN)
    assert reason and "Cyrillic" in reason and "Russian" in reason and "English only" in reason


def test_other_latin_languages_and_fragments():
    assert "French" in readable.why_unreadable(FRENCH)
    assert "no sentence" in readable.why_unreadable("Kyiv Kharkiv Odesa Lviv Dnipro Mariupol Sumy")
    assert "word" in readable.why_unreadable("Kyiv!")


def test_an_unreadable_paste_is_not_added_and_says_why():
    batch = upload.collect([], RUSSIAN, {})
    assert batch.articles == [] and len(batch.errors) == 1
    assert batch.errors[0].startswith("pasted text") and "Cyrillic" in batch.errors[0]


def test_a_text_takes_its_own_sidecar_and_the_form_fills_the_rest():
    sidecar = json.dumps({"outlet": "Kyiv Wire", "outlet_side": "ukraine", "published": "2024-05-02",
                          "url": "https://wire.example/storm"}).encode()
    batch = upload.collect([("storm.txt", ENGLISH.encode()), ("storm.meta.json", sidecar),
                            ("other.txt", ENGLISH.replace("Friday", "Sunday").encode())],
                           None, {"outlet": "Form Outlet", "outlet_side": "west"})
    assert batch.errors == []
    by_source = {a.source: a for a in batch.articles}
    storm, other = by_source["storm.txt"], by_source["other.txt"]
    assert (storm.outlet, storm.outlet_side, str(storm.published), storm.url) == (
        "Kyiv Wire", "ukraine", "2024-05-02", "https://wire.example/storm")
    assert (other.outlet, other.outlet_side, other.published) == ("Form Outlet", "west", None)


def test_sidecar_problems_name_the_file():
    batch = upload.collect([("lonely.meta.json", b"{}"), ("x.txt", ENGLISH.encode()), ("x.meta.json", b"{nope"),
                            ("data.json", b"{}")], None, {})
    assert any(e.startswith("lonely.meta.json: no text file lonely.txt") for e in batch.errors)
    assert any(e.startswith("data.json:") for e in batch.errors)
    assert any(w.startswith("x.meta.json: unreadable metadata") for w in batch.warnings)
    assert [a.source for a in batch.articles] == ["x.txt"]


def test_two_threads_reading_at_once_both_read_english(monkeypatch):
    """The first detection loads langdetect's profiles; a second thread detecting meanwhile
    must not see a half-loaded set (English read as Afrikaans, the first profile)."""
    import threading

    from langdetect import detector_factory

    monkeypatch.setattr(detector_factory, "_factory", None)
    readable._detector.cache_clear()
    text = ("The mayor of Odesa said on Tuesday that debris from a downed drone damaged a warehouse "
            "in the port.\n")
    start, answers = threading.Barrier(4), []

    def read() -> None:
        start.wait()
        answers.append(readable.why_unreadable(text))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    readable._detector.cache_clear()
    assert answers == [None] * 4, answers
