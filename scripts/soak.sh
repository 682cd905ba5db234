#!/usr/bin/env bash
# Run the whole suite N times on a fresh clone while K CPU burners run beside it.
#
#   scripts/soak.sh [N] [K]        (make soak N=3 K=2)
#
# The clone is `git clone` of this repository's committed HEAD into a temp dir
# (uncommitted changes are not in it). It reuses this checkout's .venv by symlink,
# never installing into it or touching it (SOAK_VENV=own makes the clone build its
# own with `make install`, which needs the network), and copies the built, gitignored
# assets (static/, data/gazetteer.bin) when they exist here; otherwise `make test` in
# the clone builds them. Each run is `make test` in the clone, as a new user runs it.
#
# Burners are `timeout`-bounded busy loops started afresh for each run: they stop by
# themselves after SOAK_BURN_SECONDS (default 1800) even if this script is killed,
# and are stopped by their pids when the run ends. Nice the whole soak
# (`nice -n 15 make soak ...`) on a shared machine: burners inherit it, so the load
# inside the soak stays honest. Prints pass/fail and the time of each run; exits 0
# only if every run passed. Logs stay in the printed directory.
set -uo pipefail

N=${1:-3}
K=${2:-2}
BURN_SECONDS=${SOAK_BURN_SECONDS:-1800}
SRC=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/claims-soak.XXXXXX")
CLONE=$WORK/clone
LOGS=$WORK/logs
mkdir -p "$LOGS"

burners=()
stop_burners() {
  for pid in "${burners[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${burners[@]}"; do wait "$pid" 2>/dev/null; done
  burners=()
}
trap stop_burners EXIT
trap 'stop_burners; exit 130' INT TERM

MAKE_OPTS=()
git clone -q "$SRC" "$CLONE" || { echo "soak: git clone of $SRC failed" >&2; exit 2; }
echo "soak: $N run(s), $K burner(s), clone of $(git -C "$CLONE" rev-parse --short HEAD) in $CLONE"
if [ "${SOAK_VENV:-share}" = own ]; then
  make -C "$CLONE" install >"$LOGS/install.log" 2>&1 || { echo "soak: make install failed, see $LOGS/install.log" >&2; exit 2; }
else
  [ -x "$SRC/.venv/bin/python" ] || { echo "soak: no $SRC/.venv (run make install, or SOAK_VENV=own)" >&2; exit 2; }
  ln -s "$SRC/.venv" "$CLONE/.venv"
  # The clone's requirements.txt is newer than the shared stamp: never reinstall into the
  # shared venv, nor rebuild on its account (no touching it either: other checkouts use it).
  MAKE_OPTS+=(-o .venv/.installed)
fi
if [ -f "$SRC/static/.vendored" ] && [ -f "$SRC/static/.regions" ] && [ -s "$SRC/data/gazetteer.bin" ]; then
  cp -r "$SRC/static" "$CLONE/static"
  cp "$SRC/data/gazetteer.bin" "$CLONE/data/gazetteer.bin"
  touch "$CLONE/static/.vendored" "$CLONE/static/.regions" "$CLONE/data/gazetteer.bin"
fi

passed=0
for i in $(seq 1 "$N"); do
  for _ in $(seq 1 "$K"); do
    timeout "$BURN_SECONDS" bash -c 'while :; do :; done' &
    burners+=($!)
  done
  load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
  start=$(date +%s)
  make -C "$CLONE" "${MAKE_OPTS[@]}" test >"$LOGS/run$i.log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  stop_burners
  summary=$(grep -E '^[0-9]+ (passed|failed)|(passed|failed|error).* in [0-9.]+s' "$LOGS/run$i.log" | tail -1)
  if [ $rc -eq 0 ]; then passed=$((passed + 1)); verdict=PASS; else verdict=FAIL; fi
  printf 'run %d/%d: %s in %dm%02ds (load at start %s) %s\n' "$i" "$N" "$verdict" $((secs / 60)) $((secs % 60)) \
    "${load:-?}" "${summary:-(no pytest summary; see $LOGS/run$i.log)}"
done

echo "soak: $passed of $N runs passed; logs in $LOGS"
if [ "$passed" -eq "$N" ]; then
  rm -rf "$CLONE"
  exit 0
fi
echo "soak: the clone is kept for inspection: $CLONE (test-artifacts/ has the screenshots)"
exit 1
