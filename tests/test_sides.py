"""Sides: the actor KB, role words, governments, outlets, and "unknown" when nothing places a speaker."""
from __future__ import annotations

from datetime import date

import pytest

from geo import actors
from geo.claims import find_claims
from geo.models import Article, Claim
from geo.sides import assign_sides, outlet_side, speaker_side


def article(text: str, outlet: str | None = "RT") -> Article:
    return Article(id="a", source="t", text=text, start=0, end=len(text), outlet=outlet,
                   published=date(2025, 3, 12))


def sides_of(text: str, outlet: str | None = "RT") -> list[tuple[str | None, str]]:
    art = article(text, outlet)
    claims = find_claims(art)
    assign_sides(claims, art)
    return [(c.speaker, c.side) for c in claims]


@pytest.mark.parametrize("outlet,side", [
    ("RT", "russia"), ("TASS", "russia"), ("Sputnik", "russia"), ("Ukrainska Pravda", "ukraine"),
    ("The Kyiv Independent", "ukraine"), ("Ukrinform", "ukraine"), ("Reuters", "west"), ("BBC", "west"),
    ("Al Jazeera", "other"), ("Some Local Gazette", "unknown"), (None, "unknown"),
])
def test_outlet_side(outlet, side):
    assert outlet_side(outlet) == side


@pytest.mark.parametrize("role,side", [
    ("Russian Foreign Ministry spokeswoman", "russia"),
    ("Ukraine's Energy Minister", "ukraine"),
    ("Ukraine’s Foreign Minister", "ukraine"),
    ("Mayor of Odesa", "ukraine"),
    ("governor of the Belgorod region", "russia"),
    ("Russian-installed governor of Kherson", "russia"),
    ("US Secretary of State", "west"),
    ("German Chancellor", "west"),
    ("Turkish President", "other"),
    ("anti-Kremlin activist", "unknown"),
    ("regional governor", "unknown"),
    ("Mayor", "unknown"),
])
def test_role_words_place_invented_people(role, side):
    assert speaker_side("Invented Person", role) == side


@pytest.mark.parametrize("speaker,side", [
    ("Moscow", "russia"), ("the Kremlin", "russia"), ("Kyiv", "ukraine"), ("Kiev", "ukraine"),
    ("Russia", "russia"), ("Washington", "west"), ("NATO", "west"), ("TASS", "russia"),
])
def test_governments_and_institutions_as_speakers(speaker, side):
    assert speaker_side(speaker, None) == side


def test_kb_person_without_role_words():
    assert speaker_side("Dmitry Peskov", None) == "russia"
    assert speaker_side("Peskov", None) == "russia"


def test_unknown_is_never_guessed():
    assert speaker_side("Anna Somebody", None) == "unknown"
    assert speaker_side(None, None) == "unknown"


def test_sentences_end_to_end_both_sides():
    got = sides_of('"Our units repelled four assaults," Russian Defence Ministry spokesman Ivan Petrovsky said. '
                   "Ukraine's Foreign Minister, Petro Kovalenko, wrote that the claim was false. "
                   "Mayor Olena Dovzhenko of Odesa said that the port was hit. "
                   "An analyst said the front was stable.")
    assert got == [("Ivan Petrovsky", "russia"), ("Petro Kovalenko", "ukraine"), ("Olena Dovzhenko", "ukraine"),
                   ("an analyst", "unknown")]


def test_local_official_placed_by_city_in_own_claim():
    got = sides_of("A missile struck Zaporizhzhia overnight, according to Mayor Ivan Hrytsai.")
    assert got == [("Ivan Hrytsai", "ukraine")]


def test_outlet_narrative_takes_outlet_side_and_speaker_side_stays_apart():
    got = sides_of("Ukrainian officials said the dam was hit. The army advanced near the river.", outlet="TASS")
    assert got == [("Ukrainian officials", "ukraine"), ("TASS", "russia")]


def test_article_outlet_side_from_metadata_wins():
    art = article("The army advanced near the river.", outlet="Unknown Herald")
    art.outlet_side = "west"
    claims = find_claims(art)
    assign_sides(claims, art)
    assert claims[0].side == "west"


def test_same_speaker_keeps_side_within_story():
    c1 = Claim("1", "a", 0, 1, "x", speaker="Olga Brik", speaker_role="Ukrainian MP", cue="said")
    c2 = Claim("2", "a", 1, 2, "y", speaker="Olga Brik", speaker_role=None, cue="said")
    assign_sides([c1, c2], article("xy"))
    assert c2.side == "ukraine"


