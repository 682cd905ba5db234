"""Claim extraction: quotes, reported speech, denials, speakers, outlet narrative.

Every name below is invented: the rules must work on people nobody listed.
"""
from __future__ import annotations

from datetime import date

import pytest

from geo.claims import OUTLET_ROLE, claim_id, find_claims
from geo.models import Article
from geo.sentences import layout


def make(text: str, outlet: str | None = "Daily Example", published: date | None = date(2025, 3, 12),
         prefix: str = "") -> Article:
    full = prefix + text
    return Article(id="a1", source="t.txt", text=full, start=len(prefix), end=len(full), title="",
                   outlet=outlet, published=published)


def attributed(text: str, **kw):
    return [c for c in find_claims(make(text, **kw)) if c.speaker_role != OUTLET_ROLE]


def only(text: str, **kw):
    got = attributed(text, **kw)
    assert len(got) == 1, [(c.speaker, c.text) for c in got]
    return got[0]


def test_quote_before_cue_with_apposition_role():
    c = only('"The shelling has not stopped for a single hour," Russian Defence Ministry spokesman '
             'Ivan Petrovsky said.')
    assert c.speaker == "Ivan Petrovsky"
    assert c.speaker_role == "Russian Defence Ministry spokesman"
    assert c.is_quote and c.cue == "said"
    # A direct quote's claim is its sentence, the attribution included: who said it is part of it.
    assert c.text == '"The shelling has not stopped for a single hour," Russian Defence Ministry spokesman Ivan Petrovsky said'


def test_quote_after_cue_with_colon_and_channel():
    c = only('Mayor Olena Dovzhenko of Odesa wrote on Telegram: "Three drones were shot down over the port."')
    assert c.speaker == "Olena Dovzhenko"
    assert c.speaker_role == "Mayor of Odesa"
    assert c.is_quote and c.cue == "wrote"
    assert c.text.startswith("Mayor Olena Dovzhenko of Odesa wrote on Telegram: \"Three drones were shot down")


def test_inverted_cue_after_quote():
    c = only('"Our air defence worked all night over the capital," said Taras Melnyk, a city council member.')
    assert c.speaker.startswith("Taras Melnyk")
    assert c.is_quote


def test_curly_quotes_and_nested_quote():
    c = only("“They call it a ‘special operation’ but it is a war against civilians,” "
             "Ukraine’s Foreign Minister, Petro Kovalenko, wrote.")
    assert c.speaker == "Petro Kovalenko"
    assert c.speaker_role == "Ukraine’s Foreign Minister"
    assert "‘special operation’" in c.text


def test_apposition_with_comma_before_reported_speech():
    c = only("Ukraine's Foreign Minister, Petro Kovalenko, wrote that the talks had collapsed.")
    assert (c.speaker, c.speaker_role, c.cue) == ("Petro Kovalenko", "Ukraine's Foreign Minister", "wrote")
    assert c.text.endswith("wrote that the talks had collapsed")  # the sentence, its attribution included
    assert not c.is_quote


def test_name_then_role_apposition():
    c = only("Boris Antonenko, the Kremlin spokesman, said the talks would continue in spring.")
    assert c.speaker == "Boris Antonenko"
    assert c.speaker_role == "Kremlin spokesman"


def test_multi_sentence_quote_stays_one_claim():
    c = only('"The city is under attack. Explosions were heard in three districts," Gennady Lisovsky stated.')
    assert c.text.startswith('"The city is under attack. Explosions') and c.text.endswith("Gennady Lisovsky stated")
    assert c.speaker == "Gennady Lisovsky"


def test_reported_speech_content_after_that():
    c = only("Defence analyst Karen Holt claimed that the brigade had withdrawn from the village.")
    assert c.speaker == "Karen Holt" and c.speaker_role == "Defence analyst"
    assert c.text == "Defence analyst Karen Holt claimed that the brigade had withdrawn from the village"
    assert c.stance == "asserts"


def test_content_before_cue_with_participle_continuation():
    text = ('Reports of a new offensive are "pure fiction", Russian Foreign Ministry spokeswoman Irina Volkova '
            'stated on Monday, attributing the rumours to Western intelligence.')
    c = only(text)
    assert c.speaker == "Irina Volkova"
    assert c.text.startswith("Reports of a new offensive")
    assert c.text.endswith("Western intelligence")
    assert c.cue == "stated"


def test_content_before_cue_plain():
    c = only("Three people were injured in the attack, local authorities said.")
    assert c.speaker == "local authorities"
    assert c.text == "Three people were injured in the attack, local authorities said"


