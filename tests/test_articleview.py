"""The article view: titles that are never paths, safe links, claims and places marked and escaped."""
from __future__ import annotations

import pandas as pd

from geo import articleview, placewords


def test_a_title_is_never_a_path():
    body = "Drones hit the port overnight. Officials said more was to come.\nSecond paragraph."
    assert articleview.display_title("/tmp/wcd/20220128T201500Z_US_en_ce1801adb3.txt", body) == \
        "Drones hit the port overnight."
    assert articleview.display_title(None, body) == "Drones hit the port overnight."
    assert articleview.display_title("Port struck", body) == "Port struck"
    assert articleview.display_title("", "") == "Untitled article"
    long = "word " * 60
    assert len(articleview.display_title(None, long)) <= articleview.TITLE_CHARS + 1


def test_only_web_addresses_become_links():
    assert articleview.safe_url("https://news.example/a") == "https://news.example/a"
    assert articleview.safe_url("javascript:alert(1)") is None
    assert articleview.safe_url("data:text/html,x") is None and articleview.safe_url(None) is None


def test_claims_and_mentions_are_marked_and_nest():
    text = "Head\nThe mayor said <b>Kyiv</b> was hit.\nNext line.\n"
    start = text.index("<b>Kyiv</b> was hit")
    claim = {"claim_id": "c1", "start": start, "end": start + len("<b>Kyiv</b> was hit"), "side": "ukraine",
             "speaker": "The mayor", "cue": "said"}
    kyiv = text.index("Kyiv")
    mention = {"start": kyiv, "end": kyiv + 4, "label": "Kyiv, town in Ukraine"}
    out = articleview.marked_text(text, 0, len(text) - 1, [claim], [mention], focus="c1")
    assert "<b>" not in out and "&lt;b&gt;" in out
    assert out.count("<p>") == 3
    assert '<mark class="claim side-ukraine focus" data-claim-id="c1" title="The mayor (Ukraine) · said">' \
           '<span class="place-mention" title="Kyiv, town in Ukraine">Kyiv</span></mark>' in out
    assert out.count("<mark") == out.count("</mark>") and out.count("<span") == out.count("</span>")


def test_article_html_says_what_it_marks():
    text = "Port struck\nOfficials said the port burned.\n"
    s = text.index("the port burned")
    claims = pd.DataFrame([{"claim_id": "c1", "start": s, "end": s + 15, "side": "russia", "speaker": "Officials",
                            "cue": "said"}])
    mentions = pd.DataFrame([{"place_id": "p", "start": s + 4, "end": s + 8}])
    html = articleview.article_html({"article_id": "a", "title": None, "outlet": "Wire", "published": "2024-05-01",
                                     "url": "https://x.example/a"}, text, 0, len(text) - 1, claims, mentions,
                                    lambda pid: "Port, town in Ukraine")
    assert "<h4>Port struck</h4>" in html and "1 claim(s) marked, 1 place mention(s)" in html
    assert 'href="https://x.example/a"' in html


def test_places_in_words():
    assert placewords.describe("Belgorod", "admin1", "RU") == "Belgorod, region of Russia"
    assert placewords.describe("Belgorod", "city", "RU") == "Belgorod, town in Russia"
    assert placewords.describe("Ukraine", "country", "UA") == "Ukraine, country"
    assert placewords.describe("Somewhere", "point", None) == "Somewhere, site"
    assert placewords.country_name("KR") == "South Korea" and placewords.country_name("zz") == ""
    assert placewords.is_uncertain(0.3) and not placewords.is_uncertain(0.9) and not placewords.is_uncertain(None)
