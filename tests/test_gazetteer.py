"""The compiled GeoNames index: names old and new, regions, country points, errors that say what to do."""
import math
import pickle

import pytest

from geo.errors import GazetteerError
from geo.gazetteer import Gazetteer, load_index, norm_key


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_index()


def test_historic_spellings_resolve_to_todays_city(gaz):
    kyiv = gaz.best("Kiev")
    assert kyiv.id == "gn:703448" and kyiv.name == "Kyiv"
    assert km(kyiv.lat, kyiv.lon, 50.45, 30.52) < 5
    assert gaz.best("Kharkov").name == "Kharkiv"
    odesa = [e for e in gaz.lookup("Odessa") if e.kind == "city" and e.country_code == "UA"]
    assert odesa and odesa[0].name == "Odesa"
    assert any(e.country_code == "UA" and e.kind == "city" and e.name.startswith("Mykola")
               for e in gaz.lookup("Nikolaev"))


def test_oblasts_are_admin1_regions(gaz):
    kherson = [e for e in gaz.lookup("Kherson") if e.kind == "admin1"]
    assert kherson and kherson[0].country_code == "UA" and kherson[0].precision == "admin1"
    rostov = [e for e in gaz.lookup("Rostov") if e.kind == "admin1"]
    assert rostov and rostov[0].country_code == "RU"
    # the ISO 3166-2 form names the same region
    assert gaz.lookup("Rostovskaya oblast")[0].id == rostov[0].id
    assert gaz.lookup("Kharkivska oblast")[0].kind == "admin1"
    # a region's point lies inside it: near its capital, for these compact oblasts
    assert km(rostov[0].lat, rostov[0].lon, 47.23, 39.72) < 250


def test_country_points_are_central_not_capitals(gaz):
    ru = gaz.country("RU")
    assert (round(ru.lat), round(ru.lon)) == (60, 100)
    ua = gaz.country("UA")
    assert km(ua.lat, ua.lon, 49, 32) < 50
    assert gaz.best("Ukraine").id == ua.id and ua.precision == "country"


def test_short_forms_are_exact(gaz):
    assert gaz.entry(gaz.lookup_exact("U.S.")[0]).country_code == "US"
    assert gaz.entry(gaz.lookup_exact("Ky.")[0]).name == "Kentucky"
    assert gaz.lookup_exact("us") == ()  # the pronoun is not a country


def test_norm_key_folds_case_accents_periods_and_hyphens():
    assert norm_key("Kamensk-Shakhtinsky") == "kamensk shakhtinsky"
    assert norm_key("St. John’s") == "st john's"
    assert norm_key("Québec") == "quebec"


def test_missing_index_says_how_to_build_it(tmp_path):
    with pytest.raises(GazetteerError, match="build-gazetteer"):
        load_index(tmp_path / "nope.bin")


def test_foreign_or_corrupt_index_is_refused(tmp_path):
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"not a pickle")
    with pytest.raises(GazetteerError, match="build-gazetteer"):
        load_index(bad)
    old = tmp_path / "old.bin"
    old.write_bytes(pickle.dumps({"version": -1}))
    with pytest.raises(GazetteerError, match="build-gazetteer"):
        load_index(old)


def test_polygon_centroid_weighs_parts_by_area():
    from geo.gazetteer import _polygon_centroid
    square = {"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]]}
    assert _polygon_centroid(square) == pytest.approx((1.0, 2.0))
    # a big square and a small one: the centroid sits inside the big one, not halfway
    two = {"type": "MultiPolygon", "coordinates": [[[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]],
                                                   [[[10, 0], [11, 0], [11, 1], [10, 1], [10, 0]]]]}
    lat, lon = _polygon_centroid(two)
    assert lon < 4 and lat < 2.1
    assert _polygon_centroid({"type": "Point", "coordinates": [1, 2]}) is None


def test_large_regions_sit_in_the_middle_of_their_shape_not_among_their_towns(gaz):
    from geo.basemap import REGIONS_PATH
    if not REGIONS_PATH.exists():
        pytest.skip("static/regions.json not built (make assets)")
    sask = [e for e in gaz.lookup("Saskatchewan") if e.kind == "admin1"][0]
    assert 52.5 < sask.lat < 56.5  # the province spans 49-60 N; its towns crowd the south
    quebec = [e for e in gaz.lookup("Quebec") if e.kind == "admin1"][0]
    assert quebec.lat > 50  # Montreal and Quebec City are near 46 N


def test_airport_names_news_use():
    from geo.gazetteer import airport_names
    names, stem = airport_names("London Heathrow Airport", "London")
    assert "Heathrow Airport" in names and "London Heathrow Airport" in names and stem == "Heathrow"
    names, stem = airport_names("Ottawa / Macdonald-Cartier International Airport", "Ottawa")
    assert {"Macdonald-Cartier International Airport", "Macdonald-Cartier Airport"} <= set(names)
    assert stem == ""  # not "City Stem Airport": a stem here would be a person's name
    assert airport_names("Toronto Pearson International Airport", "Mississauga")[1] == ""
    assert "Saki Air Base" in airport_names("Saki Air Base", "Saki")[0]


def test_airports_are_points_and_their_stems_only_stand_in_for_villages(gaz):
    heathrow = [e for e in gaz.lookup("Heathrow") if e.kind == "airport"]
    assert heathrow and heathrow[0].precision == "point" and km(heathrow[0].lat, heathrow[0].lon, 51.47, -0.46) < 5
    assert any(e.kind == "airport" and e.country_code == "UA" for e in gaz.lookup("Saki Air Base"))
    assert not any(e.kind == "airport" for e in gaz.lookup("Luton"))  # a town of 200,000 keeps its name
    assert not any(e.kind == "airport" for e in gaz.lookup("Pearson"))


def test_airport_names_are_never_generic():
    from geo.gazetteer import airport_names
    names, _ = airport_names("Victoria International Airport", "Victoria")
    assert "International Airport" not in names and "Airport" not in names
    assert "Pearson International Airport" in airport_names("Toronto Pearson International Airport", "Mississauga")[0]


def test_an_oblast_spelled_as_its_capitals_adjective_takes_the_capitals_name(gaz):
    tver = [e for e in gaz.lookup("Tver") if e.kind == "admin1"]
    assert tver and tver[0].name == "Tver" and tver[0].country_code == "RU"
    assert [e for e in gaz.lookup("Moscow") if e.kind == "city"][0].name == "Moscow"


def test_ukrainian_press_spellings_of_places_geonames_romanises_otherwise(gaz):
    from geo.gazetteer import translit_variants
    assert translit_variants("Grayvoron") == ["Graivoron"] and translit_variants("Kyiv") == []
    assert translit_variants("Kryvyy Rih") == ["Kryvyi Rih"] and translit_variants("Avdiyivka") == ["Avdiivka"]
    for press, geonames in (("Graivoron", "Grayvoron"), ("Dzhankoi", "Dzhankoy"), ("Avdiivka", "Avdiyivka")):
        assert any(e.name == geonames for e in gaz.lookup(press)), press
