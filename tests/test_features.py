"""Physical features and facilities: found under the forms news writes, placed within their extent,
and never taken for the town that shares their stem."""
import math

import pytest

from geo.features import FORMS, Feature, names_of, read_features
from geo.gazetteer import load_index
from geo.models import FEATURE_KINDS, Article
from geo.resolve import resolve
from geo.toponyms import find_toponyms


@pytest.fixture(scope="module")
def gaz():
    return load_index()


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(a))


def placed(text, gaz):
    a = Article(id="a", source="a.txt", text=text, start=0, end=len(text))
    return {m.text: p for p in resolve(a, find_toponyms(a, gaz), gaz) for m in p.mentions}


# (sentence, mention, kind, a point inside the feature, its extent in km)
CASES = [
    ("Warships in the Black Sea fired cruise missiles overnight.", "Black Sea", "sea", (43.4, 34.0), 600),
    ("A drone hit a tanker in the Sea of Azov near the coast.", "Sea of Azov", "sea", (46.1, 36.6), 250),
    ("Tankers waited to pass the Strait of Hormuz on Monday.", "Strait of Hormuz", "strait", (26.6, 56.3), 150),
    ("Ferries across the Kerch Strait were suspended.", "Kerch Strait", "strait", (45.3, 36.5), 80),
    ("Troops crossed the Dnipro River under fire.", "Dnipro River", "river", (48.5, 33.5), 500),
    ("Boats patrolled the River Danube at dawn.", "River Danube", "river", (46.0, 22.0), 1200),
    ("Shelling near the Zaporizhzhia nuclear power plant worried inspectors.",
     "Zaporizhzhia nuclear power plant", "nuclear_plant", (47.51, 34.58), 5),
    ("Staff at the Chernobyl nuclear plant were held for weeks.", "Chernobyl nuclear plant", "nuclear_plant",
     (51.39, 30.1), 5),
    ("The Kakhovka dam was destroyed before dawn.", "Kakhovka dam", "dam", (46.78, 33.37), 5),
    ("A blast damaged the Crimean Bridge on Monday.", "Crimean Bridge", "bridge", (45.3, 36.5), 20),
    ("The last defenders left the Azovstal steel plant.", "Azovstal steel plant", "industrial", (47.1, 37.6), 5),
]


@pytest.mark.parametrize("text,mention,kind,point,extent", CASES, ids=[c[1] for c in CASES])
def test_a_feature_is_found_and_placed_within_its_extent(gaz, text, mention, kind, point, extent):
    got = placed(text, gaz)
    assert mention in got, got
    p = got[mention]
    assert p.kind == kind
    assert p.precision == ("point" if kind in ("nuclear_plant", "dam", "bridge", "industrial") else "area")
    assert km(p.lat, p.lon, *point) <= extent


def test_a_sea_is_never_the_town_of_its_name(gaz):
    got = placed("Russia's navy moved ships from the Sea of Azov to Novorossiysk.", gaz)
    assert got["Sea of Azov"].kind == "sea" and got["Sea of Azov"].country_code is None


def test_a_bare_stem_stays_the_town(gaz):
    got = placed("Missiles hit Dnipro and Zaporizhzhia overnight, officials said.", gaz)
    assert got["Dnipro"].kind == "city" and got["Zaporizhzhia"].kind == "city"


def test_lower_case_type_words_join_only_names_the_table_holds(gaz):
    got = placed("Officials in Kharkiv said a power plant near Poltava was hit.", gaz)
    assert got["Kharkiv"].kind == "city" and got["Poltava"].kind == "city"
    assert not any("plant" in m for m in got)


def test_every_kind_of_the_table_is_a_known_kind_with_forms():
    assert set(FORMS) <= set(FEATURE_KINDS)
    for f in read_features():
        assert f.kind in FORMS and -90 <= f.lat <= 90 and -180 <= f.lon <= 180 and f.names


def test_stems_take_their_kind_words_and_a_bare_stem_is_no_name():
    names = names_of("river", ["Dnipro"], ["Dnipro River"])
    assert "Dnipro River" in names and "River Dnipro" in names and "Dnipro" not in names
    assert "Kakhovka HPP" in names_of("dam", ["Kakhovka"], [])
    assert Feature("sea", "Sea of Azov", 46.0, 36.5, "").slug == "sea-of-azov"
