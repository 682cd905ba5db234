"""The Folium map: aggregated places as pie markers (one slice per side) over offline borders.

One marker per place (never per claim), so 10,000 claims over 2,000 places
stay one DOM node per place; above ``CLUSTER_THRESHOLD`` places the markers
are clustered too. Leaflet, jQuery and the cluster plugin load from the
vendored copies Streamlit serves at ``/app/static/`` (see
scripts/vendor_assets.sh), so the map draws with no network.
"""
from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

import folium
import pandas as pd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from .basemap import REGION_CLASS, REGION_STYLE
from .filters import AREA_PRECISIONS, place_sides
from .models import SIDES
from . import placewords
from .palette import CONTESTED_STROKE, SIDE_COLORS, SIDE_LABELS, SIDE_STROKES

ASSET_BASE = "/app/static"
# streamlit-folium loads these one after the other before it draws the map, so only what the
# map runs: no jQuery (nothing here uses it; folium lists it by default).
LOCAL_JS: list[tuple[str, str]] = [
    ("leaflet", f"{ASSET_BASE}/leaflet/dist/leaflet.js"),
    ("markerclusterjs", f"{ASSET_BASE}/leaflet.markercluster/dist/leaflet.markercluster.js"),
]
LOCAL_CSS: list[tuple[str, str]] = [
    ("leaflet_css", f"{ASSET_BASE}/leaflet/dist/leaflet.css"),
    ("markerclustercss", f"{ASSET_BASE}/leaflet.markercluster/dist/MarkerCluster.css"),
    ("markerclusterdefaultcss", f"{ASSET_BASE}/leaflet.markercluster/dist/MarkerCluster.Default.css"),
]
REGIONS_URL = f"{ASSET_BASE}/regions"  # one GeoJSON file per country: regions/UA.json
COUNTRIES_URL = f"{ASSET_BASE}/countries.json"
COUNTRY_STYLE = {"color": "#7a7a7a", "weight": 0.8, "fillColor": "#f7f5ef", "fillOpacity": 1.0}
COUNTRY_CLASS = "country-border"
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"
DATA_CREDITS = "Places: GeoNames (CC BY 4.0) · Borders: Natural Earth, countryinfo"
CLUSTER_THRESHOLD = 400
# How many place names are written on the map from each zoom on (busiest places first):
# none on a world view, the busiest few over a region, every place close up.
LABEL_BUDGET: tuple[tuple[int, int], ...] = ((3, 3), (4, 6), (5, 10), (6, 25), (7, 60), (8, 150), (10, 300))
MAX_LABELS = 300
BORDERS_FALLBACK_MS = 1500  # a map with no markers layer still gets its borders
MAX_ZOOM = 18
DEFAULT_CENTER: tuple[float, float] = (30.0, 10.0)
DEFAULT_ZOOM = 2
_TOOLTIP_ID = re.compile(r"\[([^\[\]\s<>]+)\]")


