"""Property-based: any text in, a valid contract out, every offset exact."""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import contract, pipeline
from geo.ingest import articles_from_text, Metadata

SIDES = {"russia", "ukraine", "west", "other", "unknown"}

# News-like fragments mixed with arbitrary unicode so the rules see both.
fragments = st.sampled_from([
    "Kyiv", "Kiev", "Kharkiv", "the Kherson region", "Russia's Rostov region", "eastern Ukraine", " said ",
    " stated on Wednesday that ", "\u201c", "\u201d", '"', ", according to ", "Mayor ", "Zakharova", ".", "\n",
    "\r\n", "On December 20, ", "Telegram", "the West", " denied ", "Moscow", "'s", "  ", "\u0416\u0438\u0442\u043e\u043c\u0438\u0440",
])
texts = st.lists(st.one_of(fragments, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 1, 1))))
def test_any_text_gives_valid_contract(text, published):
    arts = articles_from_text(text, "h.txt", Metadata(published=published, outlet="Some Outlet"))
    ex = pipeline.extract(arts)
    doc = contract.to_json(ex)
    for a in ex.articles:
        assert 0 <= a.start <= a.end <= len(text)
    for p in doc["places"]:
        assert p["precision"] in {"point", "city", "admin1", "country", "area"}
        for m in p["mentions"]:
            assert 0 <= m["start"] < m["end"] <= len(text)
            assert text[m["start"]:m["end"]] == m["text"]
    for c in doc["claims"]:
        assert c["side"] in SIDES
        assert 0 <= c["start"] <= c["end"] <= len(text)
        assert text[c["start"]:c["end"]] == c["text"]
        for key in ("claim_date", "event_date"):
            assert c[key] is None or date.fromisoformat(c[key])
