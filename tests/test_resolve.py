"""Resolution: priors, wording, qualifiers, document coherence, Place fields and offsets."""
import pytest

from geo.gazetteer import load_index
from geo.models import PRECISIONS, Article
from geo.resolve import resolve
from geo.toponyms import find_toponyms


@pytest.fixture(scope="module")
def gaz():
    return load_index()


def places(text, gaz, start=0, end=None):
    a = Article(id="a1", source="a.txt", text=text, start=start, end=len(text) if end is None else end)
    return a, resolve(a, find_toponyms(a, gaz), gaz)


def by_mention(ps):
    return {m.text: p for p in ps for m in p.mentions}


def test_place_fields_and_exact_offsets(gaz):
    text = "Missiles hit Kyiv.\r\nLater, Kiev's mayor spoke of damage in the Kherson region and in eastern Ukraine."
    a, ps = places(text, gaz)
    for p in ps:
        assert p.precision in PRECISIONS and 0.0 <= p.confidence <= 1.0
        for m in p.mentions:
            assert text[m.start:m.end] == m.text and m.article_id == "a1"
    got = by_mention(ps)
    assert got["Kyiv"].id == got["Kiev"].id == "gn:703448"
    assert got["Kyiv"].name == "Kyiv" and len(got["Kyiv"].mentions) == 2
    assert got["Kherson region"].precision == "admin1" and got["Kherson region"].country_code == "UA"
    east = got["eastern Ukraine"]
    assert east.precision == "area" and east.id == "area:east:UA"
    assert east.lon > gaz.country("UA").lon  # moved towards the east


def test_possessive_region_resolves_in_that_country(gaz):
    _, ps = places("A fire broke out in Russia's Rostov region after a drone attack.", gaz)
    rostov = by_mention(ps)["Rostov region"]
    assert rostov.precision == "admin1" and rostov.country_code == "RU"


def test_facility_resolves_to_its_town_inside_the_named_region(gaz):
    _, ps = places("Drones struck the Kamensky chemical plant in Russia's Rostov region.", gaz)
    fac = [p for p in ps if any(m.text.startswith("Kamensky") for m in p.mentions)]
    assert len(fac) == 1 and fac[0].name.startswith("Kamensk-Shakhtin") and fac[0].country_code == "RU"


def test_bare_city_name_beats_its_eponymous_region(gaz):
    _, ps = places("Air raid sirens sounded in Kharkiv and in Kherson on Monday.", gaz)
    got = by_mention(ps)
    assert got["Kharkiv"].precision == "city" and got["Kherson"].precision == "city"


def test_qualifier_and_document_context_choose_the_reading(gaz):
    _, ps = places("Paris is busy. Police in Paris, Texas, said the road was closed.", gaz)
    got = {(m.start, p.country_code) for p in ps for m in p.mentions if m.text == "Paris"}
    # same surface -> same place within one story: the qualifier wins for both mentions
    assert {cc for _, cc in got} == {"US"}
    _, ps = places("Snow fell across Alberta. Roads around Edmonton were closed.", gaz)
    assert by_mention(ps)["Edmonton"].country_code == "CA"
    _, ps = places("Officials in Paris and Lyon said France would respond.", gaz)
    assert by_mention(ps)["Paris"].country_code == "FR"


def test_only_mentions_inside_the_story(gaz):
    text = "Story one is about Kyiv.\nStory two is about Odesa."
    cut = text.index("Story two")
    _, ps = places(text, gaz, start=cut)
    assert [m.text for p in ps for m in p.mentions] == ["Odesa"]
    assert all(m.start >= cut for p in ps for m in p.mentions)


def test_nothing_in_nothing_out(gaz):
    a = Article(id="e", source="e.txt", text="", start=0, end=0)
    assert resolve(a, [], gaz) == []


def test_unlisted_village_is_placed_at_the_region_named_beside_it(gaz):
    _, ps = places("Ukrainian troops retook the village of Robotyne in the Zaporizhzhia region.", gaz)
    got = by_mention(ps)
    region = got["Zaporizhzhia region"]
    assert region.precision == "admin1" and region.country_code == "UA"
    village = got["Robotyne"]
    assert village.id.startswith("near:robotyne:") and (village.lat, village.lon) == (region.lat, region.lon)
    assert village.precision == "admin1" and village.confidence < region.confidence
    # with no place in its sentence, an unknown name is not guessed
    _, ps = places("They reached the village of Robotyne. Nothing else was said.", gaz)
    assert ps == []


