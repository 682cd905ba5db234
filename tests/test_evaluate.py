"""The eval harness on a few gold lines: both systems scored by the shared scorer, same run."""
import re
from pathlib import Path

import pytest

from geo import evaluate

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
GOLD = EVAL / "trnews_dev.jsonl"


@pytest.mark.skipif(not (GOLD.exists() and (EVAL / "score_geoparse.py").exists()),
                    reason="../shared/eval (gold file and scorer) is not beside the repository")
def test_eval_prints_ours_and_baseline(capsys, tmp_path):
    dump = tmp_path / "pred.json"
    assert evaluate.main([str(GOLD), "--subset", "core", "--limit", "3", "--dump", str(dump)]) == 0
    out = capsys.readouterr().out
    rows = {m.group(1): [float(x) for x in m.groups()[1:]]
            for m in re.finditer(r"^(ours|baseline)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", out, re.M)}
    assert set(rows) == {"ours", "baseline"}
    for p, r, f1, acc, secs in rows.values():
        assert 0 <= p <= 1 and 0 <= r <= 1 and 0 <= f1 <= 1 and 0 <= acc <= 1 and secs >= 0
    assert "F1 gain over baseline" in out and "F1=" in out.splitlines()[-1]
    assert dump.exists() and '"places"' in dump.read_text(encoding="utf-8")


def test_eval_dir_is_resolved_from_the_repo_root():
    assert evaluate.default_eval_dir() == Path(evaluate.__file__).resolve().parent.parent.parent / "shared" / "eval"


@pytest.mark.skipif(not (EVAL / "score_geoparse.py").exists(), reason="../shared/eval/score_geoparse.py is absent")
def test_blunders_lists_matched_mentions_far_from_gold_with_their_evidence(tmp_path):
    import json

    from geo.gazetteer import load_index

    text = "Missiles hit Kyiv and Lviv overnight, officials said."
    gold = {"id": "g1", "text": text, "toponyms": [
        {"start": 13, "end": 17, "name": "Kyiv", "lat": 50.45, "lon": 30.52},  # right
        {"start": 22, "end": 26, "name": "Lviv", "lat": 0.0, "lon": 0.0}]}     # a made-up far gold point
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    scorer = evaluate.load_scorer(path)
    articles = evaluate.gold_articles([gold])
    pred = evaluate.contract_json(articles, evaluate.run_ours(articles, load_index()))
    far = evaluate.find_blunders(scorer, path, pred, "core", 1000)
    assert [(b.text, b.gold) for b in far] == [("Lviv", "Lviv")]
    assert far[0].km > 5000 and "score" in far[0].evidence
    assert far[0].precision == "city"  # a town, not an area whose point is one point of a wide extent


@pytest.mark.skipif(not (EVAL / "score_geoparse.py").exists(), reason="../shared/eval/score_geoparse.py is absent")
def test_blunders_say_when_the_far_place_is_drawn_as_an_area(tmp_path):
    import json

    from geo.gazetteer import load_index

    text = "Floods hit eastern Ukraine on Monday."
    gold = {"id": "g1", "text": text, "toponyms": [
        {"start": 19, "end": 26, "name": "Ukraine", "lat": 0.0, "lon": 0.0}]}  # a made-up far gold point
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    scorer = evaluate.load_scorer(path)
    articles = evaluate.gold_articles([gold])
    pred = evaluate.contract_json(articles, evaluate.run_ours(articles, load_index()))
    far = evaluate.find_blunders(scorer, path, pred, "core", 1000)
    assert [(b.text, b.precision) for b in far] == [("eastern Ukraine", "area")]
