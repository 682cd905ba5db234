"""`python -m geo eval-claims GOLD.jsonl [--errors] [--limit N]`: how claims fare on a gold corpus.

Runs the whole pipeline on either gold format of ``../shared/eval`` (war news
with speaker/side/date, or PolNeAR attributions) exactly as ``geo extract``
would on the files ``make_claims_dir.py`` writes, prints the shared scorer's
summary (``score_claims.py``, imported from beside the gold file, never
copied), then what the summary hides: coverage by cue word, a side confusion
table, the share of ``unknown`` sides, and with ``--errors`` each miss with
its sentence. Matching follows the scorer: a gold span is covered by the
predicted claim that overlaps it most, when that is half of it or more.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from . import evaluate
from .evaluate import read_gold

SCORER_NAME = "score_claims.py"
SIDES = ("russia", "ukraine", "west", "other", "unknown")


def load_scorer(gold: Path) -> ModuleType:
    return evaluate.load_scorer(gold, SCORER_NAME)


def extract_rows(rows: list[dict]) -> dict:
    """The contract JSON for the gold texts, read from files as a user's would be (text + sidecar)."""
    from . import contract, pipeline
    from .ingest import load_paths

    with tempfile.TemporaryDirectory() as d:
        for r in rows:
            Path(d, f"{r['id']}.txt").write_text(r["text"], encoding="utf-8", newline="")
            Path(d, f"{r['id']}.meta.json").write_text(
                json.dumps({"published": r.get("published"), "outlet": r.get("outlet")}), encoding="utf-8")
        result = load_paths([Path(d)])
        return json.loads(contract.dumps(pipeline.extract(result.articles)))


@dataclass
class Item:
    """One gold claim or attribution and what the prediction made of it."""

    article: str
    spans: list[tuple[int, int]]
    cue: str
    gold_speaker: str
    gold_side: str | None
    gold_date: str | None
    best: dict | None = None
    speaker_ok: bool | None = None


@dataclass
class Tally:
    items: list[Item] = field(default_factory=list)

    def covered(self) -> list[Item]:
        return [i for i in self.items if i.best is not None]


def _cue_word(cue: str) -> str:
    return " ".join(cue.lower().split()[-2:]) if cue.lower().startswith("according") else \
        (cue.lower().split() or ["?"])[-1]


def match(scorer: ModuleType, rows: list[dict], pred: dict) -> Tally:
    """Each gold item with its best predicted claim, by the scorer's own overlap rule."""
    amap = {str(a["id"]): scorer.stem(a.get("source")) for a in pred.get("articles") or []}
    by_art: dict[str, list[dict]] = defaultdict(list)
    for c in pred.get("claims") or []:
        if c["article_id"] in amap:
            by_art[amap[c["article_id"]]].append(c)
    t = Tally()
    for r in rows:
        rid = str(r["id"])
        claims = by_art.get(rid, [])
        if "attributions" in r:
            cands = [c for c in claims if (c.get("speaker_role") or "") != "outlet"]
            for a in r["attributions"]:
                t.items.append(Item(rid, [(s, e) for s, e, _ in a["content"]],
                                    " ".join(x[2] for x in a.get("cue") or []) or "?",
                                    " ".join(x[2] for x in a.get("source") or []), None, None))
        else:
            cands = claims
            for g in r.get("claims") or []:
                t.items.append(Item(rid, [(g["start"], g["end"])], g.get("cue") or "?", g.get("speaker") or "",
                                    g.get("side"), g.get("claim_date")))
        for it in t.items:
            if it.article != rid or it.best is not None:
                continue
            length = sum(e - s for s, e in it.spans)
            best, bo = None, 0
            for c in cands:
                o = sum(scorer.ov(s, e, int(c["start"]), int(c["end"])) for s, e in it.spans)
                if o > bo:
                    best, bo = c, o
            if best is not None and bo >= 0.5 * length:
                it.best = best
                if "attributions" in r:
                    gw = scorer.words(it.gold_speaker)
                    it.speaker_ok = bool(gw & scorer.words(f"{best.get('speaker') or ''} "
                                                           f"{best.get('speaker_role') or ''}")) if gw else None
                else:
                    it.speaker_ok = scorer.speaker_hit(it.gold_speaker, best)
    return t


def _print_cues(t: Tally, top: int) -> None:
    seen: Counter = Counter()
    hit: Counter = Counter()
    for it in t.items:
        w = _cue_word(it.cue)
        seen[w] += 1
        hit[w] += it.best is not None and (it.best.get("speaker_role") or "") != "outlet"
    print(f"\nby cue (gold cue word: attributed / all){'':4}")
    for w, n in seen.most_common(top):
        print(f"  {w:18} {hit[w]:4d}/{n:<4d} {hit[w] / n:5.2f}")


