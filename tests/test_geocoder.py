"""Geocoders: offline gazetteer as geopy Geocoder; online chain behind cache + RateLimiter (fakes only)."""
import pytest
from geopy.exc import GeocoderUnavailable
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.errors import GeocoderUnavailableError
from geo.gazetteer import load_index
from geo.geocoder import (FallbackGeocoder, GeocodeCache, OfflineGeocoder, OnlineChain, make_geocoder,
                          online_enabled)


@pytest.fixture(scope="module")
def offline():
    return OfflineGeocoder(load_index())


class FakeGeocoder(Geocoder):
    """Stands in for Nominatim: counts calls, answers from a dict, or fails like a dead network."""

    def __init__(self, answers=None, fail=False):
        super().__init__(user_agent="test")
        self.answers = answers or {}
        self.fail = fail
        self.calls = []

    def geocode(self, query, exactly_one=True, **kw):
        self.calls.append(query)
        if self.fail:
            raise GeocoderUnavailable("Network is unreachable")
        hit = self.answers.get(query)
        return None if hit is None else Location(query, hit, {"fake": True})


class FakeClock:
    def __init__(self):
        self.now = 1000.0
        self.slept = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def test_offline_returns_geopy_locations(offline):
    loc = offline.geocode("Kiev")
    assert isinstance(loc, Location)
    assert loc.raw["geonameid"] == 703448 and loc.raw["precision"] == "city" and loc.raw["country_code"] == "UA"
    assert abs(loc.latitude - 50.45) < 0.1 and abs(loc.longitude - 30.52) < 0.1
    many = offline.geocode("Paris", exactly_one=False, limit=3)
    assert isinstance(many, list) and len(many) == 3 and many[0].raw["country_code"] == "FR"
    assert offline.geocode("Paris, Texas").raw["country_code"] == "US"
    region = offline.geocode("Kherson region")
    assert region.raw["precision"] == "admin1" and region.raw["country_code"] == "UA"
    assert offline.geocode("Xyzzyplugh") is None and offline.geocode("") is None


def test_online_chain_caches_and_rate_limits_without_sleeping(tmp_path):
    fake, clk = FakeGeocoder({"Kyiv": (50.45, 30.52)}), FakeClock()
    cache = GeocodeCache(tmp_path / "cache.sqlite")
    chain = OnlineChain([fake], cache, min_delay_seconds=1.0, clock=clk.clock, sleep=clk.sleep)
    assert chain.geocode("Kyiv").latitude == 50.45
    assert chain.geocode("Nowhere") is None
    assert clk.slept == [1.0]  # the second call waited for its slot, on the fake clock
    # answers and misses both persist: a new chain over the same file asks nobody
    again = OnlineChain([FakeGeocoder()], GeocodeCache(tmp_path / "cache.sqlite"), clock=clk.clock, sleep=clk.sleep)
    assert again.geocode("Kyiv").longitude == 30.52 and again.geocode("Nowhere") is None
    assert fake.calls == ["Kyiv", "Nowhere"]


def test_chain_falls_through_to_the_next_provider(tmp_path):
    clk = FakeClock()
    first, second = FakeGeocoder(), FakeGeocoder({"Odesa": (46.48, 30.73)})
    chain = OnlineChain([first, second], GeocodeCache(tmp_path / "c.sqlite"), clock=clk.clock, sleep=clk.sleep)
    assert chain.geocode("Odesa").latitude == 46.48 and first.calls == ["Odesa"]


def test_no_network_raises_clearly_and_fallback_answers_offline(tmp_path, offline, caplog):
    clk = FakeClock()
    dead = OnlineChain([FakeGeocoder(fail=True)], GeocodeCache(tmp_path / "c.sqlite"), max_retries=0,
                       clock=clk.clock, sleep=clk.sleep)
    with pytest.raises(GeocoderUnavailableError, match="no network"):
        dead.geocode("Kharkiv")
    fb = FallbackGeocoder(dead, offline)
    with caplog.at_level("WARNING"):
        loc = fb.geocode("Kharkiv")
    assert loc.raw["id"] == "gn:706483" and "offline" in caplog.text


def test_online_is_off_unless_asked(tmp_path):
    assert not online_enabled({}) and not online_enabled({"GEO_ONLINE": "0"})
    assert online_enabled({"GEO_ONLINE": "1"})
    assert isinstance(make_geocoder(online=False, gazetteer=load_index()), OfflineGeocoder)
    g = make_geocoder(online=True, gazetteer=load_index(), cache_path=tmp_path / "c.sqlite")
    assert isinstance(g, FallbackGeocoder)  # built, never called: tests do not touch the network
