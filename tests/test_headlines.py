"""A new story starts only where a real headline stands."""
import pytest

from geo.headlines import looks_like_headline, starts_story, wrap_width
from geo.ingest import split_stories

BODY = ("Russian drones struck the port of Odesa overnight, the regional governor said on Tuesday. "
        "Two people were wounded and a grain warehouse burned.")
NEXT = ("Kharkiv hit by missiles as talks stall", "Missiles hit Kharkiv on Tuesday, officials said, "
        "and power was cut in three districts.")


def stories(text):
    return [(title, text[s:e]) for s, e, title in split_stories(text)]


def test_a_real_headline_starts_a_story():
    text = f"Drones hit Odesa port overnight\n{BODY}\n\n{NEXT[0]}\n{NEXT[1]}\n"
    got = stories(text)
    assert [t for t, _ in got] == ["Drones hit Odesa port overnight", NEXT[0]]


@pytest.mark.parametrize("line", [
    "Ukraine needs more air defence now https://t.co/x1Yz — Breitbart London (@BreitbartLondon) April 6, 2024",
    "We stand with the people of Ukraine — Breitbart London",
    "Additional reporting by Jane Doe in Kyiv",
    "CNN —",
    "Advertisement",
    "Photo: Getty Images",
    "Firefighters at the scene in Odesa (Photo: Reuters)",
    "Rescuers search the rubble in Dnipro/AFP via Getty Images",
    "By John Smith and Anna Ivanova",
    "KYIV — Russian drones hit the capital overnight",
    "MINSK, 16 February (BelTA) – the minister spoke to reporters",
    "Exurban exodus",
])
def test_a_line_that_only_looks_like_a_headline_starts_no_story(line):
    text = f"Drones hit Odesa port overnight\n{BODY}\n{line}\n{NEXT[1]}\n"
    got = stories(text)
    assert len(got) == 1 and got[0][0] == "Drones hit Odesa port overnight"


def test_a_hard_wrapped_sentence_is_one_story():
    wrapped = ("KYIV The Ukrainian energy ministry on Tuesday issued new guidance for operators of\n"
               "    power plants, asking them to keep reserves ready after strikes that damaged\n"
               "    substations in four regions.\n"
               "    Officials said repairs in Kharkiv and Odesa would take weeks and that the grid\n"
               "    operator had asked neighbouring countries for emergency supplies of power and\n"
               "    equipment to replace damaged transformers at several stations in the east\n"
               "    The ministry also said households should expect scheduled outages this week.\n")
    assert len(split_stories(wrapped)) == 1
    lines = wrapped.splitlines()
    assert wrap_width(lines) is not None
    assert not starts_story(lines[0], lines[1], wrap_width(lines))  # next line goes on in lower case


def test_a_headline_does_not_end_on_a_word_that_needs_the_next():
    assert not looks_like_headline("Mayor to hold a press conference at")
    assert looks_like_headline("Mayor to hold press conference on drugs")


def test_a_short_first_line_is_still_the_title_but_a_short_line_later_splits_nothing():
    text = f"Storm reaches Lviv\n{BODY}\nDrones again\n{NEXT[1]}\n"
    got = stories(text)
    assert [t for t, _ in got] == ["Storm reaches Lviv"]
