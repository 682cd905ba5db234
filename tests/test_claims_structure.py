"""Attribution read from the sentence's structure, speakers named back through the story's cast,
and sides from the story's own evidence. One invented sentence per construction of English; every
name is made up, so nothing here can pass by a list of known people.
"""
from __future__ import annotations

from datetime import date

import pytest

from geo.claims import OUTLET_ROLE, find_claims
from geo.claims.rules import mask_quote_pairs
from geo.models import Article
from geo.nlp import get_nlp
from geo.sentences import layout
from geo.sides import assign_sides, outlet_side

needs_model = pytest.mark.skipif(get_nlp() is None, reason="spaCy model not installed")


def story(body: str, outlet: str | None = "Daily Example") -> Article:
    text = "A headline for the story\n" + body
    return Article(id="s1", source="s.txt", text=text, start=0, end=len(text), outlet=outlet,
                   published=date(2025, 3, 12))


def claims_of(body: str, outlet: str | None = "Daily Example"):
    art = story(body, outlet)
    found = find_claims(art)
    assign_sides(found, art)
    return found


def attributed(body: str, **kw):
    return [c for c in claims_of(body, **kw) if c.speaker_role != OUTLET_ROLE]


def only(body: str, **kw):
    got = attributed(body, **kw)
    assert len(got) == 1, [(c.speaker, c.cue, c.text) for c in got]
    return got[0]


# --- attribution from the parse -------------------------------------------------------------------

@needs_model
def test_long_subject_with_apposition_before_the_cue():
    c = only("Orrin Valdane, director of the Institute for Coastal Policy at Marwick University, said the "
             "new levy would fall hardest on fishermen.")
    assert c.speaker == "Orrin Valdane"
    assert "director of the Institute for Coastal Policy" in c.speaker_role
    assert c.cue == "said"


@needs_model
def test_present_tense_plural_cue():
    c = only("Officials say they expect next week's barrage to be much larger.")
    assert c.speaker == "Officials" and c.cue == "say"


@needs_model
def test_participle_takes_the_subject_of_its_verb():
    c = only("In a televised address, Teodor Marvik made a clear reference to his navy, saying he would "
             "use all means to defend the coast.")
    assert c.speaker == "Teodor Marvik" and c.cue == "saying"


@needs_model
def test_cognition_verb_with_a_clause():
    c = only("The Elbonian Foreign Ministry expects Sylvania not to politicize the border dispute.")
    assert c.speaker == "the Elbonian Foreign Ministry"
    assert c.cue == "expects"


@needs_model
def test_document_as_source_of_a_finding():
    c = only("The survey found that support for the treaty remained high in every region.")
    assert c.cue == "found"


@needs_model
def test_but_according_to_opens_the_sentence():
    got = attributed("Nobody expected the drills to last. But according to Halvard Pense, the troops are "
                     "essentially ready to move.")
    assert [(x.speaker, x.cue) for x in got] == [("Halvard Pense", "according to")]


@needs_model
def test_parenthetical_attribution_covers_the_sentence():
    c = only("The museum, Senator Ilse Marrow said, celebrated several of her heroes.")
    assert c.speaker == "Ilse Marrow"
    assert c.text.startswith("The museum") and c.text.endswith("heroes")


@needs_model
def test_said_this_names_the_source_of_the_sentence_before():
    got = claims_of("The talks must resume before winter. Elbonian Foreign Ministry spokesperson Oskar "
                    "Brandt said this in a comment to reporters.")
    first = got[0]
    assert first.text.startswith("The talks must resume")
    assert first.speaker == "Oskar Brandt" and first.cue == "said"
    assert len(got) == 1


@needs_model
@pytest.mark.parametrize("body", [
    "Tovan Mirek was accused of orchestrating the famine.",        # passive: the subject is no speaker
    "Berlin has agreed to send fourteen tanks to the front.",       # an act, not a belief
    "The senator signed a decree to declare the day a holiday.",    # infinitive: nothing said yet
    "Olga Dyck reported from the capital.",                         # no content
    "The minister did not say when the talks would resume.",        # negated: nothing was said
])
def test_not_attributions(body):
    assert attributed(body) == []


# --- quotations -------------------------------------------------------------------------------------

def test_quotation_broken_by_its_attribution_is_one_claim():
    c = only('"There are things we can do alone," Mr. Tevor Hask said. "But to solve it, we must lead."')
    assert c.is_quote and c.speaker == "Tevor Hask"
    assert c.text.startswith('"There are things') and c.text.endswith('we must lead."')


def test_pull_quote_signed_with_a_dash():
    c = only("\u201cThe election has divided my family and my street for a year.\u201d \u2015 Mara Quintel\n")
    assert c.speaker == "Mara Quintel" and c.is_quote


def test_two_mark_quotes_read_as_quotation_marks():
    text = "''This is not reform,'' said Dov Keller. ''It is tinkering.''"
    masked = mask_quote_pairs(text)
    assert len(masked) == len(text) and "''" not in masked
    c = only(text)
    assert c.speaker == "Dov Keller" and c.is_quote
    assert c.text.startswith("''This is not reform") and c.text.endswith("It is tinkering.''")


# --- speakers named back ------------------------------------------------------------------------------

@needs_model
def test_description_names_back_a_person_introduced_without_a_claim():
    got = attributed("Georgian President Radomir Tesk met veterans in the capital on Friday.\n\n"
                     "The head of state noted that the country remembers its heroes.")
    assert [(c.speaker, c.side) for c in got] == [("Radomir Tesk", "other")]


@needs_model
def test_surname_takes_the_role_and_side_of_its_introduction():
    got = attributed("The Latvian foreign minister, Edvins Karkls, met his counterpart on Monday.\n\n"
                     "Karkls said the two had agreed to keep supporting the coalition.")
    assert [(c.speaker, c.side) for c in got] == [("Edvins Karkls", "west")]


def test_object_pronoun_after_according_to():
    got = attributed('"We are ready," Mira Solvik, the Estonian defence minister, said.\n\n'
                     "According to her, the brigade will deploy next month.")
    assert [c.speaker for c in got] == ["Mira Solvik", "Mira Solvik"]


@needs_model
def test_document_owner_is_the_speaker():
    c = only("But ECFR's polling showed a clear divide between the camps in every country.")
    assert c.speaker == "European Council on Foreign Relations" and c.side == "west"


# --- sides from evidence ------------------------------------------------------------------------------

@pytest.mark.parametrize("role_sentence,side", [
    ("Belgian Prime Minister Joris Vandaele said the summit would go ahead.", "west"),
    ("Federal Chancellor of Austria Kurt Amsel said the border would stay open.", "west"),
    ("Serbian Foreign Minister Dragan Pesic said Belgrade would not impose sanctions.", "other"),
    ("Belarusian Defence Minister Ales Hrybko said the drills were routine.", "russia"),
])
def test_nationality_words_from_country_data(role_sentence, side):
    assert only(role_sentence).side == side


def test_unmarked_national_office_takes_the_outlet_side():
    assert only("Treasury Secretary Jane Hallow said the sanctions would widen.", outlet="CNN").side == "west"
    assert only("Treasury Secretary Jane Hallow said the sanctions would widen.", outlet=None).side == "unknown"


def test_one_person_one_side_in_a_story():
    got = attributed("Ukrainian Deputy Minister Petro Lysko said the grid held. \"We expect more attacks,\" "
                     "Petro Lysko, a former Russian energy official, said.")
    assert {c.side for c in got} == {"ukraine"}


@pytest.mark.parametrize("outlet,side", [
    ("BelTA", "russia"), ("UK outlet", "west"), ("Ukrainian outlet", "ukraine"),
    ("Suburban Herald (AFP copy)", "west"),
])
def test_outlet_sides_from_name_or_description(outlet, side):
    assert outlet_side(outlet) == side


# --- claim dates ----------------------------------------------------------------------------------------

def dates_of(body: str):
    from geo.dates import assign_dates

    art = story(body)
    found = [c for c in find_claims(art) if c.speaker_role != OUTLET_ROLE]
    assign_dates(found, art)
    return [(c.speaker, c.claim_date) for c in found]


def test_the_next_quote_of_the_same_speaker_keeps_the_occasion():
    got = dates_of('Minister Arvo Lind said on Monday that the grid held.\n\n'
                   '"We expect more strikes before spring," Lind added.')
    assert got == [("Arvo Lind", date(2025, 3, 10)), ("Arvo Lind", date(2025, 3, 10))]


def test_that_same_day_takes_the_date_before():
    got = dates_of('"We will not yield," Tomas Brel told the Courier on Feb. 21, 2024.\n\n'
                   '"The coast is ours," Ilse Varga told the Ledger in a separate interview that same day.')
    assert got == [("Tomas Brel", date(2024, 2, 21)), ("Ilse Varga", date(2024, 2, 21))]