def test_user_kb_extends_without_code(tmp_path, monkeypatch):
    extra = tmp_path / "mine.yaml"
    extra.write_text("actors:\n  - {name: Zora Fictiva, side: other, aliases: [Fictiva]}\n"
                     "outlets:\n  - {name: Herald of Nowhere, side: west}\n", encoding="utf-8")
    monkeypatch.setenv("GEO_ACTORS", str(extra))
    try:
        assert speaker_side("Fictiva", None) == "other"
        assert outlet_side("Herald of Nowhere") == "west"
    finally:
        monkeypatch.delenv("GEO_ACTORS")
    assert speaker_side("Fictiva", None) == "unknown"


def test_bad_kb_side_is_an_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - {name: X, side: martians}\n", encoding="utf-8")
    with pytest.raises(actors.KnowledgeBaseError):
        actors.build([bad])


def test_possessive_of_a_known_actor_places_the_role():
    assert speaker_side("Invented Aide", "Zelensky's chief of staff") == "ukraine"
    assert speaker_side("Invented Aide", "Putin's spokesman") == "russia"


def test_kb_spelling_variants_become_one_speaker():
    got = sides_of('"We hold the line," Volodymyr Zelenskiy said. "We will respond," Zelenskyy said.')
    assert got == [("Volodymyr Zelensky", "ukraine"), ("Volodymyr Zelensky", "ukraine")]


@pytest.mark.parametrize("role,side", [
    ("Pro-Russian military bloggers", "russia"),
    ("Russian-backed separatist leader", "russia"),
    ("Kyiv-appointed governor", "ukraine"),
    ("London-based analyst", "unknown"),
    ("Anti-Kremlin activist", "unknown"),
])
def test_hyphenated_allegiance(role, side):
    assert speaker_side("Invented Person", role) == side


def test_western_report_quoting_both_sides():
    got = sides_of(
        "In a video address, Ukrainian President Oleksii Hrytsenko said Russia had launched 100 missiles.\n"
        "The head of Ukraine's military intelligence, Taras Bondar, said an offensive was coming.\n"
        "Russian state news agency RIA Novosti reported that the village had been captured.\n"
        "Pro-Russian military bloggers claimed on Sunday that the town had fallen. "
        'Ukraine\'s General Staff denied the reports, calling them "information warfare".\n'
        '"We are ready for negotiations," Lavrov told reporters in Moscow.', outlet="BBC")
    assert got == [("Oleksii Hrytsenko", "ukraine"), ("Taras Bondar", "ukraine"), ("RIA Novosti", "russia"),
                   ("Pro-Russian military bloggers", "russia"), ("Ukraine's General Staff", "ukraine"),
                   ("Sergey Lavrov", "russia")]


def test_local_official_with_cities_of_both_sides_stays_unknown():
    got = sides_of("Missiles launched from Belgorod struck Zaporizhzhia, according to Mayor Ivan Hrytsai.")
    assert got == [("Ivan Hrytsai", "unknown")]


@pytest.mark.parametrize("outlet", ["rt", "www.rt.com", "https://tass.com/politics/123", "Ukrinform.net"])
def test_outlet_by_web_address(outlet):
    assert outlet_side(outlet) in ("russia", "ukraine")


def test_narrative_side_from_the_article_address_when_no_outlet():
    art = article("The army advanced near the river.", outlet=None)
    art.url = "https://www.rt.com/russia/12345-story/"
    claims = find_claims(art)
    assign_sides(claims, art)
    assert claims[0].side == "russia"


def test_unnamed_regional_governor_after_a_mayor():
    got = sides_of("A missile struck Zaporizhzhia, according to Mayor Ivan Hrytsai.\n"
                   "The regional governor reported seven strikes.")
    assert got == [("Ivan Hrytsai", "ukraine"), ("the regional governor", "ukraine")]
    got = sides_of("A missile struck Zaporizhzhia, according to Mayor Ivan Hrytsai.\n"
                   "Russian officials said the strike hit a depot.\n"
                   "The regional governor reported seven strikes.")
    assert got[-1] == ("the regional governor", "unknown")


def _kb_with(tmp_path, entry: str) -> actors.KnowledgeBase:
    path = tmp_path / "terms.yaml"
    path.write_text("actors:\n  - " + entry + "\n", encoding="utf-8")
    return actors.build([path])


