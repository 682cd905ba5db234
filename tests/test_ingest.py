"""Ingest: decoding, sidecars, story splitting, content-hash ids, bad files."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.ingest import article_id, decode_bytes, load_paths, parse_metadata, read_upload, split_stories

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_0fecceb801dad062.txt"


def test_seed_splits_into_two_stories_without_teaser():
    res = load_paths([ROOT / "seeds"])
    assert not res.errors
    assert len(res.articles) == 2
    first, second = res.articles
    assert first.title.startswith("Moscow says foreign embassies")
    assert second.title == "Kharkiv hit by intense ballistic missile barrage from Russia"
    assert second.body.startswith("Kharkiv hit by")
    for a in res.articles:
        assert "Read more" not in a.body
        assert a.published == date(2024, 12, 25)
        assert a.outlet == "RT"
        assert a.text == SEED.read_text(encoding="utf-8")
        assert a.text[a.start:a.end] == a.body
    assert first.end <= second.start


def test_offsets_index_text_as_read_with_crlf(tmp_path):
    raw = "Headline about Kyiv today\r\nThe mayor said on Monday that things were calm.\r\n\r\nSecond para here.\r\n"
    f = tmp_path / "a.txt"
    f.write_bytes(raw.encode("utf-8"))
    (art,) = load_paths([f]).articles
    assert art.text == raw  # no newline translation
    assert art.text[art.start:art.end].startswith("Headline about Kyiv today\r\n")
    assert art.body.endswith("Second para here.")


def test_reingest_gives_same_ids(tmp_path):
    ids1 = [a.id for a in load_paths([ROOT / "seeds"]).articles]
    ids2 = [a.id for a in load_paths([ROOT / "seeds"]).articles]
    assert ids1 == ids2
    assert ids1[0] == article_id(load_paths([ROOT / "seeds"]).articles[0].body)


def test_single_story_without_headline_is_one_article():
    text = "Officials said the bridge was damaged. Repairs will take weeks.\nMore detail followed later in the day."
    (story,) = split_stories(text)
    assert story[:2] == (0, len(text))
    assert story[2] == ""


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\t\n", "whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"PK\x03\x04\x14\x00\x00\x00", "binary"),
        (b"abc\x00\x00\xff\xfe\x00def" * 10, "binary"),
    ],
)
def test_bad_bytes_are_refused_with_reason(data, reason):
    with pytest.raises(InputError) as exc:
        decode_bytes(data, "bad.txt")
    assert "bad.txt" in str(exc.value)
    assert reason in str(exc.value)


def test_utf16_and_latin1_are_decoded_with_warning():
    d = decode_bytes("Kyiv said hello".encode("utf-16"), "u16.txt")
    assert d.text == "Kyiv said hello" and d.warnings
    d = decode_bytes("Caf\xe9 in Kyiv, said the mayor.".encode("latin-1"), "l1.txt")
    assert d.text == "Café in Kyiv, said the mayor." and "not valid UTF-8" in d.warnings[0]


def test_directory_with_good_and_bad_files_loads_the_good(tmp_path):
    (tmp_path / "good.txt").write_text("Kyiv under attack\nThe mayor said the city was hit overnight.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    res = load_paths([tmp_path, tmp_path / "missing.txt"])
    assert [Path(a.source).name for a in res.articles] == ["good.txt"]
    names = sorted(Path(e.source).name for e in res.errors)
    assert names == ["empty.txt", "image.txt", "missing.txt"]


@pytest.mark.parametrize(
    "sidecar, warning",
    [
        ("{not json", "unreadable metadata"),
        (json.dumps({"published": "2024-02-30"}), "not a valid"),
        (json.dumps({"published": "2999-01-01"}), "future"),
        (json.dumps({"outlet_side": "martians"}), "outlet_side"),
        (json.dumps(["a", "list"]), "not a JSON object"),
    ],
)
def test_malformed_sidecar_warns_and_article_still_loads(tmp_path, sidecar, warning):
    (tmp_path / "a.txt").write_text("Strike reported\nThe governor said two people were hurt.\n")
    (tmp_path / "a.meta.json").write_text(sidecar)
    res = load_paths([tmp_path])
    assert len(res.articles) == 1 and not res.errors
    assert any(warning in w and "a.meta.json" in w for w in res.warnings)


def test_metadata_fields_are_validated():
    meta, warnings = parse_metadata({"published": "2024-12-25", "outlet": "TASS", "outlet_side": "russia"}, "m")
    assert meta.published == date(2024, 12, 25) and meta.outlet == "TASS" and meta.outlet_side == "russia"
    assert not warnings


def test_read_upload_uses_given_metadata():
    arts, _ = read_upload("paste", b"Kharkiv shelled\nThe mayor said it was hit.", {"outlet": "X", "published": "2024-01-05"})
    assert arts[0].outlet == "X" and arts[0].published == date(2024, 1, 5)


@pytest.mark.parametrize("line", [
    "CLICK HERE TO GET THE NEWS APP",
    "Minister Vows No Compromise https://t.co/abc123 — Daily Wire (@DailyWire) April 6, 2024",
    "Additional reporting by Ana Petrova",
    "CNN —",
])
def test_promo_tweet_credit_and_dateline_lines_start_no_story(line):
    from geo.ingest import split_stories

    text = ("Storm hits the coast\nThe storm hit the coast on Monday and cut power to thousands.\n"
            f"{line}\nRepairs will take a week, the utility said.\n")
    assert len(split_stories(text)) == 1
