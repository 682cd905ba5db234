"""Hostile article text and metadata through the real pipeline: shown as text, never run.

The article goes in as a file with a sidecar, through ingest, the geoparser and
the claims stages into a store; then every renderer the page uses (panel, map
popups and tooltips, CSV, GeoJSON) is checked for live markup.
"""
from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pandas as pd
import pytest

from geo import export, mapview, panel, pipeline
from geo.ingest import load_paths
from geo.store import Store

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
JS_URL = "javascript:alert(document.cookie)"
LONG_WORD = "Z" * 50_000

HOSTILE_TEXT = (
    f"Shelling near Kharkiv {SCRIPT}\n"
    f"The mayor of Kharkiv said on Monday that {IMG} shells hit a school in Kharkiv.\n"
    f"\"We saw **bold** claims and [a link]({JS_URL}) about Kyiv,\" the governor of the Kherson region said.\n"
    f"Officials in Moscow denied that =HYPERLINK(\"http://evil.example\") strikes hit Odesa &amp; &lt;b&gt;.\n"
    f"+SUM(A1) and -2+3 and @cmd were posted about Dnipro by the regional governor, who said {LONG_WORD}.\n"
)
HOSTILE_META = {"published": "2024-12-25", "outlet": f"Evil {SCRIPT}", "url": JS_URL}



class _Tags(HTMLParser):
    """Every real start tag in an HTML fragment (escaped text yields none)."""

    def __init__(self) -> None:
        super().__init__()
        self.live: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "img", "iframe", "svg", "object", "embed"}:
            self.live.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.live.append(f"{tag}[{name}]")


def live_markup(fragment: str) -> list[str]:
    parser = _Tags()
    parser.feed(fragment)
    return parser.live


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    (d / "evil.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (d / "evil.meta.json").write_text(json.dumps(HOSTILE_META), encoding="utf-8")
    result = load_paths([d])
    assert not result.errors
    store = Store(d / "claims.db")
    pipeline.ingest_articles(store, result.articles)
    yield store
    store.close()


def test_pipeline_keeps_payload_as_data(hostile_store):
    claims = hostile_store.claims_frame()
    assert len(claims) >= 3
    assert any(SCRIPT in o for o in claims["outlet"])
    places = hostile_store.places_frame()
    assert {"Kharkiv"} <= set(places["name"])


def test_panel_escapes_everything(hostile_store):
    claims = hostile_store.claims_frame()
    places = hostile_store.places_frame()
    for pid, name in zip(places["place_id"], places["name"]):
        rows = claims[[pid in ids for ids in claims["place_ids"]]]
        html_out = panel.panel_html(name, pid, rows, hostile_store.article_text)
        assert live_markup(html_out) == [], html_out[:2000]
    all_html = panel.panel_html("all", "all", claims, hostile_store.article_text)
    assert "&lt;script&gt;" in all_html  # the payload is shown, as text


def test_map_popups_and_tooltips_escape(hostile_store):
    claims = hostile_store.claims_frame()
    places = hostile_store.places_frame()
    places.loc[0, "name"] = f"{IMG}{SCRIPT}"  # a hostile place name too
    agg = mapview.aggregate_places(claims, places, include_uncited=True)
    m = mapview.base_map()
    mapview.markers_layer(agg).add_to(m)
    rendered = m.get_root().render()
    assert "alert('x')</script>" not in rendered
    assert 'onerror="alert(1)"' not in rendered
    assert "<img src=x" not in rendered


def test_exports_defuse_formulas_and_keep_text(hostile_store):
    claims = hostile_store.claims_frame()
    rows = list(csv.DictReader(io.StringIO(export.to_csv(claims).decode("utf-8-sig"))))
    for row in rows:
        for value in row.values():
            assert not value or value[0] not in "=+-@", value[:60]
    geo = json.loads(export.to_geojson(claims, hostile_store.places_frame()))
    assert geo["type"] == "FeatureCollection"
    assert any(SCRIPT in json.dumps(f["properties"], ensure_ascii=False) for f in geo["features"])
    assert isinstance(claims, pd.DataFrame)


def test_events_and_the_article_view_escape(hostile_store):
    """The event columns, the article view (claims and mentions marked) and the table: text
    only; the javascript: address of the hostile sidecar is never a link."""
    from geo import articleview, events, tablewords

    claims = hostile_store.claims_frame()
    places = hostile_store.places_frame()
    places.loc[0, "name"] = f"{IMG}{SCRIPT}"
    ev = events.group_events(claims, places)
    html_out = "".join(panel.event_html(e, events.event_claims(ev, e["event_id"], claims), hostile_store.article_text,
                                        {}, lambda a, c: f"?article={a}", lambda p: f"{IMG} {p}")
                       for e in ev.table.to_dict("records"))
    assert html_out and live_markup(html_out) == [], html_out[:2000]
    assert 'href="javascript' not in html_out
    for aid in claims["article_id"].unique():
        text, start, end = hostile_store.article_text(aid)
        rows = claims[claims["article_id"] == aid]
        meta = {**rows.iloc[0].to_dict(), "article_id": aid}
        view = articleview.article_html(meta, text, start, end, rows, hostile_store.article_mentions(aid),
                                        lambda p: f"{SCRIPT}{p}", focus=rows.iloc[0]["claim_id"])
        assert live_markup(view) == [], view[:2000]
        assert 'href="javascript' not in view and "no address known" in view
    table = tablewords.readable_table(claims, lambda p: f"{IMG}{p}")
    assert len(table) == len(claims)  # the table is data, shown by the grid as text
