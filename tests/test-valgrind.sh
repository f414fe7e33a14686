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

# GLib's slice allocator and lazily built caches would hide or fake leaks.
G_SLICE=always-malloc
G_DEBUG=gc-friendly
export G_SLICE G_DEBUG

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

failures=0
runs=0

check() {
  name=$1; shift
  runs=$((runs + 1))
  if valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
       --show-leak-kinds=definite --track-origins=yes --log-file="$tmp/vg.log" \
       "$cli" "$@" >"$tmp/out" 2>"$tmp/err"; then
    echo "ok: $name"
  else
    status=$?
    failures=$((failures + 1))
    if [ "$status" -eq 99 ]; then
      echo "FAIL: $name: valgrind found errors:"
      cat "$tmp/vg.log"
    else
      echo "FAIL: $name: exit status $status"
      cat "$tmp/err"
    fi
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

for preset in $presets; do
  check "run --preset $preset" run --preset "$preset"
  check "run --preset $preset --format json" run --preset "$preset" --format json
  if [ "$has_export" = yes ]; then
    check "export --preset $preset -o $preset.png" export --preset "$preset" -o "$tmp/$preset.png"
    check "export --preset $preset -o $preset.svg" export --preset "$preset" -o "$tmp/$preset.svg"
  fi
done

# The paths that fail must free everything too.
check "--list-presets" --list-presets
printf 'at 0 server listen 80\nat 0 client connect 80 repeat 5000000 every 1ms\n' >"$tmp/bad.synack"
runs=$((runs + 1))
valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
  --log-file="$tmp/vg.log" "$cli" run "$tmp/bad.synack" >/dev/null 2>&1
if [ $? -eq 99 ]; then
  failures=$((failures + 1)); echo "FAIL: run of a bad file:"; cat "$tmp/vg.log"
else
  echo "ok: run of a bad file"
fi
printf 'event-limit = 100\nat 0 server listen 80\nat 0 client connect 80\n' >"$tmp/limit.synack"
runs=$((runs + 1))
valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
  --log-file="$tmp/vg.log" "$cli" run "$tmp/limit.synack" --set loss=50% >/dev/null 2>&1
if [ $? -eq 99 ]; then
  failures=$((failures + 1)); echo "FAIL: run stopped by the event limit:"; cat "$tmp/vg.log"
else
  echo "ok: run stopped by the event limit"
fi

echo "$runs runs under valgrind (export: $has_export), $failures failed"
[ "$failures" -eq 0 ]