def test_according_to_after_and_before():
    a = only("Two bridges were destroyed overnight, according to the regional military administration.")
    assert a.cue == "according to" and a.text == "Two bridges were destroyed overnight, according to the regional military administration"
    assert a.speaker == "the regional military administration"
    b = only("According to Governor Pavlo Hrytsenko, the power station was hit twice.")
    assert b.speaker == "Pavlo Hrytsenko" and b.speaker_role == "Governor"
    assert b.text == "According to Governor Pavlo Hrytsenko, the power station was hit twice"


def test_denials_set_stance():
    a = only("Moscow has rejected reports that its troops shelled the hospital.")
    assert a.speaker == "Moscow" and a.stance == "denies" and a.cue == "rejected"
    b = only("The ministry denied any involvement in the sabotage.")
    assert b.stance == "denies"
    c = only("Defence Minister Arvid Kask called the accusations baseless.")
    assert c.stance == "denies" and c.speaker == "Arvid Kask"


def test_baseless_quote_is_a_denial():
    c = only('"These accusations are completely baseless," Marta Ilves said.')
    assert c.stance == "denies"


def test_pronoun_and_surname_and_role_back_references():
    text = ("Energy Minister Oksana Levchenko said that four power plants were damaged. "
            "She added that repairs would take weeks. "
            '"We will restore heating before the frost," Levchenko said. '
            "According to the minister, the grid remains stable.")
    got = attributed(text)
    assert [c.speaker for c in got] == ["Oksana Levchenko"] * 4
    assert all(c.speaker_role == "Energy Minister" for c in got)


def test_several_speakers_in_one_paragraph():
    text = ("Russian officials said the strike hit a weapons depot, while Ukrainian officials said it hit "
            "a school. Governor Anton Sirko said that two people died.")
    got = attributed(text)
    speakers = [c.speaker for c in got]
    assert "Russian officials" in speakers
    assert "Anton Sirko" in speakers


def test_collectives_and_governments_as_speakers():
    assert only("Kyiv said the counteroffensive had begun.").speaker == "Kyiv"
    assert only("The Kremlin denied the report.").speaker == "Kremlin"
    c = only("The governor of the Dnipro region reported five injured.")
    assert c.speaker == "the governor of the Dnipro region"
    assert c.speaker_role == "governor of the Dnipro region"


def test_unresolvable_pronoun_is_no_speaker():
    c = only("He said the bridge was intact.")
    assert c.speaker is None


def test_outlet_narrative_for_unattributed_sentences():
    claims = find_claims(make("Heavy fighting continued near the river on Monday. Officials said nothing."))
    narrative = [c for c in claims if c.speaker_role == OUTLET_ROLE]
    assert len(narrative) == 1
    n = narrative[0]
    assert n.speaker == "Daily Example" and n.cue is None and not n.is_quote
    assert n.text == "Heavy fighting continued near the river on Monday."


def test_scare_quotes_are_not_direct_quotes():
    claims = find_claims(make('A "massive attack" hit the city overnight, according to Mayor Ruslan Zhuk.'))
    assert len(claims) == 1
    assert claims[0].speaker == "Ruslan Zhuk" and not claims[0].is_quote


def test_headline_is_skipped():
    text = "Drones hit power station in the north\nThe regional governor said the station was hit twice."
    art = Article(id="a1", source="t", text=text, start=0, end=len(text), title="Drones hit power station in the north")
    claims = find_claims(art)
    assert [c.speaker for c in claims] == ["the regional governor"]


def test_offsets_index_the_full_file_text():
    prefix = "An earlier story in the same file.\n"
    art = make('"The bridge is gone," Colonel Dmytro Savchuk said.', prefix=prefix)
    for c in find_claims(art):
        assert art.text[c.start:c.end] == c.text
        assert art.start <= c.start < c.end <= art.end
        assert c.id == claim_id("a1", c.start, c.end)


def test_ids_are_stable():
    a = find_claims(make("Officials said the dam was damaged."))
    b = find_claims(make("Officials said the dam was damaged."))
    assert [c.id for c in a] == [c.id for c in b]


def test_sentence_split_keeps_quote_with_attribution():
    text = '"It is over. We leave tonight." Sergei Orlov said. Next sentence here.'
    lay = layout(text, 0, len(text))
    assert [text[s.start:s.end] for s in lay.sentences] == [
        '"It is over. We leave tonight." Sergei Orlov said.', "Next sentence here."]


