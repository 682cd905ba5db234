"""Where a claim happened: a capital or country named for its government is the speaker's seat,
not the event's place; a country beside a place inside it is only mentioned."""
from datetime import date

import pytest

from geo.contract import from_json, to_json
from geo.gazetteer import load_index
from geo.models import Article, Extraction
from geo.pipeline import process_article
from geo.roles import mention_role


@pytest.fixture(scope="module")
def gaz():
    return load_index()


def run(text, gaz):
    a = Article("a", "a.txt", text, 0, len(text), published=date(2024, 5, 1))
    places, claims = process_article(a, gaz)
    return a, places, claims, {p.id: p.name for p in places}


def test_kyiv_said_links_the_claim_to_the_place_of_the_event(gaz):
    _, places, claims, name = run("Russian missiles struck Zaporizhzhia overnight, killing three people. "
                                  "Kyiv said the attack targeted power lines.", gaz)
    said = next(c for c in claims if c.text.startswith("Kyiv said"))
    assert [name[i] for i in said.place_ids] == ["Zaporizhzhya"]
    assert [name[i] for i in said.seat_place_ids] == ["Kyiv"]
    kyiv = next(p for p in places if p.name == "Kyiv")
    assert [m.role for m in kyiv.mentions] == ["seat"]


def test_moscow_demands_links_to_the_region_not_the_capital_nor_the_country(gaz):
    _, places, claims, name = run("Moscow demands that Ukraine withdraw its troops from the Kherson region, "
                                  "the foreign ministry said on Monday.", gaz)
    claim = next(c for c in claims if c.text.startswith("Moscow demands"))
    assert [name[i] for i in claim.place_ids] == ["Kherson"]
    assert [name[i] for i in claim.seat_place_ids] == ["Moscow"]
    assert [name[i] for i in claim.mentioned_place_ids] == ["Ukraine"]
    roles = {m.text: m.role for p in places for m in p.mentions}
    assert roles == {"Moscow": "seat", "Ukraine": "mentioned", "Kherson region": "event"}


def test_money_for_a_capital_is_no_event_there(gaz):
    _, _, claims, name = run("Congress approved $61bn for Kyiv, officials said, as shelling hit Kharkiv.", gaz)
    assert [name[i] for i in claims[0].place_ids] == ["Kharkiv"]
    assert [name[i] for i in claims[0].seat_place_ids] == ["Kyiv"]


@pytest.mark.parametrize("text,name,role", [
    ("Kyiv said the strike killed five.", "Kyiv", "seat"),
    ("Moscow has warned the West.", "Moscow", "seat"),
    ("talks between Moscow and Kyiv stalled", "Kyiv", "seat"),
    ("the Kyiv regime, the ministry said", "Kyiv", "seat"),
    ("Moscow-backed forces advanced", "Moscow", "seat"),
    ("weapons to Kyiv arrived", "Kyiv", "seat"),
    ("Kyiv was shelled overnight.", "Kyiv", "mentioned"),
    ("strikes on Kyiv continued", "Kyiv", "mentioned"),
    ("Residents of Kyiv fled to the west.", "Kyiv", "mentioned"),
])
def test_a_capital_is_a_seat_only_where_the_wording_makes_it_one(text, name, role):
    s = text.index(name)
    assert mention_role(text, s, s + len(name), "city", name, True) == role


def test_a_town_that_is_no_seat_of_government_stays_a_place():
    text = "Kharkiv said the strike killed five."
    assert mention_role(text, 0, 7, "city", "Kharkiv", False) == "mentioned"


def test_roles_travel_through_the_contract(gaz):
    a, places, claims, _ = run("Russian missiles struck Zaporizhzhia overnight. Kyiv said two were shot down.", gaz)
    back = from_json(to_json(Extraction([a], places, claims)))
    assert {m.role for p in back.places for m in p.mentions} == {"event", "seat"}
    assert any(c.seat_place_ids for c in back.claims)
    assert all(p.kind == "city" for p in back.places)
    assert all(m.evidence for p in back.places for m in p.mentions)


@pytest.mark.parametrize("sentence,name", [
    ("Analysts said Beijing would use its influence on Moscow to end the war.", "Moscow"),
    ("The envoy said Nato should never offer Moscow such guarantees.", "Moscow"),
    ("Donors said they would send aid to the government in Kyiv.", "Kyiv"),
    ("Officials said Moscow has already imported drones worth $100 million.", "Moscow"),
    ("A report said Beijing possibly provided parts for the drones.", "Beijing"),
    ("Washington has warned Beijing of consequences, officials said.", "Beijing"),
    ("The minister said Belgrade doesn't intend to impose sanctions.", "Belgrade"),
    ("Analysts see a growing expectation for Moscow to launch an offensive.", "Moscow"),
    ("The foreign secretary said Kyiv has the right to use the missiles.", "Kyiv"),
    ('Moscow: "Nato prepares for a conflict"', "Moscow"),
])
def test_a_capital_acted_upon_or_acting_is_the_government(sentence, name):
    i = sentence.index(name)
    assert mention_role(sentence, i, i + len(name), "city", name, True) == "seat"


@pytest.mark.parametrize("sentence,name", [
    ("A court in Moscow ruled on Friday.", "Moscow"),
    ("They flew to Kyiv on Monday.", "Kyiv"),
    ("Kyiv slowly recovered from the strikes.", "Kyiv"),
    ("Kyiv has a population of three million.", "Kyiv"),
    ("Flights to Kyiv did not resume on Monday.", "Kyiv"),
])
def test_a_capital_where_something_happens_stays_a_place(sentence, name):
    i = sentence.index(name)
    assert mention_role(sentence, i, i + len(name), "city", name, True) == "mentioned"
