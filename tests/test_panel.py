"""The place panel's HTML: escaped text, the claim in <mark>, paragraph context."""
from __future__ import annotations

from geo.panel import claim_card, highlighted_paragraph, paragraph_bounds


TEXT = "Headline\nFirst paragraph here.\nShe said <b>that</b> & more happened.\nLast one.\n"


def test_paragraph_bounds_stop_at_lines_and_story():
    s = TEXT.index("<b>")
    p = paragraph_bounds(TEXT, s, s + 11)
    assert TEXT[p.start:p.end] == "She said <b>that</b> & more happened."
    p = paragraph_bounds(TEXT, s, s + 11, story_start=s - 4, story_end=s + 15)
    assert (p.start, p.end) == (s - 4, s + 15)


def test_highlight_escapes_then_marks():
    s = TEXT.index("<b>")
    out = highlighted_paragraph(TEXT, s, s + len("<b>that</b>"))
    assert out == "She said <mark>&lt;b&gt;that&lt;/b&gt;</mark> &amp; more happened."


def test_long_paragraph_is_clipped_with_ellipses():
    text = "x" * 2000 + "CLAIM" + "y" * 2000
    out = highlighted_paragraph(text, 2000, 2005)
    assert out.startswith("…") and out.endswith("…") and "<mark>CLAIM</mark>" in out
    assert len(out) < 1400


def test_card_without_article_text_still_escapes():
    row = {"claim_id": "c<1>", "text": "<script>x</script>", "speaker": None, "side": "weird\"side",
           "start": 0, "end": 5, "event_date": float("nan"), "claim_date": None}
    out = claim_card(row, None)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "unattributed" in out and "undated" in out and 'data-side="weird&quot;side"' in out


def test_side_summary_lists_sides_by_count():
    from geo.panel import side_summary

    out = side_summary({"russia": 1, "ukraine": 3, "west": 0})
    assert out.index('data-side="ukraine"') < out.index('data-side="russia"') and "west" not in out


def test_md_text_shows_markdown_literally():
    from geo.panel import md_text

    out = md_text("[x](javascript:alert(1)) **b** $x$ :smile: <b>")
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in out
    assert "\\*\\*b\\*\\*" in out and "\\$x\\$" in out and "\\<b\\>" in out
    assert md_text(None) == ""
