"""HTML for the place panel: claim cards with the claim highlighted in its paragraph.

Everything that comes from an article (text, speaker, titles, outlet) is
escaped first; only then is the claim's span wrapped in ``<mark>``. The page
renders the result with ``st.html`` (no Markdown pass over article text).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Callable

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


def highlighted_spans(text: str, spans: list[tuple[int, int]], story_start: int = 0,
                      story_end: int | None = None) -> str:
    """Escaped paragraph around all ``spans`` (claims of one paragraph), each in ``<mark>``."""
    spans = sorted((int(a), int(b)) for a, b in spans)
    para = paragraph_bounds(text, spans[0][0], max(b for _, b in spans), story_start, story_end)
    out = ["…" if para.start > 0 and text[para.start - 1] != "\n" else ""]
    pos = para.start
    for a, b in spans:
        a, b = max(pos, min(a, para.end)), max(pos, min(b, para.end))
        if b <= a:
            continue
        out.append(esc(text[pos:a]) + f"<mark>{esc(text[a:b])}</mark>")
        pos = b
    out.append(esc(text[pos:para.end]) + ("…" if para.end < len(text) and text[para.end] != "\n" else ""))
    return "".join(out)


def _line_key(text: str, start: int, story_start: int, story_end: int) -> tuple[int, int]:
    """The (start, end) of the line holding ``start``: claims on one line share one paragraph."""
    lo = max(text.rfind("\n", story_start, start) + 1, story_start)
    hi = text.find("\n", start, story_end)
    return lo, story_end if hi < 0 else hi


def _links(row: dict, article: tuple[str, int, int] | None, article_href: Callable[[str, str], str] | None) -> str:
    from .articleview import display_title, safe_url

    title = row.get("display_title") or display_title(
        row.get("title"), article[0][article[1]:article[2]] if article else str(row.get("text") or ""))
    outlet = f"{esc(row.get('outlet'))} · " if row.get("outlet") else ""
    parts = [f'{outlet}<span class="title">{esc(title)}</span>']
    if article_href is not None:
        parts.append(f'<a class="article-link" href="{esc(article_href(str(row.get("article_id")), str(row.get("claim_id"))))}"'
                     f' target="_self">read the whole article</a>')
    url = safe_url(row.get("url"))
    if url:
        parts.append(f'<a class="source-link" href="{esc(url)}" target="_blank" rel="noopener noreferrer">'
                     "original ↗</a>")
    return " · ".join(parts)


def _who(row: dict) -> str:
    speaker = esc(row.get("speaker")) or "<i>unattributed</i>"
    role = f' <span class="role">{esc(row.get("speaker_role"))}</span>' if row.get("speaker_role") else ""
    cue = f' <span class="cue">{esc(row.get("cue"))}</span>' if row.get("cue") else ""
    quote = " (quote)" if row.get("is_quote") else ""
    return f'<div class="who">{side_chip(str(row.get("side") or "unknown"))} <b>{speaker}</b>{role}{cue}{quote}</div>'


def claim_group(rows: list[dict], article: tuple[str, int, int] | None,
                article_href: Callable[[str, str], str] | None = None) -> str:
    """Claims standing in one paragraph of one article: who and when for each, then the
    paragraph once with all of them marked, and where it comes from."""
    rows = [{k: _clean(v) for k, v in row.items()} for row in rows]
    heads = []
    for row in rows:
        words = "" if article else f'<blockquote class="claim-text">{esc(row.get("text"))}</blockquote>'
        heads.append(f'<div class="claim" data-claim-id="{esc(row.get("claim_id"))}">{_who(row)}'
                     f'<div class="when">{_date_line(row)}</div>{words}</div>')
    if article:
        text, a_start, a_end = article
        context = highlighted_spans(text, [(int(r["start"]), int(r["end"])) for r in rows], a_start, a_end)
    else:
        context = "".join(f"<mark>{esc(r.get('text'))}</mark> " for r in rows).strip()
    return (f'<div class="claim-group">{"".join(heads)}<div class="context">{context}</div>'
            f'<div class="src">{_links(rows[0], article, article_href)}</div></div>')


def claim_card(row: dict, article: tuple[str, int, int] | None,
               article_href: Callable[[str, str], str] | None = None) -> str:
    """One claim: who, which side, cue, dates, the words in their paragraph, and its sources."""
    return claim_group([row], article, article_href)


def grouped_cards(claims: pd.DataFrame, article_text, cache: dict,
                  article_href: Callable[[str, str], str] | None = None) -> list[str]:
    """Claim groups in the order of ``claims``: claims of one paragraph share one group
    (placed where its first claim comes), so a paragraph is never repeated."""
    groups: dict[tuple, list[dict]] = {}
    for row in claims.to_dict("records"):
        aid = row["article_id"]
        if aid not in cache:
            cache[aid] = article_text(aid)
        article = cache[aid]
        key = (aid, _line_key(article[0], int(row["start"]), article[1], article[2])) if article else \
            (aid, row.get("claim_id"))
        groups.setdefault(key, []).append(row)
    return [claim_group(rows, cache[key[0]], article_href) for key, rows in groups.items()]


def _day(value: object) -> str:
    try:
        return pd.Timestamp(value).strftime("%-d %b %Y") if not pd.isna(value) else ""
    except (TypeError, ValueError):
        return ""


def event_heading(event: dict, place_words: Callable[[str], str] | None = None) -> str:
    """"22 Dec 2024 · Kyiv, town in Ukraine · 2 claims · sides disagree"."""
    first, last = _day(event.get("start")), _day(event.get("end"))
    when = "undated" if not first else first if first == last else f"{first} – {last}"
    where = ", ".join(esc(place_words(p)) for p in event.get("place_ids", ())) if place_words else ""
    n = int(event.get("n_claims") or 0)
    parts = [f'<span class="event-when">{when}</span>'] + ([f'<span class="event-where">{where}</span>']
                                                             if where else [])
    parts.append(f"{n} claim{'s' if n != 1 else ''}")
    if event.get("disagree"):
        known_sides = [s for s in event.get("sides", ()) if s in SIDE_LABELS and s != "unknown"]
        why = "sides disagree" if len(known_sides) >= 2 else "a denial"
        parts.append(f'<span class="disagree">{why}</span>')
    return f'<div class="event-head">{" · ".join(parts)}</div>'


def event_html(event: dict, claims: pd.DataFrame, article_text, cache: dict,
               article_href: Callable[[str, str], str] | None = None,
               place_words: Callable[[str], str] | None = None) -> str:
    """One event: its heading, then a column per side with that side's claims, side by side."""
    columns = []
    present = [s for s in SIDE_LABELS if s in set(claims["side"])] if len(claims) else []
    for side in present:
        rows = claims[claims["side"] == side]
        cards = "".join(grouped_cards(rows, article_text, cache, article_href))
        columns.append(f'<div class="side-col" data-side="{esc(side)}"><div class="side-head">{side_chip(side)} '
                       f"{len(rows)}</div>{cards}</div>")
    disagree = "1" if event.get("disagree") else "0"
    return (f'<section class="event" data-event-id="{esc(event.get("event_id"))}" data-disagree="{disagree}">'
            f"{event_heading(event, place_words)}"
            f'<div class="event-sides" style="grid-template-columns:repeat({max(len(columns), 1)},minmax(0,1fr))">'
            f'{"".join(columns)}</div></section>')