def js_safe_html(text: object) -> str:
    """HTML-escape for content Folium pastes into a JS template literal (`...`)."""
    return (html.escape("" if text is None else str(text), quote=True)
            .replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;"))


def tooltip_text(name: str, n_claims: int, place_id: str, precision: object = None, country_code: object = None,
                 side_counts: dict[str, int] | None = None, uncertain: bool = False) -> str:
    """"<b>Kyiv</b> · town in Ukraine<br>5 claims: Russia 3, Ukraine 2", in words.

    The place id rides along in a hidden span: a click hands back the tooltip's
    text content, and the bracketed id in it is how the page knows which place.
    """
    noun = "claim" if n_claims == 1 else "claims"
    where = placewords.where_words(precision, country_code) if precision is not None else ""
    sides = ", ".join(f"{SIDE_LABELS.get(s, s)} {n}" for s, n in (side_counts or {}).items() if n)
    parts = [f"<b>{js_safe_html(name)}</b>" + (f" · {js_safe_html(where)}" if where else ""),
             f"{n_claims} {noun}" + (f": {js_safe_html(sides)}" if sides and n_claims else "")]
    if uncertain:
        parts.append("<i>uncertain place: the name may mean another place</i>")
    return "<br>".join(parts) + f'<span hidden> [{js_safe_html(place_id)}]</span>'


def place_id_from_tooltip(tooltip: object) -> str | None:
    """The place id inside a clicked marker's tooltip, or None."""
    if not isinstance(tooltip, str):
        return None
    found = _TOOLTIP_ID.findall(tooltip)
    return html.unescape(found[-1]) if found else None


AGG_COLUMNS = ["place_id", "name", "lat", "lon", "country_code", "precision", "confidence", "n_claims",
               "side_counts", "dominant", "contested"]


def aggregate_places(claims: pd.DataFrame, places: pd.DataFrame, include_uncited: bool = False,
                     contested: set[str] | None = None) -> pd.DataFrame:
    """One row per place in view: claim count, claims per side, dominant side, contested.

    Vectorised (one explode, one pivot): 10,000 claims over 2,000 places in
    tens of milliseconds. Ties for the dominant side follow the order of SIDES.
    ``include_uncited`` adds places that are mentioned but carry no claim in view.
    ``contested`` (the places where sides disagree about an event, geo.events) marks
    places contested; without it, a place with claims of two or more sides is.
    """
    return aggregate_from_sides(place_sides(claims), places, include_uncited, contested)


def aggregate_from_sides(ps: pd.DataFrame, places: pd.DataFrame, include_uncited: bool = False,
                         contested: set[str] | None = None) -> pd.DataFrame:
    """``aggregate_places`` from claim counts per (place_id, side, n): what the store counts
    (geo.storeview.place_side_counts) without handing over the claims."""
    ps = ps.assign(n=ps["n"].astype(int)) if len(ps) else ps
    base = places.drop_duplicates("place_id").set_index("place_id")
    if ps.empty:
        wide = pd.DataFrame(index=pd.Index([], name="place_id"))
    else:
        wide = ps.pivot_table(index="place_id", columns="side", values="n", aggfunc="sum", fill_value=0)
        order = [c for c in SIDES if c in wide.columns] + sorted(c for c in wide.columns if c not in SIDES)
        wide = wide[order]
        wide = wide[wide.index.isin(base.index)]
    cols = list(wide.columns)
    values = wide.to_numpy(dtype=int) if cols else None
    out = pd.DataFrame({
        "place_id": wide.index.astype(str),
        "n_claims": values.sum(axis=1) if cols else [],
        "side_counts": [{s: int(v) for s, v in zip(cols, row) if v} for row in values] if cols else [],
        "dominant": [cols[i] for i in values.argmax(axis=1)] if cols else [],
        "contested": (values > 0).sum(axis=1) > 1 if cols else [],
    })
    if include_uncited:
        cited = set(out["place_id"])
        rest = [p for p in base.index if p not in cited]
        out = pd.concat([out, pd.DataFrame({"place_id": rest, "n_claims": 0, "side_counts": [{} for _ in rest],
                                            "dominant": "unknown", "contested": False})], ignore_index=True)
    if "confidence" not in base.columns:
        base = base.assign(confidence=1.0)
    out = out.join(base[["name", "lat", "lon", "country_code", "precision", "confidence"]], on="place_id")
    out["lat"], out["lon"] = out["lat"].astype(float), out["lon"].astype(float)
    out["n_claims"] = out["n_claims"].astype(int)
    out["contested"] = out["contested"].astype(bool)
    if contested is not None:
        out["contested"] = out["place_id"].isin(contested)
    return out[AGG_COLUMNS].sort_values("n_claims", ascending=False, kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class MarkerStyle:
    """How one place's pie marker looks; ``background`` is CSS built from the palette only."""

    radius: float
    color: str
    background: str
    fill_opacity: float
    weight: float
    dash_array: str | None
    class_name: str

    @property
    def css(self) -> str:
        """Inline CSS for the marker's div (no user text ever reaches it)."""
        line = "dashed" if self.dash_array else "solid"
        return f"background:{self.background};border:{self.weight}px {line} {self.color}"


def place_class(place_id: str) -> str:
    """A CSS class naming the place (tests and user styles can find one marker)."""
    return "place-" + re.sub(r"[^A-Za-z0-9_-]", "-", place_id)


def _alpha_hex(opacity: float) -> str:
    return f"{max(0, min(255, round(opacity * 255))):02x}"


def pie_background(side_counts: dict[str, int] | None, fill_opacity: float = 0.85) -> str:
    """CSS background showing each side's share of a place's claims as pie slices.

    One side is a plain colour, several are a ``conic-gradient`` starting at
    twelve o'clock in the order of SIDES, so the same mix always looks the
    same; no claims is white. The opacity goes into the colours (#rrggbbaa),
    not the element, so the ring around the pie stays solid.
    """
    alpha = _alpha_hex(fill_opacity)
    counts = side_counts or {}
    order = [s for s in SIDES if counts.get(s, 0) > 0] + sorted(
        s for s, n in counts.items() if s not in SIDES and n > 0)
    if not order:
        return "#ffffff" + alpha
    colours = [SIDE_COLORS.get(s, SIDE_COLORS["unknown"]) + alpha for s in order]
    if len(order) == 1:
        return colours[0]
    total = sum(counts[s] for s in order)
    stops, done = [], 0
    for side, colour in zip(order, colours):
        start, done = done, done + counts[side]
        stops.append(f"{colour} {100 * start / total:.1f}% {100 * done / total:.1f}%")
    return f"conic-gradient({','.join(stops)})"


def marker_style(precision: str, n_claims: int, dominant: str, contested: bool,
                 place_id: str = "", side_counts: dict[str, int] | None = None) -> MarkerStyle:
    """Size by claims; a pie of the sides' shares (the dominant side alone when no counts
    are given); dashed dark ring if contested; areas wide and pale."""
    area = precision in AREA_PRECISIONS
    radius = min(5 + 3 * math.sqrt(max(n_claims, 0)), 28) + (10 if area else 0)
    side_class = f"side-{dominant}" if dominant in SIDES else "side-unknown"
    classes = ["claim-marker" if n_claims else "mention-marker", side_class]
    if place_id:
        classes.append(place_class(place_id))
    if contested:
        classes.append("contested")
    if area:
        classes.append("area")
    opacity = 0.3 if area else 0.85
    if not n_claims:
        counts: dict[str, int] = {}
    elif side_counts:
        counts = side_counts
    else:
        counts = {dominant if dominant in SIDE_COLORS else "unknown": n_claims}
    return MarkerStyle(
        radius=radius,
        color=CONTESTED_STROKE if contested else SIDE_STROKES.get(dominant, "#ffffff" if n_claims else "#666666"),
        background=pie_background(counts, opacity),
        fill_opacity=opacity,
        weight=3 if contested else 2,
        dash_array="4 3" if contested else None,
        class_name=" ".join(classes),
    )


class _RawText(Element):
    """Already rendered text, put in the page as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs) -> str:
        return self._text


class RawMacroElement(MacroElement):
    """A MacroElement whose rendered header/html/script are placed as they are.

    branca wraps each rendered macro in ``Element(text)``, which compiles the text as a new
    Jinja template: with thousands of markers that is the biggest cost of a map build, and any
    ``{{`` in the data would be read as template code. Here the text is final once rendered.
    """

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        assert isinstance(figure, Figure), "You cannot render this Element if it is not in a Figure."
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = macros.get(part)
            if macro is not None:
                getattr(figure, part).add_child(_RawText(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class PlaceMarkers(RawMacroElement):
    """All place markers from one JSON array, built by a JS loop; region borders under them.

    Rendering one Folium object per place costs about 1 ms each in Python (2 s
    for 2,000 places, on every rerun); one template with the data as JSON
    costs a few ms. Jinja's ``tojson`` escapes ``<``, ``>``, ``&`` and quotes,
    the tooltip strings are HTML-escaped already, and popups are built in the
    browser only when opened, from the row's raw fields as DOM text nodes
    (``textContent``), so article text cannot break out. Clicks bubble from a
    marker to its FeatureGroup, where streamlit-folium listens.

    Each marker is a ``L.divIcon`` whose CSS background is a pie of the
    sides' shares (``pie_background``); its ``zIndexOffset`` puts smaller
    markers above wider ones so a city stays clickable inside its region.

    Region borders (``region_codes``) are drawn from the vendored
    ``static/regions/<CC>.json``, each fetched once per map frame and kept, so a rerun
    sends only the country codes, never the outlines; they live in this
    layer (not the base map) because streamlit-folium updates this layer in
    place but remounts the whole map when the base-map string changes.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var group = {{ this._parent.get_name() }}, target = group;
            {%- if this.cluster %}
            var cluster = L.markerClusterGroup({{ this.cluster_options|tojson }});
            target.addLayer(cluster);
            target = cluster;
            {%- endif %}
            var rows = {{ this.rows|tojson }};
            // A div icon with the pie as its inline background (palette colours only).
            var PieIcon = L.DivIcon.extend({
                createIcon: function(old) {
                    var div = L.DivIcon.prototype.createIcon.call(this, old);
                    div.style.cssText += ";" + this.options.css;
                    return div;
                }
            });
            // Country-level places are drawn as the country (its outline, shaded), never as a
            // dot at its central point; the marker stays only if the outline is missing.
            function countries() {
                return window.__claimsCountries = window.__claimsCountries ||
                    fetch({{ this.countries_url|tojson }})
                        .then(function(resp) { return resp.ok ? resp.json() : null; })
                        .catch(function() { return null; });
            }
            function addMarker(r) {
                var o = r[2], d = o.size;
                var icon = new PieIcon({className: o.className, iconSize: [d, d], css: o.css,
                                        tooltipAnchor: [d / 2, 0]});
                L.marker([r[0], r[1]], {icon: icon, zIndexOffset: r[8].selected ? 90000000 : o.z})
                    .bindTooltip(r[3], {sticky: true})
                    .addTo(target);
            }
            function addCountry(r) {
                countries().then(function(data) {
                    var feats = data && data.features ? data.features.filter(function(f) {
                        return f.properties && f.properties.iso3 === r[8].iso3; }) : [];
                    if (!feats.length) { addMarker(r); return; }
                    var shade = r[8].shade;
                    L.geoJSON({type: "FeatureCollection", features: feats}, {
                        style: function() { return shade; },
                        onEachFeature: function(f, layer) { layer.bindTooltip(r[3], {sticky: true}); }
                    }).addTo(group);
                });
            }
            // Place names as labels, more of them as the reader zooms in (busiest first).
            var labels = [], budget = {{ this.label_budget|tojson }};
            var LabelIcon = L.DivIcon.extend({
                createIcon: function(old) {
                    var div = L.DivIcon.prototype.createIcon.call(this, old);
                    div.textContent = this.options.label;
                    return div;
                }
            });
            for (var i = 0; i < rows.length; i++) {
                var r = rows[i];
                if (r[8].iso3) { addCountry(r); } else { addMarker(r); }
                if (r[8].label !== null) {
                    var half = r[2].size / 2;
                    labels.push([r[8].label, L.marker([r[0], r[1]], {
                        interactive: false, keyboard: false, zIndexOffset: -1000,
                        icon: new LabelIcon({className: "place-label" + (r[8].selected ? " selected" : ""),
                                             label: r[4], iconSize: null, iconAnchor: [-half - 3, 8]})})]);
                }
            }
            // Markers first, borders after: the country outlines (base map) and the region
            // outlines wait until the browser has painted the markers.
            function afterPaint(fn) { requestAnimationFrame(function() { setTimeout(fn, 0); }); }
            window.__claimsMarkersDrawn = true;
            afterPaint(function() { if (window.__claimsDrawBorders) { window.__claimsDrawBorders(); } });
            {%- if this.region_codes %}
            // Thin, pale, non-interactive first-level region borders under the markers,
            // fetched once the markers are on screen (they are what the reader waits for).
            var regions = function(codes) {
                var cache = window.__claimsRegions = window.__claimsRegions || {};
                codes.forEach(function(c) {
                    cache[c] = cache[c] || fetch({{ this.regions_url|tojson }} + "/" + c + ".json")
                        .then(function(resp) { return resp.ok ? resp.json() : null; })
                        .catch(function() { return null; });
                    cache[c].then(function(data) {
                        if (data && data.features && data.features.length) {
                            L.geoJSON(data, {interactive: false,
                                             style: function() { return {{ this.region_style|tojson }}; }})
                                .addTo(group);
                        }
                    });
                });
            };
            afterPaint(function() { regions({{ this.region_codes|tojson }}); });
            {%- endif %}
            var labelLayer = L.layerGroup().addTo(group);
            function showLabels() {
                var z = map.getZoom(), n = 0;
                for (var k = 0; k < budget.length; k++) { if (z >= budget[k][0]) { n = budget[k][1]; } }
                labels.forEach(function(l) {
                    var on = l[0] < n || l[1].options.icon.options.className.indexOf("selected") >= 0;
                    if (on && !labelLayer.hasLayer(l[1])) { labelLayer.addLayer(l[1]); }
                    if (!on && labelLayer.hasLayer(l[1])) { labelLayer.removeLayer(l[1]); }
                });
            }
            var map = null;
            function attach(m) {
                if (!m || map) { return; }
                map = m;
                if (window.__claimsLabels) { map.off("zoomend", window.__claimsLabels); }
                window.__claimsLabels = showLabels;
                map.on("zoomend", showLabels);
                showLabels();
            }
            if (group._map) { attach(group._map); } else { group.once("add", function() { attach(group._map); }); }
        })();
        {% endmacro %}
    """)

    def __init__(self, rows: list[list], cluster: bool = False, region_codes: list[str] | None = None) -> None:
        super().__init__()
        self._name = "PlaceMarkers"
        self.rows = rows
        self.cluster = cluster
        self.cluster_options = {"disableClusteringAtZoom": 9, "showCoverageOnHover": False}
        self.region_codes = list(region_codes or [])
        self.regions_url = REGIONS_URL
        self.region_style = {**REGION_STYLE, "className": REGION_CLASS}
        self.countries_url = COUNTRIES_URL
        self.label_budget = [list(step) for step in LABEL_BUDGET]


def _style_parts(area: bool, n_claims: int, dominant: str, contested: bool,
                 counts: tuple[int, ...]) -> tuple[dict, str, str]:
    """Icon options without className, and the class names before/after the place class.

    Cached per look (count vector included): many places share one.
    """
    key = (area, n_claims, dominant, contested, counts)
    hit = _STYLE_CACHE.get(key)
    if hit is None:
        st = marker_style("area" if area else "city", n_claims, dominant, contested, "\0",
                          side_counts=dict(zip(SIDE_LABELS, counts)))
        size = round(2 * st.radius)
        # Leaflet's z-index is the marker's pixel row plus this: smaller circles always on top.
        options = {"size": size, "css": st.css, "z": (100 - size) * 100_000}
        before, _, after = st.class_name.partition(place_class("\0"))
        hit = _STYLE_CACHE[key] = (options, before, after)
        if len(_STYLE_CACHE) > 20_000:
            _STYLE_CACHE.clear()
    return hit


_STYLE_CACHE: dict[tuple, tuple[dict, str, str]] = {}


def _iso3(code: object) -> str | None:
    """ISO alpha-3 of an alpha-2 code (the country outlines are keyed by it), or None."""
    if not isinstance(code, str) or len(code.strip()) != 2:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_2=code.strip().upper())
    return found.alpha_3 if found else None


def country_shade(dominant: str, contested: bool, uncertain: bool) -> dict:
    """Leaflet path style of a country-level place drawn as its outline: the side's colour, pale."""
    colour = SIDE_COLORS.get(dominant, SIDE_COLORS["unknown"])
    return {"color": CONTESTED_STROKE if contested else colour, "weight": 1.5, "dashArray": "5 4",
            "fillColor": colour, "fillOpacity": 0.05 if uncertain else 0.12, "opacity": 0.5 if uncertain else 0.9,
            "className": "country-shade"}


def marker_rows(agg: pd.DataFrame, selected: str | None = None) -> list[list]:
    """[lat, lon, icon options, tooltip HTML, name, precision, place id, claims per side, extras] per place.

    The tooltip is HTML (escaped here) in words, with the place id hidden in it;
    name, precision and place id are raw text. The side counts follow the order
    of SIDE_LABELS and also shape the pie. Icon options: ``size`` (px), ``css``
    (the pie and its ring), ``z`` (smaller markers above wider ones),
    ``className``. Extras: ``label`` (the place's rank among the labelled, busiest
    first, or None), ``selected``, ``iso3`` and ``shade`` for a country-level place
    drawn as its outline. Largest first, so the DOM order agrees with the z-order.
    """
    assert "area" in AREA_PRECISIONS and "city" not in AREA_PRECISIONS
    side_order = list(SIDE_LABELS)
    confidences = agg["confidence"].tolist() if "confidence" in agg.columns else [1.0] * len(agg)
    rows = []
    for pid, name, lat, lon, precision, cc, n, counts, dominant, contested, conf in zip(
            agg["place_id"].tolist(), agg["name"].tolist(), agg["lat"].tolist(), agg["lon"].tolist(),
            agg["precision"].tolist(), agg["country_code"].tolist(), agg["n_claims"].tolist(),
            agg["side_counts"].tolist(), agg["dominant"].tolist(), agg["contested"].tolist(), confidences):
        vector = [int(counts.get(s, 0)) for s in side_order] if isinstance(counts, dict) else [0] * len(side_order)
        base, before, after = _style_parts(precision in AREA_PRECISIONS, n, dominant, bool(contested),
                                           tuple(vector))
        uncertain = placewords.is_uncertain(conf)
        is_selected = bool(selected) and pid == selected
        options = dict(base)
        options["className"] = (before + place_class(pid) + after + (" uncertain" if uncertain else "")
                                + (" selected" if is_selected else ""))
        iso3 = _iso3(cc) if precision == "country" and n else None
        extras = {"label": None, "selected": is_selected, "iso3": iso3,
                  "shade": country_shade(dominant, bool(contested), uncertain) if iso3 else None}
        rows.append([round(lat, 5), round(lon, 5), options,
                     tooltip_text(name, n, pid, precision, cc, counts if isinstance(counts, dict) else None,
                                  uncertain),
                     "" if name is None else str(name), "" if precision is None else str(precision), str(pid),
                     vector, extras])
    ranked = sorted((r for r in rows if sum(r[7]) and not r[8]["iso3"]), key=lambda r: -sum(r[7]))
    for rank, r in enumerate(ranked[:MAX_LABELS]):
        r[8]["label"] = rank
    for r in rows:
        if r[8]["selected"] and r[8]["label"] is None and not r[8]["iso3"]:
            r[8]["label"] = MAX_LABELS
    rows.sort(key=lambda r: -r[2]["size"])
    return rows


def region_codes(agg: pd.DataFrame) -> list[str]:
    """The ISO2 countries of the places in view, sorted: whose region borders to draw."""
    if "country_code" not in agg.columns:
        return []
    return sorted({c.strip().upper() for c in agg["country_code"].tolist()
                   if isinstance(c, str) and len(c.strip()) == 2 and c.strip().isalpha()})


def markers_layer(agg: pd.DataFrame, cluster_threshold: int = CLUSTER_THRESHOLD,
                  regions: bool = True, selected: str | None = None) -> folium.FeatureGroup:
    """The markers, and the region borders of their countries, as one FeatureGroup.

    streamlit-folium redraws this group alone when filters change, so the
    map (and its centre and zoom) stays; ``regions=False`` leaves borders out
    (with online tiles, which show them already).
    """
    group = folium.FeatureGroup(name="Places", control=False)
    PlaceMarkers(marker_rows(agg, selected), cluster=len(agg) > cluster_threshold,
                 region_codes=region_codes(agg) if regions else None).add_to(group)
    return group


class Legend(RawMacroElement):
    """Fixed box explaining colours, pie slices, the contested ring and area circles."""

    _template = Template("""
        {% macro html(this, kwargs) %}
        <div class="claims-legend" style="position:absolute;top:10px;right:10px;z-index:9999;
             background:rgba(255,255,255,0.92);padding:6px 8px;border-radius:4px;font:12px sans-serif;
             box-shadow:0 1px 4px rgba(0,0,0,0.3);">
          <b>Speaker side</b><br>
          {% for color, stroke, label in this.items %}
            <span style="display:inline-block;width:11px;height:11px;border-radius:50%;background:{{ color }};
                  border:2px solid {{ stroke }};vertical-align:middle"></span> {{ label }}<br>
          {% endfor %}
          <span style="display:inline-block;width:13px;height:13px;border-radius:50%;
                background:{{ this.pie }};vertical-align:middle"></span> slices = share of claims per side<br>
          <span style="display:inline-block;width:11px;height:11px;border-radius:50%;border:2px dashed #111;
                vertical-align:middle"></span> contested (2+ sides)<br>
          <span style="display:inline-block;width:15px;height:15px;border-radius:50%;background:rgba(90,90,90,0.3);
                vertical-align:middle"></span> region / area<br>
          <span style="display:inline-block;width:15px;height:10px;background:rgba(90,90,90,0.15);
                border:1px dashed #555;vertical-align:middle"></span> a whole country (shaded)<br>
          <span style="display:inline-block;width:11px;height:11px;border-radius:50%;background:#8c8c8c;
                opacity:0.4;vertical-align:middle"></span> faded: uncertain place<br>
          <small>size = number of claims</small>
        </div>
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "Legend"
        self.items = [(SIDE_COLORS[s], SIDE_STROKES.get(s, "#ffffff"), html.escape(SIDE_LABELS[s])) for s in SIDES]
        self.pie = pie_background({"russia": 2, "ukraine": 1, "west": 1}, 1.0)


class Borders(RawMacroElement):
    """Country outlines, fetched once by the browser from the vendored ``static/countries.json``.

    Inlined, they made the base map a ~215 kB string that streamlit-folium resent on every
    rerun; fetched, the base map is a few kB and the outlines come from the page's own
    server (no request leaves the machine). Drawn in their own pane under everything,
    non-interactive, as SVG paths of class ``country-border``.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function(map) {
            map.createPane("countries");
            map.getPane("countries").style.zIndex = 250;
            var started = false;
            function draw() {
                if (started) { return; }
                started = true;
                window.__claimsCountries = window.__claimsCountries || fetch({{ this.url|tojson }})
                    .then(function(resp) { return resp.ok ? resp.json() : null; })
                    .catch(function() { return null; });
                window.__claimsCountries.then(function(data) {
                    if (!data || !data.features) { return; }
                    L.geoJSON(data, {pane: "countries", interactive: false,
                                     style: function() { return {{ this.style|tojson }}; }}).addTo(map);
                });
            }
            // Drawn once the markers layer has painted its markers (it calls this); on a
            // view with no markers layer, a moment after the map itself.
            window.__claimsDrawBorders = draw;
            if (window.__claimsMarkersDrawn) { draw(); } else { setTimeout(draw, {{ this.fallback_ms }}); }
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "Borders"
        self.url = COUNTRIES_URL
        self.fallback_ms = BORDERS_FALLBACK_MS
        self.style = {**COUNTRY_STYLE, "className": COUNTRY_CLASS}


class NeutralAttribution(RawMacroElement):
    """The data credits, without Leaflet's default prefix (a national flag since 1.9):
    a map of both sides' claims about a war must not fly either side's colours."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function(map) {
            if (!map.attributionControl) { return; }
            map.attributionControl.setPrefix("Leaflet");
            map.attributionControl.addAttribution({{ this.credits|tojson }});
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, credits: str) -> None:
        super().__init__()
        self._name = "NeutralAttribution"
        self.credits = credits


class BackgroundStyle(RawMacroElement):
    """Sea colour behind the borders (no tiles by default), and the round pie markers.

    Part of the base map, so it is sent once and never changes between reruns.
    """

    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>.leaflet-container{background:#dce8f2 !important}
        .claim-marker,.mention-marker{border-radius:50%;box-sizing:border-box}
        .claim-marker.uncertain,.mention-marker.uncertain{opacity:0.4}
        .claim-marker.selected,.mention-marker.selected{box-shadow:0 0 0 3px #fff,0 0 0 6px #111;opacity:1}
        .place-label{font:600 11px/14px sans-serif;color:#222;white-space:nowrap;pointer-events:none;
          text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff}
        .place-label.selected{font-size:13px;color:#000}</style>
        {% endmacro %}
    """)


def base_map(center: tuple[float, float] = DEFAULT_CENTER, zoom: int = DEFAULT_ZOOM,
             online_tiles: bool = False) -> folium.Map:
    """The map without markers: borders (offline) or OSM tiles (online, opt-in), legend."""
    m = folium.Map(location=list(center), zoom_start=zoom, tiles=None, control_scale=True,
                   world_copy_jump=True)
    # Folium hands min/max zoom to a tile layer, and there is none: set them on the map
    # itself (leaflet.markercluster fails with "Map has no maxZoom specified" otherwise).
    m.options.update(minZoom=2, maxZoom=MAX_ZOOM)
    m.default_js, m.default_css = LOCAL_JS, LOCAL_CSS
    if online_tiles:
        folium.TileLayer(OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap", max_zoom=19).add_to(m)
    else:
        Borders().add_to(m)
    Legend().add_to(m)
    BackgroundStyle().add_to(m)
    NeutralAttribution(DATA_CREDITS).add_to(m)
    return m


def initial_view(agg: pd.DataFrame) -> tuple[tuple[float, float], int]:
    """A centre and zoom that frame most places in view (world view when there are none).

    With five or more places the frame spans the 10th-90th percentiles of
    their positions (weighted by claims when counts are given), so one far-off
    place (a capital abroad, a country's central point) does not zoom the map
    out to the whole world.
    """
    if agg.empty:
        return DEFAULT_CENTER, DEFAULT_ZOOM
    lat, lon = agg["lat"].astype(float), agg["lon"].astype(float)
    if "n_claims" in agg.columns and agg["n_claims"].sum() > 0:
        weights = agg["n_claims"].clip(lower=1).astype(int).to_numpy()
        lat, lon = lat.repeat(weights), lon.repeat(weights)
    q = (0.1, 0.9) if len(agg) >= 5 else (0.0, 1.0)
    lat0, lat1 = (float(v) for v in lat.quantile(q))
    lon0, lon1 = (float(v) for v in lon.quantile(q))
    span = max(lat1 - lat0, (lon1 - lon0) / 1.5, 0.5)
    zoom = int(max(2, min(9, math.floor(math.log2(360 / span)))))
    return ((lat0 + lat1) / 2, (lon0 + lon1) / 2), zoom


FOCUS_ZOOM = 6


def focus_view(places: pd.DataFrame, place_id: str, zoom: int) -> tuple[tuple[float, float], int] | None:
    """Centre on a place picked outside the map (table, button, link), zoomed in to at least
    FOCUS_ZOOM for a town (a region or country keeps the zoom); None if it is not known."""
    row = places.loc[places["place_id"] == place_id]
    if row.empty:
        return None
    first = row.iloc[0]
    area = first["precision"] in AREA_PRECISIONS
    return (float(first["lat"]), float(first["lon"])), zoom if area else max(int(zoom), FOCUS_ZOOM)
