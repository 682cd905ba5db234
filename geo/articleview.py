"""The whole article, with every claim and every place mention marked in it.

A claim card says where the words stand; this view shows them among the rest
of the story, so a reader can judge what the card leaves out. All article text
is escaped before any mark is added, and marks are opened and closed within
each piece of text between two boundaries, so overlapping spans (a place
inside a claim, a quote inside a reported sentence) always nest.
"""
from __future__ import annotations

import re
from typing import Callable
from urllib.parse import urlparse

import pandas as pd

from .palette import SIDE_COLORS, SIDE_LABELS
from .panel import esc, side_chip

TITLE_CHARS = 90
_PATHLIKE = re.compile(r"(^|[\\/])[^\\/\s]+\.(txt|json|html?)$|[\\/]", re.I)


def display_title(title: object, body: str = "") -> str:
    """A headline for a reader: the article's title, else its first sentence, clipped; never a path."""
    text = str(title).strip() if isinstance(title, str) else ""
    if text and not _PATHLIKE.search(text):
        return text
    first = body.strip().split("\n", 1)[0].strip()
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0] if first else ""
    if not sentence:
        return "Untitled article"
    return sentence if len(sentence) <= TITLE_CHARS else sentence[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def safe_url(url: object) -> str | None:
    """The article's address when it is a plain http(s) URL (never javascript: or data:), else None."""
    if not isinstance(url, str) or not url.strip():
        return None
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in ("http", "https") and parsed.netloc else None


def marked_text(text: str, start: int, end: int, claims: list[dict], mentions: list[dict],
                focus: str | None = None) -> str:
    """``text[start:end]`` escaped, in paragraphs, with claims in ``<mark>`` and places in spans.

    ``claims``: dicts with claim_id, start, end, side, speaker, cue; ``mentions``:
    dicts with start, end and ``label`` (the place in words). ``focus`` names the
    claim the reader came from.
    """
    cuts = {start, end} | {i + 1 for i in range(start, end) if text[i] == "\n"} | \
        {i for i in range(start, end) if text[i] == "\n"}
    spans = [(max(start, int(c["start"])), min(end, int(c["end"])), "claim", c) for c in claims] + \
            [(max(start, int(m["start"])), min(end, int(m["end"])), "place", m) for m in mentions]
    spans = [s for s in spans if s[0] < s[1]]
    for s, e, _, _ in spans:
        cuts.update((s, e))
    points = sorted(c for c in cuts if start <= c <= end)
    out = ["<p>"]
    for a, b in zip(points, points[1:]):
        piece = text[a:b]
        if piece == "\n":
            out.append("</p><p>")
            continue
        html_piece = esc(piece)
        for s, e, kind, item in spans:
            if kind == "place" and s <= a and b <= e:
                html_piece = f'<span class="place-mention" title="{esc(item.get("label"))}">{html_piece}</span>'
                break
        for s, e, kind, item in spans:
            if kind == "claim" and s <= a and b <= e:
                side = str(item.get("side") or "unknown")
                who = item.get("speaker") or "unattributed"
                title = f"{who} ({SIDE_LABELS.get(side, side)})" + (f" · {item['cue']}" if item.get("cue") else "")
                focus_class = " focus" if focus and item.get("claim_id") == focus else ""
                html_piece = (f'<mark class="claim side-{esc(side)}{focus_class}" '
                              f'data-claim-id="{esc(item.get("claim_id"))}" title="{esc(title)}">{html_piece}</mark>')
                break
        out.append(html_piece)
    out.append("</p>")
    return "".join(out).replace("<p></p>", "")


ARTICLE_CSS = "<style>" + """
.article-view{font-family:serif;font-size:0.95rem;max-height:640px;overflow-y:auto;line-height:1.45}
.article-view .meta{font-family:sans-serif;color:#555;font-size:0.8rem}
.article-view .place-mention{border-bottom:2px dotted #555}
.article-view .chip{color:#fff;border-radius:0.6rem;padding:0 0.45rem;font-size:0.75rem}
.article-view mark.claim{padding:0 1px;border-radius:2px}
.article-view mark.claim.focus{outline:2px solid #111}
""" + "".join(f".article-view mark.side-{s}{{background:{c}33}}" for s, c in SIDE_COLORS.items()) + "</style>"


def article_html(meta: dict, text: str, start: int, end: int, claims: pd.DataFrame, mentions: pd.DataFrame,
                 place_label: Callable[[str], str], focus: str | None = None) -> str:
    """The article view: headline, outlet, date, its address, and the marked story."""
    body = text[start:end]
    title = display_title(meta.get("title"), body)
    url = safe_url(meta.get("url"))
    link = (f' · <a class="source-link" href="{esc(url)}" target="_blank" rel="noopener noreferrer">'
            f"original article ↗</a>") if url else " · no address known"
    outlet = esc(meta.get("outlet")) or "unknown outlet"
    published = esc(meta.get("published")) or "no date"
    sides = summary_chips(claims)
    claim_rows = claims.to_dict("records") if len(claims) else []
    mention_rows = [{"start": m["start"], "end": m["end"], "label": place_label(m["place_id"])}
                    for m in (mentions.to_dict("records") if len(mentions) else [])]
    return (f'{ARTICLE_CSS}<div class="article-view" data-article-id="{esc(meta.get("article_id"))}">'
            f"<h4>{esc(title)}</h4>"
            f'<div class="meta">{outlet} · {published}{link}</div>'
            f'<div class="meta">{len(claim_rows)} claim(s) marked, {len(mention_rows)} place mention(s) '
            f"underlined {sides}</div>"
            f"{marked_text(text, start, end, claim_rows, mention_rows, focus)}</div>")


def summary_chips(claims: pd.DataFrame) -> str:
    if claims.empty:
        return ""
    counts = claims["side"].value_counts()
    return " ".join(f"{side_chip(s)} {int(counts[s])}" for s in SIDE_LABELS if s in counts)


def with_display_titles(claims: pd.DataFrame, leads: pd.DataFrame) -> pd.DataFrame:
    """The claims with ``display_title``: the article's title, else its first sentence (never a path)."""
    if claims.empty:
        return claims.assign(display_title=pd.Series([], dtype=str))
    lead = dict(zip(leads["article_id"], leads["lead"])) if len(leads) else {}
    titles = {aid: display_title(title, lead.get(aid) or "")
              for aid, title in zip(claims["article_id"], claims["title"])}
    return claims.assign(display_title=claims["article_id"].map(titles))
