"""Export the filtered view as CSV and GeoJSON.

CSV cells that a spreadsheet would run as a formula (starting with = + - @,
or a tab/CR that some programs strip first) are prefixed with a single quote:
article text is untrusted input.
"""
from __future__ import annotations

import json
import math
from typing import Iterable, Iterator

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXPORT_COLUMNS = [
    "claim_id", "text", "speaker", "speaker_role", "side", "cue", "is_quote", "stance",
    "claim_date", "claim_date_precision", "event_date", "event_date_end", "event_date_precision",
    "title", "outlet", "outlet_side", "published", "url", "source", "article_id", "start", "end", "place_ids",
]


def defuse_cell(value: object) -> object:
    """Neutralise spreadsheet formulas in one cell; other values pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _plain(claims: pd.DataFrame) -> pd.DataFrame:
    out = claims.reindex(columns=EXPORT_COLUMNS).copy()
    out["place_ids"] = [";".join(ids) if isinstance(ids, list) else "" for ids in out["place_ids"]]
    return out


def to_csv(claims: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM so spreadsheet programs detect the encoding) of the claims."""
    return b"".join(csv_chunks([claims]))


def csv_chunks(frames: Iterable[pd.DataFrame]) -> Iterator[bytes]:
    """``to_csv`` a chunk of claims at a time (the header and BOM once): an export of a
    million claims never holds them all (geo.storeview.claim_chunks reads them in chunks)."""
    first = True
    for claims in frames:
        out = _plain(claims)
        for col in out.columns:
            if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
                out[col] = out[col].map(defuse_cell)
        text = out.to_csv(index=False, header=first)
        yield text.encode("utf-8-sig") if first else text.encode("utf-8")
        first = False
    if first:
        yield pd.DataFrame(columns=EXPORT_COLUMNS).to_csv(index=False).encode("utf-8-sig")


def _jsonable(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def to_geojson(claims: pd.DataFrame, places: pd.DataFrame) -> bytes:
    """A FeatureCollection: one Point per (claim, place), with the claim's fields as properties."""
    return b"".join(geojson_chunks([claims], places))


def geojson_chunks(frames: Iterable[pd.DataFrame], places: pd.DataFrame) -> Iterator[bytes]:
    """``to_geojson`` a chunk of claims at a time, byte for byte the same document."""
    by_id = {r.place_id: r for r in places.itertuples(index=False)}
    yield b'{"type": "FeatureCollection", "features": ['
    first = True
    for claims in frames:
        features = [json.dumps(f, ensure_ascii=False) for f in _features(claims, by_id)]
        if features:
            yield ((", " if not first else "") + ", ".join(features)).encode("utf-8")
            first = False
    yield b"]}"


def _features(claims: pd.DataFrame, by_id: dict) -> Iterator[dict]:
    for row in _plain(claims).to_dict("records"):
        for pid in [p for p in str(row["place_ids"]).split(";") if p]:
            place = by_id.get(pid)
            if place is None:
                continue
            props = {k: _jsonable(v) for k, v in row.items()}
            props.update(place_id=pid, place_name=place.name, place_precision=place.precision,
                         country_code=_jsonable(place.country_code))
            yield {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(place.lon), float(place.lat)]},
                "properties": props,
            }
