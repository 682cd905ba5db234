"""Dates: reference-relative weekdays, year boundaries, ranges, future references, no publication date."""
from __future__ import annotations

from datetime import date

import pytest

from geo.claims import find_claims
from geo.dates import assign_dates, find_dates
from geo.models import Article

WED = date(2024, 12, 25)  # a Wednesday


def dated(text: str, published: date | None = WED):
    art = Article(id="a", source="t", text=text, start=0, end=len(text), outlet="Paper", published=published)
    claims = find_claims(art)
    assign_dates(claims, art)
    return claims


def one(text: str, published: date | None = WED):
    claims = dated(text, published)
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


def first_date(expr: str, published: date | None = WED):
    refs = find_dates(expr, 0, len(expr), published)
    assert refs, expr
    return refs[0]


@pytest.mark.parametrize("expr,expected", [
    ("on Wednesday", date(2024, 12, 25)),      # publication day itself
    ("on Tuesday", date(2024, 12, 24)),
    ("on Thursday", date(2024, 12, 19)),       # the most recent Thursday, last week
    ("early Wednesday", date(2024, 12, 25)),
    ("last Wednesday", date(2024, 12, 18)),    # a week earlier
    ("on Sunday night", date(2024, 12, 22)),
])
def test_weekday_relative_to_publication(expr, expected):
    ref = first_date(expr)
    assert ref.start == expected and ref.precision == "day" and not ref.future


def test_weekday_in_future_context_is_ahead():
    ref = first_date("the envoys will meet on Friday")
    assert ref.future and ref.start == date(2024, 12, 27)


@pytest.mark.parametrize("expr,expected", [
    ("earlier today", WED), ("today", WED), ("yesterday", date(2024, 12, 24)),
    ("last night", date(2024, 12, 24)), ("2024-11-30", date(2024, 11, 30)),
    ("on 3 March 2023", date(2023, 3, 3)), ("December 20", date(2024, 12, 20)),
])
def test_day_expressions(expr, expected):
    ref = first_date(expr)
    assert ref.start == expected and ref.precision == "day"


def test_month_day_across_year_boundary():
    ref = first_date("on December 20", date(2025, 1, 3))
    assert ref.start == date(2024, 12, 20)


def test_last_week_is_a_week_range():
    ref = first_date("last week")
    assert (ref.start, ref.end, ref.precision) == (date(2024, 12, 16), date(2024, 12, 22), "week")


def test_last_24_hours_is_a_range_ending_on_publication():
    ref = first_date("over the last 24 hours")
    assert (ref.start, ref.end, ref.precision) == (date(2024, 12, 24), WED, "range")


def test_recent_months_is_a_range():
    ref = first_date("in recent months")
    assert ref.precision == "range" and ref.end == WED and ref.start == date(2024, 9, 25)


def test_future_month_is_not_an_event():
    c = one("The army is racing to take ground before the new administration assumes office in January.")
    assert c.event_date is None


def test_past_month_resolves_to_this_year():
    ref = first_date("the dam was breached in June")
    assert (ref.start, ref.precision, ref.future) == (date(2024, 6, 1), "month", False)


def test_cue_date_is_claim_date_and_content_date_is_event_date():
    c = one("Governor Lina Moroz said on Monday that a drone hit the depot on Saturday.")
    assert c.claim_date == date(2024, 12, 23) and c.claim_date_precision == "day"
    assert c.event_date == date(2024, 12, 21) and c.event_date_precision == "day"


def test_cue_date_before_the_verb():
    c = one("Minister Yuri Danko on Tuesday said the plant was shelled.")
    assert c.claim_date == date(2024, 12, 24)


def test_stated_on_publication_weekday():
    c = one('The reports are "totally false", Foreign Ministry spokeswoman Vera Lind stated on Wednesday, '
            "blaming foreign agents.")
    assert c.claim_date == WED


def test_claim_without_date_defaults_to_publication():
    c = one("Officials said the bridge was damaged.")
    assert (c.claim_date, c.claim_date_precision) == (WED, "day")
    assert c.event_date is None


def test_range_event_from_content():
    c = one("The governor claimed that two people were killed over the last 24 hours.")
    assert (c.event_date, c.event_date_end, c.event_date_precision) == (date(2024, 12, 24), WED, "range")


def test_event_date_from_previous_sentence_in_paragraph():
    claims = dated("On December 20, the army struck a depot. The strike destroyed two hangars.")
    assert [c.event_date for c in claims] == [date(2024, 12, 20), date(2024, 12, 20)]


