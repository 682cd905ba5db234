"""Locale cues: the phone numbers a story prints say which country, state and town it is from."""
import pytest

from geo.gazetteer import load_index
from geo.locale_cues import PhoneLocale, phone_locales


@pytest.fixture(scope="module")
def gaz():
    return load_index()


def test_north_american_numbers_name_a_town_or_a_state(gaz):
    text = ("Tickets are at the box office (call 519-661-4000) or from the ranch on (806) 423-5555; "
            "the hotline 1-800-555-0199 is free.")
    got = phone_locales(text, gaz)
    ontario = gaz.admin1("CA", got[0].admin1)
    assert got[0].cc == "CA" and got[0].town == "london" and ontario is not None and ontario.name == "Ontario"
    assert got[1] == PhoneLocale("US", "TX", "")
    assert len(got) == 2  # the toll-free number says nothing


def test_international_number_names_its_country_and_town(gaz):
    got = phone_locales("Readers can reach the desk on +44 20 7946 0000.", gaz)
    assert got == [PhoneLocale("GB", "", "london")]


def test_text_without_numbers_has_no_cue(gaz):
    assert phone_locales("In 2016 the council met 12 times; 3,400 people came.", gaz) == []
