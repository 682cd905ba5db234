"""Every kind of bad file, through `python -m geo extract` as a user would hit it.

Each bad file gets one stderr line naming it and the reason; every good file
still comes out; nothing crashes.
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.test_cli import check_contract, run_geo

GOOD = "Strike on Kharkiv\nThe mayor of Kharkiv said on Monday that three people were hurt.\n"


def _write_bad_dir(d: Path) -> dict[str, str]:
    """Files by name -> the word their error or warning must contain ('' = loads cleanly)."""
    d.mkdir(parents=True, exist_ok=True)
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b" \n\t \r\n")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with zipfile.ZipFile(d / "archive.txt", "w") as z:
        z.writestr("inner.txt", GOOD)
    (d / "utf16.txt").write_bytes(GOOD.replace("three", "two").encode("utf-16"))
    (d / "latin1.txt").write_bytes("Caf\xe9 bombed in Kharkiv\nThe mayor said on Monday it was hit.\n".encode("latin-1"))
    (d / "invalid_utf8.txt").write_bytes(b"\x00\xc3\x28\xa0\xa1 broken \x00\x00 bytes\xff\xfe\xfd" * 20)
    (d / "nul.txt").write_bytes(b"Kharkiv\x00\x00\x00 hit\x00 again" + b"\x00" * 100)
    (d / "badmeta.txt").write_text(GOOD.replace("three", "six"), encoding="utf-8")
    (d / "badmeta.meta.json").write_text("{broken", encoding="utf-8")
    (d / "future.txt").write_text(GOOD.replace("three", "four"), encoding="utf-8")
    (d / "future.meta.json").write_text(json.dumps({"published": "2999-01-01", "outlet_side": "aliens"}))
    (d / "impossible.txt").write_text(GOOD.replace("three", "five"), encoding="utf-8")
    (d / "impossible.meta.json").write_text(json.dumps({"published": "2024-13-45"}))
    return {
        "good.txt": "", "empty.txt": "empty", "blank.txt": "whitespace", "image.txt": "binary",
        "archive.txt": "binary", "utf16.txt": "UTF-16", "latin1.txt": "Windows-1252", "invalid_utf8.txt": "binary",
        "nul.txt": "binary", "badmeta.meta.json": "unreadable metadata", "future.meta.json": "future",
        "impossible.meta.json": "not a valid",
    }


def test_mixed_directory_of_good_and_bad_files(tmp_path):
    expected = _write_bad_dir(tmp_path / "in")
    r = run_geo("extract", str(tmp_path / "in"), "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    loaded = {Path(a["source"]).name for a in doc["articles"]}
    assert loaded == {"good.txt", "utf16.txt", "latin1.txt", "badmeta.txt", "future.txt", "impossible.txt"}
    lines = r.stderr.splitlines()
    for name, word in expected.items():
        if word:
            hits = [ln for ln in lines if name in ln and word in ln]
            assert len(hits) >= 1, (name, word, lines)
    assert "Traceback" not in r.stderr
    texts = {}
    for a in doc["articles"]:
        raw = Path(a["source"]).read_bytes()
        texts[a["source"]] = raw.decode("utf-16") if raw.startswith(b"\xff\xfe") else (
            raw.decode("utf-8") if Path(a["source"]).name != "latin1.txt" else raw.decode("cp1252"))
    check_contract(doc, texts)


@pytest.mark.timeout(600)
def test_huge_article_and_huge_line_do_not_crash(tmp_path):
    para = ("Russian forces shelled Kharkiv and the Kherson region overnight, the regional governor said on "
            "Telegram, while Moscow claimed its air defences downed drones over the Belgorod region. ")
    (tmp_path / "ten_mb.txt").write_text("Long report\n" + (para + "\n") * (10 * 1024 * 1024 // (len(para) + 1)))
    (tmp_path / "one_line.txt").write_text("Kyiv " + "x" * (1024 * 1024) + " Kharkiv said the mayor.")
    (tmp_path / "good.txt").write_text(GOOD)
    r = run_geo("extract", str(tmp_path), "--format", "json", timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    doc = json.loads(r.stdout)
    assert {Path(a["source"]).name for a in doc["articles"]} == {"ten_mb.txt", "one_line.txt", "good.txt"}
    assert "Traceback" not in r.stderr


def test_other_scripts_and_no_places(tmp_path):
    (tmp_path / "cyrillic.txt").write_text("Удар по Харкову\nМер Харкова заявив, що місто під атакою.\n")
    (tmp_path / "arabic.txt").write_text("قصف على حلب\nقال المحافظ إن المدينة تعرضت لهجوم.\n")
    (tmp_path / "noplace.txt").write_text("A quiet day\nNothing happened and nobody said anything at all.\n")
    r = run_geo("extract", str(tmp_path), "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert len(doc["articles"]) == 3
