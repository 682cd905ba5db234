"""Files and sidecars -> Articles.

Decodes bytes without touching newlines (offsets must index the text exactly
as read), reads the ``NAME.meta.json`` sidecar, splits a file that carries
several stories at their headline lines, and drops boilerplate such as a
trailing "Read more: ..." teaser.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable

from . import headlines
from .errors import InputError, MetadataError
from .models import SIDES, Article

MAX_BYTES = 50 * 1024 * 1024

# Lines that belong to no story: teasers, calls to action, share widgets.
_BOILERPLATE = re.compile(
    r"^\s*(read more|read also|also read|related|see also|more on this|subscribe|follow us|"
    r"share this|you can share this story|click here)\b\s*[:\-–—]?",
    re.IGNORECASE,
)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")

_BINARY_MAGIC = (b"\x89PNG", b"PK\x03\x04", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"\x7fELF", b"\x1f\x8b")


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, source: str) -> Decoded:
    """Bytes -> text. UTF-8 first; BOM-marked UTF-16 and legacy 8-bit text with a warning.

    Raises InputError for empty, binary or undecodable input.
    """
    if len(data) > MAX_BYTES:
        raise InputError(source, f"file is {len(data) // (1024 * 1024)} MB, more than the {MAX_BYTES // (1024 * 1024)} MB limit")
    if not data.strip():
        raise InputError(source, "file is empty" if not data else "file holds only whitespace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, f"not valid UTF-16 text ({exc.reason} at byte {exc.start})") from None
        return _checked(Decoded(text, "utf-16", [f"{source}: decoded as UTF-16 (not UTF-8)"]), source)
    if data.startswith(_BINARY_MAGIC):
        raise InputError(source, "binary file (not text)")
    try:
        text = data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
        return _checked(Decoded(text, "utf-8"), source)
    except UnicodeDecodeError as exc:
        utf8_error = f"not valid UTF-8 ({exc.reason} at byte {exc.start})"
    if b"\x00" in data:
        raise InputError(source, f"binary file (NUL bytes; {utf8_error})")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(source, utf8_error) from None
    decoded = _checked(Decoded(text, "cp1252", [f"{source}: {utf8_error}; decoded as Windows-1252/Latin-1"]), source)
    return decoded


def _checked(decoded: Decoded, source: str) -> Decoded:
    """Reject text that decoded but is mostly control characters (a binary blob)."""
    text = decoded.text
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f\v")
    if controls > max(8, len(sample) // 50):
        raise InputError(source, "binary file (control characters; not text)")
    if not text.strip():
        raise InputError(source, "file holds only whitespace")
    if "\x00" in text:
        decoded.warnings.append(f"{source}: NUL characters in text")
    return decoded


@dataclass
class Metadata:
    published: date | None = None
    outlet: str | None = None
    outlet_side: str | None = None
    url: str | None = None
    language: str = "en"


def parse_metadata(raw: dict, source: str, today: date | None = None) -> tuple[Metadata, list[str]]:
    """Validate a sidecar's fields. Bad fields are dropped with a warning, never guessed."""
    warnings: list[str] = []
    if not isinstance(raw, dict):
        raise MetadataError(source, "metadata is not a JSON object")
    meta = Metadata()
    pub = raw.get("published")
    if pub not in (None, ""):
        try:
            meta.published = date.fromisoformat(str(pub)[:10])
        except ValueError:
            warnings.append(f"{source}: published date {str(pub)[:40]!r} is not a valid YYYY-MM-DD date; ignored")
        else:
            if meta.published > (today or date.today()):
                warnings.append(f"{source}: published date {meta.published} is in the future; ignored")
                meta.published = None
    for key in ("outlet", "url", "language"):
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            warnings.append(f"{source}: {key} is not a string; ignored")
        elif value:
            setattr(meta, key, value.strip()[:500])
    side = raw.get("outlet_side")
    if side is not None:
        if side in SIDES:
            meta.outlet_side = side
        else:
            warnings.append(f"{source}: outlet_side {str(side)[:40]!r} is not one of {', '.join(SIDES)}; ignored")
    return meta, warnings


