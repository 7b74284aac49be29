#!/usr/bin/env bash
# Side-by-side comparison of mailparse with its peers on the same files (DESIGN.md §4).
#
#   Benchmarks/compare.sh [-n ROUNDS] [-o REPORT.md] FILE...
#
# For each FILE, runs every tool ROUNDS times (default 5), alternating tools within a round so that drift on a
# shared machine hits all of them alike, and prints a Markdown table: median wall time, MB/s (10^6 bytes),
# time as a ratio to GMime and to the memchr line scan, and peak RSS (/usr/bin/time -v "Maximum resident set
# size", largest over the rounds), plus median CPU time (user + system) since wall time suffers on a shared machine.
#
# Tools: limits count (memchr newline scan), gmime_parse structure|decode (GMime 3), python_parse.py (Python
# email, policy=default), mailparse stats [--decode] ($MAILPARSE, default the `make release` build; skipped
# with a note when missing or when `stats` fails).
#
# The peers are built from ../shared/peers (next to the repository; override with PEERS_DIR) into a temporary
# directory. Missing system packages (libgmime-3.0-dev, time) are installed with apt-get.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
rounds=5
report=""
usage() { echo "usage: $0 [-n ROUNDS] [-o REPORT.md] FILE..." >&2; exit 64; }
while getopts "n:o:h" opt; do
  case $opt in
    n) rounds=$OPTARG ;;
    o) report=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || usage
for f in "$@"; do [ -r "$f" ] || { echo "cannot read $f" >&2; exit 66; }; done

