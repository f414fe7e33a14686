#!/bin/sh
# test-valgrind.sh: every lesson through synack-cli under valgrind: no memory errors, no definitely lost bytes.
#
# Usage: test-valgrind.sh SYNACK-CLI   (exit 77 only when valgrind is missing)
set -u

cli=${1:-${SYNACK_CLI:-}}
if [ -z "$cli" ] || [ ! -x "$cli" ]; then
  echo "usage: $0 path/to/synack-cli" >&2
  exit 2
fi
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind is not installed: skipping"
  exit 77
fi

# GLib's slice allocator would hide leaks and fake others.
G_SLICE=always-malloc
G_DEBUG=gc-friendly
export G_SLICE G_DEBUG

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# valgrind runs one process on one core: run as many as there are cores.
jobs=$(nproc 2>/dev/null || echo 2)
runs=0

# check NAME EXPECTED-EXIT ARGS...: one run in the background; its verdict
# lands in $tmp/N.result. (--track-origins=yes helps to read a report, but
# doubles the time: add it by hand when there is one.)
check() {
  name=$1 expected=$2; shift 2
  runs=$((runs + 1))
  n=$runs
  (
    valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
      --show-leak-kinds=definite --suppressions="$here/valgrind-fontconfig.supp" --log-file="$tmp/$n.vg" \
      "$cli" "$@" >"$tmp/$n.out" 2>"$tmp/$n.err"
    status=$?
    if [ "$status" -eq 99 ]; then
      { echo "FAIL: $name: valgrind found errors:"; cat "$tmp/$n.vg"; } >"$tmp/$n.result"
    elif [ "$expected" != any ] && [ "$status" -ne "$expected" ]; then
      { echo "FAIL: $name: exit status $status, expected $expected"; cat "$tmp/$n.err"; } >"$tmp/$n.result"
    else
      echo "ok: $name" >"$tmp/$n.result"
    fi
  ) &
  if [ $((runs % jobs)) -eq 0 ]; then
    wait
  fi
}

presets=$("$cli" --list-presets | awk '{ print $1 }')
if [ -z "$presets" ]; then
  echo "FAIL: synack-cli --list-presets printed no lesson"
  exit 1
fi

# export arrives with the render layer: cover it as soon as it works.
has_export=no
if "$cli" export --help >/dev/null 2>&1; then
  has_export=yes
fi

# Every lesson once per output; an export under valgrind takes seconds, so
# the other formats only once.
for preset in $presets; do
  check "run --preset $preset" 0 run --preset "$preset"
  check "run --preset $preset --format json" 0 run --preset "$preset" --format json
  if [ "$has_export" = yes ]; then
    check "export --preset $preset -o $preset.png" 0 export --preset "$preset" -o "$tmp/$preset.png"
  fi
done
if [ "$has_export" = yes ]; then
  check "export --preset handshake -o handshake.svg" 0 export --preset handshake -o "$tmp/handshake.svg"
  check "export --preset handshake -o handshake.pdf --per-step" 0 \
    export --preset handshake -o "$tmp/handshake.pdf" --per-step
  check "export to a directory that does not exist" 1 export --preset handshake -o "$tmp/no/such/dir/x.png"
fi

# The paths that fail must free everything too.
check "--list-presets" 0 --list-presets
printf 'at 0 server listen 80\nat 0 client connect 80 repeat 200000000 every 1ms\n' >"$tmp/bad.synack"
check "run of a bad file" 2 run "$tmp/bad.synack"
check "run with a bad --set" 2 run --preset handshake --set loss=2
printf 'event-limit = 5\nat 0 server listen 80\nat 0 client connect 80\n' >"$tmp/limit.synack"
check "run stopped by the event limit" 1 run "$tmp/limit.synack" --set loss=50%
wait

failures=0
n=1
while [ $n -le $runs ]; do
  cat "$tmp/$n.result"
  grep -q '^FAIL' "$tmp/$n.result" && failures=$((failures + 1))
  n=$((n + 1))
done
echo "$runs runs under valgrind (export: $has_export), $failures failed"
[ "$failures" -eq 0 ]
