"""The Folium map: offline assets, markers, escaping, tooltip ids, aggregation."""
from __future__ import annotations

import re

import pytest

from geo import mapview
from geo.basemap import country_borders
from geo.filters import FilterState, apply_filters
from tests import fixturestore


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    store = fixturestore.build(tmp_path_factory.mktemp("m") / "claims.db")
    yield store.claims_frame(), store.places_frame()
    store.close()


def rendered(agg, **kw) -> str:
    m = mapview.base_map(**kw)
    mapview.markers_layer(agg).add_to(m)
    return m.get_root().render()


def test_map_needs_no_network(frames):
    claims, places = frames
    html = rendered(mapview.aggregate_places(claims, places))
    urls = re.findall(r"""(?:src|href)=["']([^"']+)""", html)
    assert urls and all(u.startswith("/app/static/") for u in urls), urls
    assert "/app/static/leaflet/dist/leaflet.js" in urls
    assert "bootstrap" not in html and "awesome" not in html
    assert "tile.openstreetmap.org" not in html


def test_online_tiles_are_opt_in(frames):
    claims, places = frames
    assert "tile.openstreetmap.org" in rendered(mapview.aggregate_places(claims, places), online_tiles=True)


def test_class_defaults_are_left_alone():
    """The local asset lists are set per map, not by mutating folium's globals."""
    import folium

    mapview.base_map()
    assert any("cdn" in url for _, url in folium.Map.default_js)


def test_borders_ship_offline():
    borders = country_borders()
    names = {f["properties"]["name"] for f in borders["features"]}
    assert len(borders["features"]) > 150 and {"Ukraine", "Russia", "Poland"} <= names


def test_aggregate_counts_sides_and_contested(frames):
    claims, places = frames
    agg = mapview.aggregate_places(claims, places).set_index("place_id")
    assert agg.loc["gn:703448", "n_claims"] == 2
    assert agg.loc["gn:703448", "side_counts"] == {"russia": 1, "ukraine": 1}
    assert bool(agg.loc["gn:703448", "contested"]) and not bool(agg.loc["gn:756135", "contested"])
    assert agg.loc["gn:756135", "dominant"] == "west"
    assert "gn:698740" not in agg.index  # mentioned, no claims
    with_uncited = mapview.aggregate_places(claims, places, include_uncited=True).set_index("place_id")
    assert with_uncited.loc["gn:698740", "n_claims"] == 0


def test_aggregate_follows_filters(frames):
    claims, places = frames
    view = apply_filters(claims, places, FilterState(sides=("ukraine",)))
    agg = mapview.aggregate_places(view, places)
    assert set(agg["place_id"]) == {"gn:703448", "gn:706482"}
    assert not agg["contested"].any()


def test_one_marker_per_place_with_tooltip_id(frames):
    claims, places = frames
    rows = mapview.marker_rows(mapview.aggregate_places(claims, places))
    assert len(rows) == 5
    tips = [r[3] for r in rows]
    assert "Kyiv · 2 claims [gn:703448]" in tips
    assert {mapview.place_id_from_tooltip(t) for t in tips} == {
        "gn:703448", "gn:579514", "gn:706482", "gn:756135", "x:evil"}


@pytest.mark.parametrize("tooltip, expected", [
    ("Kyiv · 5 claims [gn:703448]", "gn:703448"),
    ("  Odd [name] · 1 claim [x:1]  ", "x:1"),
    ("no id here", None),
    (None, None),
    ({"not": "text"}, None),
])
def test_place_id_from_tooltip(tooltip, expected):
    assert mapview.place_id_from_tooltip(tooltip) == expected


def test_hostile_names_are_escaped_in_the_page(frames):
    claims, places = frames
    html = rendered(mapview.aggregate_places(claims, places))
    assert "<img src=x" not in html and "onerror=alert(1)>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html or "\\u0026lt;img" in html


def test_js_safe_html_neutralises_template_literals():
    out = mapview.js_safe_html("`${alert(1)}` \\ <b>")
    assert "`" not in out and "${" not in out and "\\" not in out and "<" not in out


def test_marker_style():
    city = mapview.marker_style("city", 4, "russia", False, "gn:1")
    area = mapview.marker_style("admin1", 4, "russia", False)
    contested = mapview.marker_style("city", 4, "ukraine", True)
    assert area.radius > city.radius and area.fill_opacity < city.fill_opacity
    assert contested.dash_array and "contested" in contested.class_name and not city.dash_array
    assert mapview.marker_style("city", 40, "west", False).radius > city.radius
    assert mapview.marker_style("city", 10_000, "west", False).radius <= 28
    assert "place-gn-1" in city.class_name and "side-russia" in city.class_name
    assert "side-unknown" in mapview.marker_style("city", 1, "<evil>", False).class_name


def test_clusters_only_when_many(frames):
    claims, places = frames
    agg = mapview.aggregate_places(claims, places)
    assert "markerClusterGroup" not in rendered(agg)
    m = mapview.base_map()
    mapview.markers_layer(agg, cluster_threshold=2).add_to(m)
    assert "markerClusterGroup" in m.get_root().render()


def test_initial_view_frames_the_places(frames):
    claims, places = frames
    (lat, lon), zoom = mapview.initial_view(places)
    assert 46 < lat < 53 and 20 < lon < 37 and 3 <= zoom <= 7
    assert mapview.initial_view(places.iloc[0:0]) == (mapview.DEFAULT_CENTER, mapview.DEFAULT_ZOOM)


def test_small_markers_are_drawn_on_top(frames):
    """A region's wide circle must not cover (and swallow clicks on) a city inside it."""
    claims, places = frames
    radii = [r[2]["radius"] for r in mapview.marker_rows(mapview.aggregate_places(claims, places))]
    assert radii == sorted(radii, reverse=True)


def test_map_sets_its_own_zoom_limits():
    """leaflet.markercluster needs maxZoom on the map; with tiles=None folium sets none."""
    html = mapview.base_map().get_root().render()
    assert '"maxZoom": 18' in html and '"minZoom": 2' in html


def test_popups_are_built_lazily_from_text(frames):
    """No popup HTML per place in Python: the browser builds it on open, as text nodes."""
    claims, places = frames
    agg = mapview.aggregate_places(claims, places)
    rows = mapview.marker_rows(agg)
    kyiv = next(r for r in rows if r[6] == "gn:703448")
    assert kyiv[4] == "Kyiv" and kyiv[5] == agg.set_index("place_id").loc["gn:703448", "precision"]
    assert sum(kyiv[7]) == 2 and len(kyiv[7]) == len(mapview.SIDE_LABELS)
    assert "claim-marker" in kyiv[2]["className"] and "place-gn-703448" in kyiv[2]["className"]
    html = rendered(agg)
    assert ".bindPopup(popup," in html and "textContent" in html and "innerHTML" not in html
    assert "<b>" not in html.split("var rows =", 1)[1].split("];", 1)[0]


def test_marker_classes_match_marker_style(frames):
    claims, places = frames
    agg = mapview.aggregate_places(claims, places)
    by_id = {r[6]: r[2] for r in mapview.marker_rows(agg)}
    for row in agg.to_dict("records"):
        st = mapview.marker_style(row["precision"], row["n_claims"], row["dominant"], row["contested"],
                                  row["place_id"])
        opts = by_id[row["place_id"]]
        assert opts["className"] == st.class_name and opts["radius"] == round(st.radius, 1)
        assert opts["color"] == st.color and opts["fillColor"] == st.fill_color
        assert opts.get("dashArray") == st.dash_array