def read_sidecar(path: Path) -> tuple[Metadata, list[str]]:
    """``NAME.meta.json`` beside ``NAME.txt``; missing is fine, malformed is a warning."""
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.exists():
        return Metadata(), []
    try:
        raw = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return Metadata(), [f"{meta_path}: unreadable metadata ({str(exc)[:120]}); loaded without it"]
    try:
        return parse_metadata(raw, str(meta_path))
    except MetadataError as exc:
        return Metadata(), [f"{exc}; loaded without it"]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line's content, newline excluded."""
    spans = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        content = m.group().rstrip("\r\n")
        spans.append((m.start(), m.start() + len(content)))
    return spans


def split_stories(text: str) -> list[tuple[int, int, str]]:
    """Split a file into (start, end, title) stories.

    A story starts at a headline line (short, capitalised, no sentence-final
    punctuation) that is followed by body text; boilerplate lines belong to no
    story (a teaser after the last body line stays outside it; a promo line in
    the middle does not cut the story in two).
    """
    lines = [(s, e) for s, e in _lines(text) if text[s:e].strip()]
    width = headlines.wrap_width([text[s:e] for s, e in lines])
    stories: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        if _BOILERPLATE.match(line):
            continue  # belongs to no story; a story it interrupts goes on after it (a headline still splits)
        nxt = text[lines[i + 1][0]:lines[i + 1][1]] if i + 1 < len(lines) else ""
        starts_story = headlines.starts_story(line, nxt, width) and not _BOILERPLATE.match(nxt)
        if starts_story and current and any(not headlines.looks_like_headline(text[a:b]) for a, b in current):
            stories.append(current)
            current = []
        current.append((s, e))
    if current:
        stories.append(current)
    out = []
    for spans in stories:
        start, end = spans[0][0], spans[-1][1]
        first = text[spans[0][0]:spans[0][1]]
        title = first.strip() if headlines.looks_like_headline(first) and len(spans) > 1 else ""
        # Trim leading whitespace inside the span so the story starts at a character.
        while start < end and text[start].isspace():
            start += 1
        out.append((start, end, title))
    return out


def article_id(body: str) -> str:
    """Content hash of the story: the same text always gets the same id."""
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def articles_from_text(text: str, source: str, meta: Metadata | None = None) -> list[Article]:
    meta = meta or Metadata()
    arts = []
    for start, end, title in split_stories(text):
        body = text[start:end]
        arts.append(
            Article(
                id=article_id(body),
                source=source,
                text=text,
                start=start,
                end=end,
                title=title[:300],
                outlet=meta.outlet,
                outlet_side=meta.outlet_side or "unknown",
                published=meta.published,
                url=meta.url,
                language=meta.language,
            )
        )
    return arts


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_file(path: Path) -> tuple[list[Article], list[str]]:
    """One ``.txt`` file -> its articles and warnings. Raises InputError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file ({exc.strerror or exc})") from None
    decoded = decode_bytes(data, str(path))
    meta, meta_warnings = read_sidecar(path)
    return articles_from_text(decoded.text, str(path), meta), decoded.warnings + meta_warnings


def read_upload(name: str, data: bytes, meta: dict | None = None) -> tuple[list[Article], list[str]]:
    """Uploaded or pasted bytes with page-supplied metadata. Raises InputError."""
    decoded = decode_bytes(data, name)
    parsed, warnings = parse_metadata(meta or {}, name)
    return articles_from_text(decoded.text, name, parsed), decoded.warnings + warnings


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Files as given and every ``*.txt`` under directories, sorted for repeatable ids."""
    files: list[Path] = []
    errors: list[InputError] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*.txt") if q.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            errors.append(InputError(str(p), "no such file or directory"))
    return files, errors


def load_paths(paths: Iterable[str | Path]) -> LoadResult:
    """Read every file; a bad file is recorded and skipped, the rest still load."""
    files, errors = expand_paths(paths)
    result = LoadResult(errors=errors)
    seen: set[str] = set()
    for f in files:
        try:
            arts, warnings = read_file(f)
        except InputError as exc:
            result.errors.append(exc)
            continue
        result.warnings.extend(warnings)
        for a in arts:
            if a.id not in seen:
                seen.add(a.id)
                result.articles.append(a)
    return result
