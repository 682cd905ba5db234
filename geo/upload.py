"""Uploaded files and pasted text -> Articles, with one message per unreadable input.

Limits fit news text: a long article is tens of kilobytes. A batch beyond them is
refused whole, before anything is read, so nothing of it is stored.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from .errors import InputError
from .ingest import read_upload
from .models import Article

log = logging.getLogger(__name__)
PASTE_NAME = "pasted text"
MAX_FILE_MB = 5  # also server.maxUploadSize in .streamlit/config.toml (Streamlit's MB: 2**20 bytes)
MAX_FILE_BYTES = MAX_FILE_MB * 2**20
MAX_FILES = 100
MAX_PASTE_CHARS = 200_000  # a few dozen long articles; bigger texts go in as files
LIMITS_TEXT = f"up to {MAX_FILES} files per batch, {MAX_FILE_MB} MB each"


@dataclass
class UploadBatch:
    articles: list[Article] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files_read: int = 0


def upload_meta(outlet: str | None, published: date | None, url: str | None) -> dict:
    """The sidecar-shaped metadata the page's form supplies."""
    meta: dict = {}
    if outlet and outlet.strip():
        meta["outlet"] = outlet.strip()
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


def collect(files: list[tuple[str, bytes]], pasted: str | None, meta: dict) -> UploadBatch:
    """Read every file and the pasted text; a bad one is reported and the rest still load.

    A batch over the limits is refused whole (see ``over_limits``).
    """
    batch = UploadBatch()
    batch.errors = over_limits(files, pasted)
    if batch.errors:
        log.info("upload refused over the limits (%d file(s))", len(files))
        return batch
    inputs = list(files)
    if pasted and pasted.strip():
        inputs.append((PASTE_NAME, pasted.encode("utf-8")))
    seen: set[str] = set()
    for name, data in inputs:
        try:
            articles, warnings = read_upload(name, data, meta)
        except InputError as exc:
            log.info("upload rejected: %s", exc)
            batch.errors.append(str(exc))
            continue
        batch.files_read += 1
        batch.warnings.extend(warnings)
        if not articles:
            batch.errors.append(f"{name}: no article text found")
        for a in articles:
            if a.id not in seen:
                seen.add(a.id)
                batch.articles.append(a)
    return batch