def test_a_role_is_the_office_held_on_the_story_s_date(tmp_path):
    kb = _kb_with(tmp_path, "{name: Zora Fictiva, side: west, role: Elbonian President, terms: ["
                            "{role: Elbonian Finance Minister, from: 2010-01-01, to: 2014-06-01}, "
                            "{role: Elbonian President, from: 2018-03-01}]}")
    zora = kb.actor("Zora Fictiva")
    assert zora.role_on(date(2009, 5, 1)) is None
    assert zora.role_on(date(2012, 5, 1)) == "Elbonian Finance Minister"
    assert zora.role_on(date(2016, 5, 1)) == "former Elbonian Finance Minister"
    assert zora.role_on(date(2020, 5, 1)) == "Elbonian President"
    assert zora.role_on(None) == "Elbonian President"


def test_a_term_without_a_date_is_an_error_naming_the_file(tmp_path):
    with pytest.raises(actors.KnowledgeBaseError, match="terms.yaml"):
        _kb_with(tmp_path, "{name: Zora Fictiva, side: west, terms: [{role: Mayor, from: last spring}]}")


def _said_on(body: str, day: date) -> list[Claim]:
    """The claims of one Reuters story published on ``day``, sides assigned."""
    text = "Headline\n" + body
    art = Article(id="a", source="t", text=text, start=0, end=len(text), outlet="Reuters", published=day)
    claims = [c for c in find_claims(art) if c.cue == "said"]
    assign_sides(claims, art)
    return claims


def test_a_story_from_before_an_office_does_not_give_it():
    claims = _said_on("Barack Obama said the treaty would be signed within weeks in Geneva.", date(2019, 6, 1))
    assert claims and claims[0].speaker_role == "former US President"


def test_every_shipped_term_of_office_starts_before_it_ends():
    for actor in actors.build([actors.DATA / "actors.yaml"]).actors.values():
        for term in actor.terms:
            assert term.start is None or term.end is None or term.start < term.end, (actor.name, term)


def test_a_minister_named_in_the_knowledge_base_has_the_side_of_their_government():
    claims = _said_on("Hungarian Foreign Minister Peter Szijjarto said Budapest would not send arms to the front.",
                      date(2023, 6, 1))
    assert [(c.speaker, c.side) for c in claims] == [("Péter Szijjártó", "west")]


def test_local_voices_are_of_the_country_the_story_is_about():
    text = ("Headline\nRussian President Vladimir Putin laid flowers at a memorial on Thursday.\n\n"
            "Local media reported that the regional governor had not been seen at the parade.")
    art = Article(id="a", source="t", text=text, start=0, end=len(text), outlet="BBC", published=date(2023, 2, 2))
    claims = [c for c in find_claims(art) if c.cue == "reported"]
    assign_sides(claims, art)
    assert [(c.speaker, c.side) for c in claims] == [("Local media", "russia")]


def test_a_pair_of_speakers_takes_the_side_its_placed_member_has():
    c1 = Claim("1", "a", 0, 1, "x", speaker="Olga Brik", speaker_role="Ukrainian MP", cue="said")
    c2 = Claim("2", "a", 1, 2, "y", speaker="Olga Brik and Petro Vasko", speaker_role="authors", cue="write")
    assign_sides([c1, c2], article("xy"))
    assert c2.side == "ukraine"


def test_the_verb_after_a_comma_is_no_description_of_the_speaker():
    got = sides_of("Rep. Adam Vance, the top Democrat on the House Intelligence Committee, called on the president "
                   "to retaliate against Russia for its interference in the election.", outlet="Daily Example")
    assert [s for who, s in got if who == "Adam Vance"] == ["unknown"]


def test_an_office_named_with_its_country_is_that_country_s():
    assert speaker_side("U.S. Treasury", None) == "west"
    assert speaker_side("the Russian Embassy", None) == "russia"


def test_unmarked_offices_of_a_story_about_a_third_country_are_its_own():
    text = ("Serbian lawmakers on Thursday voted in a new government, despite the Balkan nation's bid to join the "
            "European Union.\n\nThe United States, Britain and the European Union have urged Serbia to align "
            "with the West and Washington. Serbia has refused.\n\nThe new prime minister reiterated that the government would keep its "
            "ties with every partner.")
    got = sides_of(text, outlet="Reuters")
    assert [s for who, s in got if who == "the new prime minister"] == ["other"]
