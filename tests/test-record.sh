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

# The first two SYNs lost: the nftables sets count to the second of a
# kind, and the third SYN (2 s later, where the timers' ticks are far
# inside the tolerance) gets through.
printf 'delay = 50ms\nat 0 server listen 80\nat 0 client connect 80\nat 3s client close\n%s\n%s\n' \
  'lose client SYN #1' 'lose client SYN #2' >"$out/two-syns.synack"

# Lessons whose retransmissions wait for fixed timers: a data or FIN
# retransmission waits for an RTO from the kernel's RTT samples, which a
# busy machine makes vary by more than the tolerance from one run to the
# next (the committed captures check those).
for lesson in handshake refused lost-syn "$out/two-syns.synack"; do
  case $lesson in
    */*) scenario=$lesson; name=two-syns; set -- "$scenario" ;;
    *) name=$lesson; set -- --preset "$lesson" ;;
  esac
  "$cli" record "$@" -o "$out/$name.pcap" 2>"$out/$name.err"
  status=$?
  if [ $status -eq 77 ]; then
    if [ "$(id -u)" -eq 0 ]; then
      echo "root, and still no network namespace:"; cat "$out/$name.err"; exit 1
    fi
    echo "not root: cannot make a network namespace"; exit 77
  fi
  if [ $status -ne 0 ]; then
    echo "$name: record failed ($status):"; cat "$out/$name.err"; exit 1
  fi
  "$cli" compare "$out/$name.pcap" "$@" || exit 1
done

# The kernel's options with each of its option sysctls turned off are
# the simulation's (the comparison checks their kinds, MSS and WS).
for set in timestamps=off sack=off window-scaling=off; do
  "$cli" record --preset handshake --set "$set" -o "$out/$set.pcap" 2>"$out/$set.err" ||
    { echo "handshake with $set: record failed:"; cat "$out/$set.err"; exit 1; }
  "$cli" compare "$out/$set.pcap" --preset handshake --set "$set" || exit 1
done