def test_a_date_in_the_attribution_of_a_joined_quotation_is_the_claim_date():
    got = dates_of('"The harbour is open," Mira Tann told reporters on Friday. "Ships are moving again."')
    assert got == [("Mira Tann", date(2025, 3, 7))]


def test_transcript_line_is_the_labelled_speakers():
    got = attributed("Governor Tam Ridley spoke to the host on Sunday.\n\n"
                     "RIDLEY: Well, look, the debate is about the issues. Nothing else matters.")
    assert [(c.speaker, c.is_quote) for c in got] == [("Tam Ridley", True)]
    assert got[0].text == "RIDLEY: Well, look, the debate is about the issues. Nothing else matters"


@needs_model
def test_called_for_is_a_demand():
    c = only("Keron Blair, executive director of the alliance, called for more school investment.")
    assert c.speaker == "Keron Blair" and c.cue == "called"


@needs_model
def test_a_longer_description_names_back_its_person():
    got = attributed("Georgian Minister of Foreign Affairs Ruslan Marek met the press on Monday.\n\n"
                     "The minister of foreign affairs of Georgia said the talks would resume in May.")
    assert [c.speaker for c in got] == ["Ruslan Marek"]


def test_an_unnamed_description_is_the_person_named_right_after():
    got = attributed("Western missiles may strike depots across the border, a British defence minister has said.\n\n"
                     "Tobias Wren said such strikes were legitimate.")
    assert [c.speaker for c in got] == ["Tobias Wren", "Tobias Wren"]


@needs_model
@pytest.mark.parametrize("body,cue", [
    ("Serbia has condemned the aggression.", "condemned"),                                       # short object
    ("The ministry imposed export limits on Monday, citing the war and fears of misuse.", "citing"),
    ("The embassy ordered its citizens to leave, warning of arbitrary arrests.", "warning"),
    ("Minister Ada Verr travelled to the capital to warn officials that support must not waver.", "warn"),
    ("Italy has flatly ruled out sending troops into the conflict.", "ruled"),
])
def test_more_constructions_of_attribution(body, cue):
    assert only(body).cue == cue


@needs_model
def test_name_before_a_description_subject_is_the_speaker():
    got = attributed("Ivo Darek, the foreign minister in the previous cabinet, spoke first. Milo Vesic, the new "
                     "prime minister, reiterated that the capital would not impose sanctions.")
    assert [(c.speaker, c.speaker_role) for c in got] == [("Milo Vesic", "new prime minister")]


def test_unmarked_office_in_a_war_report_of_a_western_outlet():
    got = attributed("Most diplomats will leave Ukraine this week, a senior official said on Saturday.", outlet="CNN")
    assert [c.side for c in got] == ["west"]
    got = attributed("Belgrade will not impose sanctions on Moscow, the opposition lawmaker said of Serbia.",
                     outlet="CNN")
    assert [c.side for c in got] == ["other"]  # a story about Serbia: its unmarked lawmaker is Serbian


def test_an_experts_employer_places_them_not_their_subject():
    from geo import actors
    from geo.side_evidence import role_side

    kb = actors.load()
    assert role_side("a lead analyst specializing in Chinese defence at the Royal United Services Institute",
                     kb) == "west"
    assert role_side("a Ukraine war reporter", kb) is None


def test_a_direct_quote_is_its_whole_sentence_with_the_attribution():
    c = only('"We will rebuild every school," Rina Osk said at a news conference in the port city.')
    assert c.is_quote and c.speaker == "Rina Osk"
    assert c.text == '"We will rebuild every school," Rina Osk said at a news conference in the port city'


def test_a_quotation_of_several_sentences_with_a_party_label_after_it():
    c = only('"He would be a fine senator. Not good, fine. One of the best," Rep. Elmer J. Tansy (D-Ore.) '
             'said in a phone interview.')
    assert c.speaker == "Elmer J. Tansy" and c.is_quote


def test_inverted_cue_after_a_gloss_takes_the_name_after_it():
    c = only('"The front is quiet," that is, troops sitting in trenches, said Odo Brant, an analyst with '
             'the Testing Institute.')
    assert c.speaker == "Odo Brant"


def test_a_description_the_name_closes_is_that_persons_role():
    c = only('"It was a hard week for all of us," said the head of the "Mothers Union" movement Ilka Dorn.')
    assert c.speaker == "Ilka Dorn" and c.speaker_role.startswith("head of the")


@needs_model
@pytest.mark.parametrize("body", [
    "Republicans say they have several questions for the director at the hearing.",
    "Those close to him say that he would have to consider other names.",
])
def test_plural_people_as_the_subject_of_a_cue(body):
    assert only(body).cue == "say"


@needs_model
def test_the_outlet_vouching_for_its_own_report_is_no_source():
    got = claims_of("Berlin will send more air defence. Minister Ulo Tamm said this at a briefing on Monday, a "
                    "Daily Example correspondent reports.")
    assert [c.speaker for c in got] == ["Ulo Tamm"]


def test_the_country_a_story_opens_on_places_its_unmarked_offices():
    body = ("Chile imposed export controls on drones on Monday. Exports will still be allowed, the Ministry "
            "of Commerce said in a statement. Chile sells few drones abroad.")
    got = attributed(body, outlet="CNN")
    assert [(c.speaker, c.side) for c in got] == [("the Ministry of Commerce", "other")]


def test_a_named_expert_with_no_country_is_the_outlets():
    got = attributed("The talks will fail, said Aldo Brisk, a research analyst.", outlet="CNN")
    assert [(c.speaker, c.side) for c in got] == [("Aldo Brisk", "west")]
    got = attributed("The talks will fail, analysts said.", outlet="CNN")
    assert [c.side for c in got] == ["unknown"]  # nobody named: nobody placed


def test_a_leaders_administration_is_on_the_leaders_side():
    from geo.sides import speaker_side

    assert speaker_side("the Zelensky administration", "Zelensky administration") == "ukraine"


@needs_model
def test_the_spokesperson_who_said_this_speaks_for_the_institution():
    got = attributed("The Foreign Ministry of Ruritania expects calm at the border. Ruritanian Foreign Ministry "
                     "spokesperson Oleg Varnik said this in a comment. According to him, talks will resume.")
    assert [c.speaker for c in got] == ["Oleg Varnik", "Oleg Varnik"]


def test_two_titles_joined_before_a_name_are_one_role():
    got = attributed("Senior scholar and former Oslo correspondent Dag Vintner joined the panel. The scholar "
                     "explained that the treaties were signed.")
    assert [(c.speaker, c.speaker_role) for c in got] == [
        ("Dag Vintner", "Senior scholar and former Oslo correspondent")]


def test_a_plural_description_names_the_people_it_covers():
    got = attributed('Ann Lerow, a co-author of the report, spoke first. "It is hard," write Lerow and her '
                     'co-author Ivo Kranz. Governments will struggle, the authors said.')
    assert [c.speaker for c in got] == ["Ann Lerow", "Ann Lerow and Ivo Kranz"]


def test_an_age_before_a_description_stays_in_it():
    got = attributed('Russian President Ivan Dorokhov spoke at a rally. "We will respond to every threat in '
                     'the region," the 70-year-old leader said.')
    assert [c.speaker for c in got] == ["Ivan Dorokhov"]


@pytest.mark.parametrize("cue", ["continued", "summed up", "hinted"])
def test_verbs_that_close_a_quotation(cue):
    c = only(f'"This is the eternal dispute about who is stronger," Vlad Markin {cue}.')
    assert c.speaker == "Vlad Markin" and c.is_quote


@needs_model
def test_two_institutions_as_one_subject_stay_together():
    c = only("The Council of the EU and the Czech Foreign Ministry said the institutions had been targeted.")
    assert c.speaker.endswith("Czech Foreign Ministry") and c.side == "west"


@needs_model
def test_a_quotation_after_a_sentence_quoting_the_speaker_in_part_is_theirs():
    got = attributed('Minister Edo Rinks said he had agreed on the "need to keep helping". "The West must '
                     'increase its aid, because the aggression continues."')
    assert [c.speaker for c in got] == ["Edo Rinks", "Edo Rinks"]


def test_she_never_names_back_a_king():
    got = attributed('Duchess Anna Vale visited the camp. "We stand with them," King Orm said on Monday. '
                     '"They must be heard," she said.')
    assert [c.speaker for c in got] == ["Orm", "Anna Vale"]


def test_thats_according_to_names_the_source_of_the_sentence_before():
    got = claims_of("Propaganda does exist in the region, and its aim is to reject everything.\n\nThat’s "
                    "according to a local war correspondent, Remus Ceran, who spoke at a conference.")
    assert [(c.speaker, c.cue) for c in got] == [("Remus Ceran", "according to")]
    assert got[0].text.endswith("who spoke at a conference")  # the claim and its source read as one


