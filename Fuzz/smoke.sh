#!/usr/bin/env bash
# `make fuzz-smoke`: every target briefly. The four structural targets (reader, message, headers,
# mbox) get MAIN seconds each (default 20), the grammar and codec targets OTHER seconds each
# (default 10): 4 × 20 + 13 × 10 ≈ 3.5 min plus the build. Fails on the first crash, ASan
# report, timeout or out-of-memory, and prints the total fuzzing time at the end.
#
#   Fuzz/smoke.sh [MAIN] [OTHER]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
main="${1:-20}"; other="${2:-10}"
start=$(date +%s)
while read -r target; do
  case "$target" in reader|message|headers|mbox) seconds=$main ;; *) seconds=$other ;; esac
  echo "== fuzz-smoke: $target (${seconds}s)"
  log="$(mktemp)"
  if ! "$here/run.sh" "$target" "$seconds" >"$log" 2>&1; then
    tail -60 "$log"; rm -f "$log"
    echo "fuzz-smoke: $target FAILED; the input is in Fuzz/runs/$target/" >&2
    exit 1
  fi
  grep -E '^stat::number_of_executed_units' "$log" || true
  rm -f "$log"
done < "$here/targets.txt"
echo "fuzz-smoke: all targets clean ($(( $(date +%s) - start )) s including the build)"
