"""The compiled GeoNames index. (stub: replaced by the geoparsing work)"""
from __future__ import annotations

from pathlib import Path

DEFAULT_INDEX = Path(__file__).resolve().parent.parent / "data" / "gazetteer.bin"


def build_index(out: Path = DEFAULT_INDEX) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"")
    return out


def load_index(path: Path | None = None):
    return None
