#!/usr/bin/env bash
# Start-up cost: one process per message, as pipelines run it (issue 6, must-show 5).
#
#   Benchmarks/startup.sh [-n ROUNDS] [-m MESSAGES] [MAILPARSE]
#
# Cuts MESSAGES (default 1000) single-message files out of a generated mailing-list mbox, then times, in
# alternating rounds (default 5), a shell loop that runs `mshow -t FILE` (Debian mblaze, installed if missing)
# and one that runs `mailparse dump FILE` on each file. Prints the median per-process time of each and the
# ratio mailparse ÷ mshow, plus one `mailparse dump FILE…` over all the files (many files, one process).
#
# MAILPARSE defaults to the statically linked build `make release` makes (.build/static/release/mailparse);
# a dynamically linked build is much slower to start (see README.md in this folder).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
rounds=5
count=1000
usage() { echo "usage: $0 [-n ROUNDS] [-m MESSAGES] [MAILPARSE]" >&2; exit 64; }
while getopts "n:m:h" opt; do
  case $opt in
    n) rounds=$OPTARG ;;
    m) count=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
mailparse=${1:-$here/../.build/static/release/mailparse}
[ -x "$mailparse" ] || { echo "no executable at $mailparse (run make release)" >&2; exit 66; }

. "$here/need.sh"
need mshow mblaze

work=$(mktemp -d "${TMPDIR:-/tmp}/mailparse-startup.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$here" && swift build -c release --product generate-corpus >&2)
"$here/.build/release/generate-corpus" --mix lists --size 16M --seed 1 -o "$work/lists.mbox" >&2
"$mailparse" convert --no-fsync --quiet "$work/lists.mbox" "$work/maildir" >&2
mkdir "$work/files"
find "$work/maildir/new" "$work/maildir/cur" -type f | sort | awk -v n="$count" 'NR <= n' | {
  n=0
  while read -r f; do n=$((n + 1)); mv "$f" "$work/files/$n.eml"; done
}
files=("$work"/files/*.eml)
[ "${#files[@]}" -eq "$count" ] || { echo "only ${#files[@]} messages cut" >&2; exit 65; }

# Nanoseconds for one loop over every file with the given command.
loop() {
  local start end
  start=$(date +%s%N)
  for f in "${files[@]}"; do "$@" "$f" >/dev/null; done
  end=$(date +%s%N)
  echo $((end - start))
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: >"$work/mshow" ; : >"$work/mailparse"
for _ in $(seq "$rounds"); do
  loop mshow -t >>"$work/mshow"
  loop "$mailparse" dump >>"$work/mailparse"
done
mshow_ns=$(median <"$work/mshow")
ours_ns=$(median <"$work/mailparse")
start=$(date +%s%N); "$mailparse" dump "${files[@]}" >/dev/null; end=$(date +%s%N)

awk -v m="$mshow_ns" -v o="$ours_ns" -v n="$count" -v r="$rounds" -v all=$((end - start)) 'BEGIN {
  printf "%d files, %d rounds (medians), load %s\n", n, r, "'"$(cut -d' ' -f1-3 /proc/loadavg)"'"
  printf "mshow -t FILE         %7.3f ms per process\n", m / n / 1e6
  printf "mailparse dump FILE   %7.3f ms per process   ratio %.2f (target <= 1.5)\n", o / n / 1e6, o / m
  printf "mailparse dump FILE…  %7.3f ms per file, one process for all %d\n", all / n / 1e6, n
}'
