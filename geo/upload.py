"""Uploaded files and pasted text -> Articles, with one message per unreadable input."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from .errors import InputError
from .ingest import read_upload
from .models import Article

log = logging.getLogger(__name__)
PASTE_NAME = "pasted text"


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


def collect(files: list[tuple[str, bytes]], pasted: str | None, meta: dict) -> UploadBatch:
    """Read every file and the pasted text; a bad one is reported and the rest still load."""
    batch = UploadBatch()
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
