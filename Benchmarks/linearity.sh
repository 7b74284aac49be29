#!/usr/bin/env bash
# Does the cost grow linearly? `mailparse stats` on generated mailing-list mboxes of 100 MB and 1 GB (issue 6,
# must-show 4: 10× the input may take at most 11× the time), alternating, ROUNDS times (default 3).
#
#   Benchmarks/linearity.sh [-n ROUNDS] [MAILPARSE]
#
# Prints, for each size, the median wall and CPU (user + system) seconds and the peak RSS, then the ratios
# 1 GB ÷ 100 MB. The corpora are made once with the generator (seed 1) into Benchmarks/Generated/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
rounds=3
while getopts "n:h" opt; do
  case $opt in
    n) rounds=$OPTARG ;;
    *) echo "usage: $0 [-n ROUNDS] [MAILPARSE]" >&2; exit 64 ;;
  esac
done
shift $((OPTIND - 1))
default_bin=$here/../.build/static/release/mailparse
[ -x "$default_bin" ] || default_bin=$here/../.build/release/mailparse
mailparse=${1:-$default_bin}
[ -x "$mailparse" ] || { echo "no executable at $mailparse (run make release)" >&2; exit 66; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 69; }

(cd "$here" && swift build -c release --product generate-corpus >&2)
mkdir -p "$here/Generated"
small=$here/Generated/lists-100M-seed1.mbox
large=$here/Generated/lists-1G-seed1.mbox
[ -f "$small" ] || "$here/.build/release/generate-corpus" --mix lists --size 100M --seed 1 -o "$small" >&2
[ -f "$large" ] || "$here/.build/release/generate-corpus" --mix lists --size 1G --seed 1 -o "$large" >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/mailparse-linearity.XXXXXX")
trap 'rm -rf "$work"' EXIT
for _ in $(seq "$rounds"); do
  for name in small large; do
    file=${!name}
    /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$mailparse" stats "$file" >/dev/null
    cat "$work/t" >>"$work/$name"
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
wall_s=$(awk '{ print $1 }' "$work/small" | median); cpu_s=$(awk '{ print $2 + $3 }' "$work/small" | median)
wall_l=$(awk '{ print $1 }' "$work/large" | median); cpu_l=$(awk '{ print $2 + $3 }' "$work/large" | median)
rss_s=$(awk '{ print $4 }' "$work/small" | sort -n | tail -1); rss_l=$(awk '{ print $4 }' "$work/large" | sort -n | tail -1)
bytes_s=$(stat -c %s "$small"); bytes_l=$(stat -c %s "$large")
awk -v ws="$wall_s" -v cs="$cpu_s" -v wl="$wall_l" -v cl="$cpu_l" -v rs="$rss_s" -v rl="$rss_l" \
    -v bs="$bytes_s" -v bl="$bytes_l" -v r="$rounds" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  printf "mailparse stats, %d rounds (medians), load %s\n", r, load
  printf "100 MB: %.2f s wall, %.2f s CPU, peak RSS %.1f MiB\n", ws, cs, rs / 1024
  printf "1 GB:   %.2f s wall, %.2f s CPU, peak RSS %.1f MiB\n", wl, cl, rl / 1024
  printf "input x%.2f: wall x%.2f, CPU x%.2f (target <= 11)\n", bl / bs, wl / ws, cl / cs
}'