@pytest.mark.parametrize("text, name, cc", [
    ("New York Gov. Kathy Hochul signed the bill on Monday.", "New York", "US"),
    ("Shelling continued overnight, the Kharkiv governor said on Telegram.", "Kharkiv", "UA"),
    ("The governor of Zaporizhzhia said two people were wounded.", "Zaporizhzhia", "UA"),
    ("Georgia Gov. Brian Kemp spoke in Atlanta.", "Georgia", "US"),
])
def test_a_governor_heads_a_region_not_a_city_or_a_country(gaz, text, name, cc):
    got = by_mention(places(text, gaz)[1])
    assert got[name].precision == "admin1" and got[name].country_code == cc


def test_a_qualifier_after_a_place_is_the_region_holding_it(gaz):
    got = by_mention(places("She grew up in Brooklyn, New York, and moved to Ohio later.", gaz)[1])
    assert got["New York"].precision == "admin1" and got["New York"].country_code == "US"
    assert got["Brooklyn"].precision == "city"


def test_a_town_near_a_place_the_article_pins_down_beats_a_distant_namesake(gaz):
    got = by_mention(places("Students from Yarrabah travelled to Cairns, and others to Edmonton, for the finals.",
                            gaz)[1])
    assert got["Edmonton"].country_code == "AU"  # the Cairns suburb, not the Canadian city
    got = by_mention(places("Residents of Laurel County, Ky., met in London on Friday.", gaz)[1])
    assert got["London"].country_code == "US"
    # alone, each name keeps its usual reading
    assert by_mention(places("He flew to Edmonton for the finals.", gaz)[1])["Edmonton"].country_code == "CA"
    assert by_mention(places("He flew to London for the talks.", gaz)[1])["London"].country_code == "GB"


def test_a_country_the_article_names_keeps_its_city_against_a_nearby_namesake(gaz):
    got = by_mention(places("Fans in Georgetown, Kentucky, watched France play in Paris on a big screen.", gaz)[1])
    assert got["Paris"].country_code == "FR"


def test_a_country_followed_by_an_adjective_country_is_not_qualified(gaz):
    got = by_mention(places("He worked for years in Russia, U.S. officials said.", gaz)[1])
    assert got["Russia"].precision == "country" and got["Russia"].country_code == "RU"
    got = by_mention(places("He was born in Georgia, U.S., and later moved to Ukraine.", gaz)[1])
    assert got["Georgia"].precision == "admin1" and got["Georgia"].country_code == "US"


def test_airports_named_in_the_news_are_placed_at_the_field(gaz):
    got = by_mention(places("Flights from Heathrow were cancelled on Saturday.", gaz)[1])
    assert got["Heathrow"].precision == "point" and got["Heathrow"].country_code == "GB"
    got = by_mention(places("Explosions were heard at the Saki Air Base in Crimea.", gaz)[1])
    assert got["Saki Air Base"].precision == "point" and got["Saki Air Base"].country_code == "UA"
    # a stem written as a plain word is not an airport
    assert not any(p.precision == "point" for p in places("Ford said the Zero model would ship in May.", gaz)[1])


def test_the_separatist_republics_are_their_regions(gaz):
    text = ("Shelling in the Donetsk People's Republic and the Lugansk People's Republic was reported; "
            "the DPR said two people were killed.")
    got = by_mention(places(text, gaz)[1])
    assert got["Donetsk People's Republic"].id == got["DPR"].id == "adm1:UA.05"
    assert got["Lugansk People's Republic"].precision == "admin1" and got["Lugansk People's Republic"].name == "Luhansk"


def test_regions_listed_before_a_plural_type_word_are_all_found(gaz):
    got = by_mention(places("Drones were downed over the Belgorod, Kursk and Bryansk Regions overnight.", gaz)[1])
    assert {got[n].precision for n in ("Belgorod", "Kursk", "Bryansk")} == {"admin1"}


