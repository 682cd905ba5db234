"""The Folium map: offline assets, markers, escaping, tooltip ids, aggregation."""
from __future__ import annotations

import json
import re

import pandas as pd
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
    kyiv = next(t for t in tips if "gn:703448" in t)
    assert kyiv.startswith("<b>Kyiv</b> · town in Ukraine<br>2 claims: Russia 1, Ukraine 1")
    assert '<span hidden> [gn:703448]</span>' in kyiv  # the id a click hands back, never shown
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
    assert city.background == "#d62728d9" and area.background == "#d627284c"  # pale, same hue
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
    rows = mapview.marker_rows(mapview.aggregate_places(claims, places))
    sizes = [r[2]["size"] for r in rows]
    assert sizes == sorted(sizes, reverse=True)
    # Leaflet stacks markers by pixel row + zIndexOffset: the offset must outweigh any row.
    by_size = sorted({(r[2]["size"], r[2]["z"]) for r in rows})
    assert all(z1 - z2 >= 100_000 for (_, z1), (_, z2) in zip(by_size, by_size[1:]))


def test_the_base_map_fetches_country_borders_instead_of_carrying_them():
    """The base map is resent by streamlit-folium on every rerun: it must stay small."""
    html = mapview.base_map().get_root().render()
    assert '"/app/static/countries.json"' in html and '"country-border"' in html
    assert len(html) < 30_000  # was ~215 kB with the outlines inlined


def test_map_sets_its_own_zoom_limits():
    """leaflet.markercluster needs maxZoom on the map; with tiles=None folium sets none."""
    html = mapview.base_map().get_root().render()
    assert '"maxZoom": 18' in html and '"minZoom": 2' in html


def test_markers_carry_raw_text_and_no_popup(frames):
    """No popup (it opened on top of the tooltip; the panel has the claims); names as raw text."""
    claims, places = frames
    agg = mapview.aggregate_places(claims, places)
    rows = mapview.marker_rows(agg)
    kyiv = next(r for r in rows if r[6] == "gn:703448")
    assert kyiv[4] == "Kyiv" and kyiv[5] == agg.set_index("place_id").loc["gn:703448", "precision"]
    assert sum(kyiv[7]) == 2 and len(kyiv[7]) == len(mapview.SIDE_LABELS)
    assert "claim-marker" in kyiv[2]["className"] and "place-gn-703448" in kyiv[2]["className"]
    html = rendered(agg)
    assert "L.DivIcon.extend" in html and "L.circleMarker" not in html
    assert "bindPopup" not in html and "textContent" in html and "innerHTML" not in html
    assert "<b>" not in html.split("var rows =", 1)[1].split("];", 1)[0]


def test_marker_classes_match_marker_style(frames):
    claims, places = frames
    agg = mapview.aggregate_places(claims, places)
    by_id = {r[6]: r[2] for r in mapview.marker_rows(agg)}
    for row in agg.to_dict("records"):
        st = mapview.marker_style(row["precision"], row["n_claims"], row["dominant"], row["contested"],
                                  row["place_id"], row["side_counts"])
        opts = by_id[row["place_id"]]
        assert opts["className"] == st.class_name and opts["size"] == round(2 * st.radius)
        assert opts["css"] == st.css


def test_pie_shows_each_sides_share():
    two = mapview.pie_background({"ukraine": 1, "russia": 3}, 1.0)
    # Slices in the order of SIDES from twelve o'clock, sized by share, opaque here.
    assert two == "conic-gradient(#d62728ff 0.0% 75.0%,#1f5fbfff 75.0% 100.0%)"
    assert mapview.pie_background({"west": 4}, 1.0) == "#2ca02cff"
    assert mapview.pie_background({}, 0.85) == "#ffffffd9"
    assert mapview.pie_background({"west": 0, "other": 2}, 0.3) == "#9467bd4c"
    three = mapview.pie_background({"russia": 1, "ukraine": 1, "west": 2})
    assert three.count("%,") == 2 and "50.0% 100.0%" in three


def test_contested_marker_shows_both_sides_and_a_dashed_ring(frames):
    claims, places = frames
    rows = {r[6]: r for r in mapview.marker_rows(mapview.aggregate_places(claims, places))}
    kyiv = rows["gn:703448"][2]
    assert "conic-gradient(#d62728" in kyiv["css"] and "#1f5fbf" in kyiv["css"]
    assert "dashed #111111" in kyiv["css"] and "contested" in kyiv["className"]
    assert "conic" not in rows["gn:756135"][2]["css"] and "solid" in rows["gn:756135"][2]["css"]