@needs_model
def test_an_according_to_closing_the_sentence_is_the_source_of_all_of_it():
    c = only("But President Jo Rell told the premier on a call Thursday that an attack was possible, according "
             "to Council Spokesperson Emma Hoyle.")
    assert c.speaker == "Emma Hoyle" and c.cue == "according to"


def test_a_possessive_description_is_named_by_the_next_speaker():
    got = attributed("Ukraine's prime minister has told the BBC there will be a war if aid fails. Denys Shmelev "
                     "expressed optimism that lawmakers would pass the bill.")
    assert [c.speaker for c in got] == ["Denys Shmelev", "Denys Shmelev"]


def test_an_organisation_described_once_is_named_back_by_its_description():
    got = attributed('"The army has a lot of equipment along the border," said Varnes, a global agency for '
                     'open-source intelligence.\n\nTroops can be deployed in 72 hours, the agency said.')
    assert [c.speaker for c in got] == ["Varnes", "Varnes"]


@needs_model
@pytest.mark.parametrize("body, speaker", [
    ("Senator Ola Brenn wants to sign up five million volunteers by the spring.", "Ola Brenn"),
    ("The flight attendants' union endorsed Governor Lee Marr on Friday.", "the flight attendants' union"),
    ("It plans to open two more stores.", None),  # "it" holds no position of its own
    ("Minister Ada Verr refused to comment on the talks.", "Ada Verr"),
])
def test_a_stance_of_a_named_source_or_a_body_is_their_claim(body, speaker):
    got = attributed(body)
    assert [c.speaker for c in got] == ([speaker] if speaker else [])


def test_acts_are_never_stances():
    assert attributed("Heavy fighting continued near the river. The army plans to retake the bridge.") == []


@pytest.mark.parametrize("headline, speaker", [
    ("Pence: Flowers Won't Be at the Debate, Trump Was 'Mocking' Them", "Mike Pence"),
    ("Trump Could Act on Clean Energy, Lindsey Graham Says.", "Lindsey Graham"),
    ("Lindsey Graham Says Trump Could Act on Clean Energy", "Lindsey Graham"),
])
def test_a_headline_that_names_its_source_is_their_claim(headline, speaker):
    text = headline + "\nThe senator spoke on Monday in Ohio to a crowd of voters."
    art = Article(id="h1", source="h.txt", text=text, start=0, end=len(text), outlet="Daily Example")
    got = [c for c in find_claims(art) if c.speaker_role != OUTLET_ROLE]
    assert [c.speaker for c in got] == [speaker] and got[0].start == 0


def test_a_headline_with_a_label_but_no_source_stays_the_outlets():
    text = "The Latest: Fighting Goes On Near the River\nTroops moved on Monday toward the bridge."
    art = Article(id="h2", source="h.txt", text=text, start=0, end=len(text), outlet="Daily Example")
    assert [c for c in find_claims(art) if c.speaker_role != OUTLET_ROLE] == []


def test_said_name_colon_before_a_quotation():
    c = only('Said Orvell: “I don’t get the sense she is the least bit interested in reform.”')
    assert c.speaker == "Orvell" and c.is_quote


@needs_model
def test_a_share_of_a_poll_is_a_source():
    assert only("However, 63 percent said the senator was justified in keeping it private.").cue == "said"


@needs_model
def test_the_agent_of_a_passive_cue_is_the_source():
    c = only("Calls to set up a commission on the killings were rejected by the Human Rights Council.")
    assert c.speaker.endswith("Human Rights Council") and c.cue == "rejected"
    assert attributed("The official was accused of hiding the files.") == []


def test_an_according_to_account_runs_on_in_its_paragraph():
    got = claims_of("According to the former leader, the war may be a long one. On the one hand, the army will "
                    "keep attacking with varying force.\n\nTroops moved on Monday.")
    assert [(c.speaker_role == OUTLET_ROLE, c.text.endswith("varying force")) for c in got][:1] == [(False, True)]


def test_a_name_before_the_cue_wins_over_the_object_after_it():
    c = only('"Yes, it will be tough," Oleg Dunai, the head of the Security Council, told Ukrainian TV on '
             'Thursday.')
    assert c.speaker == "Oleg Dunai"


def test_a_hyphenated_former_title_before_a_name():
    got = claims_of("The war may be long.\n\nThat’s according to ex-President of Poland (1995-2005) Alek Kwas, "
                    "who spoke in an interview.")
    assert [c.speaker for c in got] == ["Alek Kwas"]


def test_a_short_name_of_an_organisation_the_story_named_in_full():
    got = attributed("Zento Drones Co., a drone maker, announced it would leave. Kyiv appealed to Zento in "
                     "March. Zento rejected claims it leaked data.")
    assert [c.speaker.rstrip(".") for c in got] == ["Zento Drones Co", "Zento Drones Co"]


def test_she_names_back_a_described_woman_nobody_named():
    got = attributed('King Orm arrived. "We stand with them," the Duchess of Kent said. "They must be heard," '
                     'King Orm said. "They are brave," she said.')
    assert [c.speaker for c in got] == ["the Duchess of Kent", "Orm", "the Duchess of Kent"]


def test_a_he_said_opening_the_story_is_the_person_named_next():
    text = ('He said: “No matter what else happens, the country is ready to talk.”\n\nMr Biden’s comments came '
            'hours after the summit.')
    art = Article(id="o1", source="o.txt", text=text, start=0, end=len(text), outlet="Daily Example")
    got = [c for c in find_claims(art) if c.speaker_role != OUTLET_ROLE]
    assert got[0].speaker == "Joe Biden"


def test_a_description_names_back_a_known_person_the_story_gave_no_title():
    got = attributed('Vladimir Putin has compared the war to 1943. "Those who hope to defeat us do not '
                     'understand," the 70-year-old leader said.')
    assert [c.speaker for c in got][-1] == "Vladimir Putin"


def test_told_after_a_quotation_takes_its_object_as_the_listener():
    got = attributed("''That was a good speech you gave, Mr. President,'' Representative Stev Cohn, Democrat of "
                     "Oregon, told Mr. Obama as he stopped.")
    assert got and got[0].speaker != "Barack Obama"


def test_a_qualified_description_is_no_known_leader():
    got = attributed('Vladimir Putin has compared the war to 1943. "It does not matter," the minority leader said.')
    assert got[-1].speaker != "Vladimir Putin"


@needs_model
def test_a_speaker_of_their_own_before_a_closing_according_to_keeps_the_claim():
    c = only("Half of the state's voters said they want a more liberal president, according to early results.")
    assert c.speaker.startswith("Half")


@needs_model
def test_a_stance_inside_what_a_document_notes_is_the_documents():
    c = only("The editorial noted the senator's comment that she wanted to visit the flooded towns.")
    assert c.speaker == "the editorial"


@needs_model
@pytest.mark.parametrize("body", [
    "Senator Ola Brenn spoke about the death of the driver in Tulsa on Tuesday.",
    "Dan Mack at the National Review agreed with Matthews about the winner of the debate.",
])
def test_speaking_about_and_agreeing_with_are_attributions(body):
    assert len(attributed(body)) == 1


def test_a_link_to_another_story_is_no_claim():
    assert claims_of("Read also: Estonian foreign minister calls on partners to help protect skies") == []


@needs_model
@pytest.mark.parametrize("body, speaker", [
    ("Polls show a close race in the northern counties.", "Polls"),  # a weak cue licensed by a document
    ("A new analysis of campaign filings shows Democrats outspending Republicans in October.", "analysis"),
    ("Other studies have shown that the program reduced poverty.", "studies"),  # "studies" is a study
    ("Delegates questioned whether the senator could keep his pledge.", "Delegates"),
    ("Some economists question the wisdom of cutting taxes now.", "economists"),
    ("Critics point out that the plan has no funding.", "Critics"),
    ("A majority of voters expect the governor to win the debate.", "majority of voters"),
    ("The mayor expected that the council would approve the budget.", "mayor"),
    ("The union endorsed the governor's plan on Tuesday.", "union"),  # a body's stance
    ("The candidate plans to visit Ohio next week.", "candidate"),
])
def test_weak_cues_in_the_company_that_makes_them_reports(body, speaker):
    c = only(body)
    assert speaker.lower() in c.speaker.lower()


@needs_model
def test_what_is_said_after_a_phrase_between_verb_and_clause():
    c = only("Pell Jorgan said after the primary he would not accept the union's endorsement.")
    assert c.speaker == "Pell Jorgan"


@needs_model
def test_an_apposition_names_a_described_speaker():
    c = only("His former business partner at Kestrel, Paul B. Meyers, called him a master at closing deals.")
    assert c.speaker == "Paul B. Meyers" and "business partner at Kestrel" in c.speaker_role


@needs_model
def test_a_capitalised_particle_begins_the_surname():
    c = only("A single turbine can power 900 homes over a year, Mr. Van Buren said.")
    assert c.speaker == "Van Buren"


