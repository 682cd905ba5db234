"""What a bench section reports, and small measuring helpers."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
OUT = ROOT / "bench" / "out"  # gitignored: profiles, temp stores


@dataclass
class Row:
    """One measured figure: ours against a baseline in the same run.

    ``ratio`` is oriented so that bigger is better for us (a speed-up, a
    throughput ratio) unless ``lower_is_better`` says otherwise (a slowdown
    factor such as 10k-claim map time / 100-claim map time).
    """

    section: str
    metric: str
    ours: float
    baseline: float | None
    unit: str
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""


@dataclass
class SectionResult:
    name: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


@dataclass
class Config:
    quick: bool = False

    def size(self, full: int, quick: int) -> int:
        return quick if self.quick else full


def speedup(baseline: float, ours: float) -> float:
    return baseline / ours if ours > 0 else float("inf")


def median(xs: list[float]) -> float:
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def run_json_subprocess(code: str, timeout: float = 300) -> dict:
    """Run Python code in a fresh interpreter (repo on sys.path); it prints one JSON line last."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"subprocess failed ({proc.returncode}): {proc.stderr.strip()[-800:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


class Timer:
    """``with Timer() as t: ...`` then ``t.s`` wall seconds and ``t.cpu`` CPU seconds of this process.

    CPU time is what in-process, single-machine comparisons use: other
    programs busy on the same cores stretch wall time, not CPU time.
    """

    def __enter__(self) -> "Timer":
        self._t0, self._c0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.s = time.perf_counter() - self._t0
        self.cpu = time.process_time() - self._c0