def test_marker_css_carries_no_place_text(frames):
    """Only palette colours reach the inline style; names stay in the escaped tooltip and text-node popup."""
    claims, places = frames
    for r in mapview.marker_rows(mapview.aggregate_places(claims, places, include_uncited=True)):
        assert re.fullmatch(r"background:[#0-9a-f.,% ()a-z-]+;border:\d+px (solid|dashed) #[0-9a-f]{6}", r[2]["css"])
        assert re.fullmatch(r"[a-z0-9 _-]+", r[2]["className"], re.I)


def test_region_borders_ride_in_the_markers_layer(frames):
    """The base map is the same string whatever is in view (so st_folium never remounts);
    the region borders of the countries in view are drawn by the markers layer."""
    claims, places = frames
    agg = mapview.aggregate_places(claims, places)
    assert mapview.region_codes(agg) == sorted(set(places.loc[places["place_id"].isin(agg["place_id"]),
                                                              "country_code"].dropna().str.upper()))
    assert mapview.base_map().get_root().render().count("/regions") == 0
    html = rendered(agg)
    assert '"/app/static/regions" + "/" + c + ".json"' in html and '"region-border"' in html
    assert '"interactive": false' in html or "interactive: false" in html
    codes = mapview.region_codes(agg)
    assert f"regions({json.dumps(codes)})" in html.replace(", ", ",").replace(",", ", ")
    # fetched after the markers are painted, and the country outlines wait for them too
    assert html.index("L.marker([r[0], r[1]]") < html.index("afterPaint(function() { regions(")
    group = mapview.markers_layer(agg, regions=False)
    m = mapview.base_map()
    group.add_to(m)
    assert "/app/static/regions" not in m.get_root().render()
    assert mapview.region_codes(agg.assign(country_code=[None, "", "xx1", "ua", "UA"][: len(agg)])) == ["UA"]


def test_base_map_is_identical_across_views(frames):
    """What st_folium keys its component on must not depend on the data in view."""
    from streamlit_folium import _get_map_string

    claims, places = frames
    strings = set()
    for view in (claims, apply_filters(claims, places, FilterState(sides=("west",)))):
        m = mapview.base_map((50.0, 30.0), 5)
        mapview.markers_layer(mapview.aggregate_places(view, places))  # built, as on the page
        strings.add(re.sub(r"map_[0-9a-f]{32}", "map", _get_map_string(m)))
    assert len(strings) == 1


def test_rendered_marker_data_is_never_read_as_template_code(frames):
    """branca compiles rendered macros as Jinja templates; ours are placed as they are, so a name
    with template syntax in it reaches the page as text (and the build skips that compile)."""
    claims, places = frames
    agg = mapview.aggregate_places(claims, places)
    agg.loc[agg.index[0], "name"] = "{{ 7*7 }} {% for x in [1] %}loop{% endfor %}"
    html = rendered(agg)
    assert "{{ 7*7 }}" in html and "{% for x in [1] %}" in html


def test_labels_selection_and_uncertain_places(frames):
    claims, places = frames
    agg = mapview.aggregate_places(claims, places)
    agg.loc[agg["place_id"] == "gn:756135", "confidence"] = 0.2  # Warsaw: an unsure reading
    rows = {r[6]: r for r in mapview.marker_rows(agg, selected="gn:579514")}
    ranks = sorted((r[8]["label"], pid) for pid, r in rows.items() if r[8]["label"] is not None)
    assert ranks[0][1] in ("gn:703448", "gn:706482")  # the busiest places are labelled first
    assert rows["gn:579514"][8]["selected"] and "selected" in rows["gn:579514"][2]["className"]
    assert not rows["gn:703448"][8]["selected"]
    assert "uncertain" in rows["gn:756135"][2]["className"] and "uncertain place" in rows["gn:756135"][3]
    html = rendered(agg)
    assert "place-label" in html and '"zoomend"' in html


def test_a_country_level_place_is_drawn_as_the_country(frames):
    claims, places = frames
    places = pd.concat([places, pd.DataFrame([{"place_id": "gn:2017370", "name": "Russia", "lat": 60.0,
                                               "lon": 100.0, "country_code": "RU", "precision": "country",
                                               "confidence": 0.98, "n_mentions": 1}])], ignore_index=True)
    claims = claims.copy()
    claims.loc[claims["claim_id"] == "c1", "place_ids"] = pd.Series([["gn:2017370"]], index=claims.index[
        claims["claim_id"] == "c1"])
    rows = {r[6]: r for r in mapview.marker_rows(mapview.aggregate_places(claims, places))}
    russia = rows["gn:2017370"]
    assert russia[8]["iso3"] == "RUS" and russia[8]["shade"]["className"] == "country-shade"
    assert russia[8]["label"] is None  # never a name written at the country's central point
    assert rows["gn:703448"][8]["iso3"] is None


def test_attribution_is_neutral():
    html = mapview.base_map().get_root().render()
    assert 'setPrefix("Leaflet")' in html and "GeoNames" in html
