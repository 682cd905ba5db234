"""HTML for the place panel: claim cards with the claim highlighted in its paragraph.

Everything that comes from an article (text, speaker, titles, outlet) is
escaped first; only then is the claim's span wrapped in ``<mark>``. The page
renders the result with ``st.html`` (no Markdown pass over article text).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pandas as pd

from .palette import SIDE_COLORS, SIDE_LABELS

CONTEXT_CHARS = 600


def esc(value: object) -> str:
    """Escape any value for HTML; None and NaN become an empty string."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True)


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_text(value: object) -> str:
    """Backslash-escape Markdown (and Streamlit's $ maths, : emoji shortcodes) so untrusted
    text in a message or button label is shown literally, never as a link or markup."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", "" if value is None else str(value))


@dataclass(frozen=True)
class Paragraph:
    """The paragraph around a span: ``text[start:end]``, clipped to the story."""

    start: int
    end: int


def paragraph_bounds(text: str, span_start: int, span_end: int, story_start: int = 0,
                     story_end: int | None = None, limit: int = CONTEXT_CHARS) -> Paragraph:
    """The line(s) holding ``[span_start, span_end)``, at most ``limit`` chars each side."""
    story_end = len(text) if story_end is None else story_end
    span_start = max(story_start, min(span_start, story_end))
    span_end = max(span_start, min(span_end, story_end))
    start = max(text.rfind("\n", story_start, span_start) + 1, story_start)
    end = text.find("\n", span_end, story_end)
    end = story_end if end < 0 else end
    return Paragraph(max(start, span_start - limit), min(end, span_end + limit))


def highlighted_paragraph(text: str, span_start: int, span_end: int, story_start: int = 0,
                          story_end: int | None = None) -> str:
    """Escaped paragraph with the claim in ``<mark>``; ellipses where it was clipped."""
    para = paragraph_bounds(text, span_start, span_end, story_start, story_end)
    s = max(para.start, min(span_start, para.end))
    e = max(s, min(span_end, para.end))
    before = ("…" if para.start > 0 and text[para.start - 1] != "\n" else "") + esc(text[para.start:s])
    after = esc(text[e:para.end]) + ("…" if para.end < len(text) and text[para.end] != "\n" else "")
    return f"{before}<mark>{esc(text[s:e])}</mark>{after}"


def _clean(value: object) -> object:
    """Missing values from a DataFrame (NaN, NaT, pd.NA) become None."""
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):  # lists and other containers
        return value


def side_chip(side: str) -> str:
    color = SIDE_COLORS.get(side, SIDE_COLORS["unknown"])
    label = SIDE_LABELS.get(side, side)
    return (f'<span class="chip" style="background:{color}" data-side="{esc(side)}">'
            f"{esc(label)}</span>")


def _date_line(row: dict) -> str:
    parts = []
    if row.get("claim_date"):
        parts.append(f"said {esc(row['claim_date'])}")
    if row.get("event_date"):
        span = esc(row["event_date"])
        if row.get("event_date_end") and row["event_date_end"] != row["event_date"]:
            span += f"–{esc(row['event_date_end'])}"
        prec = f" ({esc(row['event_date_precision'])})" if row.get("event_date_precision") else ""
        parts.append(f"event {span}{prec}")
    if not parts:
        parts.append("undated")
    if row.get("published"):
        parts.append(f"published {esc(row['published'])}")
    return " · ".join(parts)


def claim_card(row: dict, article: tuple[str, int, int] | None) -> str:
    """One claim: who, which side, cue, dates, the words, and the paragraph around them."""
    row = {k: _clean(v) for k, v in row.items()}
    speaker = esc(row.get("speaker")) or "<i>unattributed</i>"
    role = f' <span class="role">{esc(row.get("speaker_role"))}</span>' if row.get("speaker_role") else ""
    cue = f' <span class="cue">{esc(row.get("cue"))}</span>' if row.get("cue") else ""
    quote = " (quote)" if row.get("is_quote") else ""
    source = esc(row.get("title")) or esc(row.get("source"))
    outlet = f"{esc(row.get('outlet'))} · " if row.get("outlet") else ""
    if article:  # the claim in its paragraph; the words alone only when the article is missing
        text, a_start, a_end = article
        words = ""
        context = highlighted_paragraph(text, int(row["start"]), int(row["end"]), a_start, a_end)
    else:
        words = f'<blockquote class="claim-text">{esc(row.get("text"))}</blockquote>'
        context = f"<mark>{esc(row.get('text'))}</mark>"
    return (
        f'<div class="claim" data-claim-id="{esc(row.get("claim_id"))}">'
        f'<div class="who">{side_chip(str(row.get("side") or "unknown"))} <b>{speaker}</b>{role}{cue}{quote}</div>'
        f'<div class="when">{_date_line(row)}</div>'
        f"{words}"
        f'<div class="context">{context}</div>'
        f'<div class="src">{outlet}{source}</div>'
        "</div>"
    )


PANEL_CSS = """<style>
.claims-panel{font-family:sans-serif;font-size:0.9rem;max-height:620px;overflow-y:auto}
.claims-panel .claim{border-bottom:1px solid #ddd;padding:0.5rem 0}
.claims-panel .chip{color:#fff;border-radius:0.6rem;padding:0 0.45rem;font-size:0.75rem}
.claims-panel .role,.claims-panel .cue,.claims-panel .when,.claims-panel .src{color:#555;font-size:0.8rem}
.claims-panel .cue{font-style:italic}
.claims-panel blockquote{margin:0.3rem 0;padding-left:0.6rem;border-left:3px solid #bbb}
.claims-panel .context{background:#fafafa;padding:0.3rem;font-size:0.8rem;color:#333}
.claims-panel mark{background:#ffe58a}
</style>"""


def side_summary(counts: dict[str, int]) -> str:
    """Chips with the number of claims per side, largest first ("who says things about here")."""
    items = sorted(((n, s) for s, n in counts.items() if n), key=lambda t: -t[0])
    return " ".join(f"{side_chip(s)} {n}" for n, s in items)


def panel_html(place_name: str, place_id: str, claims: pd.DataFrame, article_text, total: int | None = None,
               sides: dict[str, int] | None = None) -> str:
    """The whole panel for one place. ``article_text(article_id)`` is the store's lookup.

    ``claims`` may be the first page of ``total`` claims; the heading counts them
    all, and ``sides`` (claims per side over all of them) is shown under it.
    """
    cards = []
    cache: dict[str, tuple[str, int, int] | None] = {}
    for row in claims.to_dict("records"):
        aid = row["article_id"]
        if aid not in cache:
            cache[aid] = article_text(aid)
        cards.append(claim_card(row, cache[aid]))
    total = len(cards) if total is None else total
    count = f"{total} claim{'s' if total != 1 else ''}"
    if total > len(cards):
        count += f", newest {len(cards)} shown"
    body = "".join(cards) or "<p>No claims at this place in the current view.</p>"
    return (f'{PANEL_CSS}<div class="claims-panel" data-place-id="{esc(place_id)}">'
            f"<h4>{esc(place_name)} <small>{count} · {esc(place_id)}</small></h4>"
            f'<div class="sides">{side_summary(sides or {})}</div>{body}</div>')
