#!/usr/bin/env bash
# Times one command under two builds, alternating them RUNS times, and prints the medians of each: CPU time
# (perf stat's task-clock, user + system of the process and its threads), wall time and peak RSS (/usr/bin/time).
# Alternating spreads whatever else the machine does over both builds. Every %s in the arguments is replaced by
# that build's input (a snapshot of its own format, or a world directory).
#   bench/alternate.sh RUNS OLD_BINARY OLD_INPUT NEW_BINARY NEW_INPUT ARGUMENTS...
#   bench/alternate.sh 15 old/tenantreach M.v6.snap build/cli/tenantreach M.v7.snap explain %s <user> <resource>
# Needs perf (Debian's linux-perf) and GNU time.
set -euo pipefail
[ $# -ge 6 ] || { sed -n '2,7p' "$0" >&2; exit 2; }
runs=$1 old_binary=$2 old_input=$3 new_binary=$4 new_input=$5
shift 5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for ((i = 0; i < runs; i++)); do
  for side in old new; do
    if [ "$side" = old ]; then binary=$old_binary input=$old_input; else binary=$new_binary input=$new_input; fi
    arguments=()
    for argument in "$@"; do arguments+=("${argument//%s/$input}"); done
    /usr/bin/time -f '%e %M' -o "$work/time" perf stat -x, -e task-clock -o "$work/perf" \
      "$binary" "${arguments[@]}" > /dev/null
    echo "$(grep task-clock "$work/perf" | cut -d, -f1) $(cat "$work/time")" >> "$work/$side"
  done
done
for side in old new; do
  python3 - "$side" "$work/$side" <<'PY'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[2]) if line.strip()]
median = lambda column: statistics.median(row[column] for row in rows)
print(f"{sys.argv[1]}: CPU {median(0):.1f} ms, wall {median(1):.3f} s, peak RSS {median(2) / 1024:.0f} MB, {len(rows)} runs")
PY
done