PANEL_CSS = """<style>
.claims-panel{font-family:sans-serif;font-size:0.9rem;max-height:620px;overflow-y:auto}
.claims-panel .claim{border-bottom:1px solid #ddd;padding:0.5rem 0}
.claims-panel .chip{color:#fff;border-radius:0.6rem;padding:0 0.45rem;font-size:0.75rem}
.claims-panel .role,.claims-panel .cue,.claims-panel .when,.claims-panel .src{color:#555;font-size:0.8rem}
.claims-panel .cue{font-style:italic}
.claims-panel blockquote{margin:0.3rem 0;padding-left:0.6rem;border-left:3px solid #bbb}
.claims-panel .context{background:#fafafa;padding:0.3rem;font-size:0.8rem;color:#333}
.claims-panel mark{background:#ffe58a}
.claims-panel .claim-group{border-bottom:1px solid #ddd;padding:0.4rem 0}
.claims-panel .claim-group .claim{border:none;padding:0.15rem 0}
.claims-panel .event{border:1px solid #ccc;border-radius:6px;margin:0.5rem 0;padding:0.35rem 0.5rem}
.claims-panel .event-head{font-size:0.85rem;color:#333;margin-bottom:0.3rem}
.claims-panel .event-when{font-weight:600}
.claims-panel .disagree{background:#111;color:#fff;border-radius:0.6rem;padding:0 0.45rem;font-size:0.75rem}
.claims-panel .event-sides{display:grid;gap:0.6rem}
.claims-panel .side-head{border-bottom:2px solid #ccc;margin-bottom:0.2rem}
.claims-panel a{color:#1a4f8b}
</style>"""
# The events view below the map: the same look, under a class of its own (so a page test
# or a user style can tell the place panel from it).
EVENTS_CSS = PANEL_CSS.replace(".claims-panel", ".events-view").replace("max-height:620px", "max-height:1200px")


def side_summary(counts: dict[str, int]) -> str:
    """Chips with the number of claims per side, largest first ("who says things about here")."""
    items = sorted(((n, s) for s, n in counts.items() if n), key=lambda t: -t[0])
    return " ".join(f"{side_chip(s)} {n}" for n, s in items)


def panel_html(place_name: str, place_id: str, claims: pd.DataFrame, article_text, total: int | None = None,
               sides: dict[str, int] | None = None, events: list[tuple[dict, pd.DataFrame]] | None = None,
               article_href: Callable[[str, str], str] | None = None, where: str = "",
               place_words: Callable[[str], str] | None = None) -> str:
    """The whole panel for one place. ``article_text(article_id)`` is the store's lookup.

    With ``events`` (each an event row and its claims, newest first) the claims are
    shown per event, each side in its own column; without, as one list of claim
    groups. ``claims`` may be the first page of ``total`` claims; the heading counts
    them all, and ``sides`` (claims per side over all of them) is shown under it.
    """
    cache: dict[str, tuple[str, int, int] | None] = {}
    if events is not None:
        shown = sum(len(rows) for _, rows in events)
        body = "".join(event_html(ev, rows, article_text, cache, article_href, place_words) for ev, rows in events)
    else:
        shown = len(claims)
        body = "".join(grouped_cards(claims, article_text, cache, article_href))
    total = shown if total is None else total
    count = f"{total} claim{'s' if total != 1 else ''}"
    if total > shown:
        count += f", newest {shown} shown"
    if events is not None:
        count += f" in {len(events)} event{'s' if len(events) != 1 else ''}" if total <= shown else ""
    body = body or "<p>No claims at this place in the current view.</p>"
    where_html = f" <small>{esc(where)}</small>" if where else ""
    return (f'{PANEL_CSS}<div class="claims-panel" data-place-id="{esc(place_id)}">'
            f"<h4>{esc(place_name)}{where_html}</h4><div class=\"count\">{count}</div>"
            f'<div class="sides">{side_summary(sides or {})}</div>{body}</div>')