WORLD = ("GENEVA (Reuters) - Aid agencies warned on Tuesday that fighting in Sudan's North Darfur state had cut "
         "off El Fasher, while talks in Jeddah stalled.\n\nIn the Gaza Strip, Israeli strikes hit Khan Younis and "
         "Rafah, the Palestinian health ministry said. Egypt said the crossing would reopen.\n\nHouthi militants in "
         "Yemen fired missiles at a tanker, the U.S. Central Command said. Shipping firms rerouted vessels around "
         "the Cape of Good Hope. In the Democratic Republic of Congo, M23 rebels advanced on Goma. Haiti's capital, "
         "Port-au-Prince, saw renewed gang violence.")


def test_a_world_round_up_keeps_each_place_in_its_own_country(gaz):
    got = by_mention(places(WORLD, gaz)[1])
    assert got["GENEVA"].country_code == "CH"  # one "U.S." among many countries does not pull it to Ohio
    assert got["Rafah"].country_code == "PS"
    assert got["Democratic Republic of Congo"].country_code == "CD"
    assert got["Port-au-Prince"].country_code == "HT"
    assert "Good Hope" not in got  # the cape, not a town in Alabama
    assert all(p.name != "Northern State" for p in got.values())


def test_an_oblast_named_by_its_capital_when_the_region_is_spelled_as_an_adjective(gaz):
    got = by_mention(places("Ukrainian forces struck a depot in Toropets, in Russia's Tver Oblast.", gaz)[1])
    assert got["Tver Oblast"].precision == "admin1" and got["Tver Oblast"].country_code == "RU"


def test_the_baltic_states_are_a_region_not_a_town_in_connecticut(gaz):
    got = by_mention(places("Lithuania, Latvia and Estonia, the Baltic states, closed crossings. "
                            "The Baltics fear they are next.", gaz)[1])
    assert "Baltic" not in got and got["Baltics"].precision == "area"


def test_heights_and_lakes_are_not_the_town_of_their_name(gaz):
    got = by_mention(places("Hezbollah fired rockets at the Golan Heights. Chad and Niger closed their border "
                            "after fighting in the Lake Chad region.", gaz)[1])
    assert got["Golan Heights"].precision == "area" and got["Golan Heights"].country_code is None
    assert got["Chad"].country_code == "TD"
    assert all(p.name != "Golān" for p in got.values())


def test_a_phone_number_of_the_town_picks_the_namesake(gaz):
    text = ("A man was hurt in a fight outside a bar early Sunday, London police say. Officers arrested two men. "
            "Anyone with information is asked to call London police at 519-661-5000.")
    london = by_mention(places(text, gaz)[1])["London"]
    assert london.country_code == "CA"  # London, Ontario: the number is a London, ON one
    plain = by_mention(places("A man was hurt in a fight outside a bar early Sunday, London police say.", gaz)[1])
    assert plain["London"].country_code == "GB"


def test_a_phone_number_of_a_state_lifts_its_counties(gaz):
    text = ("The rodeo returns to the Hall County fairground on Friday. "
            "For tickets call the fair office at 806-555-0142.")
    hall = by_mention(places(text, gaz)[1])["Hall County"]
    assert hall.country_code == "US" and "TX" in hall.id  # the Texas county, not Georgia's or Nebraska's


def test_a_country_name_called_a_town_is_a_town(gaz):
    text = ("The spring fiddle festival returns to Jordan this weekend. The Dickens County event is free, "
            "according to the town of Jordan, and the museum stays open late.")
    got = by_mention(places(text, gaz)[1])
    jordan, county = got["Jordan"], got["Dickens County"]
    assert jordan.country_code == "US" and jordan.id.startswith("near:jordan:")  # a town the index lacks
    assert (jordan.lat, jordan.lon) == (county.lat, county.lon) and "TX" in county.id


def test_a_town_named_like_a_country_is_not_a_namesake_across_the_continent(gaz):
    got = by_mention(places("The rodeo is held each May in the town of Turkey, out on the Texas Panhandle.", gaz)[1])
    turkey = got["Turkey"]
    assert turkey.country_code == "US" and turkey.lon < -93 and turkey.lat < 37  # in Texas, not New Jersey
    tennessee = by_mention(places("She grew up in the town of Lebanon, in Wilson County, then moved to Nashville.",
                                  gaz)[1])["Lebanon"]
    assert tennessee.country_code == "US" and tennessee.precision == "city"  # Lebanon, Tennessee: in the index


