"""Benchmarks: ``python -m bench [--quick] [SECTION...]``.

Every figure is a ratio against a baseline measured side by side in the same
run on the same machine, so the numbers say something on any laptop. Never
part of the pytest pass/fail: timings go to a table and ``bench/RESULTS.md``.
"""
