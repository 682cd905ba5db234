"""Speaker phrases: name/role split and back-references, on invented names."""
from __future__ import annotations

import pytest

from geo import actors
from geo.speakers import SpeakerMemory, parse_phrase, tokens


def phrase(text: str):
    return parse_phrase(text, tokens(text, 0, len(text)), actors.load())


@pytest.mark.parametrize("text,name,role,kind", [
    ("Russian Defence Ministry spokesman Ivan Petrovsky", "Ivan Petrovsky", "Russian Defence Ministry spokesman",
     "person"),
    ("Mayor Olena Dovzhenko of Odesa", "Olena Dovzhenko", "Mayor of Odesa", "person"),
    ("German Halvorsen", "German Halvorsen", None, "person"),          # a nationality word as a first name
    ("German Chancellor Klaus Baum", "Klaus Baum", "German Chancellor", "person"),
    ("US President-elect Tom Reed", "Tom Reed", "US President-elect", "person"),
    ("Mr. Holt", "Holt", None, "person"),
    ("Ursula von der Hagen", "Ursula von der Hagen", None, "person"),
    ("the regional governor", None, "regional governor", "collective"),
    ("Ukrainian officials", None, "Ukrainian officials", "collective"),
    ("Moscow", "Moscow", None, "group"),
    ("she", None, None, "pronoun"),
])
def test_name_and_role(text, name, role, kind):
    p = phrase(text)
    assert (p.name, p.role, p.kind) == (name, role, kind)


def test_memory_resolves_surname_pronoun_and_role():
    memory = SpeakerMemory(actors.load())
    assert memory.resolve(phrase("Energy Minister Oksana Levchenko")) == ("Oksana Levchenko", "Energy Minister")
    assert memory.resolve(phrase("Levchenko")) == ("Oksana Levchenko", "Energy Minister")
    assert memory.resolve(phrase("she")) == ("Oksana Levchenko", "Energy Minister")
    assert memory.resolve(phrase("the minister")) == ("Oksana Levchenko", "Energy Minister")
    assert memory.resolve(phrase("the governor")) == ("the governor", "governor")  # nobody with that role yet


def test_kb_fills_a_bare_surname_nobody_introduced():
    memory = SpeakerMemory(actors.load())
    assert memory.resolve(phrase("Peskov")) == ("Dmitry Peskov", "Kremlin spokesman")


def test_organisations_stay_whole():
    p = phrase("the Elbonia State Highway Patrol")
    assert (p.text, p.name, p.kind) == ("the Elbonia State Highway Patrol", None, "collective")
    assert phrase("Russian Defence Ministry").role == "Russian Defence Ministry"


def test_role_with_of_before_the_name():
    p = phrase("U.S. Secretary of State Amos Kettle")
    assert (p.name, p.role) == ("Amos Kettle", "U.S. Secretary of State")


@pytest.mark.parametrize("text,name,role", [
    ("Opponents of President Hafez Darou", None, "Opponents of President Hafez Darou"),
    ("Ian's wife Cynthia", "Cynthia", "Ian's wife"),
])
def test_heads_that_are_not_the_named_person(text, name, role):
    p = phrase(text)
    assert (p.name, p.role) == (name, role)


@pytest.mark.parametrize("text,shown,role", [
    ("His family", "his family", "family"),
    ("one of the experts", "one of the experts", "one of the experts"),
    ("the regional governor", "the regional governor", "regional governor"),
])
def test_determiners_and_quantifiers(text, shown, role):
    p = phrase(text)
    assert (p.text, p.role) == (shown, role)


def test_a_description_gives_its_words_as_the_role_of_a_person_with_none():
    from geo.speakers import _as_described
    assert _as_described("Republican nominee", None) == "Republican nominee"
    assert _as_described("nominee", None) == "nominee"
    assert _as_described("nominee", "Republican presidential nominee") == "Republican presidential nominee"
    assert _as_described("California congressman", "Rep.") == "California congressman"