def test_no_publication_date_leaves_relative_dates_unresolved():
    c = one("Officials said on Wednesday that the bridge fell yesterday.", published=None)
    assert c.claim_date is None and c.event_date is None
    d = one("Officials said the bridge fell on 4 May 2023.", published=None)
    assert d.event_date == date(2023, 5, 4)


def test_modal_may_is_not_a_month():
    assert find_dates("Talks may resume soon.", 0, 22, WED) == []


def test_background_year_in_an_earlier_sentence_is_not_the_event_date():
    claims = dated("The gunman was born in 1994. He did not give a motive for the attack.")
    assert claims[1].event_date is None


def test_cue_date_without_that():
    c = one("Associates of Lena Korr said on Monday she was unavailable.")
    assert c.claim_date == date(2024, 12, 23)


def test_weekday_followed_by_explicit_date_uses_the_date():
    refs = find_dates("Services are on Saturday, April 22, 2017, at noon.", 0, 50, date(2017, 4, 20))
    assert [r.start for r in refs] == [date(2017, 4, 22)]


def test_overnight_is_the_night_before_publication():
    ref = first_date("drones attacked overnight")
    assert (ref.start, ref.end, ref.precision) == (date(2024, 12, 24), WED, "range")


@pytest.mark.parametrize("expr,start", [
    ("over the past 48 hours", date(2024, 12, 23)),
    ("in the last three days", date(2024, 12, 22)),
    ("over the past two weeks", date(2024, 12, 11)),
    ("during the past six months", date(2024, 6, 25)),
])
def test_spans_end_on_publication(expr, start):
    ref = first_date(expr)
    assert (ref.start, ref.end, ref.precision) == (start, WED, "range")


def test_sentence_opening_date_before_speaker_is_when_it_was_said():
    c = one("On Monday, the Ruritanian Defence Ministry said that its troops took the village.")
    assert c.claim_date == date(2024, 12, 23) and c.event_date is None
    n = one("On December 20, the army conducted a large strike on the depot.")
    assert n.event_date == date(2024, 12, 20) and n.claim_date == WED


def test_the_scene_a_sentence_opens_with_dates_what_follows():
    text = ("Speaking to reporters in Warsaw on Wednesday, Prime Minister Dov Arlen said: "
            "\"We need this money now.\"")
    art = Article(id="d1", source="d.txt", text=text, start=0, end=len(text), published=date(2024, 4, 19))
    claims = find_claims(art)
    assign_dates(claims, art)
    assert [c.claim_date for c in claims] == [date(2024, 4, 17)]


@pytest.mark.parametrize("body,day", [
    ("The ministry ordered all citizens in Elbonia to leave immediately on Monday, warning of false arrests.",
     date(2023, 2, 13)),
    ("The capital committed Tuesday to deliver more hardware as Prime Minister Oda Brenn warned that the "
     "enemy will seek to expand further.", date(2023, 2, 14)),
])
def test_a_participle_or_as_clause_shares_the_main_verb_s_day(body, day):
    text = "Headline\n" + body
    art = Article(id="d", source="t", text=text, start=0, end=len(text), outlet="AP", published=date(2023, 2, 16))
    claims = [c for c in find_claims(art) if c.cue in ("warning", "warned")]
    assign_dates(claims, art)
    assert [c.claim_date for c in claims] == [day]


def test_a_future_day_is_not_when_a_participle_was_said():
    text = "Headline\nTroops will withdraw on Monday, the minister said, warning of more strikes."
    art = Article(id="d", source="t", text=text, start=0, end=len(text), outlet="AP", published=date(2023, 2, 16))
    claims = find_claims(art)
    assign_dates(claims, art)
    assert {c.claim_date for c in claims if c.cue} == {date(2023, 2, 16)}


def test_also_said_goes_back_to_the_same_speaker_s_occasion_past_another_voice():
    text = ("Headline\nThe Elbonian Foreign Ministry ordered all citizens abroad to return on Monday, warning "
            "of false arrests.\n\n\"Citizens should depart immediately,\" the Elbonian embassy in Dunmere "
            "warned.\n\nIn a stark message the Elbonian Foreign Ministry also said, \"Do not travel to Dunmere.\"")
    art = Article(id="d", source="t", text=text, start=0, end=len(text), outlet="AP", published=date(2023, 2, 16))
    claims = find_claims(art)
    assign_dates(claims, art)
    said = [c for c in claims if c.cue == "said"]
    assert said and said[0].claim_date == date(2023, 2, 13)