def test_abbreviations_do_not_split():
    text = "U.S. officials met Gen. Ivan Dorn in Kyiv. They said little."
    lay = layout(text, 0, len(text))
    assert len(lay.sentences) == 2


@pytest.mark.parametrize("text", ["", "   ", "Short line"])
def test_degenerate_input(text):
    art = Article(id="x", source="t", text=text, start=0, end=len(text))
    assert find_claims(art) == []


# --- The seed, end to end through ingest and the claim stages (not the geoparser) -------------------

SEED = __import__("pathlib").Path(__file__).resolve().parent.parent / "seeds"


def _seed_claims(monkeypatch=None, tmp_path=None, without_people: bool = False):
    import yaml

    from geo import actors, dates, sides
    from geo.ingest import load_paths

    if without_people:
        # Prove the seed comes out right through role words alone: drop every person and institution.
        raw = yaml.safe_load((actors.DATA / "actors.yaml").read_text(encoding="utf-8"))
        raw.pop("actors")
        path = tmp_path / "no_people.yaml"
        path.write_text(yaml.safe_dump(raw), encoding="utf-8")
        kb = actors.build([path])
        monkeypatch.setattr(actors, "load", lambda: kb)
    out = []
    for art in load_paths([SEED]).articles:
        art.outlet_side = sides.outlet_side(art.outlet)
        claims = find_claims(art)
        sides.assign_sides(claims, art)
        dates.assign_dates(claims, art)
        out.extend(claims)
    return out


def _by(claims, speaker, cue=None):
    got = [c for c in claims if c.speaker == speaker and (cue is None or c.cue == cue)]
    assert got, (speaker, cue, [(c.speaker, c.cue) for c in claims])
    return got[0]


@pytest.mark.parametrize("without_people", [False, True])
def test_seed_claims(monkeypatch, tmp_path, without_people):
    claims = _seed_claims(monkeypatch, tmp_path, without_people)
    russia = _by(claims, "Russia", "rejected")
    assert (russia.side, russia.stance) == ("russia", "denies")
    z = _by(claims, "Maria Zakharova", "stated")
    assert (z.speaker_role, z.side, z.stance) == ("Russian Foreign Ministry spokeswoman", "russia", "denies")
    assert z.claim_date == date(2024, 12, 25)
    assert z.text.endswith("Ukraine's air defense systems")  # the participial continuation is kept
    zq = _by(claims, "Maria Zakharova", "said")
    assert zq.is_quote and zq.side == "russia"
    assert _by(claims, "Maria Zakharova", "according to").side == "russia"  # "According to the spokeswoman"
    assert _by(claims, "Ukrainian officials").side == "ukraine"
    t = _by(claims, "Igor Terekhov", "according to")
    assert (t.speaker_role, t.side, t.event_date) == ("Mayor", "ukraine", date(2024, 12, 25))
    assert _by(claims, "Igor Terekhov", "stated").is_quote
    assert _by(claims, "the regional governor").side == "ukraine"  # right after the mayor of Kharkiv
    kherson = _by(claims, "the governor of the Kherson region")
    assert (kherson.side, kherson.event_date, kherson.event_date_end, kherson.event_date_precision) == (
        "ukraine", date(2024, 12, 24), date(2024, 12, 25), "range")
    g = _by(claims, "German Galushchenko", "stated")
    assert (g.speaker_role, g.side) == ("Ukraine's Energy Minister", "ukraine")
    assert _by(claims, "German Galushchenko", "wrote").is_quote
    rt = [c for c in claims if c.speaker == "RT"]
    assert rt and all(c.side == "russia" and c.speaker_role == OUTLET_ROLE for c in rt)
    strike = next(c for c in rt if c.text.startswith("On December 20"))
    assert strike.event_date == date(2024, 12, 20)
    push = next(c for c in rt if "in recent months" in c.text)
    assert push.event_date_precision == "range" and push.event_date != date(2024, 1, 1)
    assert not any(c.text.startswith("Kharkiv hit by") for c in claims)  # a headline is the story's own
    moscow = [c for c in claims if c.text.startswith("Moscow says")]  # unless it names who says it
    assert [(c.speaker, c.side) for c in moscow] == [("Moscow", "russia")]
    assert not any("Read more" in c.text for c in claims)


# --- Any text: never crashes, spans always index the story ------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "said", "Mayor", "Olena", "Kovalenko", ",", ".", '"', "“", "”", "‘", "according to", "the", "that",
    "Russian", "officials", "stated on Monday", ":", "\n", "he", "denied", "claims", "Kyiv", "A", "strike",
    "hit", "December 20", "yesterday", "over the last 24 hours", "in January", "  ", "!", "?", "(", ")",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.text(max_size=30))
