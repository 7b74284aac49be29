#!/usr/bin/env bash
# `make fuzz-smoke`: every target for SECONDS each (default 45; four targets ≈ 3 min plus the
# build). Fails on the first crash, ASan report, timeout or out-of-memory.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-45}"
for target in reader message headers mbox; do
  echo "== fuzz-smoke: $target (${seconds}s)"
  log="$(mktemp)"
  if ! "$here/run.sh" "$target" "$seconds" >"$log" 2>&1; then
    tail -60 "$log"; rm -f "$log"
    echo "fuzz-smoke: $target FAILED; the input is in Fuzz/runs/$target/" >&2
    exit 1
  fi
  grep -E '^stat::number_of_executed_units|^#[0-9]+ +DONE' "$log" || true
  rm -f "$log"
done
echo "fuzz-smoke: all targets clean"
