#!/bin/sh
# mbox -> Maildir conversion speed (issue #5, must-show 5), as ratios to references run alongside:
#
#   mdeliver -M DIR < MBOX          mblaze's mbox import, one fsync per message (durable reference)
#   mailparse convert MBOX DIR      durable (default)
#   mailparse convert --no-fsync    fast
#   limits split MBOX DIR           raw split into files, no fsync, no unescaping (speed-of-light)
#
# Each round runs the four into fresh directories, in an order rotated from round to round, with
# `sync` (untimed) before each run so that no run pays for the write-back of the one before.
# Nothing is deleted until the end (the outputs need ROUNDS x 4 x the mbox of disk): ext4 avoids
# reusing inodes freed in the last seconds (`recently_deleted()`), and creating files right after
# thousands were deleted scans them all (in `perf`, 70 % of a run's time went there, in whichever
# tool ran next). Prints messages/s per run, the
# medians, and the two ratios the issue asks for: durable / mdeliver (goal >= 2) and
# no-fsync / split (goal >= 0.7). Every run must deliver every message (checked by counting).
#
# usage: Benchmarks/convert.sh [MBOX] [ROUNDS]
#   MBOX    default Generated/lists-100M-seed1.mbox (make corpus / generate-corpus)
#   ROUNDS  default 5
# env: MAILPARSE (default the `make release` build, else ../.build/release/mailparse), LIMITS (default /tmp/mailparse-peers/limits,
#      from ../shared/peers/build.sh), MDELIVER (default mdeliver), WORK (scratch dir, default mktemp)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mbox=${1:-$here/Generated/lists-100M-seed1.mbox}
rounds=${2:-5}
default_bin=$here/../.build/static/release/mailparse
[ -x "$default_bin" ] || default_bin=$here/../.build/release/mailparse
mailparse=${MAILPARSE:-$default_bin}
limits=${LIMITS:-/tmp/mailparse-peers/limits}
mdeliver=${MDELIVER:-mdeliver}
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/convert-bench.XXXXXX")}
mkdir -p "$work"
trap 'rm -rf "$work"/run-*' EXIT

for tool in "$mailparse" "$limits"; do
  [ -x "$tool" ] || { echo "missing $tool (build it first)" >&2; exit 1; }
done
command -v "$mdeliver" >/dev/null || { echo "missing $mdeliver (apt-get install mblaze)" >&2; exit 1; }

cat "$mbox" >/dev/null  # into the page cache
expected=$("$mailparse" list "$mbox" | wc -l)
echo "mbox: $mbox ($(wc -c <"$mbox") bytes, $expected messages); rounds: $rounds"
echo "machine: $(nproc) cores, $(uname -sr), load before: $(cut -d' ' -f1-3 /proc/loadavg)"

now() { date +%s.%N; }

# run NAME: one timed run of tool NAME into $work/run-NAME-ROUND, appends "NAME msgs/s" to results.
run() {
  name=$1 dir=$work/run-$1-$i
  sync
  start=$(now)
  case $name in
    mdeliver) mkdir -p "$dir/new" "$dir/cur" "$dir/tmp" && "$mdeliver" -M "$dir" <"$mbox" >/dev/null ;;
    durable) "$mailparse" convert --quiet "$mbox" "$dir" --to maildir >/dev/null ;;
    no-fsync) "$mailparse" convert --quiet --no-fsync "$mbox" "$dir" --to maildir >/dev/null ;;
    split) "$limits" split "$mbox" "$dir" >/dev/null ;;
  esac
  end=$(now)
  got=$(( $(ls "$dir/new" | wc -l) + $(ls "$dir/cur" 2>/dev/null | wc -l) ))
  [ "$got" -eq "$expected" ] || { echo "$name delivered $got of $expected" >&2; exit 1; }
  rate=$(echo "$expected $start $end" | awk '{ printf "%.0f", $1 / ($3 - $2) }')
  echo "$name $rate" >>"$work/results"
  printf '  %-10s %8s msgs/s  (%.2f s)\n' "$name" "$rate" "$(echo "$start $end" | awk '{ print $2 - $1 }')"
}

: >"$work/results"
set -- mdeliver durable no-fsync split
i=1
while [ "$i" -le "$rounds" ]; do
  echo "round $i (load $(cut -d' ' -f1 /proc/loadavg))"
  for tool in "$@"; do run "$tool"; done
  first=$1; shift; set -- "$@" "$first"  # rotate the order
  i=$((i + 1))
done

median() { grep "^$1 " "$work/results" | cut -d' ' -f2 | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
m=$(median mdeliver); d=$(median durable); n=$(median no-fsync); s=$(median split)
echo "medians (msgs/s): mdeliver $m, durable $d, no-fsync $n, split $s"
echo "$d $m $n $s" | awk '{ printf "durable / mdeliver -M = %.2f (goal >= 2)\nno-fsync / split      = %.2f (goal >= 0.7)\n", $1 / $2, $3 / $4 }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