def test_spans_always_valid(pieces, noise):
    from geo.dates import assign_dates

    prefix = "Headline line\n"
    text = prefix + " ".join(pieces) + noise
    art = Article(id="h", source="t", text=text, start=len(prefix), end=len(text), outlet="X",
                  published=date(2025, 1, 3))
    claims = find_claims(art)
    assign_dates(claims, art)
    for c in claims:
        assert art.start <= c.start < c.end <= art.end
        assert c.text == text[c.start:c.end]
        assert c.stance in ("asserts", "denies")


def test_adverbs_and_time_appositions_between_subject_and_cue():
    assert only('"We reject this," the Defence Ministry vehemently said.').speaker == "the Defence Ministry"
    c = only("Oleg Marchuk, a few weeks earlier, said the plant was closed.")
    assert c.speaker == "Oleg Marchuk" and c.speaker_role is None
    assert only("Sofia Lenko tweeted Saturday that the road was cut.").text == "Sofia Lenko tweeted Saturday that the road was cut"


def test_partial_quote_in_content_keeps_its_marks():
    c = only('The reports are "pure invention", spokesman Ilya Brod said.')
    assert c.text == 'The reports are "pure invention", spokesman Ilya Brod said' and not c.is_quote
    assert c.stance == "asserts"


def test_coordinated_subject_and_object_phrases():
    c = only("The leaders of Freedonia and Sylvania said the talks failed.")
    assert c.speaker == "the leaders of Freedonia and Sylvania"
    claims = find_claims(make("Drug abuse in Freedonia claimed the lives of 2,000 people."))
    assert [c.speaker_role for c in claims] == [OUTLET_ROLE]
    assert [c.speaker_role for c in find_claims(make("Olga Dyck reported from the capital."))] == [OUTLET_ROLE]


def test_according_to_a_longer_collective():
    c = only("The inquiry began in July, according to people familiar with the matter.")
    assert c.speaker == "people familiar with the matter"


def test_adverbials_between_cue_and_content_without_that():
    c = only("Associates of Lena Korr said on Wednesday she was unavailable for comment.")
    assert c.text == "Associates of Lena Korr said on Wednesday she was unavailable for comment"
    c = only("Governor Petro Lis said in a statement on Telegram the bridge was closed.")
    assert c.text == "Governor Petro Lis said in a statement on Telegram the bridge was closed"


def test_inverted_cue_after_long_content_with_commas():
    c = only("A 25-year-old Ruritania, Elbonia, man was arrested Friday after a crash, "
             "reported the Elbonia State Highway Patrol.")
    assert c.speaker == "the Elbonia State Highway Patrol" or c.speaker == "Elbonia State Highway Patrol"
    assert c.text.startswith("A 25-year-old")


def test_time_phrase_before_subject_is_not_a_role():
    c = only("A few weeks earlier, Pallas Venn had told the newspaper that he was at home.")
    assert (c.speaker, c.speaker_role) == ("Pallas Venn", None)


def test_role_after_the_name_in_inverted_attribution():
    c = only('"The spree would have continued," said Dale Wilkon, the Granville County sheriff.')
    assert (c.speaker, c.speaker_role) == ("Dale Wilkon", "Granville County sheriff")


def test_war_report_from_the_other_side():
    text = ("Russian forces attacked the port with 23 drones overnight on March 11, injuring four people, "
            "Governor Taras Bilyk reported on Telegram.\n"
            "Ukraine's Air Force said it had shot down 19 of the drones.\n"
            "Russia's Defense Ministry claimed its forces had struck military infrastructure.\n"
            "Kremlin spokesman Yuri Danilov told journalists on Tuesday that the strikes were a response.\n"
            "Earlier this week, drones struck a refinery, according to a source in the Security Service of "
            "Ukraine (SBU).\n"
            "The source told the newspaper that the SBU was behind the attack.")
    art = Article(id="w", source="t", text=text, start=0, end=len(text), outlet="Kyiv Independent",
                  published=date(2025, 3, 12))
    from geo.dates import assign_dates
    from geo.sides import assign_sides
    claims = find_claims(art)
    assign_sides(claims, art)
    assign_dates(claims, art)
    got = [(c.speaker, c.side) for c in claims]
    assert got == [("Taras Bilyk", "unknown"), ("Ukraine's Air Force", "ukraine"),
                   ("Russia's Defense Ministry", "russia"), ("Yuri Danilov", "russia"),
                   ("a source in the Security Service of Ukraine", "ukraine"),
                   ("a source in the Security Service of Ukraine", "ukraine")]
    assert claims[0].event_date == date(2025, 3, 11)
    assert claims[3].claim_date == date(2025, 3, 11) and claims[3].event_date is None
    assert claims[4].event_date_precision == "week"


