"""Online geocoding, when turned on, places only what the offline gazetteer did not (fake geocoder)."""
from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo import online_places, pipeline, toponyms
from geo.ingest import Metadata, articles_from_text

TEXT = "Flooding in Qwertyville\nThe mayor of Kharkiv said rescuers reached Qwertyville and Asdfton overnight.\n"


class FakeGeocoder(Geocoder):
    """Knows one invented town; records every query. No network."""

    def __init__(self):
        super().__init__(user_agent="test")
        self.queries: list[str] = []

    def geocode(self, query, exactly_one=True, **kwargs):  # type: ignore[override]
        self.queries.append(query)
        if query == "Qwertyville":
            return Location("Qwertyville, Somewhere, Ukraine", (48.5, 35.0),
                            {"osm_id": 42, "osm_type": "node", "address": {"country_code": "ua"}})
        return None


def _spans(article, *names):
    out = []
    for name in names:
        start = 0
        while (i := article.text.find(name, start)) >= 0:
            out.append((i, i + len(name), name))
            start = i + len(name)
    return out


def test_only_unplaced_spans_go_online_with_exact_offsets():
    (article,) = articles_from_text(TEXT, "t.txt", Metadata())
    known = pipeline.process_article(article)[0]
    assert any(p.name == "Kharkiv" for p in known)
    fake = FakeGeocoder()
    found = online_places.geocode_spans(article, _spans(article, "Kharkiv", "Qwertyville", "Asdfton"), known, fake)
    assert "Kharkiv" not in fake.queries  # offline already placed it
    assert fake.queries.count("Qwertyville") == 2 and "Asdfton" in fake.queries
    (place,) = found
    assert place.id == "osm:N42" and place.country_code == "UA" and place.precision == "point"
    assert [article.text[m.start:m.end] for m in place.mentions] == ["Qwertyville", "Qwertyville"]


def test_pipeline_asks_online_only_when_turned_on(monkeypatch):
    (article,) = articles_from_text(TEXT, "t.txt", Metadata())
    monkeypatch.setattr(online_places, "online_geocoder", lambda: None)
    off = {p.id for p in pipeline.process_article(article)[0]}
    assert "osm:N42" not in off
    fake = FakeGeocoder()
    monkeypatch.setattr(online_places, "online_geocoder", lambda: fake)
    monkeypatch.setattr(toponyms, "place_entities", lambda a: _spans(a, "Qwertyville"))
    on = pipeline.process_article(article)[0]
    assert {p.id for p in on} == off | {"osm:N42"}


def test_online_is_off_by_default(monkeypatch):
    monkeypatch.delenv("GEO_ONLINE", raising=False)
    online_places.online_geocoder.cache_clear()
    assert online_places.online_geocoder() is None
