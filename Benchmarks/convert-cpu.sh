#!/bin/sh
# Per-message cost of `convert --no-fsync` for one or more builds of the CLI, beside `limits split`
# (issue #5, must-show 5): where convert.sh gives messages/s and the ratios, this says where the
# time goes (user / system / elapsed µs per message, by /usr/bin/time), so that two builds can be
# compared in the same run on a machine whose load swings.
#
# Each round runs every BIN and then split, in that order, into fresh directories, with `sync`
# (untimed) before each run. As in convert.sh nothing is deleted until the end, so that no run
# pays for ext4's `recently_deleted()` scan after another's deletions. Prints the medians per
# tool (each column's median on its own) and the per-round elapsed ratios split / BIN.
#
# usage: Benchmarks/convert-cpu.sh [-r ROUNDS] [-m MBOX] BIN...
#   ROUNDS  default 5;  MBOX default Generated/lists-100M-seed1.mbox
# env: LIMITS (default /tmp/mailparse-peers/limits, from ../shared/peers/build.sh),
#      WORK (scratch dir, default mktemp)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
rounds=5 mbox=$here/Generated/lists-100M-seed1.mbox
while getopts r:m: opt; do
  case $opt in r) rounds=$OPTARG ;; m) mbox=$OPTARG ;; *) exit 64 ;; esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "usage: $0 [-r ROUNDS] [-m MBOX] BIN..." >&2; exit 64; }
limits=${LIMITS:-/tmp/mailparse-peers/limits}
[ -x "$limits" ] || { echo "missing $limits (build it first)" >&2; exit 1; }
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/convert-cpu.XXXXXX")}
mkdir -p "$work"
trap 'rm -rf "$work"/run-*' EXIT

cat "$mbox" >/dev/null  # into the page cache
n=$("$1" list "$mbox" | wc -l)
echo "mbox: $mbox ($n messages); rounds: $rounds; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

r=1
while [ "$r" -le "$rounds" ]; do
  k=0
  for bin in "$@" split; do
    k=$((k + 1)); dir=$work/run-$r-$k
    sync
    if [ "$bin" = split ]; then
      /usr/bin/time -f "%U %S %e" -a -o "$work/times.split" "$limits" split "$mbox" "$dir" >/dev/null
    else
      /usr/bin/time -f "%U %S %e" -a -o "$work/times.$k" "$bin" convert --quiet --no-fsync "$mbox" "$dir" --to maildir >/dev/null
    fi
  done
  r=$((r + 1))
done

# median COLUMN FILE: the column's median in µs per message.
median() { cut -d' ' -f"$1" "$2" | sort -n | awk -v n="$n" '{ v[NR] = $1 } END { printf "%6.1f", v[int((NR + 1) / 2)] / n * 1e6 }'; }
k=0
for bin in "$@" split; do
  k=$((k + 1)); f=$work/times.$k
  [ "$bin" = split ] && f=$work/times.split
  printf '%-40s user %s  sys %s  elapsed %s µs/msg' "$bin" "$(median 1 "$f")" "$(median 2 "$f")" "$(median 3 "$f")"
  [ "$bin" = split ] || printf '   split/this per round: %s' "$(paste -d' ' "$f" "$work/times.split" | awk '{ printf "%.2f ", $6 / $3 }')"
  echo
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
