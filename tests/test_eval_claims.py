"""`geo eval-claims` on invented gold lines in both corpus formats, scored by the shared scorer."""
import json
import re
from pathlib import Path

import pytest

from geo import eval_claims

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
needs_scorer = pytest.mark.skipif(not (EVAL / "score_claims.py").exists(),
                                  reason="../shared/eval/score_claims.py is not beside the repository")

TEXT = ("Drone debris falls on port\n"
        "The port was closed on Monday, the Elbonian Defence Ministry said.\n"
        "Nobody was hurt in the fire.\n")


def _war_gold(tmp_path: Path) -> Path:
    s = TEXT.index("The port")
    e = TEXT.index(" said.") + len(" said")
    s2 = TEXT.index("Nobody")
    rec = {"id": "inv1", "outlet": "Daily Example", "published": "2025-03-12", "text": TEXT,
           "claims": [{"start": s, "end": e, "text": TEXT[s:e], "speaker": "Elbonian Defence Ministry",
                       "side": "other", "claim_date": None, "cue": "said"},
                      {"start": s2, "end": len(TEXT) - 1, "text": TEXT[s2:-1], "speaker": "Gus Vell",
                       "side": "west", "claim_date": None, "cue": "said"}]}
    p = tmp_path / "gold.jsonl"
    p.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    return p


@needs_scorer
def test_war_format_summary_cues_sides_and_errors(tmp_path, capsys):
    assert eval_claims.main([str(_war_gold(tmp_path)), "--errors"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^claims R=1\.000 speaker=0\.500 ", out.splitlines()[-1])
    assert "side confusion" in out and "by cue" in out
    assert "OUTLET" in out and "Nobody was hurt" in out  # the miss is listed with its sentence


@needs_scorer
def test_polnear_format(tmp_path, capsys):
    a = TEXT.index("The port")
    b = TEXT.index(", the Elbonian")
    src = TEXT.index("the Elbonian")
    rec = {"id": "inv2", "outlet": "Daily Example", "published": "2025-03-12", "text": TEXT,
           "attributions": [{"source": [[src, src + 31, TEXT[src:src + 31]]], "cue": [[b + 32, b + 36, "said"]],
                             "content": [[a, b, TEXT[a:b]]]}]}
    p = tmp_path / "pol.jsonl"
    p.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    assert eval_claims.main([str(p)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("attribution R=1.000 speaker=1.000")