@needs_model
def test_a_passive_expectation_has_no_speaker():
    assert attributed("The storm is expected to reach the coast on Friday.") == []


@needs_model
@pytest.mark.parametrize("body, speaker", [
    ("The fact-checkers examined Mr. Hale's claim that there have been thousands of shootings this year.", "Hale"),
    ("The minister's warning that the talks would fail went unheeded.", "the minister"),
])
def test_the_owner_of_a_claim_noun_with_a_that_clause_says_it(body, speaker):
    assert only(body).speaker == speaker


@needs_model
@pytest.mark.parametrize("body, speaker", [
    ("Lena Ostrova is describing as “unhinged” a post attacking the former pageant winner.", "Lena Ostrova"),
    ("Senator Ray Pollan has been endorsed by dozens of papers across the state.", "dozens of papers"),
    ("Mayor Dell Fenner is promising lower taxes and more jobs.", "Dell Fenner"),
])
def test_descriptions_endorsements_and_promises(body, speaker):
    assert only(body).speaker.startswith(speaker)


def test_aid_pledged_is_an_act_not_a_statement():
    assert attributed("To date, Elbonia has pledged around £12 billion to Freedonia.") == []


def test_going_on_before_a_colon_and_a_quotation():
    got = attributed('“The numbers are moving,” said Orm Caddet.\n\nCaddet continued: "The health issue is very '
                     'much a partisan one, and it does not explain these numbers."')
    assert [c.speaker for c in got] == ["Orm Caddet", "Orm Caddet"] and got[1].cue == "continued"


@needs_model
def test_a_stance_towards_one_named_person():
    c = only("The bakers' union endorses Marr.")
    assert c.cue == "endorses" and "union" in c.speaker


@needs_model
@pytest.mark.parametrize("body, cue", [
    ("Senator Pell Jorgan charges that the donors to his rival's charity stood to gain from the deal.", "charges"),
    ("On Thursday, Pell Jorgan spoke to a gathering of industry leaders, promising to lift the rules.", "promising"),
    ('Ostrova and Verr call them "lone wolves" and describe their attacks as crimes.', "call"),
    ("Lena Ostrova unveiled a list of endorsements from 95 retired generals.", "unveiled"),
    ('Protesters marching through the streets chanted "What curfew?" until dawn.', "chanted"),
])
def test_more_ways_of_saying(body, cue):
    assert only(body).cue == cue


def _run_in(text: str):
    art = Article(id="s1", source="s.txt", text=text, start=0, end=len(text), outlet="Daily Example",
                  published=date(2025, 3, 12))
    return find_claims(art)


@pytest.mark.parametrize("text, speaker", [
    ("Railing Against Marr, Ostrova Vows To End Tax Breaks For Developers.  If Marr cut taxes, the rich "
     "would gain most.", "Ostrova"),
    ("Ostrova: Marr needs to 'get away from all of this personality stuff'.  Lena Ostrova spoke on Monday.",
     "Ostrova"),
])
def test_a_headline_run_into_the_first_paragraph_names_its_source(text, speaker):
    first = _run_in(text)[0]
    assert first.start == 0 and first.speaker == speaker


def test_a_run_in_headline_that_names_no_source_is_no_claim_of_anyone():
    got = _run_in("Heavy Rain Floods The Valley Again.  The river rose two metres overnight.")
    assert all(c.speaker_role == OUTLET_ROLE for c in got)


@needs_model
@pytest.mark.parametrize("body, speaker", [
    ("As Ada Verr said in her speech, the museum tells an American story.", "Ada Verr"),
    ("As stated in Davis' commentary, there are conflicting stories about the permit.", "Davis"),
    ("As reported by the Daily Ledger, the mayor has twice missed the deadline.", "Daily Ledger"),
])
def test_an_as_clause_names_the_source_of_the_rest(body, speaker):
    assert only(body).speaker == speaker


@needs_model
def test_an_as_clause_around_a_speaker_of_its_own_leaves_the_claim_to_them():
    c = only("As reported by the Daily Ledger, Mayor Ola Brenn called the report a lie.")
    assert c.speaker == "Ola Brenn"


def test_as_expected_is_no_attribution():
    assert attributed("As expected, the council approved the budget.") == []


def test_an_announced_block_without_quotation_marks_is_the_speakers():
    got = claims_of("“She is a disgrace,” Governor Pat Orme said.\n\nThe governor added:\n\nIt is typical of "
                    "her. She knows nothing, but the talk never stops.\n\nThe crowd cheered loudly at the rally.")
    assert [(c.speaker, c.text[:12]) for c in got] == [
        ("Pat Orme", "“She is a di"), ("Pat Orme", "It is typica"), ("Daily Example", "The crowd ch")]


@needs_model
@pytest.mark.parametrize("body, speaker", [
    ("Some Democrats, however, question the wisdom of backing him.", "Democrats"),  # a present read as a base
    ("As a reality TV boss, Marr repeatedly demeaned women, according to show insiders.", "insiders"),
])
def test_misparsed_tenses_and_sources(body, speaker):
    assert only(body).speaker.endswith(speaker)


@needs_model
def test_calling_two_things_one_name():
    c = only("Democrats called the citation and the demand for his testimony a transparent political ploy "
             "aimed at embarrassing the senator as the election enters its final stretch.")
    assert c.speaker == "Democrats"


@pytest.mark.parametrize("body", [
    "The chairman called the meeting to order at noon.",
    "The mayor called a meeting of the council for Friday.",
])
def test_calling_a_meeting_is_an_act(body):
    assert attributed(body) == []


@needs_model
def test_a_relative_that_is_no_pointer_to_the_sentence_before():
    got = attributed("The council met late on Monday.\n\nTwenty-nine people were injured by an explosion that "
                     "Mayor Ben Adley described as \"an intentional act.\"")
    assert [c.speaker for c in got] == ["Ben Adley"] and got[0].text.startswith("Twenty-nine")


@needs_model
def test_reported_speech_goes_on_in_the_backshifted_tense():
    got = claims_of("The museum, Ada Verr said, would make visitors face hard truths. But it would also "
                    "capture the greatness of the country.\n\nVerr said the plan would fail. It rained all day.")
    assert [(c.speaker, c.text.split()[-1]) for c in got] == [
        ("Ada Verr", "country"), ("Ada Verr", "fail"), ("Daily Example", "day.")]


@needs_model
def test_one_speaker_named_then_named_back_in_one_sentence_is_one_claim():
    got = attributed("Democrat Lena Ostrova spoke in Ohio on Monday about jobs.\n\nOstrova says she hopes to "
                     "win, but she knows that “the mayor will always be the king.”")
    assert [c.speaker for c in got] == ["Lena Ostrova", "Lena Ostrova"]
    assert got[1].text.startswith("Ostrova says") and got[0].speaker_role == "Democrat"


@needs_model
@pytest.mark.parametrize("body, speaker, cue", [
    ("In this poll, Marr rose 1 percentage point since the debate while Ostrova fell by the same margin.",
     "this poll", "in this poll"),
    ("In the previous national poll, conducted in early September, Ostrova led Marr by 5 points among voters.",
     "the previous national poll", "in the previous national poll"),
    ("In a speech in Fort Pierce on Friday, Lena Ostrova laid out her proposals for national service.",
     "Lena Ostrova", "in a speech"),  # one's own speech: the subject speaks
])
def test_a_sentence_set_inside_a_document(body, speaker, cue):
    c = only(body)
    assert (c.speaker, c.cue) == (speaker, cue)


def test_a_time_or_place_frame_is_no_document():
    assert attributed("In the morning, the troops crossed the river near the old bridge.") == []


@needs_model
@pytest.mark.parametrize("body", [
    "Senator Ola Brenn has railed against the special-interest provisions in the tax code.",
    "Lena Ostrova pointed to reports that the mayor had called the winner names as signs of his disrespect.",
])
def test_railing_against_and_pointing_to(body):
    assert len(attributed(body)) == 1


@needs_model
def test_a_name_the_tagger_reads_as_a_common_noun_is_still_the_speaker():
    got = attributed('"We are worried," said Ann Wines, president of the caucus.\n\nWines believes that the '
                     'campaign took black voters for granted and now has to scramble to win them back.')
    assert [c.speaker for c in got] == ["Ann Wines", "Ann Wines"]


@pytest.mark.parametrize("headline, speaker", [
    ("Lawmaker urges retaliation on Elbonia", "Lawmaker"),  # a described source
    ("Black Lawmakers Rip Marr Over Stop-And-Frisk Remarks", "Black Lawmakers"),  # a plural's cue
    ("Ostrova, others vow to keep up the fight", "Ostrova, others"),
])
def test_headlines_with_described_and_plural_sources(headline, speaker):
    art = Article(id="s1", source="s.txt", text=f"{headline}\nThe event was held on Monday and many came.",
                  start=0, end=len(headline) + 44, outlet="Daily Example", published=date(2025, 3, 12))
    assert find_claims(art)[0].speaker == speaker


