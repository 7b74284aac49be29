#!/usr/bin/env bash
# Hostile scaling benchmark (DESIGN.md §3, "Hostile input"): each hostile family is generated at
# size n and 8n; the release CLI runs `stats --json` and `headers --json` on each under
# /usr/bin/time -v. Passes when 8× the input costs at most 12× the CPU time (user + sys, the best
# of REPEAT runs, so a busy shared machine skews less) and peak RSS stays within 256 MiB.
#
#   swift build -c release && Benchmarks/hostile.sh [OUTDIR]     # inputs go to OUTDIR (default /tmp/mailparse-hostile)
#   REPEAT=5 MAILPARSE=path/to/mailparse Benchmarks/hostile.sh
#
# Exits 1 when any row fails. Times under ~20 ms are mostly process start-up, so small-input
# ratios understate the growth; the families are sized so that the 8n inputs take real work.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-/tmp/mailparse-hostile}"
bin="${MAILPARSE:-$root/.build/release/mailparse}"
repeat="${REPEAT:-3}"
max_ratio=12
max_rss_kib=$((256 * 1024))
[ -x "$bin" ] || { echo "no $bin: run 'swift build -c release' first" >&2; exit 1; }
mkdir -p "$out"

# gen FAMILY N FILE: one hostile message (deterministic).
gen() {
  python3 - "$1" "$2" "$3" <<'PY'
import sys
family, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
w = []
if family == "nesting":            # n multiparts nested in one another
    w.append("From: a@example.com\nMIME-Version: 1.0\n")
    for i in range(n):
        w.append(f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n')
    w.append("Content-Type: text/plain\n\nbottom\n")
    w.extend(f"--b{i}--\n" for i in reversed(range(n)))
elif family == "rfc822":           # n message/rfc822 parts nested in one another
    w.extend(f"Subject: level {i}\nContent-Type: message/rfc822\n\n" for i in range(n))
    w.append("Subject: bottom\n\nbottom\n")
elif family == "parts":            # one multipart with n parts
    w.append("From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n")
    w.extend("--b\nContent-Type: text/plain\n\nx\n" for _ in range(n))
    w.append("--b--\n")
elif family == "headerline":       # a Subject line of n bytes
    w.append("Subject: " + "a" * n + "\nFrom: a@example.com\n\nbody\n")
elif family == "addresses":        # n addresses in one To:
    w.append("From: a@example.com\nTo: " + ", ".join(f'"User {i}" <u{i}@example.com>' for i in range(n)) + "\n\nbody\n")
elif family == "fields":           # n header fields
    w.append("From: a@example.com\n")
    w.extend(f"X-Field-{i}: value {i}\n" for i in range(n))
    w.append("\nbody\n")
else:
    raise SystemExit("unknown family " + family)
open(path, "w").write("".join(w))
PY
}

# measure FILE ARGS...: prints "cpu_seconds peak_rss_kib" (best CPU of $repeat runs, max RSS).
measure() {
  local file="$1"; shift
  local best="" rss=0 log; log="$(mktemp)"
  for _ in $(seq "$repeat"); do
    /usr/bin/time -v "$bin" "$@" "$file" >/dev/null 2>"$log" || { echo "FAILED: $bin $* $file" >&2; tail -5 "$log" >&2; }
    local u s r
    u=$(awk -F': ' '/User time/ {print $2}' "$log"); s=$(awk -F': ' '/System time/ {print $2}' "$log")
    r=$(awk -F': ' '/Maximum resident/ {print $2}' "$log")
    local t; t=$(echo "$u + $s" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    [ "$r" -gt "$rss" ] && rss=$r
  done
  rm -f "$log"
  echo "$best $rss"
}

families=("nesting 500" "rfc822 500" "parts 10000" "headerline 4000000" "addresses 10000" "fields 10000")
status=0
printf '%-11s %-15s %10s %10s %9s %9s %7s %9s %9s  %s\n' family command "n bytes" "8n bytes" "t(n) s" "t(8n) s" ratio "RSS n" "RSS 8n" verdict
for entry in "${families[@]}"; do
  set -- $entry; family=$1; n=$2
  small="$out/$family-$n.eml"; large="$out/$family-$((8 * n)).eml"
  [ -f "$small" ] || gen "$family" "$n" "$small"
  [ -f "$large" ] || gen "$family" "$((8 * n))" "$large"
  for command in "stats --json" "headers --json"; do
    read -r t1 r1 < <(measure "$small" $command)
    read -r t8 r8 < <(measure "$large" $command)
    ratio=$(echo "scale=2; if ($t1 < 0.01) $t8 / 0.01 else $t8 / $t1" | bc -l)
    verdict=ok
    if [ "$(echo "$ratio > $max_ratio" | bc -l)" = 1 ]; then verdict="FAIL (ratio)"; status=1; fi
    if [ "$r8" -gt "$max_rss_kib" ]; then verdict="FAIL (RSS)"; status=1; fi
    printf '%-11s %-15s %10d %10d %9.3f %9.3f %6.1fx %7dMi %7dMi  %s\n' "$family" "$command" \
      "$(stat -c %s "$small")" "$(stat -c %s "$large")" "$t1" "$t8" "$ratio" $((r1 / 1024)) $((r8 / 1024)) "$verdict"
  done
done
echo "(time: best-of-$repeat user+sys CPU seconds; ratio t(8n)/t(n) with t(n) floored at 10 ms; limits ${max_ratio}x and 256 MiB)"
exit $status
