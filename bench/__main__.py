"""``python -m bench [--quick] [SECTION...]``: run the benchmark sections, print and record them."""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
import time
import traceback

from . import report
from .common import OUT, ROOT, Config, SectionResult
from .machine import machine_info

SECTIONS = {
    "gazetteer": "bench.gazetteer_load",
    "throughput": "bench.throughput",
    "parallel": "bench.parallel_ingest",
    "mapscale": "bench.mapscale",
    "firstmap": "bench.firstmap",
    "pagescale": "bench.pagescale",
}
NOTES = ROOT / "bench" / "FINDINGS.md"


def run_section(name: str, cfg: Config) -> SectionResult:
    """One section; its failure is recorded and never stops the others."""
    t0 = time.perf_counter()
    try:
        res = importlib.import_module(SECTIONS[name]).run(cfg)
    except Exception:  # noqa: BLE001 - a bench section must not take the suite down
        res = SectionResult(name, error=traceback.format_exc())
    res.seconds = time.perf_counter() - t0
    return res


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("sections", nargs="*", metavar="SECTION",
                   help=f"any of: {', '.join(SECTIONS)} (default: all)")
    p.add_argument("--quick", action="store_true", help="smaller sizes, for a fast look")
    args = p.parse_args(argv)
    unknown = [s for s in args.sections if s not in SECTIONS]
    if unknown:
        p.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    names = args.sections or list(SECTIONS)
    cfg = Config(quick=args.quick)
    machine = machine_info()
    print("machine: " + "; ".join(f"{k} {v}" for k, v in machine.items()), flush=True)
    results = []
    for name in names:
        print(f"[bench] {name} ...", flush=True)
        res = run_section(name, cfg)
        if res.error:
            print(f"[bench] {name} FAILED:\n{res.error}", file=sys.stderr, flush=True)
        else:
            print(f"[bench] {name} done in {res.seconds:.0f} s", flush=True)
        results.append(res)
    print()
    print(report.console(results))
    extra = NOTES.read_text(encoding="utf-8") if NOTES.exists() else ""
    full = set(names) == set(SECTIONS)
    out = ROOT / "bench" / "RESULTS.md" if full and not args.quick else OUT / f"RESULTS-{'-'.join(names)}{'-quick' if args.quick else ''}.md"
    report.write(out, report.markdown(results, machine, args.quick, extra))
    print(f"\nwritten: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