@needs_model
@pytest.mark.parametrize("body, speaker", [
    ("His surrogates called him a genius for the plan.", "surrogates"),  # a person noun with no person ending
    ("The locals insist that the well has run dry since spring.", "locals"),
])
def test_nouns_for_people_from_the_lexicon_can_speak(body, speaker):
    assert speaker in only(body).speaker


@needs_model
def test_a_news_organisation_that_has_learned_reports():
    c = only("Mayor Pell skipped the hearing to visit his brother in the hospital, the Courier has learned.")
    assert "Courier" in c.speaker and c.cue == "learned"


@needs_model
@pytest.mark.parametrize("body, said", [
    ("Ola Brenn appeared on the radio on Friday and began by saying she would never raise fares.", True),
    ("After the vote, Ola Brenn left the chamber without saying whether she would run again.", False),
])
def test_a_gerund_after_a_preposition_is_said_by_the_clause_subject(body, said):
    got = attributed(body)
    assert [c.speaker for c in got] == (["Ola Brenn"] if said else [])


@needs_model
def test_a_name_in_apposition_to_a_fronted_phrase_is_the_speaker():
    c = only("With ten days until the vote, Tam Orsk, an aide to the governor, called the ruling "
             "\"a serious blow\" to the campaign.")
    assert c.speaker == "Tam Orsk"


@needs_model
def test_who_after_a_place_names_the_people_the_place_describes():
    c = only("The change is likely to calm nervous farmers in Upper Vell, who have argued that the dam "
             "will flood their fields.")
    assert "farmers" in c.speaker


@needs_model
def test_a_source_reported_inside_another_claim_is_that_claim_s_unless_an_outlet_relays_it():
    # The senator's account of what the aides said is the senator's (and on the senator's side); a news
    # outlet reporting the aides' words only passes them on, so there the aides have their own claim.
    got = attributed("The senator told reporters on Friday that aides to the governor had assured him the "
                     "budget will pass next week.")
    assert [c.speaker for c in got] == ["the senator"]
    got = attributed("The Dunmere Herald reported on Friday that aides to the governor had assured the council "
                     "the budget will pass next week.")
    assert [c.speaker for c in got] == ["aides to the governor", "Dunmere Herald"]
    inner, outer = got
    assert inner.text.endswith("the budget will pass next week") and outer.start < inner.start < inner.end <= outer.end


@needs_model
def test_what_one_source_says_of_anothers_mind_is_the_first_sources_claim():
    got = attributed("The prime minister warned that the general will seek to seize the port before winter.")
    assert [c.speaker for c in got] == ["the prime minister"]