def _print_sides(t: Tally) -> None:
    cov = [i for i in t.covered() if i.gold_side]
    if not cov:
        return
    conf = Counter((i.gold_side, i.best.get("side") or "unknown") for i in cov)
    print("\nside confusion (rows gold, columns predicted, covered claims)")
    print("  " + " " * 9 + "".join(f"{s:>9}" for s in SIDES))
    for g in SIDES:
        print(f"  {g:9}" + "".join(f"{conf[(g, p)]:9d}" for p in SIDES))
    unknown = sum(1 for i in cov if (i.best.get("side") or "unknown") == "unknown")
    outlet = sum(1 for i in cov if i.best.get("speaker_role") == "outlet")
    print(f"  predicted unknown: {unknown}/{len(cov)} ({unknown / len(cov):.1%}); "
          f"covered only by the outlet's narrative: {outlet}/{len(cov)}")


def _sentence(text: str, s: int, e: int) -> str:
    lo = max(text.rfind("\n", 0, s) + 1, s - 200)
    hi = text.find("\n", e)
    hi = min(hi if hi != -1 else len(text), e + 200)
    return " ".join(text[lo:hi].split())


def _print_errors(t: Tally, rows: list[dict]) -> None:
    texts = {str(r["id"]): r["text"] for r in rows}
    print("\nerrors")
    for it in t.items:
        s, e = it.spans[0][0], it.spans[-1][1]
        b = it.best
        if b is None:
            why = "MISSED"
        elif b.get("speaker_role") == "outlet" and it.gold_speaker:
            why = "OUTLET"
        elif it.speaker_ok is False:
            why = "SPEAKER"
        elif it.gold_side and (b.get("side") or "unknown") != it.gold_side:
            why = "SIDE"
        elif it.gold_date and b.get("claim_date") != it.gold_date:
            why = "DATE"
        else:
            continue
        got = "" if b is None else (f"got speaker={b.get('speaker')!r} role={b.get('speaker_role')!r} "
                                     f"side={b.get('side')} cue={b.get('cue')!r} date={b.get('claim_date')}")
        print(f"- {why} [{it.article} {s}-{e}] gold speaker={it.gold_speaker!r} side={it.gold_side} "
              f"cue={it.cue!r} date={it.gold_date}\n    {got}\n    > {_sentence(texts[it.article], s, e)}")


def _print_extra(scorer: ModuleType, rows: list[dict], pred: dict) -> None:
    """Attributed predictions that overlap no gold span: what costs precision."""
    amap = {str(a["id"]): scorer.stem(a.get("source")) for a in pred.get("articles") or []}
    spans: dict[str, list[tuple[int, int]]] = {}
    for r in rows:
        if "attributions" in r:
            spans[str(r["id"])] = [(s, e) for a in r["attributions"] for k in ("content", "cue", "source")
                                   for s, e, _ in (a[k] or [])]
        else:
            spans[str(r["id"])] = [(g["start"], g["end"]) for g in r.get("claims") or []]
    texts = {str(r["id"]): r["text"] for r in rows}
    print("\nextra (attributed, overlapping no gold span)")
    for c in pred.get("claims") or []:
        rid = amap.get(c["article_id"])
        if rid is None or (c.get("speaker_role") or "") == "outlet":
            continue
        if not any(scorer.ov(s, e, c["start"], c["end"]) for s, e in spans.get(rid, [])):
            print(f"- EXTRA [{rid} {c['start']}-{c['end']}] speaker={c.get('speaker')!r} cue={c.get('cue')!r}\n"
                  f"    > {_sentence(texts[rid], c['start'], c['end'])}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m geo eval-claims", description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--limit", type=int, default=None, help="only the first N gold articles")
    ap.add_argument("--errors", action="store_true", help="print each miss with its sentence")
    ap.add_argument("--cues", type=int, default=25, help="how many cue words to list")
    ap.add_argument("--dump", type=Path, default=None, help="write the predictions (contract JSON) here")
    a = ap.parse_args(argv)

    rows = read_gold(a.gold, a.limit)
    scorer = load_scorer(a.gold)
    t0 = time.perf_counter()
    pred = extract_rows(rows)
    seconds = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as d:
        gold_path, pred_path = Path(d, "gold.jsonl"), Path(d, "pred.json")
        gold_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        pred_path.write_text(json.dumps(pred), encoding="utf-8")
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            scorer.main(str(gold_path), str(pred_path))
    if a.dump:
        a.dump.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    t = match(scorer, rows, pred)
    print(f"gold: {a.gold}  articles: {len(rows)}  predicted claims: {len(pred['claims'])}  "
          f"pipeline {seconds:.1f} s")
    if a.cues:
        _print_cues(t, a.cues)
    _print_sides(t)
    if a.errors:
        _print_errors(t, rows)
        _print_extra(scorer, rows, pred)
    print("\n" + buf.getvalue().strip())
    return 0