def test_wire_style_dateline_statement_and_ministry_back_reference():
    text = ("MOSCOW, January 3. /AGENCY/. Air defences destroyed 47 drones over five regions overnight, "
            "the Russian Defense Ministry said in a statement on Friday.\n"
            '"An attempt by the regime to carry out an attack was thwarted," the ministry said.')
    claims = find_claims(make(text, outlet="Agency"))
    assert [(c.speaker, c.is_quote) for c in claims] == [
        ("the Russian Defense Ministry", False), ("the Russian Defense Ministry", True)]
    assert claims[0].text.startswith("Air defences destroyed 47 drones over five regions overnight, the Russian")


def test_wire_dateline_is_not_part_of_the_claim():
    c = only("KYIV (Wire) - A missile strike killed seven people on Sunday, regional governor Ivan Fedko said.")
    assert c.text == "A missile strike killed seven people on Sunday, regional governor Ivan Fedko said"


def test_hard_wrapped_lines_are_one_paragraph():
    text = ("The officers came under fire, the statement said. Two policemen\n"
            "      were wounded and the assailants fled in a car.\n\nNew paragraph here with words.")
    lay = layout(text, 0, len(text))
    assert len(lay.paragraphs) == 2
    assert text[lay.sentences[1].start:lay.sentences[1].end].startswith("Two policemen\n")
    headline = "Strike hits city\nOfficials said two people died."
    assert len(layout(headline, 0, len(headline)).paragraphs) == 2


def test_sentence_split_inside_a_wrapped_paragraph():
    text = "The attack killed two. Police said\n  more were hurt. Officials\n  said nothing more."
    lay = layout(text, 0, len(text))
    assert len(lay.paragraphs) == 1 and len(lay.sentences) == 3


def test_pronoun_falls_back_to_a_person_named_in_narrative():
    from geo.nlp import get_nlp

    if get_nlp() is None:
        pytest.skip("spaCy model not installed")
    claims = attributed("Nurse Tanya Brooks has worked in the ward for ten years. "
                        '"We see three overdoses a night," she said.')
    assert claims[0].speaker == "Tanya Brooks"


def test_aside_between_subject_and_cue():
    c = only("Mr Ollander, meanwhile, said history would judge the decision.")
    assert c.speaker == "Ollander" and c.text == "Mr Ollander, meanwhile, said history would judge the decision"


def test_sentence_ends_with_a_closing_quote():
    text = '"We will respond." The army moved. "It is over," he said. Done here now.'
    lay = layout(text, 0, len(text))
    assert [text[s.start:s.end] for s in lay.sentences] == [
        '"We will respond."', "The army moved.", '"It is over," he said.', "Done here now."]


def test_words_ending_in_ly_that_are_nouns():
    c = only("His family said they lost contact with him the following year.")
    assert c.speaker == "his family"


def test_a_relative_clause_hangs_the_claim_on_the_person_before_it():
    c = only("The strikes were condemned by Kremlin spokesman Ivan Petrovsky, who told reporters in Moscow "
             "that the operation would continue.")
    assert c.speaker == "Ivan Petrovsky" and c.speaker_role == "Kremlin spokesman" and c.cue == "condemned"  # the outer cue; the same source told
    assert c.text.startswith("The strikes were condemned by") and c.text.endswith("that the operation would continue")
    # only a person the clause hangs on speaks: a thing before "who" does not
    assert all(c.speaker != "the shelter" for c in attributed(
        "Rockets fell near the shelter, who officials told that nobody was hurt."))


def test_according_to_a_role_then_the_name_between_commas():
    c = only("According to the head of the Sumy regional military administration, Petro Hnatenko, "
             "three people were wounded in the attack.")
    assert c.speaker == "Petro Hnatenko"
    assert c.speaker_role == "head of the Sumy regional military administration"
    assert c.text == ("According to the head of the Sumy regional military administration, Petro Hnatenko, three people "
                      "were wounded in the attack")


def test_according_to_a_report_followed_by_a_list_of_places_names_nobody():
    got = attributed("According to the report, New York, Boston and Chicago saw the largest rises.")
    assert all(c.speaker not in ("New York", "New York, Boston") for c in got)