def test_a_name_the_parse_hangs_on_as_is_the_subject_of_its_clause():
    # the misparse as the model makes it on some sentences: "Brenn" the object of "as", "warned" a
    # second verb of "sent" (built by hand, so the rule is tested whatever the model does)
    from spacy.lang.en import English
    from spacy.tokens import Doc
    from geo.claims.parsed import _subject_of
    words = ["Marwick", "sent", "tanks", "as", "Ola", "Brenn", "warned", "that", "war", "loomed", "."]
    heads = [1, 1, 1, 1, 5, 3, 1, 9, 9, 6, 1]
    deps = ["nsubj", "ROOT", "dobj", "prep", "compound", "pobj", "conj", "mark", "nsubj", "ccomp", "punct"]
    tags = ["NNP", "VBD", "NNS", "IN", "NNP", "NNP", "VBD", "IN", "NN", "VBD", "."]
    doc = Doc(English().vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert _subject_of(doc[6]).text == "Brenn"
    assert _subject_of(doc[1]).text == "Marwick"


@needs_model
def test_a_participle_inside_a_claim_is_no_second_source():
    got = attributed("Analysts said the talks would stall, citing the long dispute over the border.")
    assert [c.speaker for c in got] == ["Analysts"]


@needs_model
def test_a_trailing_as_clause_names_the_source_of_what_came_before():
    c = only("The report does not settle whether the driver was armed, as the sheriff has said.")
    assert c.speaker == "the sheriff" and c.cue == "said"


@needs_model
def test_an_as_clause_with_words_of_its_own_frames_nothing():
    got = attributed("The hall fell silent as the mayor said she would not run again.")
    assert [c.speaker for c in got] == ["the mayor"] and got[0].cue == "said"


@needs_model
def test_i_outside_quotation_marks_is_the_writer_on_the_outlets_side():
    c = only("I firmly believe the new council will fail the people who elected it.", outlet="RT")
    assert (c.speaker, c.speaker_role, c.side) == ("the author", "author of the piece", "russia")


@needs_model
def test_a_cue_the_tagger_reads_as_a_noun_still_reports():
    c = only("Leaked ledgers from the 2019 audit show the firm moved $40 million offshore.")
    assert "ledgers" in c.speaker.lower() and c.cue == "show"


@needs_model
@pytest.mark.parametrize("body", [
    "Many economists suspect the figures were padded before the vote.",
    "Internal emails suggest the board knew of the leak for months.",
])
def test_weak_cues_after_their_speakers_and_emails_as_documents(body):
    assert len(attributed(body)) == 1


@needs_model
def test_a_stance_in_a_reduced_relative_describes_a_noun():
    assert attributed("Neither capital has named the goals they wish to see reached in exchange for the aid.") == []


@needs_model
@pytest.mark.parametrize("body, cue", [
    ("Senator Ola Brenn continues to insist, most recently on the radio, that the levy will be repealed.", "insist"),
    ("Ola Brenn went on to explain how the levy would fall on small farms.", "explain"),
    ("Ola Brenn appeared to suggest that the levy would be dropped before winter.", "suggest"),
])
def test_an_infinitive_after_a_verb_of_going_on_was_said(body, cue):
    c = only(body)
    assert c.speaker.endswith("Ola Brenn") and c.cue == cue


@needs_model
def test_a_description_that_names_someone_back_is_their_role_here():
    got = attributed("Tomas Vell, a Democratic congressman, said on Monday the bill was dead.\n\nThe Ohio "
                     "congressman said the vote would come next week.")
    assert [c.speaker for c in got] == ["Tomas Vell", "Tomas Vell"]
    assert got[1].speaker_role == "Ohio congressman"


@needs_model
def test_a_plan_according_to_someone_is_their_claim_with_the_plan_inside():
    got = attributed("Mayor Pell plans to visit the flooded district on Sunday, according to a city hall aide.")
    assert [c.speaker for c in got][-1] == "a city hall aide"
    assert got[-1].cue == "according to" and got[-1].text.startswith("Mayor Pell plans")


@needs_model
def test_a_finding_reported_by_one_source_according_to_another():
    got = attributed("The Courier reports that the governor has lost ground among older voters, according to "
                     "the Marwick Center for Public Opinion Research.")
    assert [c.speaker for c in got] == ["Marwick Center for Public Opinion Research", "Courier"]


def test_an_organisation_named_for_its_purpose_is_one_name():
    from geo import actors
    from geo.speakers import parse_phrase, tokens
    text = "the Marwick Committee for a Responsible Federal Budget"
    p = parse_phrase(text, tokens(text, 0, len(text)), actors.load())
    assert (p.name, p.kind) == ("Marwick Committee for a Responsible Federal Budget", "group")


@needs_model
def test_a_question_quoted_then_its_speaker_is_one_sentence_and_not_the_last_speakers():
    got = attributed('"Every time you say that, you make it worse," Tester said.\n\n"Why is this not proof that '
                     'the bank is too big to manage?" Vell demanded.')
    assert [(c.speaker, c.cue) for c in got] == [("Tester", "said"), ("Vell", "demanded")]


@needs_model
def test_he_goes_on_with_the_subject_of_the_sentences_before_not_the_last_quoted():
    got = attributed('"We will look at it," the spokesman Ivo Tarn said.\n\nThroughout the summer, Mr Pell has '
                     'sought to present the strikes as defence.\n\nAnd he returned to the theme in his speech.\n\n'
                     '"The threat to our country is real," he said.')
    assert [c.speaker for c in got] == ["Ivo Tarn", "Pell"]


@needs_model
def test_a_coordinated_clause_with_its_own_subject_ends_the_cues_content():
    got = attributed("The Dunmere Herald reports the senator promised new jobs for the dockers, and the mayor "
                     "vowed to close the yard.")
    assert {c.cue: c.text for c in got}["promised"] == "new jobs for the dockers"


@needs_model
def test_a_coordinated_verb_sharing_the_subject_goes_on_with_the_same_source():
    got = attributed("The Dunmere Herald reports the senator promised to keep backing the dockers and said she "
                     "would fight the closure of the yard.")
    assert {c.cue: c.text for c in got}["promised"] == ("to keep backing the dockers and said she would fight "
                                                        "the closure of the yard")


@needs_model
def test_two_clauses_with_their_own_sources_are_two_claims():
    got = attributed("Farm groups want a larger grain subsidy, and the millers' union wants lower duties on "
                     "imported flour.")
    assert [(c.cue, c.text) for c in got] == [("want", "a larger grain subsidy"),
                                             ("wants", "lower duties on imported flour")]


@needs_model
def test_a_bracketed_aside_is_not_the_content_of_the_verb_before_it():
    got = attributed("The council wants fewer cars in the old town (shop owners want the square kept open "
                     "to traffic).")
    assert [(c.speaker, c.text) for c in got] == [("the council", "fewer cars in the old town"),
                                                 ("shop owners", "the square kept open to traffic")]


@needs_model
def test_subject_of_a_clause_read_as_an_object_past_an_aside_in_commas():
    got = only("Reyes has been targeting Ostrova since Kell, at Monday’s hearing, cited derogatory comments "
               "Reyes had made about Ostrova after she lost the vote.")
    assert (got.speaker, got.cue) == ("Kell", "cited")


@needs_model
def test_a_hyphened_noun_is_one_speaker():
    got = only("His ex-wife said the farmhouse near Dunmere had been sold years before the trial.")
    assert got.speaker.lower() == "his ex-wife" and got.speaker_role == "ex-wife"


def test_an_editorial_label_before_a_colon_is_no_speaker():
    assert attributed("CORRECTION: An earlier version of this story misstated the age of the harbour master.") == []


def test_a_speaker_inside_an_open_dash_aside_is_not_the_sentence_before_it():
    got = attributed("The ministry unveiled a bold - critics say reckless - plan to sell the state ferries.")
    assert {c.speaker for c in got if c.cue == "say"} == {"critics"}


@needs_model
def test_according_to_a_speech_someone_gave_is_that_person():
    got = only("The levy is meant to curb speculation, according to a speech Senator Oda Brenn delivered "
               "in Marwick in March.")
    assert got.speaker == "Oda Brenn" and got.cue == "according to"


@needs_model
def test_a_description_is_not_named_by_another_source_of_the_same_sentence():
    got = attributed('Protest is patriotic, the mayor said, whether it was marching or shouting the words '
                     '"we will not move," as Tomas Wendt said before he was arrested.')
    assert {c.speaker for c in got} == {"the mayor", "Tomas Wendt"}


def test_a_spokeswoman_for_someone_is_not_that_someone():
    got = only("A spokeswoman for Orla Benn says neither the senator nor her campaign helped the donor.")
    assert got.speaker == "a spokeswoman for Orla Benn" and got.speaker_role == "spokeswoman for Orla Benn"


def test_an_aide_to_a_titled_person_is_the_aide():
    got = only("An aide to Governor Pell Ostrander said the budget would be vetoed within the week.")
    assert got.speaker.startswith("an aide to")


def test_one_who_speaks_for_a_known_leader_takes_the_leader_s_side():
    got = only("A spokesman for Vladimir Putin said the talks had stalled over the grain corridor.")
    assert got.speaker == "a spokesman for Vladimir Putin" and got.side == "russia"


@needs_model
def test_a_preposition_left_by_a_dropped_year_is_not_part_of_the_role():
    got = only("A group of engineers in 2015 sent a letter to the council, warning that the dam was unsafe.")
    assert got.speaker_role == "group of engineers"


@needs_model
def test_a_quotation_after_reported_speech_in_its_paragraph_goes_on_with_its_source():
    got = attributed('The council may wait until the spring, Brask said. "The other factor is the weather. '
                     'Nobody wants to pour concrete in a frost."')
    assert [c.speaker for c in got] == ["Brask", "Brask"]
    assert got[1].text.startswith('"The other factor')


@needs_model
def test_a_quotation_ended_by_a_few_words_of_its_sentence_goes_on_with_the_speaker():
    got = attributed('"It is tinkering at the edges," said Alan Brask, an economist at the Harbour Institute. '
                     '"I would not call it reform. It is just a tax increase" for the top bracket.')
    assert len(got) == 1 and got[0].speaker == "Alan Brask" and "just a tax increase" in got[0].text


@needs_model
def test_reported_speech_does_not_lend_its_source_to_a_quotation_in_the_next_paragraph():
    got = attributed('The council may wait until the spring, Brask said.\n\n"Nobody wants to pour concrete in a '
                     'frost, not this year and not next year."')
    assert [c.speaker for c in got] == ["Brask"] and "concrete" not in got[0].text


@needs_model
def test_a_source_of_its_own_before_a_quotation_is_a_claim_of_its_own():
    got = attributed('When Orla Benn noted that Tallis had not paid any harbour dues for years, Tallis boasted, '
                     '"That makes me a good manager."')
    assert [(c.speaker, c.cue) for c in got] == [("Orla Benn", "noted"), ("Tallis", "boasted")]
    assert got[0].text == "that Tallis had not paid any harbour dues for years"
    assert got[1].text.startswith("Tallis boasted")


@needs_model
def test_the_quotation_s_own_source_before_it_is_not_a_second_claim():
    got = attributed('The mayor will probably use the hearing to make news, Kall said: "I feel he has a surprise '
                     'up his sleeve."')
    assert {c.speaker for c in got} == {"Kall"}


@needs_model
def test_a_claim_noun_inside_another_claim_is_its_owner_s_claim():
    got = attributed("Video shows that Orr had his hands in the air, contradicting the city police's earlier "
                     "claim that Orr had refused to stop.")
    assert ("the city police", "that Orr had refused to stop") in [(c.speaker, c.text) for c in got]


@needs_model
def test_going_on_to_insist_past_a_long_aside_is_the_subject_s_claim():
    got = only("The harbour master continues to insist, most recently in a long interview with a local radio "
               "station, that he really wants to reopen the docks this year.")
    assert got.speaker == "the harbour master" and got.cue == "insist"
    assert got.text.startswith("The harbour master continues to insist")


@needs_model
def test_a_bare_title_gives_way_to_the_description_in_apposition():
    got = attributed("Rep. Aldo Varga, the top Democrat on the harbour committee, said the delay was designed "
                     "to help the developers.")
    assert got[0].speaker == "Aldo Varga" and got[0].speaker_role == "top Democrat on the harbour committee"


@needs_model
def test_a_share_of_respondents_named_as_a_ratio_is_a_source():
    got = attributed("About four out of 10 voters said life for the next generation would be worse, while nine "
                     "in 10 said they thought the economy favors the wealthy.")
    assert ("nine in 10", "they thought the economy favors the wealthy") in [(c.speaker, c.text) for c in got]


@needs_model
def test_a_ratio_subject_keeps_its_numbers():
    got = only("Six in 10 say the mayor is at least somewhat decisive on the harbour plan.")
    assert got.speaker == "Six in 10"


def test_a_group_described_back_is_not_the_person_named_next():
    got = attributed("The Harbour Policy Center came to a similar conclusion. The top earners would see a cut of "
                     "$2,000, the group said.\n\nSome families would pay more, Mirela Vantos said on Monday.")
    assert [c.speaker for c in got] == ["the group", "Mirela Vantos"]


def test_a_weekday_is_no_name():
    got = only("The government likely hacked the regulator's computers in 2010, according to a congressional "
               "report on Wednesday.")
    assert "Wednesday" != got.speaker and "report" in got.speaker


# --- text as agencies print it -------------------------------------------------------------------

def test_sentences_run_together_without_a_space_are_split():
    text = ('A headline\nPresident Orla Benn said the rivals had united, the agency has learned.“The world has '
            'changed,” she said.The president said that she is keeping tabs on the talks.')
    lay = layout(text, 0, len(text))
    starts = [text[s.start:s.start + 12] for s in lay.sentences]
    assert "“The world h" in starts and "The presiden" in starts


def test_a_quotation_nesting_the_same_marks_closes_where_they_balance():
    text = 'A headline\n“They built this axis of “evil” and it backfired on them,” Orla Benn said.'
    lay = layout(text, 0, len(text))
    q = lay.quotes_in(0, len(text))[0]
    assert text[q.start:q.end].endswith("on them,”")


def test_a_quotation_signed_by_a_dash_and_a_name_with_an_initial():
    got = attributed("“He is not a leader, he is a dictator who answers to no one at all.” ― Christina N Luis "
                     "Olidem")
    assert [c.speaker for c in got] == ["Christina N Luis Olidem"]


@needs_model
def test_a_day_month_dateline_is_not_part_of_the_sentence():
    got = attributed("MINSK, 26 April (BelTA) - The doctrine is a highly topical document, Deputy Head of the "
                     "Presidential Administration Vladimir Pertsov told the media on 26 April.", outlet="BelTA")
    assert got and got[0].speaker == "Vladimir Pertsov"


def test_a_quotation_opening_a_sentence_runs_on_into_the_next_paragraph():
    text = ('A headline\n“One I would describe as a casual hate,” Sexton said. “Harbour rallies are outlets for '
            'people to vent what society has pushed aside.\n\n“And they revel in it,” he added.')
    lay = layout(text, 0, len(text))
    spans = [text[q.start:q.end] for q in lay.quotes_in(0, len(text))]
    assert spans[1].startswith("“Harbour rallies") and spans[1].endswith("pushed aside.")


def test_a_straight_mark_closed_by_a_curly_one_is_one_quotation():
    got = attributed('"The mayor has a huge pulpit, with the whole council behind him,” said Dara Quill, a '
                     'professor of planning. “He cannot simply dispense with facts he finds inconvenient.”')
    assert {c.speaker for c in got} == {"Dara Quill"}


def test_a_title_case_label_of_someone_the_story_names_is_a_transcript_line():
    got = attributed("Tom Matthews hosted the debate on Monday night in Dunmere.\n\nMatthews: Here is the irony "
                     "of our time: everybody hates people who make money off money.\n\nQ: And the idea of a "
                     "wall along the harbour?\n\nUpdate: The council has since reversed its decision on the levy.")
    assert [(c.speaker, c.cue) for c in got] == [("Tom Matthews", ":"), ("Q", ":")]
    assert got[1].speaker_role == "interviewer"


def test_a_mid_sentence_quotation_closing_on_a_comma_is_the_source_after_it():
    got = attributed('Senator Oda Brenn said the mayor had failed to address concerns. Nothing the mayor said '
                     '"will assuage the fears of the dockers," the Dunmere senator said.')
    assert [c.speaker for c in got] == ["Oda Brenn", "Oda Brenn"]


@needs_model
def test_a_source_of_its_own_after_a_quotation_s_attribution_is_a_claim_of_its_own():
    got = attributed('Bemoaning the "phony system," Tallis accused Holt of being a Democrat, though a review of '
                     'records indicates he has been a registered Republican since 2003.')
    assert ("a review of records", "indicates") in [(c.speaker, c.cue) for c in got]


def test_a_body_s_report_is_the_body_s():
    got = only("Most residents - 63 percent in 2014, according to the National Academies report - still "
               "believe the harbour is a good thing.")
    assert got.speaker == "National Academies"


@pytest.mark.parametrize("dateline", ["ORLANDO, Fla. (Reuters) - ", "Washington (AFP) – ", "KYIV (Reuters) - "])
def test_a_wire_dateline_is_no_speaker(dateline):
    got = attributed(dateline + "President Orla Benn met survivors of the flood on Thursday and said the state "
                                "must act.")
    assert [c.speaker for c in got] == ["Orla Benn"] and got[0].text.startswith("President Orla Benn")


def test_a_state_abbreviation_ends_no_sentence_after_a_comma_only():
    text = "Headline\nHe said he was ill. ORLANDO, Fla. (Reuters) - The mayor spoke."
    assert [text[s.start:s.end] for s in layout(text, 0, len(text)).sentences] == [
        "Headline", "He said he was ill.", "ORLANDO, Fla. (Reuters) - The mayor spoke."]


@needs_model
def test_a_second_ratio_of_respondents_is_its_own_source():
    got = attributed("Three-quarters of the voters said they were very worried about the economy, and more "
                     "than 4 in 10 said the mayor would be a better steward.")
    assert [(c.speaker, c.text) for c in got] == [
        ("Three-quarters of the voters", "they were very worried about the economy"),
        ("more than 4 in 10", "the mayor would be a better steward")]


def test_a_long_apposition_ending_in_a_body_s_name_is_the_role_and_places_the_side():
    got = only('"What is clear is that the council, for all its claims, is backing the developers," said Ilse '
               'Varga, a lead analyst specializing in harbour policy and shipping at the Kiel Institute for the '
               'World Economy, a German think tank.')
    assert got.speaker == "Ilse Varga" and got.speaker_role.startswith("lead analyst specializing")
    assert got.side == "west"


@needs_model
def test_the_report_named_back_is_the_report_the_story_quoted():
    got = attributed('"Our firms have suspended their work in conflict areas," the Ministry of Commerce said.\n\n'
                     "The government defended its dealings as normal trade after a U.S. intelligence report said "
                     "Elbonia possibly provided equipment used in the war.\n\nThe report cited customs data "
                     "that showed state-owned contractors supplied drones.")
    assert {c.speaker for c in got if c.cue == "cited"} == {"a U.S. intelligence report"}


def test_an_age_in_a_description_is_not_a_time():
    got = attributed('Pressed on why the plan leaves out fathers, the 34-year-old mother of three replied, "It is '
                     'meant to benefit the mother who has given birth."')
    assert [c.speaker for c in got] == ["the 34-year-old mother of three"]


@needs_model
def test_it_names_back_one_body_never_a_plural_of_people():
    got = attributed("Experts say the summit will fail to agree on a joint statement.\n\nNorway has refused to "
                     "condemn the invasion at the talks. It has also defended its decision to buy more oil, "
                     "saying it has to look after its population.")
    assert {c.speaker for c in got if c.cue == "saying"} == {"Norway"}


@needs_model
def test_not_ruling_something_out_is_a_claim_but_not_saying_is_none():
    got = attributed('Mayor Maria Holt spoke in Dunmere on Monday. She does not rule out a "freeze of the '
                     'works at a certain point," which is not good news for the dockers.')
    assert [(c.speaker, c.cue) for c in got if c.cue == "rule"] == [("Maria Holt", "rule")]
    assert attributed("The harbour master did not say whether the docks would reopen this year.") == []


@needs_model
def test_a_company_announcing_after_an_apposition_is_the_source_its_name_whole():
    got = attributed("Elbonia makes drones. Harbour Technology Co., one of the global industry's top competitors, "
                     "announced in April 2022 it was pulling out of both markets to keep its drones from combat.")
    assert [(c.speaker, c.cue) for c in got] == [("Harbour Technology Co.", "announced")]


def test_a_name_after_a_long_description_with_of_is_the_person():
    got = only("University of Dunmere Extension ag specialist Valerie Tate said the harvest would be late.")
    assert got.speaker == "Valerie Tate" and got.speaker_role == "University of Dunmere Extension ag specialist"


@needs_model
def test_as_someone_put_it_names_the_source_of_the_words_it_frames():
    got = attributed('The main test is a "lawful source of investment income," as a Treasury memo put it.')
    assert [(c.speaker, c.cue) for c in got] == [("Treasury", "put")]
    assert "lawful source of investment income" in got[0].text


@needs_model
def test_a_body_and_its_people_speak_together():
    got = only("RT and its defenders say that the network is no more biased than any other outlet.")
    assert got.speaker == "RT" and "defenders" in got.speaker_role


@needs_model
def test_a_pronoun_in_a_because_clause_is_the_main_subject():
    got = attributed("A reporter from the Courier asked for comment.\n\nDemocrats had called the hearing because "
                     "they felt the agency was hiding documents.")
    assert [(c.speaker, c.cue) for c in got if c.cue == "felt"] == [("Democrats", "felt")]


@needs_model
def test_with_a_source_showing_a_figure_is_that_source_s_claim():
    got = attributed("Polls show the mayor with a lead, with the Ledger's tracker showing her ahead 3 points.")
    assert ("the Ledger's tracker", "her ahead 3 points") in [(c.speaker, c.text) for c in got]


@needs_model
def test_a_possessive_claim_noun_with_a_curly_apostrophe():
    got = attributed("Video shows the man had his hands up, contradicting the sheriff’s earlier claim that he "
                     "had refused to raise them.")
    assert ("the sheriff", "that he had refused to raise them") in [(c.speaker, c.text) for c in got]


@needs_model
def test_words_reported_by_a_party_are_that_party_s_claim_but_an_outlet_only_relays():
    got = attributed("Police have said they have no plans to release the recordings, according to lawyers for "
                     "the family.")
    assert [c.speaker for c in got] == ["Police", "lawyers for the family"]
    assert got[0].text == "they have no plans to release the recordings"
    relayed = attributed("Mayor Ana Lind said the bridge would reopen in May, according to the Dunmere Herald.")
    assert [c.speaker for c in relayed] == ["Ana Lind"]


@needs_model
def test_a_pronoun_in_a_though_clause_is_the_described_main_subject():
    got = attributed("Mayor Ana Lind spoke on Monday.\n\nThe Democratic candidate did not give a cost for her plans, "
                     'though she said "budget reforms" would pay for them.')
    assert [c.speaker for c in got if c.cue == "said"] == ["the Democratic candidate"]


@needs_model
def test_a_name_just_before_a_spoken_aside_speaks():
    got = only("To understand the real history of the port, Mayor Ana Lind said, one should visit this museum.")
    assert got.speaker == "Ana Lind"


@needs_model
def test_claims_about_something_are_the_claimant_s_unless_inside_another_s_words():
    got = attributed("Though it is hard to assess Elbonia's claims about the power of its new missile, experts "
                     "say it shows the regime's resolve.")
    assert ("Elbonia", "the power of its new missile") in [(c.speaker, c.text) for c in got]
    inside = attributed("Many residents say the governor's claims about a coming flood are unfounded.")
    assert [c.speaker for c in inside] == ["many residents"]


@needs_model
def test_a_message_that_and_a_conclusion_that_are_their_owner_s_claims():
    got = attributed("The judge's conclusion that the panel cannot weigh the files is not shared by others.")
    assert [(c.speaker, c.cue) for c in got] == [("the judge", "conclusion")]


@needs_model
def test_wondering_whether_is_a_claim():
    assert [c.cue for c in attributed("The senator has repeatedly wondered whether the count will be fair.")] == [
        "wondered"]


@needs_model
def test_footage_of_someone_saying_a_quotation_is_theirs():
    got = attributed('The ad ends with footage of the mayor saying at a rally last week, "That makes me smart," '
                     "when her rival attacked her for not paying taxes.")
    assert [(c.speaker, c.cue) for c in got] == [("the mayor", "saying")]


@needs_model
def test_a_statement_someone_issued_speaks_for_them():
    got = attributed('After a meeting, the Security Council issued a statement calling the test "a clear '
                     'violation" of earlier resolutions.')
    assert [(c.speaker, c.cue) for c in got] == [("the Security Council", "calling")]


@needs_model
def test_an_account_after_a_closing_according_to_is_the_outlet_s_again():
    got = claims_of("Most inmates are held in state prisons, according to the Bureau of Prisons. The film, which "
                    "weaves together many voices, explains the history of the prisons.")
    assert [(c.speaker, c.cue) for c in got if c.speaker_role != OUTLET_ROLE] == [
        ("the Bureau of Prisons", "according to"), ("the film", "explains")]


@needs_model
def test_identifying_something_as_a_reason_is_a_view_identifying_victims_is_not():
    got = attributed("On Sunday, Senator Ruth Vale, who lost the primary, identified voters' fatigue with bigotry as "
                     'one of the reasons they should back the governor. "The younger people are sick of it."')
    assert [(c.speaker, c.cue) for c in got] == [("Ruth Vale", "identified"), ("Ruth Vale", "identified")]
    assert attributed("Police identified the victims on Monday.") == []


@needs_model
def test_words_one_speaker_reports_of_another_are_the_reporter_s_but_a_news_outlet_only_relays():
    got = attributed("The spokesman, Nick Vale, says the singer promised to keep campaigning for the governor.")
    assert [c.speaker for c in got] == ["Nick Vale"]
    relayed = attributed("The Dunmere Herald reports that the minister promised to keep the plant open.")
    assert [c.speaker for c in relayed] == ["the minister", "Dunmere Herald"]


@needs_model
def test_a_document_named_back_is_issued_by_the_institution_not_by_its_authors():
    got = attributed("The Dunmere Policy Institute said on Tuesday that its survey covered ten countries.\n\n"
                     "Most voters want the talks to resume, the authors said.\n\n"
                     "The polling, carried out in May, found broad support for the ferry link.")
    assert [c.speaker for c in got if c.cue == "found"] == ["the Dunmere Policy Institute"]


@needs_model
def test_what_respondents_say_according_to_a_poll_is_the_poll_s_finding():
    got = attributed("Nearly three in four voters say they would buy goods made at home, according to the survey.")
    assert [c.speaker for c in got][-1] == "the survey"
    relayed = attributed("The mayor said the bridge would reopen in May, according to a transcript of the interview.")
    assert [c.speaker for c in relayed] == ["the mayor"]


def test_a_name_before_a_long_description_is_the_speaker():
    got = only('"Very good reporter, this guy," Varga, the party\'s front-runner nationally and the polling leader '
               "in the state by a wide margin, said on Monday.")
    assert got.speaker == "Varga" and got.speaker_role.startswith("party's front-runner nationally")


@needs_model
def test_words_inside_the_quotation_are_never_its_source():
    got = attributed('"Very good reporter, very good reporter this guy," Varga, the party\'s front-runner, said when '
                     "a reporter asked him a question.")
    assert [c.speaker for c in got] == ["Varga"]


@needs_model
def test_one_in_four_voters_and_one_of_those_advisers_are_whole():
    assert [c.speaker for c in attributed("One in four voters in a Times poll last year said the tax should go.")] \
        == ["One in four voters"]
    assert [c.speaker for c in attributed('"There will be no path," said one of those advisers, who spoke on the '
                                          "condition of anonymity.")] == ["one of those advisers"]


@needs_model
def test_with_someone_calling_it_something_is_their_claim():
    got = attributed("Republicans who agree that the prison should be closed were irritated, with Sen. John Vale "
                     "calling it a menu.")
    assert ("John Vale", "it a menu") in [(c.speaker, c.text) for c in got]


@needs_model
def test_asked_by_someone_if_is_the_asker_s_question_and_the_answer_the_answerer_s():
    got = attributed("Asked by Ana Starnes if he believed the situation was the same, Mayor Tom Vale said that he "
                     "did not.")
    assert [(c.speaker, c.text) for c in got] == [
        ("Ana Starnes", "if he believed the situation was the same"), ("Tom Vale", "that he did not")]


@needs_model
def test_a_name_set_off_with_its_cue_in_mid_sentence_speaks_for_the_sentence():
    assert [c.speaker for c in attributed("Voters, Ana Lind suggested, do not have to worry that big banks can "
                                          "influence politicians.")] == ["Ana Lind"]
    assert [c.speaker for c in attributed("Democrats, Frank notes, applaud the diversity of elite colleges.")] == [
        "Frank"]


@needs_model
def test_the_name_after_a_city_and_state_is_the_subject():
    got = attributed("Speaking at a town hall event in Salem, New Hampshire, Tom Vale went after the mayor, calling "
                     "him a total stiff.")
    assert [c.speaker for c in got] == ["Tom Vale"]


@needs_model
def test_which_after_a_month_is_what_came_before_it():
    got = attributed("The senator released her medical records in July, which showed she was fit for duty.")
    assert [c.speaker for c in got if c.cue == "showed"] == ["her medical records"]


def test_a_speaker_named_by_age_alone():
    got = attributed('"Tom is, and always has been, an amazing leader," said the 46-year-old. "Now, he will go to '
                     'work for you."')
    assert [c.speaker for c in got] == ["the 46-year-old"] and got[0].text.endswith('work for you."')


@needs_model
def test_a_copy_of_a_memo_speaks_for_the_memo_s_issuer():
    got = only("A redacted copy of the inspector general's memo seen by reporters said investigators were unable "
               "to find the files.")
    assert got.speaker == "inspector general" and "memo" in got.speaker_role


@needs_model
def test_the_ones_written_to_do_not_speak_the_writer_does():
    got = attributed('The Vermont senator emailed supporters saying: "The struggle continues" and vowing to compete '
                     "in the final primary.")
    assert [c.speaker for c in got] == ["the Vermont senator"]


@needs_model
def test_a_floating_both_is_not_the_subject():
    got = attributed("Republican establishment figures — whose party was once respected for its discipline — both "
                     "suggested the speechwriter be fired.")
    assert [c.speaker for c in got] == ["Republican establishment figures"]


def test_a_modal_before_the_cue_is_no_part_of_the_speaker():
    got = only('"Nothing truly prepares you for the demands of the office," the two-term mayor will say.')
    assert got.speaker == "the two-term mayor"
    assert only('"We will leave," Theresa May said.').speaker == "Theresa May"


def test_a_retort_is_a_cue_and_gunfire_is_not():
    got = attributed("After Governor Jerry Vale criticized the senator during a debate, Ana Lind shot back, \"I suppose "
                     'I could have stayed home, but I chose my profession."')
    assert [c.speaker for c in got if c.cue == "shot back"] == ["Ana Lind"]
    assert attributed("The police shot back at the gunmen.") == []


def test_a_cue_after_a_very_long_description_still_attributes_the_quotation():
    got = attributed('"Very good reporter, this guy," Varga, the 2016 party presidential frontrunner nationally and '
                     "current polling leader in the state by a wide margin after winning the primaries, said when "
                     "a reporter asked him a question.")
    assert [c.speaker for c in got] == ["Varga"]


@needs_model
def test_a_letter_from_a_body_is_the_body_s_claim_and_a_month_is_no_name():
    got = only('A Feb. 1 letter from the Harbour Legion obtained by the Dunmere Herald warns that "any further '
               'communication" will go to lawyers.')
    assert got.speaker == "Harbour Legion" and got.speaker_role == "Feb. 1 letter"
