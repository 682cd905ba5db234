"""The blunder guard: a far reading on weak evidence is replaced by the nearby reading or dropped,
and the mention's evidence says why; a far reading on good evidence stays."""
import pytest

from geo import blunders
from geo.gazetteer import load_index
from geo.models import Article
from geo.resolve import resolve
from geo.toponyms import Toponym, find_toponyms


@pytest.fixture(scope="module")
def gaz():
    return load_index()


def placed(text, gaz):
    a = Article(id="a", source="a.txt", text=text, start=0, end=len(text))
    return {m.text: (p, m) for p in resolve(a, find_toponyms(a, gaz), gaz) for m in p.mentions}


def test_an_acronym_namesake_far_from_the_story_is_dropped(gaz):
    got = placed("Ukraine's foreign minister met envoys from the U.S. and NATO in Kyiv, then flew to Lviv.", gaz)
    assert "NATO" not in got  # a town in the Philippines, on the evidence of an acronym
    assert got["Kyiv"][0].country_code == "UA"


def test_a_piece_of_a_hyphenated_name_far_from_the_story_is_dropped(gaz):
    got = placed("Paris-based diplomats in Kyiv met Odesa officials; Lviv and Kharkiv were shelled again.", gaz)
    assert "Paris" not in got and got["Kharkiv"][0].country_code == "UA"


def test_a_given_name_far_from_the_story_is_dropped(gaz):
    got = placed("Moldova's PM Natalia Gavrilita met officials in Kyiv and Odesa on Monday.", gaz)
    assert "Natalia" not in got  # a town in Texas, on the evidence of a first name after a title
    assert {"Moldova", "Kyiv", "Odesa"} <= set(got)


def test_of_two_far_readings_the_one_with_a_nearly_as_good_namesake_moves(gaz):
    got = placed("Police in Edmonton said a man from Enfield was arrested after the fire.", gaz)
    edmonton, enfield = got["Edmonton"][0], got["Enfield"][0]
    assert edmonton.country_code == enfield.country_code == "GB"
    assert "guard:replaced" in got["Edmonton"][1].evidence


def test_a_far_place_on_good_evidence_stays(gaz):
    got = placed("Drones hit Kharkiv and Sumy overnight, while the summit in the city of Tokyo went on.", gaz)
    assert got["Tokyo"][0].country_code == "JP"
    assert "guard" not in got["Tokyo"][1].evidence


def test_weak_evidence_names_its_reasons():
    text = "Officials from the U.S. and NATO met."
    s = text.index("NATO")
    t = Toponym(s, s + 4, "NATO", features=["prior:city:1.0"])
    assert "acronym" in blunders.weak_evidence(t, text, 1, 30_000, blunders._CITY)
    text = "the Indo-Pacific strategy"
    s = text.index("Pacific")
    t = Toponym(s, s + 7, "Pacific", features=[])
    assert "hyphen-piece" in blunders.weak_evidence(t, text, 1, 7_000, blunders._CITY)
    text = "Photo: Pool/Getty Images"
    s = text.index("Pool")
    t = Toponym(s, s + 4, "Pool", features=[])
    assert "credit" in blunders.weak_evidence(t, text, 1, 300_000, blunders._CITY)


def test_the_wording_saying_it_is_a_place_is_not_weak():
    text = "in the city of Natalia, officials said"
    s = text.index("Natalia")
    t = Toponym(s, s + 7, "Natalia", features=["city-of"])
    assert blunders.weak_evidence(t, text, 1, 1_000, blunders._CITY) == []
