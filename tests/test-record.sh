#!/bin/sh
# test-record.sh: records lessons on this machine's own TCP with
# `synack-cli record` and compares each capture with the simulation. Needs
# root (or CAP_NET_ADMIN); skips (77) only when not root.
set -u
cli=${SYNACK_CLI:?}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# A script real sockets cannot run is refused by line, before any set-up,
# and leaves no file.
printf 'at 0 server listen 80\nat 0 client connect 80\nduplicate client SYN #1 after 1s\n' >"$out/dup.synack"
"$cli" record "$out/dup.synack" -o "$out/dup.pcap" 2>"$out/dup.err"
status=$?
if [ $status -ne 2 ] || ! grep -q 'line 3' "$out/dup.err" || [ -e "$out/dup.pcap" ]; then
  echo "not refused clearly (status $status):"; cat "$out/dup.err"; exit 1
fi

# lost-last-ack loses the second of its kind: the counting sets.
for lesson in handshake lost-fin lost-data lost-last-ack; do
  "$cli" record --preset "$lesson" -o "$out/$lesson.pcap" 2>"$out/$lesson.err"
  status=$?
  if [ $status -eq 77 ]; then
    if [ "$(id -u)" -eq 0 ]; then
      echo "root, and still no network namespace:"; cat "$out/$lesson.err"; exit 1
    fi
    echo "not root: cannot make a network namespace"; exit 77
  fi
  if [ $status -ne 0 ]; then
    echo "$lesson: record failed ($status):"; cat "$out/$lesson.err"; exit 1
  fi
  # Without netem the capture has the loopback's own delay: compare at 0.
  "$cli" compare "$out/$lesson.pcap" --preset "$lesson" --set delay=0 || exit 1
done