# --- dependencies ------------------------------------------------------------------------------------------
need=""
pkg-config --exists gmime-3.0 2>/dev/null || need="$need libgmime-3.0-dev"
[ -x /usr/bin/time ] || need="$need time"
command -v pkg-config >/dev/null || need="$need pkg-config"
command -v gcc >/dev/null || need="$need gcc"
if [ -n "$need" ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  echo "installing:$need" >&2
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq $need >&2
fi

peers_src=${PEERS_DIR:-$here/../../shared/peers}
[ -f "$peers_src/build.sh" ] || { echo "peers not found at $peers_src (set PEERS_DIR)" >&2; exit 69; }
work=$(mktemp -d "${TMPDIR:-/tmp}/mailparse-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT
sh "$peers_src/build.sh" "$work/peers" >&2
peers=$work/peers

# The shipped (static) build from `make release`, else a plain `swift build -c release`.
default_bin=$here/../.build/static/release/mailparse
[ -x "$default_bin" ] || default_bin=$here/../.build/release/mailparse
mailparse=${MAILPARSE:-$default_bin}
notes=()

# --- the tools, in the order they alternate --------------------------------------------------------------------
# name|kind|command ("kind" picks the GMime row a tool is compared with: structure or decode). FILE is appended.
tools=(
  "memchr line scan (limits count)|scan|$peers/limits count"
  "GMime structure (gmime_parse structure)|structure|$peers/gmime_parse structure"
  "GMime decode (gmime_parse decode)|decode|$peers/gmime_parse decode"
  "Python email, policy=default|structure|python3 $here/python_parse.py"
)
[ -x "$peers/gmime_parse" ] || { notes+=("gmime_parse did not build: GMime rows missing"); tools=("${tools[0]}" "${tools[3]}"); }
if [ -x "$mailparse" ]; then
  if "$mailparse" stats "$1" >/dev/null 2>&1; then
    tools+=("mailparse stats|structure|$mailparse stats")
    # `stats --decode` is newer than `stats`: probe it on its own so an older binary still gets its stats row.
    if "$mailparse" stats --decode "$1" >/dev/null 2>&1; then
      tools+=("mailparse stats --decode|decode|$mailparse stats --decode")
    else
      notes+=("\`$mailparse stats --decode\` is not supported by this binary: decode row skipped")
    fi
  else
    notes+=("\`$mailparse stats\` failed on $1: mailparse rows skipped")
  fi
else
  notes+=("mailparse binary not found at \`$mailparse\` (build with \`swift build -c release\` or set MAILPARSE): mailparse rows skipped")
fi

now_ns() { date +%s%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
out() { if [ -n "$report" ]; then tee -a "$report"; else cat; fi; }
[ -z "$report" ] || : > "$report"

{
  echo "## mailparse vs peers — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg) at start."
  echo "Each tool ran $rounds times per file, alternating; median wall time (file in page cache)."
  for n in "${notes[@]+"${notes[@]}"}"; do echo; echo "> Note: $n"; done
} | out

for file in "$@"; do
  bytes=$(stat -c %s "$file")
  cat "$file" > /dev/null  # into the page cache before the first timing
  declare -A times=() cpus=() rss=() counts=()
  for ((round = 1; round <= rounds; round++)); do
    for entry in "${tools[@]}"; do
      IFS='|' read -r name kind cmd <<< "$entry"
      start=$(now_ns)
      /usr/bin/time -v -o "$work/time" $cmd "$file" > "$work/stdout" 2> "$work/stderr" || {
        echo "$name failed on $file:" >&2; cat "$work/stderr" >&2; exit 70; }
      end=$(now_ns)
      times[$name]+="$(( end - start )) "
      cpus[$name]+="$(awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.0f", t * 1e9 }' "$work/time") "
      kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time")
      [ "${rss[$name]:-0}" -ge "$kb" ] || rss[$name]=$kb
      [ -n "${counts[$name]:-}" ] || counts[$name]=$(head -c 300 "$work/stdout" | head -n 1)
    done
    echo "round $round/$rounds done ($file)" >&2
  done

  median_s() { tr ' ' '\n' <<< "${times[$1]}" | grep . | median | awk '{ printf "%.6f", $1 / 1e9 }'; }
  median_cpu() { tr ' ' '\n' <<< "${cpus[$1]}" | grep . | median | awk '{ printf "%.6f", $1 / 1e9 }'; }
  scan_s=$(median_s "${tools[0]%%|*}")
  gmime_structure_s="" gmime_decode_s=""
  for entry in "${tools[@]}"; do
    IFS='|' read -r name kind cmd <<< "$entry"
    [ "$name" != "GMime structure (gmime_parse structure)" ] || gmime_structure_s=$(median_s "$name")
    [ "$name" != "GMime decode (gmime_parse decode)" ] || gmime_decode_s=$(median_s "$name")
  done
  {
    echo
    echo "### $(basename "$file") — $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB (%d bytes)", b / 1e6, b }')"
    echo
    echo "| Tool | median s | MB/s | time ÷ GMime | time ÷ memchr | CPU s | MB/s (CPU) | peak RSS MB | output |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
    for entry in "${tools[@]}"; do
      IFS='|' read -r name kind cmd <<< "$entry"
      s=$(median_s "$name")
      ref=""
      case $kind in
        structure) ref=$gmime_structure_s ;;
        decode) ref=$gmime_decode_s ;;
      esac
      awk -v n="$name" -v s="$s" -v cpu="$(median_cpu "$name")" -v b="$bytes" -v g="$ref" -v m="$scan_s" -v r="${rss[$name]}" -v c="${counts[$name]}" 'BEGIN {
        gm = (g == "" || g == 0) ? "–" : sprintf("%.2f", s / g)
        mc = (cpu > 0) ? sprintf("%.1f", b / 1e6 / cpu) : "–"
        printf "| %s | %.3f | %.1f | %s | %.1f | %.2f | %s | %.1f | `%s` |\n", n, s, b / 1e6 / s, gm, s / m, cpu, mc, r / 1024, c }'
    done
    echo
    echo "time ÷ GMime: structure rows against \`gmime_parse structure\`, decode rows against \`gmime_parse decode\` (< 1 is faster than GMime)."
    echo "CPU s: median user + system time (/usr/bin/time, 10 ms resolution); less disturbed than wall time when the machine is shared."
    echo "Peak RSS includes the mmapped input for limits and gmime_parse (their pages count as resident)."
  } | out
  unset times cpus rss counts
done
