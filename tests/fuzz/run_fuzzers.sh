#!/usr/bin/env bash
# Runs the three libFuzzer harnesses side by side for SECONDS, on corpora it seeds first (docs/FUZZING.md):
#   ingest_fuzzer     a generated property world as the base; one seed per file of it, and one per file of the
#                     bad-input fixture worlds, in place of its namesake;
#   snapshot_fuzzer   snapshots of the base world and of the first random fixtures;
#   directory_fuzzer  the base world's directory blocks, which the harness writes itself.
# Usage: run_fuzzers.sh BUILD_DIR SHARED_DIR WORK_DIR SECONDS. Exits non-zero when a harness finds something;
# its reproducer is left in WORK_DIR (crash-*, leak-*, timeout-*, oom-*).
set -euo pipefail
build=$(realpath "$1") shared=$(realpath "$2") work=$(realpath -m "$3") seconds=$4
cli=$build/cli/tenantreach
rm -rf "$work"
for harness in ingest snapshot directory; do mkdir -p "$work/$harness-seeds" "$work/$harness-corpus"; done

world=$work/world
"$cli" generate --preset property --seed 7 -o "$world" >/dev/null
mapfile -t files < <(cd "$world" && find . -type f -printf '%P\n' | LC_ALL=C sort)
# A seed is one byte naming the file (its index in sorted order), then the text that replaces it.
seed() {  # index text-file name
  { printf "\\$(printf '%03o' "$1")"; cat "$2"; } >"$work/ingest-seeds/$3"
}
for i in "${!files[@]}"; do
  seed "$i" "$world/${files[$i]}" "file-$i"
done
n=0
while IFS= read -r broken; do
  for i in "${!files[@]}"; do
    if [ "${files[$i]##*/}" = "${broken##*/}" ]; then seed "$i" "$broken" "bad-$((n++))"; break; fi
  done
done < <(find "$shared/fixtures/bad-input" -path '*/world/tenants/*' -type f | LC_ALL=C sort)

"$cli" compile "$world" -o "$work/snapshot-seeds/property.snap" >/dev/null
for fixture in $(ls -d "$shared"/fixtures/random/*/ | head -n 3); do
  "$cli" compile "$fixture/world" -o "$work/snapshot-seeds/$(basename "$fixture").snap" >/dev/null
done

cd "$work"
common=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1)
# The three run side by side, each logging to its own file, which is printed when it ends.
TENANTREACH_FUZZ_WORLD=$world "$build/tests/fuzz/ingest_fuzzer" "${common[@]}" ingest-corpus ingest-seeds \
  >ingest.log 2>&1 &
ingest=$!
TENANTREACH_FUZZ_WORLD=$world TENANTREACH_FUZZ_SEEDS=$work/directory-seeds "$build/tests/fuzz/directory_fuzzer" \
  "${common[@]}" directory-corpus directory-seeds >directory.log 2>&1 &
directory=$!
status=0
"$build/tests/fuzz/snapshot_fuzzer" "${common[@]}" snapshot-corpus snapshot-seeds >snapshot.log 2>&1 || status=1
wait "$ingest" || status=1
wait "$directory" || status=1
for log in ingest.log snapshot.log directory.log; do echo "== $log"; grep -v -E '^#[0-9]+\s+(NEW|REDUCE)' "$log"; done
exit "$status"
