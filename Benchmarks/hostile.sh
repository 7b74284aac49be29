#!/usr/bin/env bash
# Hostile scaling benchmark (DESIGN.md §3, "Hostile input"): each hostile family is generated at
# size n and 8n; the release CLI runs `stats --json` and `headers --json` on each under
# /usr/bin/time -v. Passes when 8× the input costs at most 12× the CPU time (user + sys, the best
# of REPEAT runs; CPU rather than wall clock because the machines are shared) and peak RSS stays
# within 256 MiB. Wall-clock times are printed too.
#
#   swift build -c release && Benchmarks/hostile.sh [OUTDIR]     # inputs go to OUTDIR (default /tmp/mailparse-hostile)
#   REPEAT=5 MAILPARSE=path/to/mailparse Benchmarks/hostile.sh
#
# Exits 1 when any row fails. Times of a few ms are mostly process start-up (~5 ms), so ratios of
# small inputs understate the growth; a quadratic path still shows as a ratio near 64.
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

# measure FILE ARGS...: prints "cpu wall peak_rss_kib": the best CPU time (user + sys, from wait4,
# microsecond resolution; /usr/bin/time's own figures have 10 ms) and best wall-clock time of
# $repeat runs, and the largest peak RSS that /usr/bin/time -v reports.
measure() {
  python3 - "$repeat" "$bin" "$@" <<'PY'
import os, re, subprocess, sys, time
repeat, cmd = int(sys.argv[1]), sys.argv[2:]
best_cpu = best_wall = None; rss = 0
for _ in range(repeat):
    t0 = time.monotonic()
    p = subprocess.Popen(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    if status != 0:
        sys.stderr.write("FAILED: %s\n%s" % (" ".join(cmd), err[-500:]))
    cpu = usage.ru_utime + usage.ru_stime
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    rss = max(rss, int(m.group(1)) if m else 0)
    best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    best_wall = wall if best_wall is None else min(best_wall, wall)
print("%.4f %.4f %d" % (best_cpu, best_wall, rss))
PY
}

families=("nesting 500" "rfc822 500" "parts 10000" "headerline 4000000" "addresses 10000" "fields 10000")
status=0
printf '%-11s %-15s %10s %10s %8s %8s %7s %8s %8s %9s %9s  %s\n' family command "n bytes" "8n bytes" "cpu(n)" "cpu(8n)" ratio "wall(n)" "wall(8n)" "RSS n" "RSS 8n" verdict
for entry in "${families[@]}"; do
  set -- $entry; family=$1; n=$2
  small="$out/$family-$n.eml"; large="$out/$family-$((8 * n)).eml"
  [ -f "$small" ] || gen "$family" "$n" "$small"
  [ -f "$large" ] || gen "$family" "$((8 * n))" "$large"
  for command in "stats --json" "headers --json"; do
    read -r t1 w1 r1 < <(measure $command "$small")
    read -r t8 w8 r8 < <(measure $command "$large")
    # CPU seconds, t(n) floored at 10 ms so start-up noise cannot fake a large ratio.
    ratio=$(echo "scale=2; if ($t1 < 0.01) $t8 / 0.01 else $t8 / $t1" | bc -l)
    verdict=ok
    if [ "$(echo "$ratio > $max_ratio" | bc -l)" = 1 ]; then verdict="FAIL (ratio)"; status=1; fi
    if [ "$r8" -gt "$max_rss_kib" ]; then verdict="FAIL (RSS)"; status=1; fi
    printf '%-11s %-15s %10d %10d %8.3f %8.3f %6.1fx %8.3f %8.3f %7dMi %7dMi  %s\n' "$family" "$command" \
      "$(stat -c %s "$small")" "$(stat -c %s "$large")" "$t1" "$t8" "$ratio" "$w1" "$w8" \
      $((r1 / 1024)) $((r8 / 1024)) "$verdict"
  done
done
echo "(best of $repeat runs; cpu = user+sys seconds of the whole process, start-up included; ratio = cpu(8n)/cpu(n), cpu(n) floored at 10 ms; limits ${max_ratio}x and 256 MiB)"
exit $status
