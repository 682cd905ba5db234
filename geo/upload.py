"""Uploaded files and pasted text -> Articles, with one message per unreadable input.

Limits fit news text: a long article is tens of kilobytes. A batch beyond them is
refused whole, before anything is read, so nothing of it is stored.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date

from .errors import InputError
from .ingest import read_upload
from .models import Article
from .readable import why_unreadable

log = logging.getLogger(__name__)
PASTE_NAME = "pasted text"
MAX_FILE_MB = 5  # also server.maxUploadSize in .streamlit/config.toml (Streamlit's MB: 2**20 bytes)
MAX_FILE_BYTES = MAX_FILE_MB * 2**20
MAX_FILES = 100
MAX_PASTE_CHARS = 200_000  # a few dozen long articles; bigger texts go in as files
LIMITS_TEXT = f"up to {MAX_FILES} files per batch, {MAX_FILE_MB} MB each"
SIDECAR_SUFFIX = ".meta.json"


@dataclass
class UploadBatch:
    articles: list[Article] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files_read: int = 0


def upload_meta(outlet: str | None, published: date | None, url: str | None, outlet_side: str | None = None) -> dict:
    """The sidecar-shaped metadata the page's form supplies (the default for every file
    that brings no ``.meta.json`` value of its own)."""
    meta: dict = {}
    if outlet and outlet.strip():
        meta["outlet"] = outlet.strip()
    if outlet_side:
        meta["outlet_side"] = outlet_side
    if published:
        meta["published"] = published.isoformat()
    if url and url.strip():
        meta["url"] = url.strip()
    return meta


def over_limits(files: list[tuple[str, bytes]], pasted: str | None) -> list[str]:
    """One message per limit the batch breaks; empty when it may be read."""
    problems: list[str] = []
    if len(files) > MAX_FILES:
        problems.append(f"too many files ({len(files)}; at most {MAX_FILES} per batch). "
                        "Nothing was added: add them in smaller batches.")
    for name, data in files:
        if len(data) > MAX_FILE_BYTES:
            problems.append(f"{name}: too large ({len(data) / 2**20:.1f} MB; at most {MAX_FILE_MB} MB per file). "
                            "Nothing was added.")
    if pasted and len(pasted) > MAX_PASTE_CHARS:
        problems.append(f"the pasted text is too long ({len(pasted):,} characters; at most {MAX_PASTE_CHARS:,}). "
                        "Nothing was added: upload it as a .txt file instead.")
    return problems


def pair_sidecars(files: list[tuple[str, bytes]]) -> tuple[list[tuple[str, bytes, dict]], list[str], list[str]]:
    """Texts with the metadata of their ``NAME.meta.json`` chosen beside them.

    Returns (name, bytes, sidecar fields) per text, errors (a sidecar without its text,
    a file that is neither) and warnings (an unreadable sidecar: its text loads without it).
    """
    texts = [(n, d) for n, d in files if not n.lower().endswith(SIDECAR_SUFFIX)]
    sidecars = {n[: -len(SIDECAR_SUFFIX)]: (n, d) for n, d in files if n.lower().endswith(SIDECAR_SUFFIX)}
    errors: list[str] = []
    warnings: list[str] = []
    paired: list[tuple[str, bytes, dict]] = []
    for name, data in texts:
        if name.lower().endswith(".json"):
            errors.append(f"{name}: a .json file must be a sidecar named like its text (NAME{SIDECAR_SUFFIX} "
                          "beside NAME.txt)")
            continue
        stem = name[:-4] if name.lower().endswith(".txt") else name
        fields: dict = {}
        if stem in sidecars:
            side_name, side_data = sidecars.pop(stem)
            try:
                fields = json.loads(side_data.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                warnings.append(f"{side_name}: unreadable metadata ({str(exc)[:120]}); {name} loaded without it")
                fields = {}
            if not isinstance(fields, dict):
                warnings.append(f"{side_name}: metadata is not a JSON object; {name} loaded without it")
                fields = {}
        paired.append((name, data, fields))
    for side_name, _ in sidecars.values():
        errors.append(f"{side_name}: no text file {side_name[: -len(SIDECAR_SUFFIX)]}.txt chosen with it")
    return paired, errors, warnings


def collect(files: list[tuple[str, bytes]], pasted: str | None, meta: dict) -> UploadBatch:
    """Read every file and the pasted text; a bad one is reported and the rest still load.

    Each text takes the fields of its own sidecar, and the form's ``meta`` for the rest.
    A text the pipeline cannot read (another language, no sentences) is not added, and
    its message says why. A batch over the limits is refused whole (see ``over_limits``).
    """
    batch = UploadBatch()
    batch.errors = over_limits(files, pasted)
    if batch.errors:
        log.info("upload refused over the limits (%d file(s))", len(files))
        return batch
    inputs, batch.errors, batch.warnings = pair_sidecars(list(files))
    if pasted and pasted.strip():
        inputs.append((PASTE_NAME, pasted.encode("utf-8"), {}))
    seen: set[str] = set()
    for name, data, fields in inputs:
        try:
            articles, warnings = read_upload(name, data, {**meta, **{k: v for k, v in fields.items()
                                                                     if v not in (None, "")}})
        except InputError as exc:
            log.info("upload rejected: %s", exc)
            batch.errors.append(str(exc))
            continue
        batch.files_read += 1
        batch.warnings.extend(warnings)
        if not articles:
            batch.errors.append(f"{name}: no article text found")
        readable = [a for a in articles if not _refuse(batch, name, a)]
        for a in readable:
            if a.id not in seen:
                seen.add(a.id)
                batch.articles.append(a)
    return batch


def _refuse(batch: UploadBatch, name: str, article: Article) -> bool:
    """Record why the pipeline cannot read ``article`` (True), or let it through (False)."""
    reason = why_unreadable(article.body)
    if reason is None:
        return False
    story = f" (story “{article.title[:60]}”)" if article.title else ""
    batch.errors.append(f"{name}{story}: not added: {reason}")
    return True