def test_the_capital_of_a_country_stays_the_country(gaz):
    got = by_mention(places("Drones struck Kharkiv and the capital of Ukraine overnight.", gaz)[1])
    assert got["Ukraine"].precision == "country"


def test_a_common_word_in_a_park_name_is_not_a_town(gaz):
    text = ("Pupils from an Edmonton school planted the Crescent Conservation Area, close to their school. "
            "Enfield Council's cabinet member praised the project.")
    got = by_mention(places(text, gaz)[1])
    assert "Conservation" not in got
    assert got["Edmonton"].country_code == "GB" and got["Enfield"].country_code == "GB"  # north London


def test_a_story_split_off_by_a_subhead_borrows_the_places_before_it(gaz):
    first = "Students from Yarrabah travelled to Cairns for the regional finals on Saturday.\n\n"
    second = "Coach says the team is ready\nThe coach said the squad had trained at Edmonton all week.\n"
    text = first + second
    a = Article(id="a2", source="a.txt", text=text, start=len(first), end=len(text))
    got = by_mention(resolve(a, find_toponyms(a, gaz), gaz))
    assert got["Edmonton"].country_code == "AU"  # the Cairns suburb, as in the story before it
    alone = Article(id="a3", source="b.txt", text=second, start=0, end=len(second))
    assert by_mention(resolve(alone, find_toponyms(alone, gaz), gaz))["Edmonton"].country_code == "CA"


def test_a_town_the_story_repeats_is_the_namesake_in_the_story_s_country(gaz):
    text = ("Nurses at a London hospital walked out on Friday, saying Canada has let them down. "
            "The London union wants Canada to hire more staff, and a London councillor agreed. "
            "Canada's health minister did not comment.")
    london = by_mention(places(text, gaz)[1])["London"]
    assert london.country_code == "CA" and len(london.mentions) == 3


def test_a_capital_named_once_in_another_country_s_story_stays_the_capital(gaz):
    text = ("Canada's trade minister flew to London on Monday. Canada hopes for a deal, "
            "and officials in Canada said talks would go on.")
    assert by_mention(places(text, gaz)[1])["London"].country_code == "GB"


def test_a_repeated_capital_stays_when_the_story_names_its_country(gaz):
    text = ("Protesters marched in London, then gathered in London again on Sunday. "
            "Britain and Canada issued a statement; a London MP said Canada agreed.")
    assert by_mention(places(text, gaz)[1])["London"].country_code == "GB"


def test_a_capital_named_by_its_country_is_the_capital_city(gaz):
    got = by_mention(places("Shells fell on the Ukrainian capital overnight; Ukraine's capital was dark.", gaz)[1])
    assert got["Ukrainian capital"].name == "Kyiv" and got["capital"].name == "Kyiv"
    assert got["Ukraine"].precision == "country"  # "Ukraine's" stays the country's own mention


def test_a_capital_named_beside_its_country_word_is_not_named_twice(gaz):
    got = by_mention(places("Talks resumed in Kazakhstan's capital, Astana, and in Ankara, the Turkish capital.",
                            gaz)[1])
    assert "capital" not in got and "Turkish capital" not in got
    assert got["Astana"].country_code == "KZ" and got["Ankara"].country_code == "TR"


def test_a_demonym_before_a_word_for_the_ground_is_the_country(gaz):
    got = by_mention(places("Two drones flew over Moldovan airspace and fell on Russian soil.", gaz)[1])
    assert got["Moldovan airspace"].country_code == "MD" and got["Moldovan airspace"].precision == "country"
    assert got["Russian soil"].country_code == "RU"
    assert by_mention(places("Russian officials met Moldovan diplomats.", gaz)[1]) == {}  # people, not ground


def test_a_part_of_a_continent_is_that_region_not_the_continent_or_a_country(gaz):
    got = by_mention(places("Storms hit Central America as grain from Eastern Europe reached East Africa.", gaz)[1])
    assert got["Central America"].country_code in (None, "") and got["Central America"].precision == "area"
    assert got["Central America"].lat < 20 and got["Central America"].lon > -95  # not the United States
    assert got["Eastern Europe"].kind == "region" and got["East Africa"].lat < 10
