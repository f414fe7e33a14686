#!/bin/sh
# run-fuzzer.sh: runs one libFuzzer target briefly from its seed corpus, as CI and `meson test --suite fuzz` do.
#
# Usage: run-fuzzer.sh FUZZER SECONDS WORK-DIR DICT SEED-DIR...
# New inputs go to WORK-DIR/corpus, never into the seed directories (the
# lessons are source files); a crash is kept as WORK-DIR/crash-* and printed.
set -u
fuzzer=$1 seconds=$2 work=$3 dict=$4
shift 4

mkdir -p "$work/corpus" || exit 1
rm -f "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*
# libFuzzer's own exit code for a crash is 77, which meson reads as "skipped".
"$fuzzer" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 -print_final_stats=1 \
  -error_exitcode=1 -timeout_exitcode=1 \
  -dict="$dict" -artifact_prefix="$work/" "$work/corpus" "$@" 2>"$work/fuzz.log"
status=$?
grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)|cov:' "$work/fuzz.log" | tail -3
for artifact in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
  [ -e "$artifact" ] || continue
  echo "=== $artifact (add it to tests/fuzz-regressions/ once fixed):"
  od -c "$artifact" | head -40
done
if [ $status -ne 0 ]; then
  tail -60 "$work/fuzz.log"
  status=1
fi
exit $status
